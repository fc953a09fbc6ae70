"""The fields of a question being written or edited, and what is wrong with them.

The editor shows each message next to its field; the limits match the pack schema,
so a question that passes here also passes the pack validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from aipm_desktop.core.questions import Question

MIN_TIME_LIMIT_SECONDS = 10
MAX_TIME_LIMIT_SECONDS = 7200
"""Two hours: anything longer is not an interview answer."""
MAX_PROMPT_CHARS = 2000
MAX_KEY_POINT_CHARS = 500
MAX_KEY_POINTS = 50
MAX_ANSWER_CHARS = 200000
MAX_LABEL_CHARS = 100
MAX_TAG_CHARS = 60
MAX_TAGS = 30


class Field(StrEnum):
    """The editor's fields, as keys of validation messages."""

    PROMPT = "prompt"
    MODEL_ANSWER = "model_answer"
    KEY_POINTS = "key_points"
    CATEGORY = "category"
    LEVEL = "level"
    TAGS = "tags"
    TIME_LIMIT = "time_limit_seconds"


@dataclass(frozen=True)
class QuestionFields:
    """What the user typed into the question editor."""

    prompt: str = ""
    model_answer: str = ""
    key_points: tuple[str, ...] = ()
    category: str = ""
    level: str = ""
    tags: tuple[str, ...] = ()
    time_limit_seconds: int | None = 300
    """None: the app's default applies."""

    @classmethod
    def from_question(cls, question: Question) -> QuestionFields:
        """The fields of an existing question, for editing or duplicating it."""
        return cls(
            prompt=question.prompt,
            model_answer=question.model_answer,
            key_points=question.key_points,
            category=question.category,
            level=question.level,
            tags=question.tags,
            time_limit_seconds=question.time_limit_seconds,
        )

    def cleaned(self) -> QuestionFields:
        """The same fields with spaces trimmed and empty list entries dropped."""
        return QuestionFields(
            prompt=self.prompt.strip(),
            model_answer=self.model_answer.strip(),
            key_points=tuple(point.strip() for point in self.key_points if point.strip()),
            category=self.category.strip(),
            level=self.level.strip(),
            tags=tuple(tag.strip() for tag in self.tags if tag.strip()),
            time_limit_seconds=self.time_limit_seconds,
        )


def validate_fields(fields: QuestionFields) -> dict[Field, str]:
    """One plain-words message per field that is wrong; empty when the question can be saved."""
    fields = fields.cleaned()
    problems: dict[Field, str] = {}
    _check_text(problems, Field.PROMPT, fields.prompt, "the question", MAX_PROMPT_CHARS)
    _check_text(
        problems, Field.MODEL_ANSWER, fields.model_answer, "the model answer", MAX_ANSWER_CHARS
    )
    _check_text(problems, Field.CATEGORY, fields.category, "a category", MAX_LABEL_CHARS)
    _check_text(problems, Field.LEVEL, fields.level, "a level", MAX_LABEL_CHARS)
    key_point_problem = _key_point_problem(fields.key_points)
    if key_point_problem:
        problems[Field.KEY_POINTS] = key_point_problem
    tag_problem = _tag_problem(fields.tags)
    if tag_problem:
        problems[Field.TAGS] = tag_problem
    time_problem = _time_limit_problem(fields.time_limit_seconds)
    if time_problem:
        problems[Field.TIME_LIMIT] = time_problem
    return problems


def _check_text(problems: dict[Field, str], name: Field, value: str, what: str, limit: int) -> None:
    if not value:
        problems[name] = f"Write {what}; it cannot be empty."
    elif len(value) > limit:
        problems[name] = f"Too long: {len(value)} characters, at most {limit}."


def _key_point_problem(points: tuple[str, ...]) -> str | None:
    if not points:
        return "Add at least one key point: what a good answer covers."
    if len(points) > MAX_KEY_POINTS:
        return f"Too many key points: {len(points)}, at most {MAX_KEY_POINTS}."
    seen: dict[str, int] = {}
    for number, point in enumerate(points, start=1):
        if len(point) > MAX_KEY_POINT_CHARS:
            return f"Key point {number} is too long ({len(point)} characters, at most 500)."
        key = " ".join(point.casefold().split())
        if key in seen:
            return f"Key point {number} repeats key point {seen[key]}: “{point}”."
        seen[key] = number
    return None


def _tag_problem(tags: tuple[str, ...]) -> str | None:
    if len(tags) > MAX_TAGS:
        return f"Too many tags: {len(tags)}, at most {MAX_TAGS}."
    seen: set[str] = set()
    for tag in tags:
        if len(tag) > MAX_TAG_CHARS:
            return f"The tag “{tag[:20]}…” is too long (at most {MAX_TAG_CHARS} characters)."
        if tag in seen:
            return f"The tag “{tag}” is there twice."
        seen.add(tag)
    return None


def _time_limit_problem(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    if seconds <= 0:
        return "The time limit must be more than zero."
    if seconds < MIN_TIME_LIMIT_SECONDS:
        return f"At least {MIN_TIME_LIMIT_SECONDS} seconds: nobody can answer faster."
    if seconds > MAX_TIME_LIMIT_SECONDS:
        return "At most 2 hours (7200 seconds): an interview answer is not that long."
    return None


def build_question(
    fields: QuestionFields, *, question_id: str, number: int, pack_id: str, pack_version: str
) -> Question:
    """A :class:`Question` from valid fields (call :func:`validate_fields` first)."""
    fields = fields.cleaned()
    return Question(
        id=question_id,
        number=number,
        prompt=fields.prompt,
        category=fields.category,
        level=fields.level,
        model_answer=fields.model_answer,
        key_points=fields.key_points,
        time_limit_seconds=fields.time_limit_seconds,
        tags=fields.tags,
        pack_id=pack_id,
        pack_version=pack_version,
    )
