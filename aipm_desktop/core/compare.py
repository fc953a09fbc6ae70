"""Word-level differences between two answers, for the side-by-side comparison.

The diff is diff-match-patch's (Myers' O(ND) with a deadline) over words: each distinct
word becomes one character, so the character diff is a word diff. Past the deadline the
library returns a correct but coarser diff (a longer run marked changed) instead of
running on, so two long answers never take more than about ``deadline`` seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from diff_match_patch import diff_match_patch

_TOKEN = re.compile(r"\s+|[^\s]+")

DIFF_DEADLINE_SECONDS = 2.0
"""How long the word diff may search for the smallest difference before settling."""

_SURROGATES = range(0xD800, 0xE000)


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
    """0 (nothing shared) to 1 (the same words): twice the shared tokens over all tokens."""


def tokens(text: str) -> list[str]:
    """Words and the whitespace between them, in order."""
    return _TOKEN.findall(text)


def word_diff(older: str, newer: str, deadline: float = DIFF_DEADLINE_SECONDS) -> WordDiff:
    """Compare two answers word by word; whitespace changes alone are not differences.

    ``deadline`` (seconds, > 0) bounds the search; the result is always a correct diff.
    """
    a, b = tokens(older), tokens(newer)
    codes: dict[str, str] = {}
    chars_a, chars_b = _encode(a, codes), _encode(b, codes)
    engine = diff_match_patch()
    engine.Diff_Timeout = deadline
    left: list[Segment] = []
    right: list[Segment] = []
    added = removed = shared = 0
    i = j = 0  # the next token of each side
    for op, chars in engine.diff_main(chars_a, chars_b, False):
        n = len(chars)
        if op == diff_match_patch.DIFF_EQUAL:
            _append(left, "".join(a[i : i + n]), Change.SAME)
            _append(right, "".join(b[j : j + n]), Change.SAME)
            i, j, shared = i + n, j + n, shared + n
        elif op == diff_match_patch.DIFF_DELETE:
            _append(left, "".join(a[i : i + n]), Change.REMOVED)
            removed += sum(1 for t in a[i : i + n] if t.strip())
            i += n
        else:
            _append(right, "".join(b[j : j + n]), Change.ADDED)
            added += sum(1 for t in b[j : j + n] if t.strip())
            j += n
    total = len(a) + len(b)
    return WordDiff(left, right, added, removed, 2 * shared / total if total else 1.0)


def _encode(parts: list[str], codes: dict[str, str]) -> str:
    """One character per token (all whitespace the same one), shared across both sides."""
    out = []
    for part in parts:
        key = part if part.strip() else " "
        code = codes.get(key)
        if code is None:
            number = len(codes)
            code = codes[key] = chr(
                number + len(_SURROGATES) if number >= _SURROGATES[0] else number
            )
        out.append(code)
    return "".join(out)


def _append(segments: list[Segment], text: str, change: Change) -> None:
    if not text:
        return
    if segments and segments[-1].change == change:
        segments[-1] = Segment(segments[-1].text + text, change)
    else:
        segments.append(Segment(text, change))
