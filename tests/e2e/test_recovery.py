"""Real damaged files, a real read-only folder and real second launches, in real processes.

Every run is headless (``--exit-when-ready``), where nobody can be asked: a damaged
file is moved aside and the newest good backup restored, or an empty history started.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from aipm_desktop.services.paths import database_path, lock_path
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import create_backup, integrity_problems, list_backups
from tests.unit.storage.test_store import new_attempt

from .test_cli import describe, run

pytestmark = pytest.mark.e2e

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def make_data(data: Path, answers: list[str]) -> Path:
    """A data file holding ``answers`` (long ones, so the file has many pages)."""
    db_file = database_path(data)
    with Store.open(db_file) as store:
        for answer in answers:
            store.record_attempt(new_attempt(answer=answer))
    return db_file


def stored_answers(db_file: Path) -> list[str]:
    with Store.open(db_file) as store:
        return [a.answer for a in reversed(store.attempts_for("q1"))]


def damaged_files(data: Path) -> list[Path]:
    """The damaged data files moved aside (their -wal/-shm, if any, sit beside them)."""
    return sorted(data.glob("aipm-damaged-*.sqlite3"))


LONG = [f"answer {i}: " + "words " * 800 for i in range(12)]


def test_truncated_file_is_moved_aside_and_the_newest_backup_restored(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, LONG[:6])
    create_backup(db_file, datetime.now(UTC) - timedelta(hours=1))
    make_data(data, LONG[6:])
    with db_file.open("r+b") as handle:
        handle.truncate(db_file.stat().st_size // 2)
    damaged_bytes = db_file.read_bytes()

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert "damaged data file was kept" in result.stderr, describe(result)
    assert "Restored the backup" in result.stderr, describe(result)
    (kept,) = damaged_files(data)
    assert kept.read_bytes() == damaged_bytes
    assert integrity_problems(db_file) == []
    assert stored_answers(db_file) == LONG[:6]


def test_garbage_file_without_backups_is_kept_and_a_fresh_file_started(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db_file = database_path(data)
    garbage = os.urandom(64 * 1024)
    db_file.write_bytes(garbage)

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert "Started with an empty history" in result.stderr, describe(result)
    (kept,) = damaged_files(data)
    assert kept.read_bytes() == garbage
    assert stored_answers(db_file) == []


def test_zero_byte_file_with_backups_is_kept_and_the_backup_restored(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["kept in the backup"])
    create_backup(db_file, datetime.now(UTC))
    db_file.write_bytes(b"")

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    (kept,) = damaged_files(data)
    assert kept.stat().st_size == 0
    assert stored_answers(db_file) == ["kept in the backup"]


def crash_after_writing(db_file: Path, answer: str, env: dict[str, str]) -> None:
    """A real process records ``answer`` and is SIGKILLed: the write stays in the -wal."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from tests.unit.storage.test_store import new_attempt\n"
        "from aipm_desktop.storage import Store\n"
        "store = Store.open(Path(sys.argv[1]))\n"
        "store.record_attempt(new_attempt(answer=sys.argv[2]))\n"
        "os.kill(os.getpid(), 9)\n"
    )
    crashed = subprocess.run(
        [sys.executable, "-c", script, str(db_file), answer],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    assert Path(f"{db_file}-wal").stat().st_size > 0


def test_damaged_file_moves_aside_with_its_write_ahead_log(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, LONG[:4])
    crash_after_writing(db_file, "only in the write-ahead log", env)
    wal = Path(f"{db_file}-wal")
    wal_bytes = wal.read_bytes()
    with db_file.open("r+b") as handle:
        handle.seek(100)
        handle.write(os.urandom(db_file.stat().st_size - 100))
    damaged_bytes = db_file.read_bytes()

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    (main,) = damaged_files(data)
    assert main.read_bytes() == damaged_bytes
    assert Path(f"{main}-wal").read_bytes() == wal_bytes
    assert stored_answers(db_file) == []


def test_missing_write_ahead_log_loses_only_unsaved_pages_and_starts_cleanly(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """A crash, then the -wal is lost (say, a copy without it): the file is still sound."""
    data = tmp_path / "data"
    db_file = make_data(data, ["checkpointed before the crash"])
    crash_after_writing(db_file, "only in the write-ahead log", env)
    Path(f"{db_file}-wal").unlink()
    Path(f"{db_file}-shm").unlink(missing_ok=True)

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert damaged_files(data) == []
    assert integrity_problems(db_file) == []
    assert stored_answers(db_file) == ["checkpointed before the crash"]


# -- a read-only data folder ---------------------------------------------------


DROP_ROOT_OVERRIDES = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
"""Root ignores file permissions; without these capabilities it obeys them like anyone."""


@pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None,
    reason="running as root, where chmod does not stop writes, and setpriv is missing",
)
def test_read_only_folder_is_reported_and_nothing_is_changed(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["stored before the folder became read-only"])
    data.chmod(0o555)
    before = (db_file.read_bytes(), sorted(p.name for p in data.iterdir()))
    prefix = DROP_ROOT_OVERRIDES if os.geteuid() == 0 else []
    try:
        result = run(
            ["--exit-when-ready", "--data-dir", str(data)],
            env,
            cwd=tmp_path,
            program=[*prefix, sys.executable, "-m", "aipm_desktop"],
        )
        after = (db_file.read_bytes(), sorted(p.name for p in data.iterdir()))
    finally:
        data.chmod(0o755)

    assert result.returncode == 1, describe(result)
    assert "read-only" in result.stderr, describe(result)
    assert "Nothing has been changed" in result.stderr, describe(result)
    assert after == before
    assert stored_answers(db_file) == ["stored before the folder became read-only"]


# -- single instance -----------------------------------------------------------


def wait_for(condition: object, timeout: float = 30.0) -> None:
    """Poll a condition of another process (not a countdown) until it holds."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the other process")
        time.sleep(0.05)


def test_second_launch_brings_the_first_forward_and_a_stale_lock_does_not_block(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    first = subprocess.Popen(
        [sys.executable, "-m", "aipm_desktop", "--data-dir", str(data)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: lock_path(data).exists() and database_path(data).exists())
        second = run(["--data-dir", str(data)], env, cwd=tmp_path)
        assert second.returncode == 0, describe(second)
        assert "already running" in second.stderr, describe(second)
        assert first.poll() is None, "the first app must keep running"
    finally:
        first.send_signal(signal.SIGKILL)  # a crash: the lock file stays behind
        _, first_err = first.communicate(timeout=30)
    assert "another launch asked to show this window" in first_err
    assert lock_path(data).exists(), "a killed app leaves its lock behind"

    third = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert third.returncode == 0, describe(third)
    assert not lock_path(data).exists()
    assert list_backups(database_path(data)) == []
    with closing(sqlite3.connect(database_path(data))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
