"""End-to-end: ``aipm-desktop import-pack deck.apkg`` converts without loading Qt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_import_pack_cli import run
from tests.unit.importers.anki_files import Schema18Note, schema18_deck

pytestmark = pytest.mark.e2e


def test_schema_18_deck_from_the_command_line(tmp_path: Path) -> None:
    deck = schema18_deck(
        tmp_path / "modern deck.apkg",
        [Schema18Note("g1", ["What is <b>RAG</b>?", "Retrieval, then generation"], " llm ")],
    )
    data_dir = tmp_path / "data"

    result = run(
        ["import-pack", str(deck), "--map", "front=prompt,back=answer"], data_dir, tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert "Questions: 1" in result.stdout
    assert "Media not imported (images, sounds): 1" in result.stdout
    stored = json.loads((data_dir / "packs" / "imported" / "modern-deck.json").read_text("utf-8"))
    assert stored["questions"][0]["prompt"] == "What is RAG?"
    assert stored["questions"][0]["tags"] == ["llm"]
