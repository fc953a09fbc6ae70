"""``aipm-desktop import-pack`` with Anki decks, CSV and Markdown files (in process, no Qt)."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest

from aipm_desktop.app import main
from aipm_desktop.cli.import_pack import import_pack_command
from aipm_desktop.services.pack_library import PackLibrary, PackSource

from .anki_files import genanki_deck


def run(file: Path, data_dir: Path, mapping: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = import_pack_command(str(file), str(data_dir), {}, out, err, mapping=mapping)
    return code, out.getvalue(), err.getvalue()


def test_anki_deck_is_imported_as_an_ordinary_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = genanki_deck(
        tmp_path / "Interview deck.apkg",
        {"AI PM": [(["What is a <b>guardrail metric</b>?", "One that must not get worse", ""],
                    ["metrics"])]},
        cloze=[("{{c1::Precision}} and {{c2::recall}} trade off", "")],
    )  # fmt: skip
    data_dir = tmp_path / "data"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))

    code, out, err = run(deck, data_dir)

    assert code == 0, err
    assert "Anki deck package (.apkg)" in out
    assert "Questions: 3" in out
    assert "Cloze notes: 1, made into 2 questions" in out
    assert "Imported “Interview deck” 1 (3 questions)." in out
    stored = data_dir / "packs" / "imported" / "interview-deck.json"
    data = json.loads(stored.read_text(encoding="utf-8"))
    assert data["imported_from"] == {"file": "Interview deck.apkg", "format": "anki-apkg"}
    entry = PackLibrary(data_dir).load().entry("interview-deck")
    assert entry is not None
    assert entry.source is PackSource.IMPORTED
    assert entry.pack.questions[0].prompt == "What is a guardrail metric?"
    assert not list(temporary.iterdir())  # the converted file's private folder is gone


def test_importing_the_same_file_again_updates_the_pack(tmp_path: Path) -> None:
    table = tmp_path / "bank.csv"
    table.write_text("question,answer\nWhy?,Because.\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    run(table, data_dir)
    table.write_text("question,answer\nWhy?,Because.\nHow?,Like this.\n", encoding="utf-8")

    code, out, err = run(table, data_dir)

    assert code == 0, err
    assert "Updated “bank” from 1 to 2 (2 questions)" in out


def test_map_option_changes_the_fields(tmp_path: Path) -> None:
    table = tmp_path / "swap.csv"
    table.write_text("front,back\nthe answer,the question\n", encoding="utf-8")

    code, out, err = run(table, tmp_path / "data", mapping="front=answer,back=prompt")

    assert code == 0, err
    assert "front=answer, back=prompt" in out
    pack = PackLibrary(tmp_path / "data").load().entry("swap")
    assert pack is not None
    assert pack.pack.questions[0].prompt == "the question"


def test_refused_file_names_the_users_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.apkg"
    bad.write_bytes(b"PK\x03\x04 not really a zip")

    code, _out, err = run(bad, tmp_path / "data")

    assert code == 1
    assert "broken.apkg: $: the file is not a readable zip archive" in err
    assert "not imported; nothing was changed" in err
    assert not (tmp_path / "data" / "packs" / "imported").exists()


def test_an_id_clash_is_reported_with_the_source_file_name(tmp_path: Path) -> None:
    notes = tmp_path / "technical-depth-intermediate.md"
    notes.write_text("## A question\nAn answer\n", encoding="utf-8")

    code, _out, err = run(notes, tmp_path / "data")

    assert code == 1
    assert "technical-depth-intermediate.md: id: the pack id" in err
    assert "aipm-import-" not in err


def test_bad_map_option_exits_2(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("q,a\n", encoding="utf-8")

    code, _out, err = run(table, tmp_path / "data", mapping="front=nowhere")

    assert code == 2
    assert "--map: 'nowhere' is not a question field" in err


def test_command_line_parses_map(tmp_path: Path) -> None:
    table = tmp_path / "cli.tsv"
    table.write_text("A1\tQ1\n", encoding="utf-8")
    data_dir = tmp_path / "data"

    code = main(["--data-dir", str(data_dir), "import-pack", str(table), "--map", "2=prompt"])

    assert code == 0
    entry = PackLibrary(data_dir).load().entry("cli")
    assert entry is not None
    assert [(q.prompt, q.model_answer) for q in entry.pack.questions] == [("Q1", "A1")]
