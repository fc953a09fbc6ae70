"""Where Speak mode gets its transcriber: the speech part, if it is installed.

Tests give a :class:`SpeechEngine` of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aipm_desktop.services import transcription
from aipm_desktop.services.transcription import Transcriber


@dataclass(frozen=True)
class SpeechEngine:
    """Why speech can't be used (None: it can), and how to load the transcriber (slow:
    called on a pool thread)."""

    unavailable_reason: Callable[[], str | None]
    load: Callable[[], Transcriber]


def installed_engine() -> SpeechEngine:
    """The speech part as installed; its reason says how to add it when it is missing."""
    return SpeechEngine(transcription.speech_unavailable_reason, transcription.load_transcriber)
