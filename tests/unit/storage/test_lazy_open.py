"""Opening an up-to-date data file needs only sqlite3; sqlite-utils loads for writing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.storage import SCHEMA_VERSION, NewerDatabaseError, Store
from aipm_desktop.storage.migrations import MIGRATION_SET_NAME, is_up_to_date

WHEN = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)

CHILD = """
import sys
from pathlib import Path
from aipm_desktop.storage import Store
store = Store.open(Path(sys.argv[1]))
drafts = store.draft_for("q1"), store.attempts_for("q1")
print("read", "sqlite_utils" in sys.modules, len(drafts[1]))
store.set_key_points(drafts[1][0].id, ["one"])
print("wrote", "sqlite_utils" in sys.modules, store.attempt(drafts[1][0].id).key_points_ticked)
store.close()
"""


def attempt() -> NewAttempt:
    return NewAttempt(
        question_id="q1",
        pack_id="p",
        pack_version="1",
        started_at=WHEN,
        ended_at=WHEN,
        seconds_used=30.0,
        time_limit_seconds=60,
        overtime_seconds=0.0,
        answer="An answer.",
        revealed_before_submit=False,
        key_points_total=2,
        time_up_mode=TimeUpMode.SOFT,
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "aipm.sqlite3"


def test_an_up_to_date_file_opens_and_reads_without_sqlite_utils(path: Path) -> None:
    with Store.open(path) as store:
        store.record_attempt(attempt())

    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["read False 1", "wrote True ('one',)"]


def test_is_up_to_date_only_for_exactly_this_versions_steps(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        assert not is_up_to_date(conn)  # a new, empty file
    Store.open(path).close()
    with closing(sqlite3.connect(path)) as conn:
        assert is_up_to_date(conn)
        with conn:
            conn.execute(
                "insert into _sqlite_migrations (migration_set, name, applied_at) "
                "values (?, '9999_from_the_future', '')",
                [MIGRATION_SET_NAME],
            )
        assert not is_up_to_date(conn)


def test_a_newer_file_is_still_refused_and_left_alone(path: Path) -> None:
    Store.open(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError):
        Store.open(path)
    assert path.read_bytes() == before


def test_the_fast_open_still_sets_wal_and_full_sync(path: Path) -> None:
    Store.open(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = delete")
    with Store.open(path) as store:
        conn = store._connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
