"""Where Speak mode gets its transcriber: the speech part, if it is installed.

The speech part adds ``speech_unavailable_reason()`` and ``load_transcriber()`` to
:mod:`aipm_desktop.services.transcription`. Until a build carries them, Speak mode says
how to add the part. Tests give a :class:`SpeechEngine` of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aipm_desktop.services import transcription
from aipm_desktop.services.transcription import Transcriber

NOT_INSTALLED = (
    "Speak mode needs the speech part, which is not installed. Add it with "
    "pip install 'aipm-desktop[speech]', or install the aipm-desktop-speech package "
    "(the Speech component of the Windows installer). Type mode works as usual."
)


@dataclass(frozen=True)
class SpeechEngine:
    """Why speech can't be used (None: it can), and how to load the transcriber (slow:
    called on a pool thread)."""

    unavailable_reason: Callable[[], str | None]
    load: Callable[[], Transcriber]


def installed_engine() -> SpeechEngine:
    """The speech part as installed, or one that explains how to add it."""
    reason = getattr(transcription, "speech_unavailable_reason", None)
    load = getattr(transcription, "load_transcriber", None)
    if reason is None or load is None:
        return SpeechEngine(lambda: NOT_INSTALLED, _not_installed)
    return SpeechEngine(reason, load)


def _not_installed() -> Transcriber:
    raise transcription.SpeechUnavailableError(NOT_INSTALLED)
