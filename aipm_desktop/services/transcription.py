"""Turning recorded audio into a transcript, on this computer: the interface the app uses.

Speech is an optional part of the app (``pip install 'aipm-desktop[speech]'``). The
window and the command line ask :func:`speech_unavailable_reason` first and show its
sentence when the part is missing; otherwise they get a :class:`Transcriber` from
:func:`load_transcriber` (slow: call it off the UI thread) and call ``transcribe``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

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
