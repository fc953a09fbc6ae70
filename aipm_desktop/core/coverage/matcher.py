"""The key-point matcher interface and what it returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PointMatch:
    """Whether one key point is covered by an answer, and where."""

    text: str
    """The key point exactly as in the pack."""
    covered: bool
    score: float
    """How sure the matcher is that the point is covered, 0 to 1 (0.5 is the threshold
    for the semantic matcher; the share of important words found for the lexical one)."""
    evidence: str | None
    """The answer's sentence that best makes the point; None when not covered."""
    evidence_span: tuple[int, int] | None = None
    """Where ``evidence`` is in the answer, as [start, end) character offsets."""


class KeyPointMatcher(Protocol):
    """Decides which key points an answer covers."""

    @property
    def name(self) -> str:
        """A short id shown to the user and in the JSON ("minilm-int8", "lexical")."""
        ...

    def match(self, answer: str, key_points: Sequence[str], question: str = "") -> list[PointMatch]:
        """One match per key point, in rubric order. ``question`` is the prompt, if known."""
        ...
