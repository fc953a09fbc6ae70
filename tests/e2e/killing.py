"""Run a driver script as a real process and SIGKILL it at a line it prints."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def child_env(tmp_path: Path) -> dict[str, str]:
    """The driver's environment, and the restarted app's: offscreen, settings in tmp."""
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))


def run_until_then_kill(args: list[str], tmp_path: Path, stop_prefix: str) -> list[str]:
    """Start ``python args...`` offscreen, read its lines up to one starting with
    ``stop_prefix``, SIGKILL it, and return the lines read (stripped)."""
    env = child_env(tmp_path)
    driver = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: list[str] = []
    try:
        assert driver.stdout is not None
        for line in driver.stdout:
            lines.append(line.strip())
            if line.startswith(stop_prefix):
                break
        driver.send_signal(signal.SIGKILL)
    finally:
        driver.kill()
        _, stderr = driver.communicate(timeout=30)
    assert lines, f"the driver printed nothing\n{stderr}"
    assert lines[-1].startswith(stop_prefix), f"driver output: {lines}\n{stderr}"
    assert driver.returncode == -signal.SIGKILL, f"driver output: {lines}\n{stderr}"
    return lines
