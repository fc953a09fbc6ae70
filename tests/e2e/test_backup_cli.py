"""``aipm-desktop backup`` and ``restore``: a round trip through real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from aipm_desktop.services.paths import lock_path
from aipm_desktop.storage.backup import integrity_problems, list_backups

from .test_cli import describe, run
from .test_recovery import make_data, stored_answers, wait_for

pytestmark = pytest.mark.e2e


def test_backup_then_restore_round_trip(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["in the backup"])

    made = run(["--data-dir", str(data), "backup"], env, cwd=tmp_path)
    assert made.returncode == 0, describe(made)
    (info,) = list_backups(db_file)
    assert str(info.path) in made.stdout
    assert "checked" in made.stdout
    assert integrity_problems(info.path) == []

    make_data(data, ["after the backup"])
    restored = run(["--data-dir", str(data), "restore", str(info.path)], env, cwd=tmp_path)

    assert restored.returncode == 0, describe(restored)
    assert stored_answers(db_file) == ["in the backup"]
    (before_restore,) = [b for b in list_backups(db_file) if b.reason == "before-restore"]
    assert stored_answers(before_restore.path) == ["in the backup", "after the backup"]
    assert str(before_restore.path) in restored.stdout


def test_backup_to_a_chosen_file_and_the_environment_variable(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    make_data(data, ["exported"])
    env["AIPM_DATA_DIR"] = str(data)
    target = tmp_path / "elsewhere" / "copy.sqlite3"

    made = run(["backup", "-o", str(target)], env, cwd=tmp_path)

    assert made.returncode == 0, describe(made)
    assert stored_answers(target) == ["exported"]
    again = run(["backup", "--output", str(target)], env, cwd=tmp_path)
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_backup_without_data_and_restore_of_garbage_fail_clearly(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    nothing = run(["--data-dir", str(data), "backup"], env, cwd=tmp_path)
    assert nothing.returncode == 1
    assert "no data file" in nothing.stderr

    db_file = make_data(data, ["untouched"])
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(8192))
    refused = run(["--data-dir", str(data), "restore", str(garbage)], env, cwd=tmp_path)
    assert refused.returncode == 1
    assert "cannot be restored" in refused.stderr
    assert stored_answers(db_file) == ["untouched"]


def test_restore_is_refused_while_the_app_runs_on_the_folder(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["kept"])
    made = run(["--data-dir", str(data), "backup"], env, cwd=tmp_path)
    assert made.returncode == 0, describe(made)
    app = subprocess.Popen(
        [sys.executable, "-m", "aipm_desktop", "--data-dir", str(data)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: lock_path(data).exists())
        (info,) = list_backups(db_file)
        refused = run(["--data-dir", str(data), "restore", str(info.path)], env, cwd=tmp_path)
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
    assert refused.returncode == 1
    assert "is running" in refused.stderr
