"""End-to-end: ``aipm-desktop export-attempts`` as a script would run it."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.services.paths import DATA_DIR_ENV_VAR, database_path
from aipm_desktop.storage import Store
from tests.e2e.test_cli import describe, run
from tests.unit.storage.test_store import T0, new_attempt

pytestmark = pytest.mark.e2e

ANSWERS = ['Line one, "quoted"\nLine two: précision 🎯', "Plain answer."]


def make_history(data: Path) -> None:
    with Store.open(database_path(data)) as store:
        for i, answer in enumerate(ANSWERS):
            attempt = store.record_attempt(
                new_attempt("td-04-precision-recall-trade-off", minutes=i, answer=answer)
            )
            store.set_key_points(attempt.id, ["Defines precision"])
            store.set_rating(attempt.id, Rating.GOOD, T0 + timedelta(minutes=i + 3))


def test_csv_to_stdout_with_prompts_and_awkward_text(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    make_history(data)

    result = run(["--data-dir", str(data), "export-attempts", "--format", "csv"], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [r["answer"] for r in rows] == ANSWERS
    assert rows[0]["prompt"].startswith("Explain the precision-recall trade-off")
    assert rows[0]["rating"] == "3"
    assert (rows[0]["key_points_covered"], rows[0]["key_points_total"]) == ("1", "4")


def test_json_to_a_file_from_the_environment_folder(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    make_history(data)
    env[DATA_DIR_ENV_VAR] = str(data)
    target = tmp_path / "out" / "attempts.json"
    target.parent.mkdir()

    result = run(["export-attempts", "--format", "json", "-o", str(target)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert result.stdout == ""
    assert "Exported 2 attempts" in result.stderr
    attempts = json.loads(target.read_text(encoding="utf-8"))["attempts"]
    assert [a["answer"] for a in attempts] == ANSWERS
    assert attempts[0]["key_points_ticked"] == ["Defines precision"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["attempts.json"]


def test_no_data_file_is_a_clear_error(tmp_path: Path, env: dict[str, str]) -> None:
    empty = tmp_path / "nothing-here"

    result = run(
        ["--data-dir", str(empty), "export-attempts", "--format", "csv"], env, cwd=tmp_path
    )

    assert result.returncode == 1, describe(result)
    assert "nothing to export" in result.stderr
    assert not empty.exists()


def test_unwritable_target_is_a_clear_error(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    make_history(data)
    target = tmp_path / "missing-folder" / "a.csv"

    result = run(
        ["--data-dir", str(data), "export-attempts", "--format", "csv", "-o", str(target)],
        env,
        cwd=tmp_path,
    )

    assert result.returncode == 1, describe(result)
    assert "could not export" in result.stderr
    assert not target.parent.exists()


def test_bad_format_is_a_usage_error(tmp_path: Path, env: dict[str, str]) -> None:
    result = run(["export-attempts", "--format", "xml"], env, cwd=tmp_path)
    assert result.returncode == 2, describe(result)
    assert "invalid choice" in result.stderr


SPOKEN_TEXT = "=1+2 um, precision first. Then recall."
"""As transcribed: opens like a formula, which the CSV must not let a spreadsheet run."""


def make_spoken_history(data: Path) -> None:
    """A typed answer, then a spoken one with a filler and a long pause."""
    words = (
        Word("=1+2", 0.0, 0.5),
        Word("um,", 0.5, 1.0),
        Word("precision", 1.0, 1.5),
        Word("first.", 1.5, 2.0),
        Word("Then", 5.0, 5.5),
        Word("recall.", 5.5, 6.0),
    )
    with Store.open(database_path(data)) as store:
        store.record_attempt(new_attempt("td-04-precision-recall-trade-off", answer="Typed."))
        store.record_attempt(
            new_attempt(
                "td-04-precision-recall-trade-off",
                minutes=1,
                answer="Precision first. Then recall.",
                answer_mode=AnswerMode.SPEAK,
                transcript=Transcript(SPOKEN_TEXT, words, 6.5),
                audio_file="audio/answer-1.wav",
            )
        )


def test_spoken_answers_carry_their_mode_transcript_and_delivery(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    make_spoken_history(data)

    result = run(["--data-dir", str(data), "export-attempts", "--format", "csv"], env, cwd=tmp_path)
    assert result.returncode == 0, describe(result)
    typed, spoken = csv.DictReader(io.StringIO(result.stdout, newline=""))
    assert (typed["answer_mode"], typed["transcript"], typed["words_per_minute"]) == (
        "type",
        "",
        "",
    )
    assert (typed["long_pauses"], typed["fillers"]) == ("", "")
    assert spoken["answer_mode"] == "speak"
    assert spoken["answer"] == "Precision first. Then recall."  # as corrected
    assert spoken["transcript"] == "'" + SPOKEN_TEXT  # formula-safe
    # Six words over 3 s of speaking (6 s less the 3 s pause): 120 a minute.
    assert (spoken["words_per_minute"], spoken["long_pauses"], spoken["fillers"]) == (
        "120.0",
        "1",
        "1",
    )

    result = run(
        ["--data-dir", str(data), "export-attempts", "--format", "json"], env, cwd=tmp_path
    )
    assert result.returncode == 0, describe(result)
    typed_json, spoken_json = json.loads(result.stdout)["attempts"]
    assert typed_json["answer_mode"] == "type"
    assert typed_json["transcript"] is None
    assert typed_json["words_per_minute"] is None
    assert spoken_json["transcript"] == SPOKEN_TEXT  # JSON is never changed
    assert spoken_json["words_per_minute"] == pytest.approx(120.0)
    assert (spoken_json["long_pauses"], spoken_json["fillers"]) == (1, 1)
