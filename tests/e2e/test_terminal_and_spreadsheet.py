"""Issue 14, findings 3 and 4: pack text never drives a terminal or a spreadsheet.

Command-line messages show control characters as visible escapes; CSV cells
that a spreadsheet would run as formulas are prefixed with a quote; the JSON
export keeps the exact text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from aipm_desktop.cli.terminal import printable
from aipm_desktop.core.export import ExportFormat, ExportRow, write_export
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store
from tests.unit.storage.test_store import new_attempt

from .test_cli import describe, run

pytestmark = pytest.mark.e2e

PackWriter = Callable[..., Path]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a terminal would obey (line feed and tab are fine)."""

ESCAPES = [
    "\x1b]0;owned\x07",  # window title
    "\x1b]52;c;aGVsbG8=\x07",  # clipboard (OSC 52)
    "\r\x1b[2K",  # erase the line
    "\x9b2K",  # C1 CSI
]


@pytest.mark.parametrize("escape", ESCAPES, ids=["title", "osc52", "erase", "c1"])
def test_check_pack_shows_escape_sequences_instead_of_obeying_them(
    tmp_path: Path, env: dict[str, str], write_pack: PackWriter, escape: str
) -> None:
    path = write_pack("coach")
    text = path.read_text("utf-8")
    # A duplicate field name is quoted back in the message.
    hostile_key = json.dumps(f"{escape}ok")
    spoiled = text.replace(
        '"schema_version": 1', f'{hostile_key}: 1, {hostile_key}: 2, "schema_version": 1'
    )
    named = tmp_path / f"pack{escape.replace(chr(0x9B), 'x')}.json"
    named.write_text(spoiled, "utf-8")

    checked = run(["check-pack", str(named)], env, cwd=tmp_path)

    assert checked.returncode == 1, describe(checked)
    assert RAW_CONTROL.search(checked.stdout + checked.stderr) is None
    assert "\\u001b" in checked.stdout or "\\u009b" in checked.stdout
    assert "twice" in checked.stdout


def test_import_pack_and_restore_messages_are_printable(
    tmp_path: Path, env: dict[str, str]
) -> None:
    missing = tmp_path / "gone\x1b]0;owned\x07.json"
    data = tmp_path / "data"

    imported = run(["--data-dir", str(data), "import-pack", str(missing)], env, cwd=tmp_path)
    restored = run(["--data-dir", str(data), "restore", str(missing)], env, cwd=tmp_path)

    for result in (imported, restored):
        assert result.returncode == 1, describe(result)
        assert RAW_CONTROL.search(result.stdout + result.stderr) is None
        assert "\\u001b" in result.stderr


def test_printable_keeps_plain_text_and_line_breaks() -> None:
    assert printable("line one\n\tline two — ✓ é") == "line one\n\tline two — ✓ é"
    assert printable("a\x1bb\rc\x00\ud800") == "a\\u001bb\\u000dc\\u0000\\ud800"
    assert json.loads(printable(json.dumps("\x9b\x7f", ensure_ascii=False))) == "\x9b\x7f"


FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_csv_neutralises_formulas_and_json_keeps_the_exact_text(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    with Store.open(database_path(data)) as store:
        for formula in FORMULAS:
            store.record_attempt(new_attempt(answer=formula))

    target = tmp_path / "attempts.csv"
    as_csv = run(
        ["--data-dir", str(data), "export-attempts", "--format", "csv", "-o", str(target)],
        env,
        cwd=tmp_path,
    )
    as_json = run(
        ["--data-dir", str(data), "export-attempts", "--format", "json"], env, cwd=tmp_path
    )

    assert as_csv.returncode == 0, describe(as_csv)
    with target.open(encoding="utf-8", newline="") as handle:
        answers = [row["answer"] for row in csv.DictReader(handle)]
    assert answers == ["'" + f for f in FORMULAS]
    exact = [a["answer"] for a in json.loads(as_json.stdout)["attempts"]]
    assert exact == FORMULAS


def test_csv_prompts_are_neutralised_too_and_numbers_are_left_alone() -> None:
    row = ExportRow(
        attempt_id=1,
        question_id="q1",
        prompt="=1+2",
        session=None,
        started_at="2026-01-01T00:00:00+00:00",
        seconds_used=1.5,
        time_limit_seconds=60,
        overtime_seconds=0.0,
        rating=3,
        key_points_ticked=(),
        key_points_total=2,
        answer="fine",
    )
    out = io.StringIO(newline="")
    write_export([row], ExportFormat.CSV, out)
    (record,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert record["prompt"] == "'=1+2"
    assert record["seconds_used"] == "1.5"
    assert record["rating"] == "3"
