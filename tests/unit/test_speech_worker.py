"""The frozen app's transcriber: the speech add-on's program, started once and kept running."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
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
    program.parent.mkdir(parents=True, exist_ok=True)
    program.write_text(f"#!{PYTHON}\nimport sys\n{body}\n", "utf-8")
    program.chmod(0o755)
    return program


SERVES = f"""
import json, os
assert sys.argv[1:] == ["transcribe", "--serve"], sys.argv
loads = 0
for line in sys.stdin:
    audio = json.loads(line)["audio"]
    loads = loads or 1  # the model loads once, on the first request
    name = os.path.basename(audio)
    if name == "dies.wav":
        print("Segmentation fault in the engine", file=sys.stderr, flush=True)
        os._exit(11)
    if name == "garbled.wav":
        print("{{not json", flush=True)
        continue
    if name == "missing.wav":
        print(json.dumps({{"error": "cannot read " + audio + ": no such file"}}), flush=True)
        continue
    for share in (0.0, 0.5, 1.0):
        print(json.dumps({{"progress": share}}), flush=True)
    answer = dict({json.dumps(ANSWER)}, text="pid " + str(os.getpid()) + " loads " + str(loads))
    print(json.dumps({{"result": answer}}), flush=True)
"""
"""A stand-in for ``aipm-desktop-speech transcribe --serve`` (no model): the text says
which process answered; some file names make it fail in one way or another."""

skip_on_windows = pytest.mark.skipif(sys.platform == "win32", reason="the worker is a script")


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[WorkerTranscriber]:
    transcriber = WorkerTranscriber(fake_worker(tmp_path, SERVES))
    yield transcriber
    transcriber.close()


def gone(pid: int) -> bool:
    """The process has exited (a zombie nobody reaped yet counts as exited)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0]
    except FileNotFoundError:
        return True
    return state in "ZX"


@skip_on_windows
def test_the_workers_json_and_progress_come_back(tmp_path: Path, worker: WorkerTranscriber) -> None:
    shares: list[float] = []

    transcript = worker.transcribe(tmp_path / "answer.wav", shares.append)

    pid = worker.pid
    assert transcript == Transcript(
        f"pid {pid} loads 1",
        (Word("Recall,", 0.5, 0.9), Word("um,", 1.0, 1.2), Word("first.", 1.3, 1.7)),
        3.5,
    )
    assert shares == [0.0, 0.5, 1.0]


@skip_on_windows
def test_one_worker_answers_every_request_and_starts_on_the_first(
    tmp_path: Path, worker: WorkerTranscriber
) -> None:
    assert worker.pid is None  # not started until something is transcribed
    first = worker.transcribe(tmp_path / "one.wav").text
    pid = worker.pid
    assert pid is not None
    assert worker.transcribe(tmp_path / "two.wav").text == first == f"pid {pid} loads 1"


@skip_on_windows
def test_the_workers_message_is_the_error_and_it_carries_on(
    tmp_path: Path, worker: WorkerTranscriber
) -> None:
    worker.transcribe(tmp_path / "one.wav")
    pid = worker.pid

    with pytest.raises(TranscriptionError, match=r"^cannot read .*missing\.wav: no such file$"):
        worker.transcribe(tmp_path / "missing.wav")
    assert worker.transcribe(tmp_path / "two.wav").text == f"pid {pid} loads 1"


@skip_on_windows
def test_a_worker_that_died_says_why_and_is_started_again(
    tmp_path: Path, worker: WorkerTranscriber
) -> None:
    worker.transcribe(tmp_path / "one.wav")
    pid = worker.pid
    assert pid is not None

    with pytest.raises(TranscriptionError, match=r"^Segmentation fault in the engine$"):
        worker.transcribe(tmp_path / "dies.wav")
    assert gone(pid)
    again = worker.transcribe(tmp_path / "two.wav").text
    assert worker.pid not in (None, pid)
    assert again == f"pid {worker.pid} loads 1"


@skip_on_windows
def test_a_worker_that_died_while_idle_is_started_again(
    tmp_path: Path, worker: WorkerTranscriber
) -> None:
    worker.transcribe(tmp_path / "one.wav")
    pid = worker.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)  # as if it had been dead a while

    assert worker.transcribe(tmp_path / "two.wav").text == f"pid {worker.pid} loads 1"
    assert worker.pid != pid


@skip_on_windows
def test_a_worker_that_dies_silently_is_an_error(tmp_path: Path) -> None:
    program = fake_worker(tmp_path, "sys.exit(9)")

    with pytest.raises(TranscriptionError, match=r"stopped \(exit code 9\)"):
        WorkerTranscriber(program).transcribe(tmp_path / "x.wav")


@skip_on_windows
def test_garbled_output_is_an_error_and_the_next_request_starts_afresh(
    tmp_path: Path, worker: WorkerTranscriber
) -> None:
    worker.transcribe(tmp_path / "one.wav")
    pid = worker.pid

    with pytest.raises(TranscriptionError, match="could not be read"):
        worker.transcribe(tmp_path / "garbled.wav")
    assert worker.transcribe(tmp_path / "two.wav").text == f"pid {worker.pid} loads 1"
    assert worker.pid != pid


@skip_on_windows
def test_closing_ends_the_worker(tmp_path: Path, worker: WorkerTranscriber) -> None:
    worker.transcribe(tmp_path / "one.wav")
    pid = worker.pid
    assert pid is not None

    worker.close()

    assert worker.pid is None
    assert gone(pid)


APP = """
import sys
from pathlib import Path
from aipm_desktop.services.speech_worker import shared_worker
worker = shared_worker(Path(sys.argv[1]))
assert shared_worker(Path(sys.argv[1])) is worker  # one for the whole app
worker.transcribe(Path("answer.wav"))
print(worker.pid, flush=True)
if sys.argv[2] == "wait":
    sys.stdin.readline()  # until it is killed
"""
"""An app that transcribes once through the shared worker, then exits or waits."""


def run_app(tmp_path: Path, how: str) -> tuple[subprocess.Popen[str], int]:
    program = fake_worker(tmp_path, SERVES)
    app = subprocess.Popen(
        [PYTHON, "-c", APP, str(program), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert app.stdout is not None
    return app, int(app.stdout.readline())


def wait_until_gone(pid: int) -> bool:
    deadline = time.monotonic() + 20
    while not gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return gone(pid)


@skip_on_windows
def test_the_worker_is_closed_when_the_app_exits(tmp_path: Path) -> None:
    app, pid = run_app(tmp_path, "exit")
    with app:
        assert app.wait(20) == 0
    assert gone(pid)  # closed (and waited for) before the app was gone


@skip_on_windows
def test_the_worker_of_a_killed_app_stops_too(tmp_path: Path) -> None:
    app, pid = run_app(tmp_path, "wait")
    with app:
        assert not gone(pid)
        app.kill()
    assert wait_until_gone(pid)  # its input ended


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
    fake_worker(tmp_path, SERVES)

    assert speech_unavailable_reason() is None
    transcriber = load_transcriber()
    assert isinstance(transcriber, WorkerTranscriber)
    assert load_transcriber() is transcriber  # one worker for every window
    try:
        assert transcriber.transcribe(tmp_path / "answer.wav").text.endswith("loads 1")
    finally:
        speech_worker.close_workers()


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
