"""The check-pack command's logic (aipm_desktop.cli.check_pack)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from aipm_desktop.cli.check_pack import check_packs


def pack(pack_id: str, *question_ids: str) -> dict[str, Any]:
    """A valid pack dict with one question per id."""
    return {
        "schema_version": 1,
        "id": pack_id,
        "title": f"Pack {pack_id}",
        "description": "",
        "version": "1.0",
        "questions": [
            {
                "id": qid,
                "number": number,
                "prompt": "Why?",
                "category": "Strategy",
                "level": "Senior",
                "model_answer": "Because.",
                "key_points": ["reason"],
            }
            for number, qid in enumerate(question_ids, start=1)
        ],
    }


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in tmp_path so files can be named relatively, as a user would."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, data: object) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


def run(files: list[str]) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = check_packs(files, out)
    return code, out.getvalue().splitlines()


def test_valid_files(in_tmp: Path) -> None:
    write(in_tmp / "a.json", pack("a", "a1", "a2"))
    write(in_tmp / "b.json", pack("b", "b1"))

    assert run(["a.json", "./b.json"]) == (
        0,
        ["a.json: ok (2 questions)", "./b.json: ok (1 question)"],
    )


def test_bad_file_prints_every_problem_and_fails(in_tmp: Path) -> None:
    write(in_tmp / "good.json", pack("good", "g1"))
    bad = pack("bad", "b1", "b2")
    bad["questions"][0]["key_points"] = []
    del bad["questions"][1]["prompt"]
    bad["extra"] = 1
    write(in_tmp / "bad.json", bad)

    code, lines = run(["good.json", "bad.json"])

    assert code == 1
    assert lines == [
        "good.json: ok (1 question)",
        "bad.json: $: unknown field 'extra'",
        "bad.json: questions[0].key_points: needs at least 1 key point",
        "bad.json: questions[1]: missing required field 'prompt'",
    ]


def test_file_names_are_printed_as_given(in_tmp: Path) -> None:
    (in_tmp / "sub").mkdir()
    (in_tmp / "sub" / "syntax.json").write_text('{"id": }', encoding="utf-8")

    code, lines = run(["sub/../sub/syntax.json", "missing.json"])

    assert code == 1
    assert lines == [
        "sub/../sub/syntax.json: line 1, column 8: not valid JSON: expecting value",
        "missing.json: $: file not found",
    ]


def test_duplicate_ids_across_files(in_tmp: Path) -> None:
    write(in_tmp / "a.json", pack("a", "shared"))
    write(in_tmp / "b.json", pack("a", "other"))
    write(in_tmp / "c.json", pack("c", "c1", "shared"))

    code, lines = run(["a.json", "b.json", "c.json"])

    assert code == 1
    assert lines[0] == "a.json: ok (1 question)"
    assert lines[1].startswith("b.json: id: pack id 'a' is already used by a.json")
    assert lines[2].startswith(
        "c.json: questions[1].id: question id 'shared' is already used by pack 'a' (a.json)"
    )
    assert len(lines) == 3


def test_same_file_twice_is_a_duplicate(in_tmp: Path) -> None:
    write(in_tmp / "a.json", pack("a", "a1"))
    code, lines = run(["a.json", "a.json"])
    assert code == 1
    assert lines[0] == "a.json: ok (1 question)"
    assert lines[1].startswith("a.json: id: pack id 'a' is already used by a.json")


def test_no_files_is_success() -> None:
    assert run([]) == (0, [])
