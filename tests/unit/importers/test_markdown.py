"""Markdown files: one question per heading, and Obsidian flash cards."""

from __future__ import annotations

from pathlib import Path

from aipm_desktop.core.importers import SourceFormat, convert_file

HEADINGS = """\
# AI PM interview prep

## Metrics

### How do you choose a north-star metric?
Level: Senior
Tags: metrics, strategy

Start from the **user outcome**, then add guardrails.

| Metric | Kind |
|---|---|
| Retention | outcome |

#### Key points
- Ties to user value
- Has guardrail metrics

### What is precision?
The share of flagged items that are right. ![chart](chart.png)

## Strategy

### Why do data moats erode?
Because competitors collect similar data.

**Key points:**
1. Data is rarely unique
2. Models commoditise
"""

CARDS = """\
#flashcards/ai-pm

# Evaluation
What is a golden set::A fixed, labelled set of examples to evaluate each model version
Name two offline metrics
?
Precision
Recall
<!--SR:!2024-05-01,3,250-->

# Safety
What is red-teaming :: Attacking your own model to find failures first
See https://example.com/a::b for details
"""


def test_one_question_per_heading(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(HEADINGS, encoding="utf-8")

    converted = convert_file(path)

    assert converted.title == "AI PM interview prep"
    assert converted.source_format is SourceFormat.MARKDOWN
    first, second, third = converted.questions
    assert first.prompt == "How do you choose a north-star metric?"
    assert first.answer.startswith("Start from the **user outcome**, then add guardrails.")
    assert "| Retention | outcome |" in first.answer
    assert first.key_points == ("Ties to user value", "Has guardrail metrics")
    assert (first.category, first.level, first.tags) == (
        "Metrics",
        "Senior",
        ("metrics", "strategy"),
    )
    assert second.category == "Metrics"
    assert "\\[image not imported\\]" in second.answer
    assert third.category == "Strategy"
    assert third.key_points == ("Data is rarely unique", "Models commoditise")
    assert "Key points" not in third.answer
    assert converted.counts.media_dropped == 1


def test_obsidian_cards_single_and_multi_line(tmp_path: Path) -> None:
    path = tmp_path / "cards.md"
    path.write_text(CARDS, encoding="utf-8")

    converted = convert_file(path)

    assert converted.source_format is SourceFormat.OBSIDIAN
    assert [(q.prompt, q.answer, q.category) for q in converted.questions] == [
        (
            "What is a golden set",
            "A fixed, labelled set of examples to evaluate each model version",
            "Evaluation",
        ),
        ("Name two offline metrics", "Precision\nRecall", "Evaluation"),
        ("What is red-teaming", "Attacking your own model to find failures first", "Safety"),
    ]
    assert converted.questions[0].tags == ("flashcards/ai-pm",)
    assert converted.questions[1].key_points == ("Precision", "Recall")


def test_markdown_detected_by_content_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(HEADINGS, encoding="utf-8")

    assert convert_file(path).source_format is SourceFormat.MARKDOWN


def test_a_heading_without_an_answer_is_skipped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "short.md"
    path.write_text("## Has an answer\nYes.\n\n## Has none\n\n## Another\nFine.\n", "utf-8")

    converted = convert_file(path)

    assert [q.prompt for q in converted.questions] == ["Has an answer", "Another"]
    assert converted.counts.skipped == {"without an answer": 1}


def test_headings_inside_code_blocks_are_text(tmp_path: Path) -> None:
    path = tmp_path / "code.md"
    path.write_text("## Question\n```\n## not a heading\n```\n", "utf-8")

    (question,) = convert_file(path).questions

    assert "## not a heading" in question.answer


def test_only_a_marked_key_points_line_starts_the_rubric(tmp_path: Path) -> None:
    path = tmp_path / "labels.md"
    path.write_text(
        "## First\nKeypoints\n- kept in the answer\n\n"
        "## Second\nAnswer.\n\nKey points:\n- rubric\n",
        "utf-8",
    )

    first, second = convert_file(path).questions

    assert first.answer == "Keypoints\n- kept in the answer"
    assert (second.answer, second.key_points) == ("Answer.", ("rubric",))
