"""Backups are real, checked copies; restoring one replaces the data file safely."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from aipm_desktop.storage import Store, StoreError, backup, migrations, store
from aipm_desktop.storage.backup import (
    BackupError,
    backup_name,
    backups_folder,
    create_backup,
    integrity_problems,
    list_backups,
    newest_good_backup,
    parse_backup_name,
    restore_backup,
    thin_backups,
)
from tests.unit.storage.test_store import new_attempt

NOW = datetime(2026, 11, 27, 10, 15, 0, tzinfo=UTC)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "aipm.sqlite3"


@pytest.fixture
def open_store(data_file: Path) -> Iterator[Store]:
    with Store.open(data_file) as opened:
        opened.record_attempt(new_attempt(answer="first"))
        yield opened


def answers(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("select answer from attempts order by id")]


def test_backup_of_an_open_store_is_a_checked_copy(open_store: Store, data_file: Path) -> None:
    info = create_backup(data_file, NOW)

    assert info.path == backups_folder(data_file) / "aipm-2026-11-27T10-15-00Z.sqlite3"
    assert info.size == info.path.stat().st_size > 0
    assert integrity_problems(info.path) == []
    assert answers(info.path) == ["first"]
    # One self-contained file: no write-ahead log, nothing half-written beside it.
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]


def test_backup_sees_writes_still_in_the_write_ahead_log(
    open_store: Store, data_file: Path
) -> None:
    open_store.record_attempt(new_attempt(answer="second"))
    assert Path(f"{data_file}-wal").stat().st_size > 0

    info = create_backup(data_file, NOW)

    assert answers(info.path) == ["first", "second"]


def test_two_backups_in_one_second_get_distinct_names(open_store: Store, data_file: Path) -> None:
    first = create_backup(data_file, NOW)
    second = create_backup(data_file, NOW, reason="manual")
    assert first.path != second.path
    assert [b.path for b in list_backups(data_file)] == [second.path, first.path]
    assert list_backups(data_file)[0].reason == "manual"


def test_backup_name_round_trip() -> None:
    name = backup_name(NOW, "before-migration", 2)
    assert name == "aipm-2026-11-27T10-15-00Z-2-before-migration.sqlite3"
    assert parse_backup_name(name) == (NOW, "before-migration")
    assert parse_backup_name("aipm-2026-13-40T10-15-00Z.sqlite3") is None
    assert parse_backup_name("notes.txt") is None


def test_a_backup_that_fails_its_check_is_not_kept(
    open_store: Store, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damage_the_copy(source: Path, target: Path, hook: object) -> None:
        real_copy(source, target, None)
        with target.open("r+b") as handle:  # wreck every page after the header
            handle.seek(1024)
            handle.write(b"\xff" * (target.stat().st_size - 1024))

    real_copy = backup._copy_database
    monkeypatch.setattr(backup, "_copy_database", damage_the_copy)

    with pytest.raises(BackupError, match="failed its check and was not kept"):
        create_backup(data_file, NOW)

    assert list(backups_folder(data_file).iterdir()) == []


def test_missing_data_file_cannot_be_backed_up(data_file: Path) -> None:
    with pytest.raises(BackupError, match="no data file"):
        create_backup(data_file, NOW)


def test_leftover_partial_file_is_never_listed_and_thinning_removes_old_ones(
    open_store: Store, data_file: Path
) -> None:
    good = create_backup(data_file, NOW)
    leftover = good.path.with_name("aipm-2026-11-27T11-00-00Z.sqlite3.partial")
    leftover.write_bytes(b"half a backup")
    in_progress = good.path.with_name("aipm-2026-11-27T11-30-00Z.sqlite3.partial")
    in_progress.write_bytes(b"being written right now")
    an_hour_ago = time.time() - backup.STALE_PARTIAL_SECONDS - 1
    os.utime(leftover, (an_hour_ago, an_hour_ago))

    assert list_backups(data_file) == [good]
    thin_backups(data_file, NOW)

    assert not leftover.exists()
    assert in_progress.exists(), "a backup still being written is left alone"
    assert list_backups(data_file) == [good]


def test_newest_good_backup_skips_damaged_ones(open_store: Store, data_file: Path) -> None:
    good = create_backup(data_file, NOW)
    damaged = create_backup(data_file, NOW + timedelta(hours=1))
    damaged.path.write_bytes(b"garbage" * 1000)

    assert newest_good_backup(data_file) == good


def test_thinning_deletes_what_the_policy_does_not_keep(open_store: Store, data_file: Path) -> None:
    made = [create_backup(data_file, NOW - timedelta(days=d, hours=1)) for d in range(30)]
    deleted = thin_backups(data_file, NOW)
    left = {b.path for b in list_backups(data_file)}
    assert left.isdisjoint(deleted)
    assert left | set(deleted) == {m.path for m in made}
    assert made[0].path in left
    assert 12 < len(left) < 30


def test_restore_backs_up_the_current_file_then_replaces_it(
    open_store: Store, data_file: Path
) -> None:
    old = create_backup(data_file, NOW)
    open_store.record_attempt(new_attempt(answer="second"))
    open_store.close()

    saved = restore_backup(old.path, data_file, NOW + timedelta(minutes=5))

    assert saved is not None
    assert saved.reason == "before-restore"
    assert answers(saved.path) == ["first", "second"]
    assert not Path(f"{data_file}-wal").exists()
    with Store.open(data_file) as restored:
        assert [a.answer for a in restored.attempts_for("q1")] == ["first"]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    open_store: Store, data_file: Path, tmp_path: Path
) -> None:
    open_store.close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    before = data_file.read_bytes()

    with pytest.raises(BackupError, match="damaged"):
        restore_backup(bad, data_file, NOW)

    assert data_file.read_bytes() == before
    assert list_backups(data_file) == []


def test_restore_refuses_another_programs_database(data_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("create table contacts (name text)")
    with pytest.raises(BackupError, match="not an AIPM Desktop backup"):
        restore_backup(other, data_file, NOW)
    assert not data_file.exists()


def test_restore_refuses_a_backup_from_a_newer_version(open_store: Store, data_file: Path) -> None:
    newer = create_backup(data_file, NOW)
    with closing(sqlite3.connect(newer.path)) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(BackupError, match="newer version"):
        restore_backup(newer.path, data_file, NOW)


# -- backups before a migration ------------------------------------------------


def add_extra_step(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A second migration step, as the next app version would bring one."""
    calls: list[str] = []

    def add_notes(db: Database) -> None:
        calls.append("ran")
        db.table("notes").create({"id": int, "text": str}, pk="id")

    step = Migrations._Migration("9999_test_notes", add_notes, True)
    monkeypatch.setattr(
        migrations.MIGRATIONS, "_migrations", [*migrations.MIGRATIONS._migrations, step]
    )
    names = [*migrations.MIGRATION_NAMES, "9999_test_notes"]
    monkeypatch.setattr(migrations, "MIGRATION_NAMES", names)
    for module in (migrations, store, backup):
        monkeypatch.setattr(module, "SCHEMA_VERSION", len(names))
    return calls


