"""The question bank: every pack in a folder; bad packs reported, good ones kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aipm_desktop.services.question_bank import all_questions, load_question_bank


def write_pack(folder: Path, name: str, pack_id: str, question_ids: list[str]) -> None:
    pack = {
        "schema_version": 1,
        "id": pack_id,
        "title": pack_id,
        "description": "",
        "version": "1.0.0",
        "questions": [
            {
                "id": qid,
                "number": number,
                "prompt": f"Prompt {qid}?",
                "category": "Strategy",
                "level": "Senior",
                "model_answer": "An answer.",
                "key_points": ["one"],
            }
            for number, qid in enumerate(question_ids, start=1)
        ],
    }
    (folder / name).write_text(json.dumps(pack), encoding="utf-8")


def test_bundled_bank_has_the_ten_questions() -> None:
    bank = load_question_bank()
    assert bank.problems == ()
    questions = all_questions(bank)
    assert [q.number for q in questions] == list(range(1, 11))
    assert {q.category for q in questions} == {"Technical Depth"}


def test_a_broken_pack_is_reported_and_the_others_load(tmp_path: Path) -> None:
    write_pack(tmp_path, "a_good.json", "good", ["g-1", "g-2"])
    (tmp_path / "b_broken.json").write_text('{"questions": [', encoding="utf-8")
    write_pack(tmp_path, "c_clash.json", "clash", ["g-1"])

    bank = load_question_bank(tmp_path)

    assert [q.id for q in all_questions(bank)] == ["g-1", "g-2"]
    shown = [str(problem) for problem in bank.problems]
    assert shown[0].startswith("b_broken.json: line 1, column 16: not valid JSON")
    assert shown[1].startswith("c_clash.json: questions[0].id: question id 'g-1' is already used")


def test_missing_bundled_folder_is_a_problem_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> Path:
        raise FileNotFoundError("looked in: nowhere")

    monkeypatch.setattr("aipm_desktop.services.question_bank.bundled_questions_dir", missing)
    bank = load_question_bank()
    assert bank.packs == ()
    assert "the bundled questions are missing" in str(bank.problems[0])
