"""CSV and TSV files: header rows, Anki's header lines, encodings and the column mapping."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from aipm_desktop.core.importers import SourceFormat, Target, convert_file, parse_mapping

ROWS = [
    ("Qu'est-ce que la précision d'un modèle ?", "La part des prédictions positives exactes."),
    ("Comment réduire la latence perçue ?", "Réponses en flux, mise en cache, modèles légers."),
    ("Pourquoi mesurer la dérive des données ?", "Parce que le monde change après le déploiement."),
]


def write_csv(path: Path, encoding: str, bom: bytes = b"") -> Path:
    lines = ["Question,Answer,Category"] + [f'"{q}","{a}",Évaluation' for q, a in ROWS]
    path.write_bytes(bom + "\r\n".join(lines).encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("cp1252", b"")],
)
def test_csv_in_three_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    converted = convert_file(write_csv(tmp_path / "questions.csv", encoding, bom))

    assert [(q.prompt, q.answer) for q in converted.questions] == ROWS
    assert {q.category for q in converted.questions} == {"Évaluation"}
    assert converted.source_format is SourceFormat.CSV
    assert converted.counts.questions == 3


def test_every_column_finds_its_field(tmp_path: Path) -> None:
    path = tmp_path / "bank.csv"
    path.write_text(
        "Prompt,Model answer,Key points,Category,Level,Tags,Time limit\n"
        '"How do you pick a metric?","Start from the user outcome.\nThen guardrails.",'
        '"user outcome; guardrails\ncounter-metrics",Metrics,Senior,"metrics, strategy",4 min\n'
        "Too slow?,Measure first,,Metrics,,,99999\n"
        ",an answer without a prompt,,,,,\n",
        encoding="utf-8",
    )

    converted = convert_file(path)

    first, second = converted.questions
    assert first.answer == "Start from the user outcome.\nThen guardrails."
    assert first.key_points == ("user outcome", "guardrails", "counter-metrics")
    assert (first.category, first.level) == ("Metrics", "Senior")
    assert first.tags == ("metrics", "strategy")
    assert first.time_limit_seconds == 240
    assert second.time_limit_seconds is None  # beyond two hours: the default applies
    assert converted.counts.skipped == {"without a prompt": 1}
    assert converted.mapping["Time limit"] is Target.TIME_LIMIT


def test_anki_text_export_header_lines(tmp_path: Path) -> None:
    path = tmp_path / "anki export.txt"
    path.write_text(
        "#separator:tab\n#html:true\n#deck:AI PM\n#tags column:3\n"
        "What is <b>RLHF</b>?\tLearning from <i>human</i> feedback<br>then tuning\tllm rl\n",
        encoding="utf-8",
    )

    converted = convert_file(path)

    (question,) = converted.questions
    assert question.prompt == "What is RLHF?"
    assert question.answer == "Learning from *human* feedback  \nthen tuning"
    assert question.category == "AI PM"
    assert question.tags == ("llm", "rl")
    assert converted.source_format is SourceFormat.TSV


def test_anki_columns_line_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("#separator:Semicolon\n#columns:Back;Front\nthe answer;the question\n", "utf-8")

    converted = convert_file(path, parse_mapping("front=prompt,back=answer"))

    assert [(q.prompt, q.answer) for q in converted.questions] == [("the question", "the answer")]


def test_without_a_header_the_first_columns_are_prompt_and_answer(tmp_path: Path) -> None:
    path = tmp_path / "plain.tsv"
    path.write_text("one question\tits answer\nsecond\tanswer two\n", "utf-8")

    converted = convert_file(path)

    assert [q.prompt for q in converted.questions] == ["one question", "second"]
    assert converted.fields == ("Column 1", "Column 2")


def test_columns_can_be_mapped_by_number(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("answer first,question second,extra\n", "utf-8")

    converted = convert_file(path, parse_mapping("2=prompt,1=answer,3=tags"))

    (question,) = converted.questions
    assert (question.prompt, question.answer, question.tags) == (
        "question second",
        "answer first",
        ("extra",),
    )


def test_a_bad_mapping_target_is_explained() -> None:
    with pytest.raises(ValueError, match="not a question field"):
        parse_mapping("front=title")
    with pytest.raises(ValueError, match="FIELD=TARGET"):
        parse_mapping("front")
