"""Is the app running on this folder? Read from the lock file, without Qt."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from aipm_desktop.services.instance import running_app_pid
from aipm_desktop.services.paths import lock_path


def test_no_lock_or_a_stale_one_means_not_running(tmp_path: Path) -> None:
    assert running_app_pid(tmp_path) is None
    lock_path(tmp_path).write_text(f"999999999\n0\n{socket.gethostname()}\n", encoding="utf-8")
    assert running_app_pid(tmp_path) is None


def test_a_live_process_holding_the_lock_is_running(tmp_path: Path) -> None:
    lock_path(tmp_path).write_text(f"{os.getpid()}\n0\n{socket.gethostname()}\n", encoding="utf-8")
    assert running_app_pid(tmp_path) == os.getpid()


def test_another_machines_lock_counts_as_running(tmp_path: Path) -> None:
    lock_path(tmp_path).write_text("4242\n0\nsome-other-host\n", encoding="utf-8")
    assert running_app_pid(tmp_path) == 4242
