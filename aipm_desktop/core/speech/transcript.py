"""A transcript of a spoken answer: its text, each word with its time, and the audio's length.

This is the one shape every part of speech support shares: the transcription service
makes it, the data file stores it as JSON, the delivery figures and the window read it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class TranscriptFormatError(ValueError):
    """A stored transcript could not be read back."""


@dataclass(frozen=True)
class Word:
    """One spoken word, with its start and end in seconds from the start of the audio."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Transcript:
    """What was said: ``text`` as transcribed, ``words`` in order, ``seconds`` of audio."""

    text: str
    words: tuple[Word, ...]
    seconds: float

    def to_json(self) -> str:
        """A compact JSON string, for the data file."""
        return json.dumps(
            {
                "text": self.text,
                "seconds": round(self.seconds, 3),
                "words": [[w.text, round(w.start, 3), round(w.end, 3)] for w in self.words],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, value: str) -> Transcript:
        """Reads back what :meth:`to_json` wrote; raises TranscriptFormatError otherwise."""
        try:
            data: Any = json.loads(value)
            words = tuple(
                Word(str(text), float(start), float(end)) for text, start, end in data["words"]
            )
            return cls(text=str(data["text"]), words=words, seconds=float(data["seconds"]))
        except (ValueError, TypeError, KeyError) as error:
            raise TranscriptFormatError(f"not a stored transcript: {error}") from error
