"""The editor's inline validation messages."""

from __future__ import annotations

import dataclasses

import pytest

from aipm_desktop.core.question_edit import Field, QuestionFields, validate_fields

GOOD = QuestionFields(
    prompt="Why?",
    model_answer="Because.",
    key_points=("One", "Two"),
    category="Strategy",
    level="Senior",
    tags=("a",),
    time_limit_seconds=300,
)


def problems(**changes: object) -> dict[Field, str]:
    return validate_fields(dataclasses.replace(GOOD, **changes))  # type: ignore[arg-type]


def test_good_fields_have_no_problems() -> None:
    assert validate_fields(GOOD) == {}
    assert problems(time_limit_seconds=None) == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"prompt": "   "}, Field.PROMPT, "cannot be empty"),
        ({"model_answer": ""}, Field.MODEL_ANSWER, "cannot be empty"),
        ({"category": ""}, Field.CATEGORY, "cannot be empty"),
        ({"prompt": "x" * 2001}, Field.PROMPT, "at most 2000"),
        ({"time_limit_seconds": 0}, Field.TIME_LIMIT, "more than zero"),
        ({"time_limit_seconds": -5}, Field.TIME_LIMIT, "more than zero"),
        ({"time_limit_seconds": 3}, Field.TIME_LIMIT, "At least 10"),
        ({"time_limit_seconds": 86400}, Field.TIME_LIMIT, "At most 2 hours"),
        ({"key_points": ()}, Field.KEY_POINTS, "at least one"),
        ({"key_points": ("  ",)}, Field.KEY_POINTS, "at least one"),
        ({"key_points": ("Costs", "Risks", " costs ")}, Field.KEY_POINTS, "3 repeats key point 1"),
        ({"tags": ("a", "a")}, Field.TAGS, "twice"),
    ],
)
def test_each_problem_is_reported_on_its_field(
    changes: dict[str, object], field: Field, words: str
) -> None:
    found = problems(**changes)
    assert list(found) == [field]
    assert words in found[field]
