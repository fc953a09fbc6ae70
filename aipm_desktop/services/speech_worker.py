"""Transcription by the speech add-on's own program, for the frozen app.

The frozen app's bundle leaves the speech engine out (docs/speech.md); the add-on
installs a bundle of its own, without Qt, in the ``speech`` folder beside the app's
program. The app starts that program once, on its first transcription (not when the app
starts), in a long-lived mode, and sends it one request per recording: the model loads
on the first request and stays loaded. A worker that stopped is started again on the
next request. When the app exits, the worker's input is closed and it stops (it is
killed if it has not within a few seconds); a worker whose app was killed sees its input
end and stops too.

The protocol, ``aipm-desktop-speech transcribe --serve``: one JSON object a line, ASCII
(``json.dumps``), both ways.

- A request, on the worker's standard input: ``{"audio": "/path/to/answer.wav"}``.
- Its replies, on the worker's standard output: any number of ``{"progress": 0.42}``
  (the share of the audio done), then exactly one of ``{"result": {...}}`` (the
  ``transcribe`` command's JSON) or ``{"error": "cannot read ...: no such file"}`` (a
  message for the user).
- The end of the input: the worker exits.

Standard error is no part of it: the app keeps what the worker writes there (a crash's
traceback) to say why a worker stopped.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.services.transcription import ProgressCallback, TranscriptionError

WORKER_NAME = "aipm-desktop-speech"
SERVE_COMMAND = ("transcribe", "--serve")
"""The worker's long-lived mode (the ``transcribe FILE`` command line is unchanged)."""
CLOSE_WAIT_SECONDS = 5.0
"""How long a closed worker may take to finish before it is killed."""


def installed_worker(app_program: Path | None = None) -> Path | None:
    """The add-on's program in the ``speech`` folder beside a frozen app, if installed."""
    if app_program is None:
        if not getattr(sys, "frozen", False):
            return None
        app_program = Path(sys.executable)
    suffix = ".exe" if sys.platform == "win32" else ""
    program = app_program.resolve().parent / "speech" / f"{WORKER_NAME}{suffix}"
    return program if program.is_file() else None


# -- the protocol's lines ----------------------------------------------------------------
def request_line(audio: Path) -> str:
    return json.dumps({"audio": str(audio)})


def read_request(line: str) -> Path:
    """The audio file a request line names; ValueError for anything else."""
    try:
        data = json.loads(line)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("audio"), str):
        raise ValueError(f"not a request: {line.strip()[:80]}")
    return Path(data["audio"])


def progress_line(share: float) -> str:
    return json.dumps({"progress": round(share, 3)})


def result_line(result: dict[str, Any]) -> str:
    return json.dumps({"result": result})


def error_line(message: str) -> str:
    return json.dumps({"error": message})


# -- the app's side ----------------------------------------------------------------------
class WorkerTranscriber:
    """The add-on's program, started on the first transcription and kept running.

    Thread-safe: requests from several threads take turns.
    """

    def __init__(self, program: Path) -> None:
        self._program = program
        self._process: subprocess.Popen[str] | None = None
        self._errors: IO[str] | None = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        """The running worker's process id, if one is running."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def transcribe(self, audio: Path, progress: ProgressCallback | None = None) -> Transcript:
        """The transcript of ``audio``; raises TranscriptionError with the worker's message."""
        with self._lock:
            process = self._running()
            assert process.stdin is not None
            try:
                process.stdin.write(request_line(audio) + "\n")
                process.stdin.flush()
            except OSError:
                pass  # it stopped: what it said comes next
            return self._reply(process, progress)

    def close(self) -> None:
        """End the worker: its input ends, so it stops; killed if it has not in time.

        Not under the lock: a transcription under way ends with an error rather than
        holding up the app's exit."""
        self._stop()

    def _running(self) -> subprocess.Popen[str]:
        """The worker, started (again) if it is not running."""
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._stop()
        errors = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")  # noqa: SIM115 - kept while the worker runs
        try:
            self._process = subprocess.Popen(
                [str(self._program), *SERVE_COMMAND],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=_worker_environment(),
            )
        except OSError as error:
            errors.close()
            raise TranscriptionError(
                f"the speech add-on cannot be started ({error.strerror or error}); reinstall it"
            ) from error
        self._errors = errors
        return self._process

    def _reply(
        self, process: subprocess.Popen[str], progress: ProgressCallback | None
    ) -> Transcript:
        assert process.stdout is not None
        for line in process.stdout:
            try:
                reply = json.loads(line)
                if "progress" in reply:
                    if progress is not None:
                        progress(float(reply["progress"]))
                    continue
                if "error" in reply:
                    raise TranscriptionError(str(reply["error"]))
                return transcript_from_dict(reply["result"])
            except (ValueError, TypeError, KeyError) as error:
                self._stop()  # out of step with it: the next request starts afresh
                raise TranscriptionError(
                    f"the speech add-on's answer could not be read: {error}"
                ) from error
        code = process.wait()
        reason = self._last_message() or f"the speech add-on stopped (exit code {code})"
        self._stop()
        raise TranscriptionError(reason)

    def _last_message(self) -> str:
        errors = self._errors
        if errors is None:
            return ""
        errors.seek(0)
        lines = [line.strip() for line in errors.read().splitlines() if line.strip()]
        return lines[-1].removeprefix("aipm-desktop transcribe: ") if lines else ""

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            for stream in (process.stdin, process.stdout):
                try:
                    if stream is not None:
                        stream.close()
                except OSError:
                    pass
            try:
                process.wait(CLOSE_WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._errors is not None:
            self._errors.close()
            self._errors = None


_shared: dict[Path, WorkerTranscriber] = {}
_shared_lock = threading.Lock()


def shared_worker(program: Path) -> WorkerTranscriber:
    """The one worker of ``program`` for this app (every window shares it), closed at exit."""
    with _shared_lock:
        if not _shared:
            atexit.register(close_workers)
        if program not in _shared:
            _shared[program] = WorkerTranscriber(program)
        return _shared[program]


def close_workers() -> None:
    """Close every shared worker (at exit)."""
    with _shared_lock:
        workers = list(_shared.values())
        _shared.clear()
    for worker in workers:
        worker.close()


def transcript_from_dict(data: Any) -> Transcript:
    """The Transcript that the ``transcribe`` command's JSON describes."""
    words = tuple(Word(str(w["word"]), float(w["start"]), float(w["end"])) for w in data["words"])
    return Transcript(str(data["text"]), words, float(data["seconds"]))


def _worker_environment() -> dict[str, str]:
    """This environment, with the library path as it was before the app's bundle set it."""
    environment = dict(os.environ)
    if getattr(sys, "frozen", False):
        original = environment.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is None:
            environment.pop("LD_LIBRARY_PATH", None)
        else:
            environment["LD_LIBRARY_PATH"] = original
    return environment
