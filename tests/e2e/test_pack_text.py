"""Issue 14, findings 12 and 13: pack text and pack ids that could hurt are refused.

Lone surrogates and control characters are refused with a clear message by
``check-pack``, ``import-pack`` and the GUI import alike; a pack id can only be
a safe file name, and pack files are found by path, never built from an id.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from aipm_desktop.core.packs import PackError, pack_content_key
from aipm_desktop.services.pack_cache import ValidatedPackCache, validated_packs_path
from aipm_desktop.services.pack_library import PackLibrary

from .test_cli import describe, run

PackWriter = Callable[..., Path]

HOSTILE_TEXT = {
    "surrogate": ("\\ud800", "lone surrogate"),
    "escape": ("\\u001b]0;pwned\\u0007", "control character U+001B"),
    "csi": ("\\u009b2K", "control character U+009B"),
}


def spoiled_pack(write_pack: PackWriter, json_escape: str, field: str = "prompt") -> Path:
    """A valid pack whose first question's ``field`` holds ``json_escape`` (JSON text)."""
    path = write_pack("hostile")
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    marker = "MARKER-TO-REPLACE"
    question = data["questions"][0]
    question[field] = marker if field != "key_points" else [marker, "fine"]
    path.write_text(json.dumps(data).replace(marker, f"before {json_escape} after"), "utf-8")
    return path


@pytest.mark.e2e
@pytest.mark.parametrize("kind", sorted(HOSTILE_TEXT))
def test_check_pack_and_import_pack_refuse_text_that_is_not_plain(
    tmp_path: Path, env: dict[str, str], write_pack: PackWriter, kind: str
) -> None:
    escape, words = HOSTILE_TEXT[kind]
    pack = spoiled_pack(write_pack, escape)
    data = tmp_path / "data"

    checked = run(["check-pack", str(pack)], env, cwd=tmp_path)
    imported = run(["--data-dir", str(data), "import-pack", str(pack)], env, cwd=tmp_path)

    assert checked.returncode == 1, describe(checked)
    assert words in checked.stdout
    assert "ok" not in checked.stdout.split(":")[-1]
    assert imported.returncode == 1, describe(imported)
    assert words in imported.stderr
    assert "Traceback" not in imported.stderr
    assert list(data.rglob("*.json")) == []


@pytest.mark.parametrize("field", ["model_answer", "key_points", "category"])
def test_control_characters_are_refused_in_every_text_field(
    tmp_path: Path, write_pack: PackWriter, field: str
) -> None:
    library = PackLibrary(tmp_path / "data", bundled_dir=tmp_path / "none")
    pack = spoiled_pack(write_pack, "\\u001b[2K", field)

    with pytest.raises(PackError) as refused:
        library.import_pack(pack)

    assert "control character U+001B" in str(refused.value.problems)


def test_the_gui_import_of_a_surrogate_pack_reports_the_problem(
    qtbot: QtBot, tmp_path: Path, write_pack: PackWriter
) -> None:
    from aipm_desktop.ui.packs.import_task import ImportTask

    library = PackLibrary(tmp_path / "data", bundled_dir=tmp_path / "none")
    task = ImportTask(library, spoiled_pack(write_pack, "\\udfff"), None, datetime.now(UTC))
    task.setAutoDelete(False)

    with qtbot.waitSignal(task.signals.finished, timeout=10_000) as finished:
        task.run()

    _path, result = finished.args
    assert isinstance(result, PackError)
    assert "lone surrogate" in str(result.problems)


@pytest.mark.parametrize("pack_id", ["../../../x", "a/b", "pack.v2", "my_pack", "UPPER"])
def test_pack_ids_are_limited_to_safe_file_names(
    tmp_path: Path, write_pack: PackWriter, pack_id: str
) -> None:
    library = PackLibrary(tmp_path / "data", bundled_dir=tmp_path / "none")
    path = write_pack("fine-id")
    data = json.loads(path.read_text("utf-8"))
    data["id"] = pack_id
    path.write_text(json.dumps(data), "utf-8")

    with pytest.raises(PackError) as refused:
        library.import_pack(path)

    assert "should be a pack id" in str(refused.value.problems)


def test_remove_deletes_the_file_it_found_never_a_path_built_from_the_id(
    tmp_path: Path, write_pack: PackWriter
) -> None:
    data = tmp_path / "data"
    library = PackLibrary(data, bundled_dir=tmp_path / "none")
    library.import_pack(write_pack("honest"))
    victim = tmp_path / "victim.json"
    victim.write_text("precious", "utf-8")
    hostile_id = "../../../victim"  # imported_dir/../../../victim.json
    planted = library.imported_dir / "planted.json"
    pack = json.loads(write_pack("planted").read_text("utf-8"))
    pack["id"] = hostile_id
    raw = json.dumps(pack).encode("utf-8")
    planted.write_bytes(raw)
    forged = ValidatedPackCache(validated_packs_path(data))
    forged.remember(pack_content_key(raw))  # as if it had passed validation before
    forged.save()
    trusting = PackLibrary(
        data,
        bundled_dir=tmp_path / "none",
        validated=ValidatedPackCache(validated_packs_path(data)),
    )
    assert trusting.load().entry(hostile_id) is not None

    trusting.remove_pack(hostile_id)

    assert victim.read_text("utf-8") == "precious"
    assert not planted.exists()
    assert trusting.load().entry("honest") is not None
