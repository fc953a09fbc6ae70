"""The user's own time limits in the data file: set, changed, reset, kept on reopening,
refused out of range, and added to an older file by a named migration."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from aipm_desktop.storage import Store, StoreError
from aipm_desktop.storage.migrations import MIGRATION_NAMES
from tests.unit.storage.test_store import new_attempt


def test_set_change_and_reset(tmp_path: Path) -> None:
    path = tmp_path / "aipm.sqlite3"
    with Store.open(path) as store:
        assert store.own_time_limits() == {}
        store.set_own_time_limit("q1", 120)
        store.set_own_time_limit("q2", 600)
        store.set_own_time_limit("q1", 90)
        assert store.own_time_limits() == {"q1": 90, "q2": 600}
    with Store.open(path) as store:
        assert store.own_time_limits() == {"q1": 90, "q2": 600}
        store.set_own_time_limit("q2", None)  # back to the pack's limit
        store.set_own_time_limit("never-set", None)
        assert store.own_time_limits() == {"q1": 90}


@pytest.mark.parametrize("seconds", [0, 9, 7201])
def test_out_of_range_is_refused(seconds: int) -> None:
    with Store.open_memory() as store, pytest.raises(StoreError):
        store.set_own_time_limit("q1", seconds)


def test_the_migration_adds_the_table_to_an_older_file(tmp_path: Path) -> None:
    path = tmp_path / "aipm.sqlite3"
    with Store.open(path) as store:
        store.record_attempt(new_attempt("q1"))
    step = "0008_own_time_limits"
    assert step in MIGRATION_NAMES  # later steps (0009_spoken_answers) stay applied
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("drop table own_time_limits")
        conn.execute("delete from _sqlite_migrations where name = ?", [step])
        conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(step)}")
    with Store.open(path) as store:
        assert store.own_time_limits() == {}
        assert store.attempt_count() == 1
        store.set_own_time_limit("q1", 60)
        assert store.own_time_limits() == {"q1": 60}
