"""Transcription by the speech add-on's own program, for the frozen app.

The frozen app's bundle leaves the speech engine out (docs/speech.md); the add-on
installs a bundle of its own, without Qt, in the ``speech`` folder beside the app's
program. This transcriber runs it once per recording (``transcribe --progress``),
passes its progress on and reads its JSON back into a Transcript.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.services.transcription import ProgressCallback, TranscriptionError

WORKER_NAME = "aipm-desktop-speech"
PROGRESS_PREFIX = "progress "
"""The worker's progress lines on standard error: ``progress 0.42``."""


def installed_worker(app_program: Path | None = None) -> Path | None:
    """The add-on's program in the ``speech`` folder beside a frozen app, if installed."""
    if app_program is None:
        if not getattr(sys, "frozen", False):
            return None
        app_program = Path(sys.executable)
    suffix = ".exe" if sys.platform == "win32" else ""
    program = app_program.resolve().parent / "speech" / f"{WORKER_NAME}{suffix}"
    return program if program.is_file() else None


class WorkerTranscriber:
    """Runs the add-on's program for each recording (the model loads each time, ~1 s)."""

    def __init__(self, program: Path) -> None:
        self._program = program

    def transcribe(self, audio: Path, progress: ProgressCallback | None = None) -> Transcript:
        """The transcript of ``audio``; raises TranscriptionError with the worker's message."""
        command = [str(self._program), "transcribe", "--progress", str(audio)]
        with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
            try:
                process = subprocess.Popen(
                    command,
                    stdout=output,
                    stderr=subprocess.PIPE,
                    stdin=subprocess.DEVNULL,
                    text=True,
                    encoding="utf-8",
                    env=_worker_environment(),
                )
            except OSError as error:
                raise TranscriptionError(
                    f"the speech add-on cannot be started ({error.strerror or error}); reinstall it"
                ) from error
            with process:
                assert process.stderr is not None
                messages = _follow(process.stderr, progress)
            output.seek(0)
            printed = output.read()
        if process.returncode != 0:
            reason = " ".join(messages) or (
                f"the speech add-on stopped (exit code {process.returncode})"
            )
            raise TranscriptionError(reason)
        return transcript_from_json(printed)


def _follow(stderr: IO[str], progress: ProgressCallback | None) -> list[str]:
    """Pass the worker's progress lines on; return its other messages."""
    messages = []
    for line in stderr:
        if line.startswith(PROGRESS_PREFIX):
            if progress is not None:
                progress(float(line.removeprefix(PROGRESS_PREFIX)))
        elif line.strip():
            messages.append(line.strip().removeprefix("aipm-desktop transcribe: "))
    return messages


def transcript_from_json(printed: str) -> Transcript:
    """The Transcript that the ``transcribe`` command's JSON describes."""
    try:
        data = json.loads(printed)
        words = tuple(
            Word(str(w["word"]), float(w["start"]), float(w["end"])) for w in data["words"]
        )
        return Transcript(str(data["text"]), words, float(data["seconds"]))
    except (ValueError, TypeError, KeyError) as error:
        raise TranscriptionError(
            f"the speech add-on's answer could not be read: {error}"
        ) from error


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
