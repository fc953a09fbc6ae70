"""Questions and question packs, as loaded from JSON."""

from __future__ import annotations

from dataclasses import dataclass
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

    def effective_time_limit(self, default_seconds: int = DEFAULT_TIME_LIMIT_SECONDS) -> int:
        """The question's own limit, or ``default_seconds`` when it has none."""
        return self.time_limit_seconds or default_seconds


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
