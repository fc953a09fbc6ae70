"""Interview dates in the data file: added, listed soonest first, removed, kept on reopening."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from aipm_desktop.core.plan import DEFAULT_MINUTES_PER_DAY
from aipm_desktop.storage import Store
from aipm_desktop.storage.migrations import MIGRATION_NAMES
from tests.unit.storage.test_store import T0, new_attempt


def test_add_list_and_remove() -> None:
    with Store.open_memory() as store:
        later = store.add_interview(
            date(2027, 2, 1),
            T0,
            title=" Staff PM ",
            company="Acme",
            role="AI PM",
            packs=["core", "core"],
            categories=["Metrics"],
            minutes_per_day=45,
        )
        sooner = store.add_interview(date(2027, 1, 14), T0)

        listed = store.interviews()

        assert [i.id for i in listed] == [sooner.id, later.id]
        assert listed[1].title == "Staff PM"
        assert (listed[1].company, listed[1].role) == ("Acme", "AI PM")
        assert listed[1].packs == ("core",)
        assert listed[1].categories == ("Metrics",)
        assert listed[1].minutes_per_day == 45
        assert listed[0].minutes_per_day == DEFAULT_MINUTES_PER_DAY
        assert listed[0].label == "Interview on 2027-01-14"
        assert store.remove_interview(sooner.id)
        assert not store.remove_interview(sooner.id)
        assert [i.id for i in store.interviews()] == [later.id]


@pytest.mark.parametrize("minutes", [0, -5, 1441])
def test_a_bad_daily_budget_is_refused(minutes: int) -> None:
    with Store.open_memory() as store:
        with pytest.raises(ValueError, match="minutes per day"):
            store.add_interview(date(2027, 1, 14), T0, minutes_per_day=minutes)
        assert store.interviews() == []


def test_interviews_survive_reopening_and_attempts_are_untouched(tmp_path: Path) -> None:
    path = tmp_path / "aipm.sqlite3"
    with Store.open(path) as store:
        store.record_attempt(new_attempt("q1"))
        added = store.add_interview(date(2027, 1, 14), T0, title="Ünïcode 🎯")
    with Store.open(path) as store:
        assert store.interviews() == [added]
        assert store.attempt_count() == 1


def test_the_migration_adds_the_table_to_an_older_file(tmp_path: Path) -> None:
    """A file without the step gets the empty table; its attempts stay."""
    path = tmp_path / "aipm.sqlite3"
    with Store.open(path) as store:
        store.record_attempt(new_attempt("q1"))
    step = "0005_interviews"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("drop table interviews")
        conn.execute("delete from _sqlite_migrations where name = ?", [step])
        conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(step)}")
    with Store.open(path) as store:
        assert store.interviews() == []
        assert store.attempt_count() == 1


def test_seconds_practised_since_counts_only_later_attempts() -> None:
    with Store.open_memory() as store:
        store.record_attempt(new_attempt("q1", minutes=0, seconds_used=60.0))
        store.record_attempt(new_attempt("q2", minutes=30, seconds_used=90.0))
        assert store.seconds_practised_since(T0 + timedelta(minutes=10)) == 90.0
        assert store.seconds_practised_since(T0 + timedelta(days=1)) == 0.0
