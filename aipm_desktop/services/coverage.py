"""Key-point coverage for a question: the use case shared by the command line and the app.

The matcher loads lazily, once, on whichever thread first needs it (the app does that
off the UI thread, after start-up). If the semantic matcher fails on an answer, the
answer is scored by the lexical matcher instead, and the report says why. So is an
answer longer than ``MODEL_MAX_CHARS``: the model would take many seconds over it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aipm_desktop.core.coverage import (
    LexicalMatcher,
    LoadedMatcher,
    PointMatch,
    covered_share,
    load_matcher,
    suggested_rating,
)
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.services.pack_library import PackLibrary

MODEL_MAX_CHARS = 20_000
"""Answers longer than this (about 3,000 words, far past a spoken answer) are scored by
the word match: the model embeds every sentence, which would take many seconds."""


@dataclass(frozen=True)
class CoverageReport:
    """Which of a question's key points an answer covers, and the rating that suggests."""

    question_id: str
    matcher_name: str
    matches: tuple[PointMatch, ...]
    suggested: Rating
    fallback_reason: str | None = None
    """Why the lexical matcher was used (None when the semantic one was)."""

    @property
    def covered_count(self) -> int:
        """How many key points are covered."""
        return sum(match.covered for match in self.matches)

    @property
    def share(self) -> float:
        """The share of key points covered."""
        return covered_share(self.matches)

    def to_json(self) -> dict[str, Any]:
        """The command's JSON: ``text`` is the key point as in the pack."""
        return {
            "question": self.question_id,
            "matcher": self.matcher_name,
            "key_points": [
                {
                    "text": match.text,
                    "covered": match.covered,
                    "score": round(match.score, 2),
                    "evidence": match.evidence if match.covered else None,
                }
                for match in self.matches
            ],
            "suggested_rating": int(self.suggested),
        }


class CoverageChecker:
    """Scores answers against key points. Thread-safe; the matcher loads on first use."""

    def __init__(self, loader: Callable[[], LoadedMatcher] = load_matcher) -> None:
        self._loader = loader
        self._loaded: LoadedMatcher | None = None
        self._lock = threading.Lock()

    def loaded(self) -> LoadedMatcher:
        """The matcher, loading it now if needed (slow the first time: call off the UI thread)."""
        with self._lock:
            if self._loaded is None:
                self._loaded = self._loader()
            return self._loaded

    def check(self, question: Question, answer: str) -> CoverageReport:
        """Score ``answer`` against ``question``'s key points."""
        if len(answer) > MODEL_MAX_CHARS:
            return _word_match(
                question,
                answer,
                f"Word match only: the answer is longer than the {MODEL_MAX_CHARS:,} "
                "characters the model checks.",
            )
        loaded = self.loaded()
        reason = loaded.fallback_reason
        try:
            matches = loaded.matcher.match(answer, question.key_points, question.prompt)
            name = loaded.matcher.name
        except Exception as error:  # a model failing at run time must not lose the answer
            fallback = LexicalMatcher()
            matches = fallback.match(answer, question.key_points, question.prompt)
            name = fallback.name
            reason = f"Word match only: the model failed on this answer ({error})."
        return CoverageReport(question.id, name, tuple(matches), suggested_rating(matches), reason)


def _word_match(question: Question, answer: str, reason: str) -> CoverageReport:
    matcher = LexicalMatcher()
    matches = matcher.match(answer, question.key_points, question.prompt)
    return CoverageReport(
        question.id, matcher.name, tuple(matches), suggested_rating(matches), reason
    )


def find_question(data_dir: Path, question_id: str) -> Question | None:
    """The question with this id in the data folder's pack library (switched-off packs too)."""
    contents = PackLibrary(data_dir).load()
    for entry in sorted(contents.entries, key=lambda entry: not entry.enabled):
        for question in entry.pack.questions:
            if question.id == question_id:
                return question
    return None
