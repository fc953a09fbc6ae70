"""The four self-ratings, as in Anki and FSRS."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum

UNREADABLE_LABEL = "Unreadable"
"""Shown for a stored value that could not be read."""


def rating_label(rating: Rating | None, unreadable: tuple[str, ...] = ()) -> str:
    """ "Good", "Not rated", or "Unreadable" when the stored rating is not a rating."""
    if "rating" in unreadable:
        return UNREADABLE_LABEL
    return rating.label if rating is not None else "Not rated"


def moment_label(moment: datetime, field: str, unreadable: tuple[str, ...] = ()) -> str:
    """A local "YYYY-MM-DD HH:MM", marked when the stored value was not a proper timestamp."""
    text = moment.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{text} ({UNREADABLE_LABEL.lower()})" if field in unreadable else text


def coverage_label(covered: int, total: int, unreadable: tuple[str, ...] = ()) -> str:
    """Key-point coverage as "covered/total", or "Unreadable"."""
    if "key_points_ticked" in unreadable:
        return UNREADABLE_LABEL
    return f"{covered}/{total}"


class Rating(IntEnum):
    """How well the user thinks they answered. The value is the keyboard key."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        """The word shown to the user."""
        return self.name.capitalize()
