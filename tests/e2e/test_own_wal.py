"""Issue 14, finding 7: a write-ahead log that belongs to another data file is never applied.

It is copied aside with the data file, byte for byte, the user is told, and the
data file opens as it is.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import create_backup
from aipm_desktop.storage.identity import read_identity

from .test_cli import describe, run
from .test_recovery import T0, crash_after_writing, make_data, stored_answers

pytestmark = pytest.mark.e2e


def set_aside(data: Path) -> list[Path]:
    return sorted(data.glob("aipm-foreign-wal-*.sqlite3"))


def test_a_stray_wal_from_another_data_file_is_set_aside_and_replaces_nothing(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    mine = make_data(data, ["mine"])
    other = make_data(tmp_path / "other", ["other"])
    crash_after_writing(other, "only in the other's log", env)
    main_bytes = mine.read_bytes()
    wal_bytes = Path(f"{other}-wal").read_bytes()
    shutil.copyfile(f"{other}-wal", f"{mine}-wal")

    started = run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path)

    assert started.returncode == 0, describe(started)
    assert "belonged to another data file" in started.stderr
    (aside,) = set_aside(data)
    assert aside.read_bytes() == main_bytes
    assert Path(f"{aside}-wal").read_bytes() == wal_bytes
    assert stored_answers(mine) == ["mine"]


def test_a_backup_copied_over_the_data_file_by_hand_is_not_mixed_with_the_live_log(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["in the backup"])
    backup = create_backup(db_file, T0, destination=tmp_path / "copy.sqlite3")
    crash_after_writing(db_file, "only in the live log", env)
    shutil.copyfile(backup.path, db_file)  # the user "restores" by hand; the -wal stays

    started = run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path)

    assert started.returncode == 0, describe(started)
    assert len(set_aside(data)) == 1
    assert stored_answers(db_file) == ["in the backup"]
    with closing(sqlite3.connect(db_file)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_own_log_is_applied_and_the_identity_is_written_once(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["first"])
    identity = read_identity(db_file, through_wal=False)
    crash_after_writing(db_file, "only in the own log", env)

    started = run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path)

    assert started.returncode == 0, describe(started)
    assert set_aside(data) == []
    assert stored_answers(db_file) == ["first", "only in the own log"]
    assert identity is not None
    with Store.open(database_path(data)):
        pass
    assert read_identity(db_file, through_wal=True) == identity
    with closing(sqlite3.connect(db_file)) as conn:
        assert conn.execute("select count(*) from meta where key = 'identity'").fetchone() == (1,)
