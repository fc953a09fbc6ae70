"""Reading stored values that may be bad: a bad value is marked unreadable, never a crash.

A data file can be sound (its integrity check passes) and still hold a value
this app never writes: a rating of 7, a timestamp without a time zone, key
points that are not JSON. Such a value is replaced by a harmless stand-in and
the field's name is recorded, so the attempt is still shown and exported, with
that field marked as unreadable.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.speech.transcript import Transcript, TranscriptFormatError

UNREADABLE = "unreadable"
"""What an export shows in place of a value that could not be read."""

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""The stand-in for a timestamp that is not one at all."""


def read_moment(text: object) -> datetime | None:
    """The time zone-aware moment stored as ISO 8601 text; None for anything else."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None
    return moment


def moment_or_stand_in(text: object, field: str, unreadable: list[str]) -> datetime:
    """`read_moment`, or (noting ``field`` in ``unreadable``) a best guess.

    A timestamp without a zone is taken as UTC, the zone this app stores; garbage
    becomes `EPOCH`.
    """
    moment = read_moment(text)
    if moment is not None:
        return moment
    unreadable.append(field)
    if isinstance(text, str):
        try:
            return datetime.fromisoformat(text).replace(tzinfo=UTC)
        except ValueError:
            pass
    return EPOCH


def rating_or_none(value: object, unreadable: list[str]) -> Rating | None:
    """The stored rating; None when there is none or it is not a rating (then noted)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return Rating(value)
        except ValueError:
            pass
    unreadable.append("rating")
    return None


def ticked_or_empty(text: object, unreadable: list[str]) -> tuple[str, ...]:
    """The ticked key points (a JSON list of strings); empty, and noted, when unreadable."""
    try:
        value = json.loads(text) if isinstance(text, str | bytes) else None
    except ValueError:
        value = None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    unreadable.append("key_points_ticked")
    return ()


def transcript_or_none(text: object, unreadable: list[str]) -> Transcript | None:
    """A spoken answer's stored transcript; None when there is none or it is unreadable
    (then noted)."""
    if text is None:
        return None
    if isinstance(text, str):
        try:
            return Transcript.from_json(text)
        except TranscriptFormatError:
            pass
    unreadable.append("transcript")
    return None
