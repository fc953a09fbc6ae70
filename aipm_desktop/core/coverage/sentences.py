"""Split an answer into sentences (with their positions) and short windows of sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUNDARY = re.compile(r"(?<=[.!?;])\s+|\n+")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,3}[.)])\s+")
_HAS_WORD = re.compile(r"\w")
WINDOW_SENTENCES = 2
"""The longest window: a point is often made across two sentences."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer and where it is."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Window:
    """Consecutive sentences ``first`` .. ``last`` (inclusive), joined."""

    text: str
    first: int
    last: int


def split_sentences(answer: str) -> list[Sentence]:
    """The answer's sentences in order: split after . ! ? ; and at line breaks.

    List bullets are dropped; pieces without a letter or digit are skipped.
    """
    sentences: list[Sentence] = []
    position = 0
    for match in [*_BOUNDARY.finditer(answer), None]:
        end = match.start() if match else len(answer)
        _add(answer, position, end, sentences)
        if match is not None:
            position = match.end()
    return sentences


def _add(answer: str, start: int, end: int, sentences: list[Sentence]) -> None:
    piece = answer[start:end]
    bullet = _BULLET.match(piece)
    if bullet:
        start += bullet.end()
        piece = answer[start:end]
    stripped = piece.strip()
    if not _HAS_WORD.search(stripped):
        return
    start += len(piece) - len(piece.lstrip())
    sentences.append(Sentence(stripped, start, start + len(stripped)))


def windows(sentences: list[Sentence], longest: int = WINDOW_SENTENCES) -> list[Window]:
    """Every run of 1 to ``longest`` consecutive sentences."""
    found = []
    for size in range(1, longest + 1):
        for first in range(len(sentences) - size + 1):
            run = sentences[first : first + size]
            found.append(Window(" ".join(s.text for s in run), first, first + size - 1))
    return found


def substance(key_point: str) -> str:
    """What a key point asks for: the explanation of a "Label: explanation" point.

    "Volume: enough labeled examples, plan to collect more" is matched on "enough labeled
    examples, plan to collect more", so naming "volume" alone does not cover it. A colon
    after more than four words is part of the sentence, not a label.
    """
    label, colon, explanation = key_point.partition(":")
    if colon and explanation.strip() and len(label.split()) <= 4:
        return explanation.strip()
    return key_point.strip()
