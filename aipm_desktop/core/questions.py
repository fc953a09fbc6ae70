"""Questions and question packs, as loaded from JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_TIME_LIMIT_SECONDS = 300


@dataclass(frozen=True)
class Question:
    """One interview question with its model answer and rubric."""

    id: str
    number: int
    prompt: str
    category: str
    level: str
    model_answer: str
    """The model answer, as Markdown."""
    key_points: tuple[str, ...]
    """The rubric: points a good answer covers."""
    time_limit_seconds: int | None
    tags: tuple[str, ...]
    pack_id: str
    pack_version: str
    own_time_limit_seconds: int | None = None
    """The user's own limit for this question, if they set one: it wins over the pack's
    ``time_limit_seconds``. Kept in the data file, never written to a pack."""

    def effective_time_limit(self, default_seconds: int = DEFAULT_TIME_LIMIT_SECONDS) -> int:
        """The user's own limit, else the pack's, else ``default_seconds``: the one rule
        free practice, sessions and the plan use."""
        return self.own_time_limit_seconds or self.time_limit_seconds or default_seconds


def with_own_time_limits(
    questions: Sequence[Question], own_limits: Mapping[str, int]
) -> list[Question]:
    """The questions, each with the user's own limit from ``own_limits`` (by question id)
    or none."""
    return [
        question
        if question.own_time_limit_seconds == own_limits.get(question.id)
        else replace(question, own_time_limit_seconds=own_limits.get(question.id))
        for question in questions
    ]


@dataclass(frozen=True)
class ImportedFrom:
    """The file a pack was converted from, kept in the pack's ``imported_from`` metadata."""

    file: str
    format: str


@dataclass(frozen=True)
class Pack:
    """A validated question pack."""

    id: str
    title: str
    description: str
    version: str
    schema_version: int
    questions: tuple[Question, ...]
    source: Path | None = None
    imported_from: ImportedFrom | None = None
