"""Word-level differences between two answers, for the side-by-side comparison."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

_TOKEN = re.compile(r"\s+|[^\s]+")


class Change(StrEnum):
    """What happened to a run of text between the older and the newer answer."""

    SAME = "same"
    REMOVED = "removed"
    """Only in the older answer."""
    ADDED = "added"
    """Only in the newer answer."""


@dataclass(frozen=True)
class Segment:
    """A run of text and how it changed."""

    text: str
    change: Change


@dataclass(frozen=True)
class WordDiff:
    """Both answers cut into segments; joining a side's texts gives that answer back."""

    older: list[Segment]
    newer: list[Segment]
    words_added: int
    words_removed: int
    similarity: float
    """0 (nothing shared) to 1 (the same words), by difflib's ratio over words."""


def tokens(text: str) -> list[str]:
    """Words and the whitespace between them, in order."""
    return _TOKEN.findall(text)


def word_diff(older: str, newer: str) -> WordDiff:
    """Compare two answers word by word; whitespace changes alone are not differences."""
    a, b = tokens(older), tokens(newer)
    words_a = [t if t.strip() else " " for t in a]
    words_b = [t if t.strip() else " " for t in b]
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    left: list[Segment] = []
    right: list[Segment] = []
    added = removed = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            _append(left, old_part, Change.SAME)
            _append(right, new_part, Change.SAME)
            continue
        _append(left, old_part, Change.REMOVED)
        _append(right, new_part, Change.ADDED)
        removed += sum(1 for t in a[i1:i2] if t.strip())
        added += sum(1 for t in b[j1:j2] if t.strip())
    return WordDiff(left, right, added, removed, matcher.ratio() if a or b else 1.0)


def _append(segments: list[Segment], text: str, change: Change) -> None:
    if not text:
        return
    if segments and segments[-1].change == change:
        segments[-1] = Segment(segments[-1].text + text, change)
    else:
        segments.append(Segment(text, change))