def test_a_migration_is_preceded_by_a_checked_backup(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_file) as old:
        old.record_attempt(new_attempt(answer="made by the previous version"))
    assert list_backups(data_file) == []
    calls = add_extra_step(monkeypatch)

    with Store.open(data_file) as migrated:
        assert migrated.attempt_count() == 1

    assert calls == ["ran"]
    (before,) = list_backups(data_file)
    assert before.reason == "before-migration"
    assert answers(before.path) == ["made by the previous version"]
    with closing(sqlite3.connect(before.path)) as conn:
        assert "notes" not in {r[0] for r in conn.execute("select name from sqlite_master")}


def test_no_backup_when_nothing_needs_migrating(data_file: Path) -> None:
    Store.open(data_file).close()
    Store.open(data_file).close()
    assert list_backups(data_file) == []


def test_a_failed_pre_migration_backup_leaves_the_file_alone(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(data_file).close()
    add_extra_step(monkeypatch)
    backups_folder(data_file).write_text("a file where the folder should be")
    before = data_file.read_bytes()

    with pytest.raises(StoreError, match="only updated after a good backup"):
        Store.open(data_file)

    assert data_file.read_bytes() == before


def test_dataclass_is_frozen() -> None:
    info = backup.BackupInfo(Path("x"), NOW, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.size = 2  # type: ignore[misc]
