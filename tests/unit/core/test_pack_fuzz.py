"""Fuzzing the pack loader: every input loads or gives readable problems, never a traceback.

CI runs a fixed seed with a modest number of examples (the "ci" profile in
tests/conftest.py). To run long by hand, with fresh random seeds:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/unit/core/test_pack_fuzz.py
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aipm_desktop.core.packs import (
    MAX_NESTING,
    MAX_QUESTIONS,
    PackError,
    load_pack,
    parse_pack,
    validate_pack_data,
)
from aipm_desktop.core.questions import Pack

BUNDLED = Path(__file__).resolve().parents[3] / "questions" / "technical_depth.json"
VALID: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))
VALID["questions"] = VALID["questions"][:3]  # small, so each example is fast

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=40,
)
field_names = st.sampled_from(
    ["id", "number", "prompt", "category", "level", "model_answer", "key_points", "tags",
     "time_limit_seconds", "schema_version", "title", "description", "version", "questions",
     "extra", ""]
)  # fmt: skip


def outcome(data: object) -> Pack | list[str]:
    """The pack, or the problems as text; anything else raised fails the test."""
    try:
        return parse_pack(data, "fuzz.json")
    except PackError as error:
        problems = error.problems
    assert problems, "a PackError must say what is wrong"
    for problem in problems:
        assert problem.file == "fuzz.json"
        assert problem.location
        assert problem.message.strip()
        assert len(problem.message) < 1000
    return [str(problem) for problem in problems]


@given(json_values)
def test_random_json_loads_or_gives_problems(data: object) -> None:
    result = outcome(data)
    assert isinstance(result, list)  # random data is never a valid pack


@st.composite
def mutated_packs(draw: st.DrawFn) -> dict[str, Any]:
    """The valid pack with a few random edits: values replaced, fields removed or added."""
    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        target: Any = data
        questions = data.get("questions")
        if draw(st.booleans()) and isinstance(questions, list) and questions:
            target = draw(st.sampled_from(questions))
        if not isinstance(target, dict):
            break
        action = draw(st.sampled_from(["replace", "remove", "add", "duplicate"]))
        key = draw(field_names)
        if action == "replace":
            target[key] = draw(json_values)
        elif action == "remove":
            target.pop(key, None)
        elif action == "add":
            target[draw(st.text(max_size=8))] = draw(json_values)
        elif isinstance(data.get("questions"), list) and data["questions"]:
            data["questions"].append(copy.deepcopy(data["questions"][0]))
    return data


@given(mutated_packs())
def test_mutated_valid_packs_load_or_give_problems(data: dict[str, Any]) -> None:
    result = outcome(data)
    if isinstance(result, Pack):
        assert result.questions
        assert len({q.id for q in result.questions}) == len(result.questions)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | json_values.map(lambda v: json.dumps(v).encode()))
def test_random_files_load_or_give_problems(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.json"
    path.write_bytes(raw)
    problems = []
    try:
        load_pack(path, file="fuzz.json")
    except PackError as error:
        problems = error.problems
    assert all(p.message for p in problems)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0), st.binary(min_size=1, max_size=200))
def test_bundled_file_with_bytes_overwritten_loads_or_gives_problems(
    tmp_path: Path, where: int, noise: bytes
) -> None:
    text = BUNDLED.read_bytes()
    cut = where % len(text)
    path = tmp_path / "mutated.json"
    path.write_bytes(text[:cut] + noise + text[cut + len(noise) :])
    try:
        pack = load_pack(path)
    except PackError as error:
        problems = error.problems
    else:
        assert pack.questions
        return
    assert problems
    assert all(p.message for p in problems)


def test_more_than_the_maximum_questions_is_refused_before_validating_them() -> None:
    data = copy.deepcopy(VALID)
    data["questions"] = [{"not": "checked"}] * (MAX_QUESTIONS + 1)
    problems = validate_pack_data(data, "huge.json")
    assert [(p.location, p.message) for p in problems] == [
        ("questions", "the pack has 10001 questions; a pack can have at most 10000")
    ]


def test_nesting_deeper_than_the_schema_allows_is_refused() -> None:
    data = copy.deepcopy(VALID)
    data["questions"][1]["tags"] = [["too", ["deep"]]]
    problems = validate_pack_data(data, "deep.json")
    assert [p.location for p in problems] == ["questions[1].tags[0]"]
    assert f"at most {MAX_NESTING} levels" in problems[0].message


def test_very_deep_json_file_is_refused_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert caught.value.problems[0].message == "the JSON is nested too deeply to read"
