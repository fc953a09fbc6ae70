"""The four self-ratings, as in Anki and FSRS."""

from __future__ import annotations

from enum import IntEnum


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
