"""The data file's schema, its version checks, and refusing files we must not touch."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlite_utils import Database

from aipm_desktop.storage import SCHEMA_VERSION, NewerDatabaseError, Store, StoreError
from aipm_desktop.storage.migrations import MIGRATION_NAMES, MIGRATIONS, migrate

ATTEMPT_COLUMNS = {
    "id": "INTEGER",
    "question_id": "TEXT",
    "pack_id": "TEXT",
    "pack_version": "TEXT",
    "started_at": "TEXT",
    "ended_at": "TEXT",
    "seconds_used": "REAL",
    "time_limit_seconds": "INTEGER",
    "overtime_seconds": "REAL",
    "answer": "TEXT",
    "revealed_before_submit": "INTEGER",
    "key_points_ticked": "TEXT",
    "key_points_total": "INTEGER",
    "rating": "INTEGER",
    "rated_at": "TEXT",
    "time_up_mode": "TEXT",
    "pause_count": "INTEGER",
    "paused_seconds": "REAL",
    "auto_submitted": "INTEGER",
    "session_id": "INTEGER",
    "answer_mode": "TEXT",
    "transcript": "TEXT",
    "audio_file": "TEXT",
}
DRAFT_COLUMNS = {
    "question_id": "TEXT",
    "pack_id": "TEXT",
    "text": "TEXT",
    "elapsed_seconds": "REAL",
    "started_at": "TEXT",
    "updated_at": "TEXT",
    "revealed_before_submit": "INTEGER",
    "pause_count": "INTEGER",
    "paused_seconds": "REAL",
}


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that commits on success and is always closed."""
    with closing(sqlite3.connect(path)) as conn, conn:
        yield conn


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """Everything that would show a change: bytes, mtime and sibling files."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


def make_data_file(path: Path) -> None:
    """A current data file, switched back to rollback-journal mode."""
    Store.open(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")


def test_schema_version_counts_the_steps() -> None:
    assert MIGRATION_NAMES[0] == "0001_initial"
    assert len(MIGRATION_NAMES) == SCHEMA_VERSION
    with Database(memory=True, execute_plugins=False) as db:
        assert [m.name for m in MIGRATIONS.pending(db)] == MIGRATION_NAMES


def test_fresh_file_gets_tables_columns_index_and_version(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "aipm.db"
    Store.open(path).close()

    with closing(Database(path, execute_plugins=False)) as db:
        assert {"attempts", "drafts", "_sqlite_migrations"} <= set(db.table_names())
        attempts, drafts = db.table("attempts"), db.table("drafts")
        assert {c.name: c.type for c in attempts.columns} == ATTEMPT_COLUMNS
        assert {c.name: c.type for c in drafts.columns} == DRAFT_COLUMNS
        assert attempts.pks == ["id"]
        assert drafts.pks == ["question_id"]
        assert sorted(tuple(i.columns) for i in attempts.indexes) == [
            ("question_id", "started_at"),
            ("session_id",),
            (
                "started_at",
                "question_id",
                "rating",
                "key_points_total",
                "key_points_ticked_count",
                "seconds_used",
                "time_limit_seconds",
                "overtime_seconds",
            ),
        ]
        assert db.table("review_state").pks == ["question_id"]
        if db.supports_strict:
            assert attempts.strict
            assert drafts.strict
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        applied = [m.name for m in MIGRATIONS.applied(db)]
        assert applied == MIGRATION_NAMES


def test_columns_have_not_null_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    Store.open(path).close()
    with closing(Database(path, execute_plugins=False)) as db:
        info = {r[1]: r for r in db.execute("PRAGMA table_info(attempts)").fetchall()}
    nullable = {name for name, r in info.items() if not r[3]}
    # id is the rowid, never NULL; session_id is NULL for answers outside a session;
    # a typed answer has no transcript or recording.
    assert nullable == {"id", "rating", "rated_at", "session_id", "transcript", "audio_file"}
    assert info["answer_mode"][4] == "'type'"
    assert info["key_points_ticked"][4] == "'[]'"
    assert info["auto_submitted"][4] == "0"


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    Store.open(path).close()
    with closing(Database(path, execute_plugins=False)) as db:
        schema = db.schema
        changes = db.conn.total_changes
        migrate(db)
        migrate(db)
        assert db.schema == schema
        assert db.conn.total_changes == changes
        assert len(MIGRATIONS.applied(db)) == SCHEMA_VERSION

    Store.open(path).close()  # reopening is fine too
    with closing(Database(path, execute_plugins=False)) as db:
        assert db.schema == schema


def test_memory_store_is_migrated() -> None:
    with Store.open_memory() as store:
        assert store.path is None
        assert store._database.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_user_version_is_refused_without_touching_the_file(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    make_data_file(path)
    with raw(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 2}")
    before = snapshot(path)

    with pytest.raises(NewerDatabaseError) as info:
        Store.open(path)

    message = str(info.value)
    assert f"format {SCHEMA_VERSION + 2}" in message
    assert f"understands up to {SCHEMA_VERSION}" in message
    assert "Please update the app" in message
    assert "has not been changed" in message
    assert snapshot(path) == before


def test_newer_file_without_our_migrations_table_is_refused(tmp_path: Path) -> None:
    """A newer app is checked before the migrations table would be created."""
    path = tmp_path / "aipm.db"
    with raw(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.execute("CREATE TABLE future (x)")
    before = snapshot(path)

    with pytest.raises(NewerDatabaseError):
        Store.open(path)

    assert snapshot(path) == before


def test_unknown_migration_name_is_refused_without_touching_the_file(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    make_data_file(path)
    with raw(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["aipm_desktop", "9999_from_the_future", "2030-01-01 00:00:00+00:00"],
        )
    before = snapshot(path)

    with pytest.raises(NewerDatabaseError, match="newer version of AIPM Desktop"):
        Store.open(path)

    assert snapshot(path) == before


def test_other_migration_sets_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    make_data_file(path)
    with raw(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["some_plugin", "0001_whatever", "2030-01-01 00:00:00+00:00"],
        )
    Store.open(path).close()


def test_garbage_file_is_refused_without_touching_it(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    path.write_bytes(b"this is not a database\n" * 200)
    before = snapshot(path)

    with pytest.raises(StoreError, match="not an AIPM Desktop data file") as info:
        Store.open(path)

    assert not isinstance(info.value, NewerDatabaseError)
    assert snapshot(path) == before


def test_other_programs_database_is_refused_without_touching_it(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    with raw(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    before = snapshot(path)

    with pytest.raises(StoreError, match="some other program"):
        Store.open(path)

    assert snapshot(path) == before


def test_empty_file_becomes_a_data_file(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    path.touch()
    with Store.open(path) as store:
        assert store.attempt_count() == 0


def test_connection_settings(tmp_path: Path) -> None:
    with Store.open(tmp_path / "aipm.db") as store:
        db = store._database
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
