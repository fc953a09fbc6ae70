"""Anki packages: genanki decks (schema 11) and hand-made schema 18 packages, round trip."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from aipm_desktop.core.importers import SourceFormat, Target, convert_file, parse_mapping
from aipm_desktop.core.packs import parse_pack

from .anki_files import Schema18Note, Schema18Options, genanki_deck, schema18_deck


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    image = tmp_path / "chart.png"
    image.write_bytes(b"\x89PNG not really")
    return genanki_deck(
        tmp_path / "AI PM deck.apkg",
        {
            "AI PM::Metrics": [
                (
                    [
                        "What is <b>precision</b>?",
                        "<ul><li>TP / (TP + FP)</li><li><b>share</b> of flagged items "
                        "that are right</li></ul>",
                        "",
                    ],
                    ["metrics", "ml"],
                ),
                (
                    [
                        "Compare precision and recall",
                        "<table><tr><th>Metric</th><th>Asks</th></tr>"
                        "<tr><td>Precision</td><td>how many flagged are right</td></tr></table>"
                        'Line one<br>Line two<img src="chart.png">',
                        "use the F1 score",
                    ],
                    [],
                ),
            ],
            "Strategy": [(["Why build a moat?", "Data network effects", ""], ["strategy"])],
        },
        cloze=[("{{c1::Recall}} is TP / (TP + {{c2::FN::what is missed}})", "Also sensitivity")],
        media=[image],
    )


def test_genanki_deck_round_trip(deck: Path) -> None:
    converted = convert_file(deck)

    assert converted.source_format is SourceFormat.ANKI_APKG
    prompts = [q.prompt for q in converted.questions]
    assert prompts == [
        "What is precision?",
        "Compare precision and recall",
        "[...] is TP / (TP + FN)",
        "Recall is TP / (TP + [what is missed])",
        "Why build a moat?",
    ]
    first = converted.questions[0]
    assert first.answer == "- TP / (TP + FP)\n- **share** of flagged items that are right"
    assert first.category == "AI PM::Metrics"
    assert first.tags == ("metrics", "ml")
    assert first.key_points == ("TP / (TP + FP)", "share of flagged items that are right")
    table = converted.questions[1].answer
    assert (
        "| **Metric** | **Asks** |\n|---|---|\n| Precision | how many flagged are right |" in table
    )
    assert "Line one  \nLine two" in table
    assert "[image not imported]" in table.replace("\\", "")
    assert converted.questions[4].category == "Strategy"
    counts = converted.counts
    assert (counts.questions, counts.skipped_total) == (5, 0)
    assert (counts.cloze_notes, counts.cloze_questions) == (1, 2)
    assert counts.media_dropped == 1


def test_cloze_questions_show_the_hidden_text_in_bold(deck: Path) -> None:
    clozes = [q for q in convert_file(deck).questions if "TP + " in q.prompt and "[" in q.prompt]

    assert clozes[0].answer == "**Recall** is TP / (TP + FN)\n\nAlso sensitivity"
    assert clozes[0].key_points == ("Recall",)
    assert clozes[1].answer.startswith("Recall is TP / (TP + **FN**)")


def test_converted_deck_is_a_valid_pack_with_its_source_kept(deck: Path) -> None:
    converted = convert_file(deck).with_identity("ai-pm-deck", "AI PM deck")
    data = converted.to_pack_data(version="3")

    pack = parse_pack(json.loads(json.dumps(data)), "x.json")
    assert pack.id == "ai-pm-deck"
    assert pack.version == "3"
    assert pack.imported_from is not None
    assert (pack.imported_from.file, pack.imported_from.format) == ("AI PM deck.apkg", "anki-apkg")
    assert len({q.id for q in pack.questions}) == 5
    assert all(q.id.startswith("ai-pm-deck-") for q in pack.questions)


def test_question_ids_stay_the_same_when_the_deck_is_converted_again(deck: Path) -> None:
    first = convert_file(deck).to_pack_data()
    again = convert_file(deck).to_pack_data()

    assert [q["id"] for q in first["questions"]] == [q["id"] for q in again["questions"]]


def test_the_user_chooses_which_fields_become_prompt_and_answer(deck: Path) -> None:
    converted = convert_file(deck, parse_mapping("back=prompt,notes=answer,front=ignore"))

    table = next(q for q in converted.questions if q.prompt.startswith("Metric | Asks"))
    assert table.prompt == (
        "Metric | Asks\nPrecision | how many flagged are right\n\n"
        "Line one\nLine two [image not imported]"
    )
    assert table.answer == "use the F1 score"
    assert converted.mapping["Notes"] is Target.ANSWER
    # Notes without text in the chosen answer field are skipped and counted.
    assert converted.counts.skipped["without an answer"] == 2


def test_schema_18_package_round_trip(tmp_path: Path) -> None:
    path = schema18_deck(
        tmp_path / "modern.apkg",
        [
            Schema18Note(
                "g1", ["What is <i>RAG</i>?", "Retrieval, then generation"], " llm rag ", 2
            ),
            Schema18Note("g2", ["{{c1::Paris}} is in {{c2::France}}", ""], cloze=True),
        ],
    )

    converted = convert_file(path)

    assert [q.prompt for q in converted.questions] == [
        "What is RAG?",
        "[...] is in France",
        "Paris is in [...]",
    ]
    assert converted.questions[0].category == "AI PM::Metrics"
    assert converted.questions[0].tags == ("llm", "rag")
    assert converted.questions[1].category == "Default"
    assert converted.counts.cloze_notes == 1
    assert converted.counts.media_dropped == 1
    assert converted.fields == ("Front", "Back", "Text", "Back Extra")


def test_without_meta_the_newest_collection_is_read(tmp_path: Path) -> None:
    path = schema18_deck(
        tmp_path / "no-meta.colpkg",
        [Schema18Note("g1", ["Question from the new collection", "Answer"])],
        Schema18Options(meta=None, media_files=0),
    )

    converted = convert_file(path)

    assert [q.prompt for q in converted.questions] == ["Question from the new collection"]
    assert converted.source_format is SourceFormat.ANKI_COLPKG


def test_meta_naming_the_legacy_collection_is_followed(tmp_path: Path) -> None:
    path = schema18_deck(
        tmp_path / "legacy.apkg",
        [Schema18Note("g1", ["New", "Answer"])],
        Schema18Options(meta=b"\x08\x01"),
    )

    prompts = [q.prompt for q in convert_file(path).questions]

    assert prompts == ["Please update to the latest Anki version"]


def test_detected_by_content_whatever_the_extension(deck: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "deck.txt"
    renamed.write_bytes(deck.read_bytes())

    assert convert_file(renamed).counts.questions == 5


def test_a_zip_without_a_collection_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"jpeg")

    with pytest.raises(Exception, match="not an Anki deck"):
        convert_file(path)
