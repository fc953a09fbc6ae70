"""End-to-end: ``aipm-desktop import-pack FILE`` as a user would run it (no Qt loaded)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from aipm_desktop.services.paths import DATA_DIR_ENV_VAR, database_path
from aipm_desktop.storage import Store
from tests.unit.storage.test_store import new_attempt

pytestmark = pytest.mark.e2e

PackWriter = Callable[..., Path]


def run(args: Sequence[str], data_dir: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ)
    environ[DATA_DIR_ENV_VAR] = str(data_dir)
    environ["QT_QPA_PLATFORM"] = "offscreen"
    code = (
        "import sys\n"
        "from aipm_desktop.app import main\n"
        "status = main(sys.argv[1:])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was loaded'\n"
        "sys.exit(status)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=environ,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_import_then_update_then_refuse_older(tmp_path: Path, write_pack: PackWriter) -> None:
    data_dir = tmp_path / "data"
    first = run(["import-pack", str(write_pack("coach-pack", version="1.0"))], data_dir, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Imported “Pack coach-pack” 1.0 (2 questions)" in first.stdout
    copy = data_dir / "packs" / "imported" / "coach-pack.json"
    assert json.loads(copy.read_text(encoding="utf-8"))["version"] == "1.0"

    newer = run(["import-pack", str(write_pack("coach-pack", version="2.0"))], data_dir, tmp_path)
    assert newer.returncode == 0, newer.stderr
    assert "from 1.0 to 2.0" in newer.stdout

    older = write_pack("coach-pack", version="1.5")
    refused = run(["import-pack", str(older)], data_dir, tmp_path)
    assert refused.returncode == 1
    assert f"{older.name}: version: version 1.5" in refused.stderr
    assert "nothing was changed" in refused.stderr
    assert json.loads(copy.read_text(encoding="utf-8"))["version"] == "2.0"


def test_bad_pack_prints_readable_problems_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "id": "x", "title": "", ', encoding="utf-8")
    result = run(["import-pack", str(bad)], tmp_path / "data", tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("bad.json: line 1, column")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "packs" / "imported").exists()


def test_missing_file(tmp_path: Path) -> None:
    result = run(["import-pack", "nowhere.json"], tmp_path / "data", tmp_path)
    assert result.returncode == 1
    assert "nowhere.json: $: file not found" in result.stderr


def test_an_update_from_the_command_line_keeps_the_old_wording_of_attempted_questions(
    tmp_path: Path, write_pack: PackWriter
) -> None:
    data_dir = tmp_path / "data"
    old = write_pack("coach-pack", version="1.0", prompt_prefix="Old wording")
    assert run(["import-pack", str(old)], data_dir, tmp_path).returncode == 0
    with Store.open(database_path(data_dir)) as store:  # an attempt, never seen by the app
        store.record_attempt(new_attempt("coach-pack-q1", pack_id="coach-pack", pack_version="1.0"))

    new = write_pack("coach-pack", version="2.0", prompt_prefix="New wording")
    updated = run(["import-pack", str(new)], data_dir, tmp_path)

    assert updated.returncode == 0, updated.stderr
    with Store.open(database_path(data_dir)) as store:
        kept = store.question_snapshot("coach-pack-q1", "1.0")
        assert kept is not None
        assert kept.prompt == "Old wording 1?"
        assert store.question_snapshot("coach-pack-q2", "1.0") is None  # never attempted
