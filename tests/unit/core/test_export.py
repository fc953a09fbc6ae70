"""Exported CSV and JSON read back exactly, and a failed write leaves no half file."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from aipm_desktop.core.atomic_file import write_atomically
from aipm_desktop.core.export import (
    CSV_FIELDS,
    ExportFormat,
    ExportRow,
    format_for_path,
    neutralise_cell,
    write_csv,
    write_export,
    write_json,
)

AWKWARD = [
    'He said "ship it", then: no.\nLine two, with, commas\r\nand a CRLF',
    "Ünïcödé — 日本語 — emoji 🎯🚀 — tab\tend",
    "",
    '"""only quotes"""',
    "=SUM(A1:A3) starts like a formula",
    "trailing newline\n",
]


def rows() -> list[ExportRow]:
    return [
        ExportRow(
            attempt_id=i + 1,
            question_id=f"q-{i}",
            prompt=f"Prompt, with {text[:12]!r}",
            session=None if i % 2 else f"s{i}",
            started_at=f"2026-01-0{i + 1}T09:00:00.000000+00:00",
            seconds_used=95.25 + i,
            time_limit_seconds=300,
            overtime_seconds=0.0 if i % 3 else 12.5,
            rating=None if i == 2 else (i % 4) + 1,
            key_points_ticked=("Defines precision", 'Ünïcödé, "quoted"')[: i % 3],
            key_points_total=5,
            answer=text,
        )
        for i, text in enumerate(AWKWARD)
    ]


def test_csv_round_trip_keeps_awkward_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        assert write_csv(rows(), out) == len(AWKWARD)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == CSV_FIELDS
        back = list(reader)
    # Exact, except that a cell a spreadsheet would run as a formula starts with a quote.
    assert [r["answer"] for r in back] == [neutralise_cell(text) for text in AWKWARD]
    assert [r["prompt"] for r in back] == [neutralise_cell(r.prompt) for r in rows()]
    first = back[0]
    assert first["session"] == "s0"
    assert first["seconds_used"] == "95.25"
    assert first["overtime_seconds"] == "12.5"
    assert first["rating"] == "1"
    assert (first["key_points_covered"], first["key_points_total"]) == ("0", "5")
    assert back[1]["session"] == ""
    assert back[2]["rating"] == ""
    assert back[2]["key_points_covered"] == "2"


def test_json_round_trip_keeps_every_field(tmp_path: Path) -> None:
    out = io.StringIO()
    assert write_json(rows(), out) == len(AWKWARD)
    data = json.loads(out.getvalue())
    assert data["format"] == "aipm-desktop-attempts"
    assert data["version"] == 1
    back = data["attempts"]
    assert [a["answer"] for a in back] == AWKWARD
    assert back[2]["rating"] is None
    assert back[1]["session"] is None
    assert back[2]["key_points_ticked"] == ["Defines precision", 'Ünïcödé, "quoted"']
    assert back[1]["seconds_used"] == 96.25
    assert "🎯" in out.getvalue()  # written as text, not \\u escapes


def test_empty_exports_are_valid() -> None:
    text = io.StringIO()
    assert write_json([], text) == 0
    assert json.loads(text.getvalue())["attempts"] == []
    table = io.StringIO()
    assert write_csv([], table) == 0
    assert table.getvalue().strip() == ",".join(CSV_FIELDS)


def test_atomic_write_replaces_the_file_only_when_complete(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("the previous export", encoding="utf-8")

    def fail_halfway(out: io.TextIOBase) -> int:
        write_export(rows()[:2], ExportFormat.JSON, out)  # type: ignore[arg-type]
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(path, fail_halfway)
    assert path.read_text(encoding="utf-8") == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]

    count = write_atomically(path, lambda out: write_export(rows(), ExportFormat.JSON, out))
    assert count == len(AWKWARD)
    assert len(json.loads(path.read_text(encoding="utf-8"))["attempts"]) == len(AWKWARD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_failed_first_write_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.csv"

    def fail(_out: io.TextIOBase) -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        write_atomically(path, fail)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_format_for_path() -> None:
    assert format_for_path(Path("a.CSV")) == ExportFormat.CSV
    assert format_for_path(Path("a.json")) == ExportFormat.JSON
    assert format_for_path(Path("a.txt")) is None


def test_a_new_file_is_readable_by_others_under_the_usual_umask(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        path = tmp_path / "attempts.csv"
        write_atomically(path, lambda out: out.write("a,b\n"))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_replaced_file_keeps_its_own_permissions(tmp_path: Path) -> None:
    path = tmp_path / "private.json"
    path.write_text("{}")
    path.chmod(0o600)
    write_atomically(path, lambda out: out.write("[]"))
    assert path.read_text() == "[]"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["private.json"]


def test_an_unreadable_transcript_is_said_so_and_a_typed_answer_leaves_speech_empty() -> None:
    base = rows()[1]
    spoken = ExportRow(**{**base.__dict__, "answer_mode": "speak", "unreadable": ("transcript",)})
    table = io.StringIO(newline="")
    write_csv([base, spoken], table)
    typed_cells, spoken_cells = csv.DictReader(io.StringIO(table.getvalue(), newline=""))
    assert [typed_cells[f] for f in CSV_FIELDS[-5:]] == ["type", "", "", "", ""]
    assert [spoken_cells[f] for f in CSV_FIELDS[-5:]] == ["speak", "unreadable", "", "", ""]
    record = spoken.json_record()
    assert record["transcript"] is None
    assert record["unreadable"] == ["transcript"]
    assert record["answer_mode"] == "speak"
