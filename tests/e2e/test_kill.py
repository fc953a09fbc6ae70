"""A real SIGKILL mid-answer loses no submitted attempt, and the draft comes back."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store

from .kill_driver import DRAFT, SUBMITTED
from .killing import child_env, run_until_then_kill

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]

DRAFT_PROMISE_SECONDS = 2.0


def test_sigkill_keeps_attempts_and_the_draft(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lines = run_until_then_kill(
        [str(Path(__file__).with_name("kill_driver.py")), str(data)], tmp_path, "DRAFT"
    )
    assert lines[0] == "SUBMITTED", f"driver output: {lines}"
    assert lines[-1].startswith("DRAFT"), f"driver output: {lines}"
    save_delay = float(lines[-1].split()[1])
    assert save_delay <= DRAFT_PROMISE_SECONDS

    with sqlite3.connect(database_path(data)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Store.open(database_path(data)) as store:
        assert store.attempt_count() == 1
        (submitted,) = store.attempts_for("td-01-explain-ml-to-executives")
        assert submitted.answer == SUBMITTED
        assert submitted.rating is not None
        (draft,) = store.drafts()
        assert draft.question_id == "td-02-ai-vs-rules-based"
        assert draft.text == DRAFT
        assert draft.elapsed_seconds > 0

    # The real program starts cleanly on what the killed one left behind.
    result = subprocess.run(
        [sys.executable, "-m", "aipm_desktop", "--exit-when-ready", "--data-dir", str(data)],
        env=child_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with Store.open(database_path(data)) as store:
        assert store.attempt_count() == 1
        assert [d.text for d in store.drafts()] == [DRAFT]
