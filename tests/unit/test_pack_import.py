"""The one pack-import use case: check first, back up, keep old wording, then copy."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aipm_desktop.core.packs import PackError
from aipm_desktop.services.pack_import import import_pack_file
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import BackupError, list_backups
from tests.unit.storage.test_store import new_attempt

PackWriter = Callable[..., Path]
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_a_refused_pack_makes_no_backup_and_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    data_file = database_path(data_dir)
    with Store.open(data_file) as store:
        store.record_attempt(new_attempt("q1"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": "x"}), encoding="utf-8")
    library = PackLibrary(data_dir)

    with pytest.raises(PackError):
        import_pack_file(library, bad, data_file, NOW)

    assert list_backups(data_file) == []
    assert not library.imported_dir.exists()


def test_an_accepted_pack_is_backed_up_first_then_copied(
    data_dir: Path, write_pack: PackWriter
) -> None:
    data_file = database_path(data_dir)
    with Store.open(data_file) as store:
        store.record_attempt(new_attempt("q1"))
    library = PackLibrary(data_dir)

    outcome = import_pack_file(library, write_pack("coach-pack"), data_file, NOW)

    assert outcome.replaced_version is None
    [backup] = list_backups(data_file)
    assert backup.reason == "before-pack-import"
    assert library.load().entry("coach-pack") is not None


def test_an_update_keeps_the_old_wording_of_attempted_questions(
    data_dir: Path, write_pack: PackWriter
) -> None:
    data_file = database_path(data_dir)
    library = PackLibrary(data_dir)
    import_pack_file(library, write_pack("coach-pack", version="1.0"), data_file, NOW)
    with Store.open(data_file) as store:
        store.record_attempt(new_attempt("coach-pack-q1"))

    newer = write_pack("coach-pack", version="2.0", prompt_prefix="Reworded")
    outcome = import_pack_file(library, newer, data_file, NOW)

    assert outcome.replaced_version == "1.0"
    with Store.open(data_file) as store:
        kept = store.question_snapshot("coach-pack-q1", "1.0")
        assert kept is not None
        assert kept.prompt == "Coach question 1?"
        assert store.question_snapshot("coach-pack-q2", "1.0") is None  # never attempted


def test_a_failed_backup_stops_the_import(
    data_dir: Path, write_pack: PackWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_file = database_path(data_dir)
    with Store.open(data_file) as store:
        store.record_attempt(new_attempt("q1"))
    library = PackLibrary(data_dir)
    (data_dir / "backups").write_text("a file where the backups folder should be")

    with pytest.raises(BackupError):
        import_pack_file(library, write_pack("coach-pack"), data_file, NOW)

    assert library.load().entry("coach-pack") is None
