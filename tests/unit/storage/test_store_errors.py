"""Storage raises its own errors: `StoreError` and `NotFound`, never sqlite3's or KeyError."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.session import SessionStatus
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.storage import CorruptDatabaseError, NotFound, Store, StoreError
from aipm_desktop.storage.export_rows import export_rows
from aipm_desktop.storage.stats import compute_dashboard
from aipm_desktop.storage.store import attempt_summaries

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def new_attempt(question_id: str = "q1") -> NewAttempt:
    return NewAttempt(
        question_id=question_id,
        pack_id="core",
        pack_version="1",
        started_at=T0,
        ended_at=T0,
        seconds_used=60.0,
        time_limit_seconds=300,
        overtime_seconds=0.0,
        answer="An answer.",
        revealed_before_submit=False,
        key_points_total=3,
        time_up_mode=TimeUpMode.SOFT,
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "aipm.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    with Store.open(path) as store:
        yield store


def test_every_public_store_method_is_guarded() -> None:
    public = {
        name: member
        for name, member in vars(Store).items()
        if not name.startswith("_") and (callable(member) or isinstance(member, property))
    }
    unguarded = []
    for name, member in public.items():
        function = member.fget if isinstance(member, property) else member
        function = getattr(function, "__func__", function)  # classmethods
        if not getattr(function, "__guarded__", False):
            unguarded.append(name)
    assert len(public) > 30
    assert unguarded == []


def test_a_missing_attempt_or_session_is_not_found(store: Store) -> None:
    for call in (
        lambda: store.attempt(42),
        lambda: store.set_rating(42, Rating.GOOD, T0),
        lambda: store.set_key_points(42, ["x"]),
        lambda: store.session(7),
        lambda: store.set_session_status(7, SessionStatus.ABANDONED),
        lambda: store.save_session(7, {}, pause_count=0, paused_seconds=0.0),
    ):
        with pytest.raises(NotFound, match="is not in the data file"):
            call()


def test_not_found_is_a_store_error_and_no_key_error(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        store.attempt(1)
    assert not isinstance(caught.value, KeyError)


def test_a_closed_store_raises_store_error_for_reads_writes_and_properties(path: Path) -> None:
    store = Store.open(path)
    store.close()
    for call in (
        store.attempt_count,
        store.question_stats,
        store.review_states,
        lambda: store.record_attempt(new_attempt()),
        lambda: store.change_count,
    ):
        with pytest.raises(StoreError, match="closed"):
            call()


def test_a_locked_store_raises_store_error_with_a_plain_message(path: Path) -> None:
    with Store.open(path) as store:
        store._connection.execute("PRAGMA busy_timeout = 0")
        with closing(sqlite3.connect(path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreError, match="busy: another program") as caught:
                store.record_attempt(new_attempt())
            other.execute("ROLLBACK")
        assert isinstance(caught.value.__cause__, sqlite3.Error)
        assert store.record_attempt(new_attempt()).id == 1


def test_a_file_damaged_while_open_raises_corrupt_database_error(store: Store, path: Path) -> None:
    for number in range(200):
        store.record_attempt(new_attempt(f"q{number}"))
    store._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # every page after the first
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="damaged"), store.reader() as db:
        attempt_summaries(db)


def test_errors_inside_a_reader_block_are_store_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="no such table"), store.reader() as db:
        db.execute("select * from no_such_table")


def test_statistics_and_export_rows_convert_errors(tmp_path: Path) -> None:
    from sqlite_utils import Database

    empty = Database(sqlite3.connect(tmp_path / "empty.sqlite3"))
    with pytest.raises(StoreError):
        compute_dashboard(empty, {}, now=T0, range_days=7)
    with pytest.raises(StoreError):
        list(export_rows(empty, {}))
