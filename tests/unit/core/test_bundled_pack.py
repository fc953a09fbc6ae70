"""The bundled "Technical Depth" pack: valid, complete and faithful to its seed text.

The pack's model answers are the seed's answers with Markdown syntax added and nothing else:
no word, bullet, table cell or punctuation mark may be dropped, added or changed.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[3]
PACK_PATH = REPO / "questions" / "technical_depth.json"
SCHEMA_PATH = REPO / "aipm_desktop" / "schemas" / "pack.schema.json"
SEED_PATH = REPO / "tests" / "data" / "seed_technical_depth.txt"

QUESTION_RE = re.compile(r"^Q(\d+): (.+)$", re.MULTILINE)
SEPARATOR_ROW_RE = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+\s*$")
TABLE_ROW_RE = re.compile(r"^\|.*\|$")


def _load_pack() -> dict[str, Any]:
    with PACK_PATH.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@pytest.fixture(scope="module")
def pack() -> dict[str, Any]:
    return _load_pack()


@pytest.fixture(scope="module")
def answers(pack: dict[str, Any]) -> dict[int, str]:
    return {q["number"]: q["model_answer"] for q in pack["questions"]}


def _seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


def _seed_intro() -> str:
    lines = _seed_text().split("\n")
    assert lines[0] == "Intermediate"
    assert lines[2] == "Technical Depth Questions"
    return lines[4]


def _seed_prompts() -> dict[int, str]:
    return {int(m.group(1)): m.group(2) for m in QUESTION_RE.finditer(_seed_text())}


def _seed_answers() -> dict[int, str]:
    """Text between each question's "Model Answer:" line and the next "Qn:" line (or EOF)."""
    text = _seed_text()
    matches = list(QUESTION_RE.finditer(text))
    result: dict[int, str] = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        block = text[m.end() : end]
        head, sep, answer = block.partition("\nModel Answer:\n")
        assert sep, f"Q{m.group(1)} has no 'Model Answer:' line"
        assert head.strip() == "💡"
        result[int(m.group(1))] = answer
    return result


def _seed_tokens(answer: str) -> list[str]:
    return answer.replace("•", " ").split()


def _markdown_tokens(markdown: str) -> list[str]:
    """Word tokens of the Markdown with its syntax removed.

    Table cells are glued together without a separator, as in the flattened seed tables, so
    the rows compare equal to the seed's lines only if every cell was split at the right place.
    """
    plain: list[str] = []
    for line in markdown.split("\n"):
        stripped = line.strip()
        if SEPARATOR_ROW_RE.match(stripped):
            continue
        if TABLE_ROW_RE.match(stripped):
            cells = [cell.strip() for cell in stripped[1:-1].split("|")]
            stripped = "".join(cells)
        else:
            stripped = re.sub(r"^#+\s+", "", stripped)
            stripped = re.sub(r"^- ", "", stripped)
        plain.append(stripped.replace("**", ""))
    return "\n".join(plain).split()


def test_pack_validates_against_schema(pack: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(pack)]
    assert errors == []


def test_pack_file_format() -> None:
    raw = PACK_PATH.read_text(encoding="utf-8")
    assert raw.endswith("}\n")
    assert raw == json.dumps(_load_pack(), indent=2, ensure_ascii=False) + "\n"


def test_pack_metadata(pack: dict[str, Any]) -> None:
    assert pack["schema_version"] == 1
    assert pack["id"] == "technical-depth-intermediate"
    assert pack["title"] == "Technical Depth"
    assert pack["version"] == "1.0.0"
    assert pack["description"] == _seed_intro()


def test_questions_match_seed(pack: dict[str, Any]) -> None:
    questions = pack["questions"]
    prompts = _seed_prompts()
    assert len(questions) == 10
    assert [q["number"] for q in questions] == list(range(1, 11))
    ids = [q["id"] for q in questions]
    assert len(set(ids)) == len(ids)
    for q in questions:
        assert q["id"].startswith(f"td-{q['number']:02d}-")
        assert q["prompt"] == prompts[q["number"]]
        assert q["category"] == "Technical Depth"
        assert q["level"] == "Intermediate"
        assert 180 <= q["time_limit_seconds"] <= 420
        assert q["time_limit_seconds"] % 30 == 0
        assert 2 <= len(q["tags"]) <= 4
        assert all(tag == tag.lower() for tag in q["tags"])


@pytest.mark.parametrize("number", range(1, 11))
def test_model_answer_is_faithful_to_seed(answers: dict[int, str], number: int) -> None:
    expected = _seed_tokens(_seed_answers()[number])
    actual = _markdown_tokens(answers[number])
    if actual != expected:
        diff = "\n".join(difflib.unified_diff(expected, actual, "seed", "pack", lineterm=""))
        pytest.fail(f"Q{number} model answer differs from the seed:\n{diff}")
    # The same check, whitespace-insensitive: every non-space character is kept.
    assert "".join(actual) == re.sub(r"\s+", "", _seed_answers()[number].replace("•", ""))


