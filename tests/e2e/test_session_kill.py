"""A real SIGKILL mid-session: the next start offers the session, answers and clocks intact."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from aipm_desktop.core.session import SessionStatus
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store

from .killing import child_env, run_until_then_kill
from .session_kill_driver import FIRST, SECOND

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]

DRIVER = str(Path(__file__).with_name("session_kill_driver.py"))


def test_sigkill_mid_session_then_resume(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lines = run_until_then_kill([DRIVER, "start", str(data)], tmp_path, "SAVED")
    assert lines == ["SAVED"], f"driver output: {lines}"

    with sqlite3.connect(database_path(data)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Store.open(database_path(data)) as store:
        record = store.unfinished_session()
        assert record is not None
        assert record.status == SessionStatus.RUNNING
        (first,) = store.session_attempts(record.id)
        assert first.answer == FIRST
        saved_timer = record.state["timer"]
        assert isinstance(saved_timer, dict)
        saved_question_seconds = saved_timer["elapsed"]
        saved_overall = record.state["overall_seconds"]
        assert saved_question_seconds > 0

    result = subprocess.run(
        [sys.executable, DRIVER, "resume", str(data)],
        env=child_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["progress"] == "Question 2 of 3"
    assert shown["answer"] == SECOND
    assert shown["paused"] is True
    assert shown["phase"].startswith("Paused")
    # The clocks carry on where the snapshot left them: the time dead is not counted.
    assert shown["question_seconds"] == pytest.approx(saved_question_seconds)
    assert shown["overall_seconds"] == pytest.approx(saved_overall)
    with Store.open(database_path(data)) as store:
        assert store.attempt_count() == 1
