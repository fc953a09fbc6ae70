"""The frozen app's transcriber: the speech add-on's program, run per recording."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.services import speech_worker
from aipm_desktop.services.speech_worker import WorkerTranscriber, installed_worker
from aipm_desktop.services.transcription import (
    TranscriptionError,
    load_transcriber,
    speech_unavailable_reason,
)

ANSWER = {
    "text": "Recall, um, first.",
    "seconds": 3.5,
    "words_per_minute": 120.0,
    "long_pauses": 0,
    "fillers": 1,
    "words": [
        {"word": "Recall,", "start": 0.5, "end": 0.9},
        {"word": "um,", "start": 1.0, "end": 1.2},
        {"word": "first.", "start": 1.3, "end": 1.7},
    ],
}


PYTHON = sys.executable


def fake_worker(folder: Path, body: str) -> Path:
    """An executable ``speech/aipm-desktop-speech`` under ``folder`` running Python ``body``."""
    program = folder / "speech" / "aipm-desktop-speech"
    program.parent.mkdir(parents=True)
    program.write_text(f"#!{PYTHON}\nimport sys\n{body}\n", "utf-8")
    program.chmod(0o755)
    return program


SPEAKS = f"""
assert sys.argv[1:3] == ["transcribe", "--progress"], sys.argv
for share in ("0.000", "0.500", "1.000"):
    print("progress " + share, file=sys.stderr, flush=True)
print({json.dumps(json.dumps(ANSWER))})
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in worker is a script")
def test_the_workers_json_and_progress_come_back(tmp_path: Path) -> None:
    program = fake_worker(tmp_path, SPEAKS)
    shares: list[float] = []

    transcript = WorkerTranscriber(program).transcribe(tmp_path / "answer.wav", shares.append)

    assert transcript == Transcript(
        "Recall, um, first.",
        (Word("Recall,", 0.5, 0.9), Word("um,", 1.0, 1.2), Word("first.", 1.3, 1.7)),
        3.5,
    )
    assert shares == [0.0, 0.5, 1.0]


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in worker is a script")
def test_the_workers_message_is_the_error(tmp_path: Path) -> None:
    program = fake_worker(
        tmp_path,
        "print('aipm-desktop transcribe: cannot read x.wav: no such file', file=sys.stderr)\n"
        "sys.exit(2)",
    )

    with pytest.raises(TranscriptionError, match=r"^cannot read x\.wav: no such file$"):
        WorkerTranscriber(program).transcribe(tmp_path / "x.wav")


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in worker is a script")
def test_a_worker_that_dies_silently_is_an_error(tmp_path: Path) -> None:
    program = fake_worker(tmp_path, "sys.exit(9)")

    with pytest.raises(TranscriptionError, match=r"stopped \(exit code 9\)"):
        WorkerTranscriber(program).transcribe(tmp_path / "x.wav")


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in worker is a script")
def test_garbled_output_is_an_error(tmp_path: Path) -> None:
    program = fake_worker(tmp_path, "print('{not json')")

    with pytest.raises(TranscriptionError, match="could not be read"):
        WorkerTranscriber(program).transcribe(tmp_path / "x.wav")


def test_the_worker_is_found_only_in_the_speech_folder_beside_the_app(tmp_path: Path) -> None:
    app = tmp_path / "aipm-desktop"
    assert installed_worker(app) is None
    program = fake_worker(tmp_path, "")

    assert installed_worker(app) == program.resolve()


def test_outside_a_frozen_app_no_worker_is_looked_for() -> None:
    assert not getattr(sys, "frozen", False)
    assert installed_worker() is None


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in worker is a script")
def test_a_frozen_app_without_the_engine_uses_the_installed_add_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "aipm-desktop"))
    assert speech_unavailable_reason() is not None  # not installed yet
    fake_worker(tmp_path, SPEAKS)

    assert speech_unavailable_reason() is None
    transcriber = load_transcriber()
    assert isinstance(transcriber, WorkerTranscriber)
    assert transcriber.transcribe(tmp_path / "answer.wav").text == "Recall, um, first."


def test_the_worker_gets_the_library_path_the_app_was_started_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/aipm-desktop/_internal")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    assert speech_worker._worker_environment()["LD_LIBRARY_PATH"] == "/usr/local/lib"

    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    environment = speech_worker._worker_environment()
    assert "LD_LIBRARY_PATH" not in environment
    assert environment["PATH"] == os.environ["PATH"]


def test_a_worker_that_cannot_start_is_an_error(tmp_path: Path) -> None:
    program = tmp_path / "speech" / "aipm-desktop-speech"
    program.parent.mkdir()
    program.write_text("not a program", "utf-8")  # not executable

    with pytest.raises(TranscriptionError, match="cannot be started"):
        WorkerTranscriber(program).transcribe(tmp_path / "x.wav")