@pytest.mark.parametrize("number", range(1, 11))
def test_seed_decorations_are_dropped(answers: dict[int, str], number: int) -> None:
    answer = answers[number]
    assert "💡" not in answer
    assert "Model Answer:" not in answer
    assert "•" not in answer
    assert answer == answer.strip()
    assert "\n\n\n" not in answer


def _table(answer: str, header: list[str]) -> list[list[str]]:
    """Body rows of the Markdown table with the given header (which must be followed by a
    separator row), as lists of cells."""
    lines = answer.split("\n")
    header_re = re.compile(r"^\|" + r"\|".join(rf"\s*{re.escape(h)}\s*" for h in header) + r"\|$")
    starts = [i for i, line in enumerate(lines) if header_re.match(line)]
    assert len(starts) == 1, f"no table with header {header}"
    start = starts[0]
    assert start == 0 or lines[start - 1] == "", "a table needs a blank line before it"
    separator = lines[start + 1]
    assert SEPARATOR_ROW_RE.match(separator)
    assert separator.count("|") == len(header) + 1
    rows: list[list[str]] = []
    for line in lines[start + 2 :]:
        if not TABLE_ROW_RE.match(line):
            assert line == "", "a table needs a blank line after it"
            break
        rows.append([cell.strip() for cell in line[1:-1].split("|")])
    assert all(len(row) == len(header) for row in rows)
    assert all(cell for row in rows for cell in row)
    return rows


def test_precision_recall_table(answers: dict[int, str]) -> None:
    rows = _table(answers[4], ["Scenario", "Optimize For", "Why"])
    assert [row[:2] for row in rows] == [
        ["Spam filter", "High precision"],
        ["Fraud detection", "High recall"],
        ["Content moderation", "Balance with context"],
        ["Medical screening", "Very high recall"],
    ]


def test_llm_customization_table(answers: dict[int, str]) -> None:
    rows = _table(answers[7], ["Approach", "What It Is", "When to Use", "Trade-offs"])
    assert [row[0] for row in rows] == ["Prompt engineering", "RAG", "Fine-tuning"]
    assert rows[1][3].startswith("Uses up-to-date data")


@pytest.mark.parametrize(
    ("number", "markdown"),
    [
        (1, "\n\n**Key points to communicate:**\n\n"),
        (1, "\n- **It learns from data, not rules:** "),
        (1, "\n\n**What not to do:** Do not mention"),
        (2, "\n\n**Use rules-based systems when:**\n\n- The logic"),
        (2, "\n\n**The hybrid approach (often best):** "),
        (3, "\n- **Volume:** Do we have"),
        (3, "\n- **Bias:** "),
        (3, "\n\n**PM-specific data responsibilities:** "),
        (4, "**Precision:** Of the items"),
        (4, "\n\n**Recall:** "),
        (4, "\n\n**Why it matters for product decisions:**\n\n"),
        (4, "\n\n**The PM's role:** "),
        (5, "\n- **Distribution shift:** "),
        (6, "\n\n**Step 1 — Define the baseline:** What is"),
        (6, "wrong?\n\n- **Low cost errors (wrong song recommendation):** 70%"),
        (6, "\n\n**Step 5 — Plan for improvement:** "),
        (7, "\n\n**My decision tree as a PM:**\n\n- Start with"),
        (8, "\n\n**Hidden costs of building in-house:**\n\n- **ML ops infrastructure:** "),
        (8, "\n\n**My framework:**\n\n- Buy when"),
        (8, "\n- **Start by buying, plan to build:** "),
        (9, "\n\n**Step 1 — Understand the request:** Ask"),
        (9, "\n\n**Step 3 — Explore alternatives:**\n\n- Can we launch"),
        (9, "\n\n**Key principle:** Respect the science"),
        (10, "\n\n**Quality gates:**\n\n- **Offline metrics meet thresholds:** "),
        (10, "\n\n**Operational readiness:**\n\n"),
        (10, "\n\n**Business readiness:**\n\n- Support team"),
    ],
)
def test_markdown_structure(answers: dict[int, str], number: int, markdown: str) -> None:
    assert markdown in answers[number]


def test_first_paragraph_starts_the_answer(answers: dict[int, str]) -> None:
    assert answers[1].startswith("I would use an analogy: ")
    assert answers[4].startswith("**Precision:** ")
    assert answers[10].startswith("A model is not production-ready")


def test_key_points(pack: dict[str, Any]) -> None:
    for q in pack["questions"]:
        points = q["key_points"]
        assert 3 <= len(points) <= 8, q["id"]
        assert len(set(points)) == len(points), q["id"]
        assert all(p.strip() == p and p for p in points), q["id"]
        assert all(len(p.split()) <= 12 for p in points), q["id"]


def test_data_quality_key_points_name_the_five_dimensions(pack: dict[str, Any]) -> None:
    points = " ".join(pack["questions"][2]["key_points"])
    for dimension in ("Volume", "Representativeness", "Freshness", "Label quality", "Bias"):
        assert dimension in points
