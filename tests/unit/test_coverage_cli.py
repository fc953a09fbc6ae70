"""The ``coverage`` command: the JSON and text reports, and exit 2 for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aipm_desktop.app import main
from tests.questions import bundled_questions

QUESTION = "td-05-model-limitations"
ANSWER = (
    "When the users' behaviour drifts away from the training data, accuracy quietly drops, "
    "so we need dashboards that watch it.\nPeople will deliberately craft inputs to fool "
    "the system."
)


@pytest.fixture
def answer_file(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    return path


def test_json_lists_every_key_point_with_evidence(
    tmp_path: Path, answer_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["--data-dir", str(tmp_path / "data"), "coverage", "--question", QUESTION,
         "--answer-file", str(answer_file)]
    )  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    [question] = [q for q in bundled_questions() if q.id == QUESTION]
    assert report["question"] == QUESTION
    assert report["matcher"] == "minilm-int8"
    assert [point["text"] for point in report["key_points"]] == list(question.key_points)
    for point in report["key_points"]:
        assert 0.0 <= point["score"] <= 1.0
        assert (point["evidence"] is not None) == point["covered"]
        if point["covered"]:
            assert point["evidence"] in ANSWER
    covered = sum(point["covered"] for point in report["key_points"])
    assert 1 <= covered < len(question.key_points)
    assert report["suggested_rating"] in (1, 2, 3, 4)


def test_text_format_and_the_lexical_fallback_says_why(
    tmp_path: Path,
    answer_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AIPM_COVERAGE_MODEL", "")
    code = main(
        ["--data-dir", str(tmp_path), "coverage", "--question", QUESTION,
         "--answer-file", str(answer_file), "--format", "text"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0
    assert "Matcher: lexical" in out
    assert "? not found" in out
    assert "Suggested: " in out
    assert "Word match only" in err


def test_unknown_question_exits_2(
    tmp_path: Path, answer_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["--data-dir", str(tmp_path), "coverage", "--question", "no-such-question",
         "--answer-file", str(answer_file)]
    )  # fmt: skip
    assert code == 2
    assert "unknown question 'no-such-question'" in capsys.readouterr().err


@pytest.mark.parametrize("content", [None, b"\xff\xfe\x00bad utf-8 \xc3\x28"])
def test_unreadable_answer_file_exits_2(
    tmp_path: Path, content: bytes | None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answer.txt"
    if content is not None:
        path.write_bytes(content)
    code = main(
        ["--data-dir", str(tmp_path), "coverage", "--question", QUESTION,
         "--answer-file", str(path)]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert f"cannot read {path}" in err
