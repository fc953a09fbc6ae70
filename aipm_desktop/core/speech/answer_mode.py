"""How an answer was given: typed, or spoken and transcribed."""

from __future__ import annotations

from enum import StrEnum


class AnswerMode(StrEnum):
    """Type (the answer is typed) or Speak (recorded, transcribed, then corrected)."""

    TYPE = "type"
    SPEAK = "speak"

    @classmethod
    def from_text(cls, value: object) -> AnswerMode:
        """The mode a stored or remembered value names; Type for anything else."""
        try:
            return cls(str(value))
        except ValueError:
            return cls.TYPE
