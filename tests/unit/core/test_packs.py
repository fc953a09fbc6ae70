"""Loading and validating question packs (aipm_desktop.core.packs)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aipm_desktop.core.packs import (
    MAX_PACK_BYTES,
    PackError,
    PackIdRegistry,
    PackProblem,
    discover_pack_files,
    format_location,
    load_pack,
    load_packs,
    load_schema,
    parse_pack,
    validate_pack_data,
)
from aipm_desktop.core.questions import Pack, Question
from aipm_desktop.services.bundled import bundled_questions_dir

Data = dict[str, Any]


def question(n: int = 1, **overrides: Any) -> Data:
    """A valid question dict, numbered ``n`` unless overridden."""
    item: Data = {
        "id": f"q{n}",
        "number": n,
        "prompt": f"Question {n}?",
        "category": "Technical Depth",
        "level": "Intermediate",
        "model_answer": "**Answer** with a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        "key_points": ["first point", "second point"],
    }
    item.update(overrides)
    return item


def pack_data(pack_id: str = "tech", questions: list[Data] | None = None) -> Data:
    """A valid pack dict."""
    return {
        "schema_version": 1,
        "id": pack_id,
        "title": "Technical depth",
        "description": "Ten questions.",
        "version": "1.0.0",
        "questions": [question(1)] if questions is None else questions,
    }


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[PackProblem]:
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert caught.value.problems, "a PackError always carries problems"
    return caught.value.problems


# ---------------------------------------------------------------- valid packs


def test_valid_pack_loads_into_dataclasses(tmp_path: Path) -> None:
    data = pack_data(
        questions=[
            question(1, time_limit_seconds=120, tags=["ml", "basics"]),
            question(2),
        ]
    )
    path = write_json(tmp_path / "tech.json", data)

    pack = load_pack(path)

    assert pack == Pack(
        id="tech",
        title="Technical depth",
        description="Ten questions.",
        version="1.0.0",
        schema_version=1,
        questions=pack.questions,
        source=path,
    )
    first, second = pack.questions
    assert first == Question(
        id="q1",
        number=1,
        prompt="Question 1?",
        category="Technical Depth",
        level="Intermediate",
        model_answer=data["questions"][0]["model_answer"],
        key_points=("first point", "second point"),
        time_limit_seconds=120,
        tags=("ml", "basics"),
        pack_id="tech",
        pack_version="1.0.0",
    )
    assert second.time_limit_seconds is None
    assert second.tags == ()
    assert second.effective_time_limit(300) == 300


def test_whole_number_floats_become_ints(tmp_path: Path) -> None:
    # JSON Schema counts 2.0 as an integer; the dataclass must still get an int.
    data = pack_data(questions=[question(1, number=2.0, time_limit_seconds=60.0)])
    pack = load_pack(write_json(tmp_path / "p.json", data))
    assert type(pack.questions[0].number) is int
    assert type(pack.questions[0].time_limit_seconds) is int


def test_utf8_bom_and_unicode_text_are_accepted(tmp_path: Path) -> None:
    data = pack_data(questions=[question(1, prompt="Qu’est-ce que l’IA ? 💡")])
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert load_pack(path).questions[0].prompt == "Qu’est-ce que l’IA ? 💡"


def test_parse_pack_builds_from_parsed_data() -> None:
    source = Path("somewhere/tech.json")
    pack = parse_pack(pack_data(), "tech.json", source=source)
    assert pack.source == source
    assert [q.id for q in pack.questions] == ["q1"]


def test_validate_pack_data_is_empty_for_a_valid_pack() -> None:
    assert validate_pack_data(pack_data(), "tech.json") == []


def test_questions_keep_file_order() -> None:
    pack = parse_pack(pack_data(questions=[question(2), question(1)]), "p.json")
    assert [q.number for q in pack.questions] == [2, 1]


# ---------------------------------------------------------------- malformed packs

Mutation = Callable[[Data], None]


def _set_question(field: str, value: object) -> Mutation:
    def mutate(data: Data) -> None:
        data["questions"][0][field] = value

    return mutate


def _del_question(field: str) -> Mutation:
    def mutate(data: Data) -> None:
        del data["questions"][0][field]

    return mutate


def _set(field: str, value: object) -> Mutation:
    def mutate(data: Data) -> None:
        data[field] = value

    return mutate


def _del(field: str) -> Mutation:
    def mutate(data: Data) -> None:
        del data[field]

    return mutate


def _two_questions(second: Data) -> Mutation:
    def mutate(data: Data) -> None:
        data["questions"] = [question(1), second]

    return mutate


# (mutation of a valid pack, expected location, words the message must contain)
SCHEMA_CASES = {
    "missing questions": (_del("questions"), "$", ["missing required field 'questions'"]),
    "missing title": (_del("title"), "$", ["missing required field 'title'"]),
    "empty questions": (_set("questions", []), "questions", ["at least 1 question"]),
    "questions not a list": (_set("questions", {}), "questions", ["should be an array"]),
    "question not an object": (_set("questions", ["q"]), "questions[0]", ["should be an object"]),
    "missing prompt": (
        _del_question("prompt"),
        "questions[0]",
        ["missing required field 'prompt'"],
    ),
    "empty prompt": (_set_question("prompt", ""), "questions[0].prompt", ["must not be empty"]),
    "whitespace prompt": (
        _set_question("prompt", " \t\n "),
        "questions[0].prompt",
        ["must not be empty", "spaces"],
    ),
    "blank title": (_set("title", "   "), "title", ["must not be empty"]),
    "prompt too long": (
        _set_question("prompt", "x" * 2001),
        "questions[0].prompt",
        ["too long", "2001", "2000"],
    ),
    "number as string": (
        _set_question("number", "3"),
        "questions[0].number",
        ["should be an integer", "not a string"],
    ),
    "number as bool": (_set_question("number", True), "questions[0].number", ["integer"]),
    "number with fraction": (_set_question("number", 1.5), "questions[0].number", ["integer"]),
    "number zero": (_set_question("number", 0), "questions[0].number", ["at least 1"]),
    "negative time limit": (
        _set_question("time_limit_seconds", -30),
        "questions[0].time_limit_seconds",
        ["at least 10 seconds"],
    ),
    "time limit 0": (
        _set_question("time_limit_seconds", 0),
        "questions[0].time_limit_seconds",
        ["at least 10 seconds"],
    ),
    "time limit too big": (
        _set_question("time_limit_seconds", 7201),
        "questions[0].time_limit_seconds",
        ["at most 7200 seconds"],
    ),
    "time limit null": (
        _set_question("time_limit_seconds", None),
        "questions[0].time_limit_seconds",
        ["should be an integer", "not null"],
    ),
    "unknown question field": (
        _set_question("answer", "typo for model_answer"),
        "questions[0]",
        ["unknown field 'answer'"],
    ),
    "unknown pack field": (_set("author", "me"), "$", ["unknown field 'author'"]),
    "empty key_points": (
        _set_question("key_points", []),
        "questions[0].key_points",
        ["needs at least 1 key point"],
    ),
    "blank key point": (
        _set_question("key_points", ["ok", " "]),
        "questions[0].key_points[1]",
        ["must not be empty"],
    ),
    "duplicate key points": (
        _set_question("key_points", ["same", "other", "same"]),
        "questions[0].key_points",
        ["same key point more than once", "'same'"],
    ),
    "duplicate tags": (
        _set_question("tags", ["ml", "ml"]),
        "questions[0].tags",
        ["same tag more than once"],
    ),
    "key point not a string": (
        _set_question("key_points", [42]),
        "questions[0].key_points[0]",
        ["should be a string", "not an integer"],
    ),
    "duplicate question ids": (
        _two_questions(question(2, id="q1")),
        "questions[1].id",
        ["duplicate question id 'q1'", "questions[0]"],
    ),
    "duplicate numbers": (
        _two_questions(question(2, number=1)),
        "questions[1].number",
        ["duplicate question number 1", "questions[0]"],
    ),
    "schema_version 2": (
        _set("schema_version", 2),
        "schema_version",
        ["format version 2", "reads version 1", "update the app"],
    ),
    "schema_version as string": (
        _set("schema_version", "1"),
        "schema_version",
        ["format version should be 1", "'1'"],
    ),
    "question id with capitals": (
        _set_question("id", "Q1"),
        "questions[0].id",
        ["should be an id", "lowercase"],
    ),
    "question id with spaces": (
        _set_question("id", "q 1"),
        "questions[0].id",
        ["should be an id"],
    ),
    "question id with trailing newline": (
        _set_question("id", "q1\n"),
        "questions[0].id",
        ["should be an id"],
    ),
    "pack id too long": (_set("id", "a" * 101), "id", ["should be a pack id", "100"]),
    "bad version": (_set("version", "v1"), "version", ["version number like"]),
}


@pytest.mark.parametrize(
    ("mutate", "location", "words"),
    list(SCHEMA_CASES.values()),
    ids=list(SCHEMA_CASES),
)
def test_malformed_pack_is_reported(
    tmp_path: Path, mutate: Mutation, location: str, words: list[str]
) -> None:
    data = copy.deepcopy(pack_data())
    mutate(data)
    path = write_json(tmp_path / "broken.json", data)

    problems = problems_of(path)

    matching = [p for p in problems if p.location == location]
    assert matching, f"no problem at {location!r}: {problems}"
    assert all(p.file == "broken.json" for p in problems)
    message = matching[0].message
    for word in words:
        assert word in message
    assert len(message) <= 200


# (raw file bytes, expected location, words the message must contain)
RAW_CASES = {
    "syntax error": (b'{"id": "x",\n  "title": }', "line 2, column 12", ["not valid JSON"]),
    "trailing comma": (b'{"id": "x",}', "line 1, column 12", ["not valid JSON"]),
    "truncated": (b'{"id": "x"', "line 1, column 11", ["not valid JSON"]),
    "empty file": (b"", "$", ["empty"]),
    "whitespace-only file": (b"  \n\t\n", "$", ["empty"]),
    "not utf-8": (b'{"title":\n "caf\xe9"}', "line 2, column 6", ["not UTF-8", "0xE9"]),
    "top-level array": (b"[1, 2]", "$", ["JSON object", "not an array"]),
    "top-level string": (b'"hello"', "$", ["JSON object", "not a string"]),
    "top-level number": (b"42", "$", ["JSON object", "not an integer"]),
    "top-level null": (b"null", "$", ["JSON object", "not null"]),
    "duplicate key": (b'{"id": "a", "id": "b"}', "$", ["field 'id' twice"]),
    "huge integer": (b'{"n": ' + b"9" * 5000 + b"}", "$", ["not valid JSON"]),
    "deeply nested": (
        b'{"questions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "$",
        ["nested too deeply"],
    ),
}


@pytest.mark.parametrize(
    ("raw", "location", "words"),
    list(RAW_CASES.values()),
    ids=list(RAW_CASES),
)
def test_unparsable_file_is_reported(
    tmp_path: Path, raw: bytes, location: str, words: list[str]
) -> None:
    path = tmp_path / "raw.json"
    path.write_bytes(raw)

    problems = problems_of(path)

    assert [(p.file, p.location) for p in problems] == [("raw.json", location)]
    for word in words:
        assert word in problems[0].message


def test_deeply_nested_parsed_data_is_reported_not_crashing() -> None:
    nested: list[Any] = []
    for _ in range(5000):
        nested = [nested]
    data = pack_data(questions=[nested])  # type: ignore[list-item]

    problems = validate_pack_data(data, "deep.json")

    assert [p.location for p in problems] == ["questions[0][0][0]"]
    assert "nested deeper than a pack allows" in problems[0].message


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_PACK_BYTES + 1)  # sparse: no real disk use

    (problem,) = problems_of(path)

    assert problem.location == "$"
    assert "too big" in problem.message
    assert "20 MB" in problem.message


def test_size_limit_boundary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("aipm_desktop.core.packs.MAX_PACK_BYTES", 2000)
    text = json.dumps(pack_data())
    path = tmp_path / "padded.json"
    path.write_text(text + " " * (2000 - len(text)), encoding="utf-8")
    assert load_pack(path).id == "tech"

    path.write_text(text + " " * (2001 - len(text)), encoding="utf-8")
    (problem,) = problems_of(path)
    assert "too big" in problem.message


def test_missing_file(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "nope.json")
    assert (problem.file, problem.location, problem.message) == ("nope.json", "$", "file not found")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.json"
    folder.mkdir()
    (problem,) = problems_of(folder)
    assert problem.file == "folder.json"
    assert "folder" in problem.message


def test_file_name_can_be_overridden(tmp_path: Path) -> None:
    with pytest.raises(PackError) as caught:
        load_pack(tmp_path / "nope.json", file="./nope.json")
    assert str(caught.value.problems[0]) == "./nope.json: $: file not found"


def test_all_problems_are_reported_sorted_by_location(tmp_path: Path) -> None:
    questions = [question(n) for n in range(1, 12)]
    questions[10]["prompt"] = ""
    questions[2]["number"] = "3"
    questions[2]["extra"] = True
    data = pack_data(questions=questions)
    del data["title"]

    problems = validate_pack_data(data, "many.json")

    assert [(p.location, p.message) for p in problems] == [
        ("$", "missing required field 'title'"),
        ("questions[2]", "unknown field 'extra'"),
        ("questions[2].number", "should be an integer (a whole number), not a string"),
        ("questions[10].prompt", "must not be empty or only spaces"),
    ]


def test_huge_wrong_values_are_not_echoed() -> None:
    data = pack_data()
    data["questions"][0]["key_points"] = ["x" * 100_000] * 2
    data["questions"][0]["number"] = "9" * 100_000

    problems = validate_pack_data(data, "p.json")

    assert [p.location for p in problems] == [
        "questions[0].key_points",
        "questions[0].key_points[0]",
        "questions[0].key_points[1]",
        "questions[0].number",
    ]
    assert all(len(p.message) <= 200 for p in problems)


def test_unmapped_jsonschema_messages_are_truncated() -> None:
    schema = copy.deepcopy(load_schema())
    schema["properties"]["title"] = {"enum": ["A", "B"]}
    data = pack_data()
    data["title"] = "y" * 10_000

    (problem,) = validate_pack_data(data, "p.json", schema)

    assert problem.location == "title"
    assert problem.message.startswith("'yyy")
    assert problem.message.endswith("…")
    assert len(problem.message) == 200


def test_newer_schema_version_hides_other_problems() -> None:
    data = {"schema_version": 3, "id": "tech", "questions": "a new shape"}
    problems = validate_pack_data(data, "new.json")
    assert [p.location for p in problems] == ["schema_version"]


def test_problem_and_error_text() -> None:
    problem = PackProblem("a.json", "questions[3].key_points", "needs at least 1 key point")
    assert str(problem) == "a.json: questions[3].key_points: needs at least 1 key point"
    error = PackError([problem, PackProblem("a.json", "$", "unknown field 'x'")])
    assert str(error).splitlines() == [str(problem), "a.json: $: unknown field 'x'"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), "$"),
        (("id",), "id"),
        (("questions", 3, "key_points", 0), "questions[3].key_points[0]"),
    ],
)
def test_format_location(path: tuple[str | int, ...], expected: str) -> None:
    assert format_location(path) == expected


def test_custom_schema_is_used() -> None:
    schema = copy.deepcopy(load_schema())
    schema["properties"]["title"]["maxLength"] = 3
    (problem,) = validate_pack_data(pack_data(), "p.json", schema)
    assert problem.location == "title"
    assert "too long" in problem.message


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(load_schema())
    assert load_schema() is load_schema()  # cached


# ---------------------------------------------------------------- several packs


def test_load_packs_keeps_good_packs_and_reports_bad_ones(tmp_path: Path) -> None:
    good = write_json(tmp_path / "good.json", pack_data("good"))
    bad = write_json(tmp_path / "bad.json", pack_data("bad", questions=[]))

    result = load_packs([bad, good])

    assert [pack.id for pack in result.packs] == ["good"]
    assert [str(p) for p in result.problems] == ["bad.json: questions: needs at least 1 question"]


def test_load_packs_skips_a_later_pack_with_the_same_pack_id(tmp_path: Path) -> None:
    first = write_json(tmp_path / "a.json", pack_data("tech"))
    second = write_json(tmp_path / "b.json", pack_data("tech", questions=[question(7)]))

    result = load_packs([first, second])

    assert [pack.source for pack in result.packs] == [first]
    (problem,) = result.problems
    assert (problem.file, problem.location) == ("b.json", "id")
    assert "pack id 'tech' is already used by a.json" in problem.message


def test_load_packs_skips_a_later_pack_reusing_a_question_id(tmp_path: Path) -> None:
    first = write_json(tmp_path / "a.json", pack_data("one", [question(1)]))
    second = write_json(tmp_path / "b.json", pack_data("two", [question(5), question(2, id="q1")]))
    third = write_json(tmp_path / "c.json", pack_data("three", [question(3)]))

    result = load_packs([first, second, third])

    assert [pack.id for pack in result.packs] == ["one", "three"]
    (problem,) = result.problems
    assert (problem.file, problem.location) == ("b.json", "questions[1].id")
    assert "question id 'q1' is already used by pack 'one' (a.json)" in problem.message


def test_load_packs_of_nothing() -> None:
    result = load_packs([])
    assert result.packs == ()
    assert result.problems == ()


def test_registry_accepts_after_rejecting() -> None:
    registry = PackIdRegistry()
    pack = parse_pack(pack_data("tech"), "a.json")
    assert registry.add("a.json", pack) == []
    assert registry.add("b.json", pack) != []
    other = parse_pack(pack_data("other", [question(2)]), "c.json")
    assert registry.add("c.json", other) == []


# ---------------------------------------------------------------- discovery


def test_discover_pack_files_lists_json_files_sorted_by_name(tmp_path: Path) -> None:
    for name in ["b.json", "a.json", "C.JSON", "notes.txt", ".hidden.json"]:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / "folder.json").mkdir()

    found = discover_pack_files(tmp_path)

    assert [path.name for path in found] == ["C.JSON", "a.json", "b.json"]
    assert all(path.parent == tmp_path for path in found)


def test_discover_pack_files_in_a_missing_folder(tmp_path: Path) -> None:
    assert discover_pack_files(tmp_path / "missing") == []


def test_discover_pack_files_given_a_file(tmp_path: Path) -> None:
    path = write_json(tmp_path / "a.json", {})
    assert discover_pack_files(path) == []


# ---------------------------------------------------------------- the bundled pack


def test_bundled_technical_depth_pack_is_valid() -> None:
    pack = load_pack(bundled_questions_dir() / "technical_depth.json")

    assert len(pack.questions) == 10
    assert [q.number for q in pack.questions] == list(range(1, 11))
    assert len({q.id for q in pack.questions}) == 10
    assert all(q.key_points and q.model_answer.strip() for q in pack.questions)
    assert all(q.pack_id == pack.id for q in pack.questions)


def test_every_bundled_pack_loads_without_problems() -> None:
    result = load_packs(discover_pack_files(bundled_questions_dir()))
    assert result.problems == ()
