"""The pace of each spoken answer, for the statistics window's speaking chart."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from aipm_desktop.core.speech.transcript import Transcript, TranscriptFormatError
from aipm_desktop.core.stats import SpokenPoint
from aipm_desktop.ui.speech.delivery_view import pace_of


def spoken_points(rows: Iterable[tuple[date, str]]) -> tuple[SpokenPoint, ...]:
    """Words and fillers per minute of each stored transcript (JSON) with its day;
    unreadable transcripts are left out, and everything without the speech part."""
    points: list[SpokenPoint] = []
    for day, text in rows:
        try:
            transcript = Transcript.from_json(text)
        except TranscriptFormatError:
            continue
        pace = pace_of(transcript)
        if pace is None:
            return ()
        points.append(SpokenPoint(day, *pace))
    return tuple(points)
