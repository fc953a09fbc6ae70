"""The lexical matcher: core/hints.py's word match behind the matcher interface.

It is the fallback when the model cannot be used. It checks vocabulary, not meaning.
"""

from __future__ import annotations

from collections.abc import Sequence

from aipm_desktop.core.coverage.matcher import PointMatch
from aipm_desktop.core.coverage.sentences import split_sentences
from aipm_desktop.core.hints import KeyPointHint, hint_key_points, important_words

LEXICAL_NAME = "lexical"


class LexicalMatcher:
    """Covered when enough of the point's important words appear in the answer."""

    @property
    def name(self) -> str:
        """Always "lexical"."""
        return LEXICAL_NAME

    def match(self, answer: str, key_points: Sequence[str], question: str = "") -> list[PointMatch]:
        """One match per key point; the score is the share of its important words found."""
        return [_as_match(answer, hint) for hint in hint_key_points(answer, key_points)]


def _as_match(answer: str, hint: KeyPointHint) -> PointMatch:
    words = len(hint.found) + len(hint.missing)
    score = round(len(hint.found) / words, 4) if words else 0.0
    if not hint.mentioned:
        return PointMatch(hint.key_point, False, score, None)
    wanted = set(important_words(" ".join(hint.found)))
    best = max(
        split_sentences(answer),
        key=lambda sentence: len(wanted.intersection(important_words(sentence.text))),
        default=None,
    )
    if best is None:
        return PointMatch(hint.key_point, True, score, None)
    return PointMatch(hint.key_point, True, score, best.text, (best.start, best.end))
