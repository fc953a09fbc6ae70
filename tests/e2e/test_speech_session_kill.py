"""A real SIGKILL while a mock session's spoken answer is recorded: resuming the session
brings the answer back, transcribed, and submitting keeps the transcript and the audio."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .killing import child_env, run_until_then_kill
from .speech_session_kill_driver import SPOKEN

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]

DRIVER = str(Path(__file__).with_name("speech_session_kill_driver.py"))


def test_sigkill_while_recording_in_a_session_then_resume_and_submit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    lines = run_until_then_kill([DRIVER, "start", str(data)], tmp_path, "RECORDING")
    assert lines[-1] == "RECORDING", lines
    (left,) = (data / "audio").glob("answer-*.wav")
    assert left.with_suffix(".json").exists()

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
    assert shown["asked"] == ["Resume your session?"]  # not offered to free practice
    assert shown["shown"] == SPOKEN.text
    (seconds,) = shown["transcribed_seconds"]
    assert 2.0 <= seconds <= 2.5  # the audio up to the last second at least, repaired
    assert shown["attempts"] == [
        {
            "answer": SPOKEN.text,
            "mode": "speak",
            "transcript": SPOKEN.text,
            "audio_file": f"audio/{left.name}",
        }
    ]
    assert shown["notes_left"] == []
