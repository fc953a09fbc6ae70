"""The workspace owns the store: restore swaps it for every holder, and changes are announced."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Change, Workspace
from aipm_desktop.storage import StoreError
from aipm_desktop.storage.backup import BackupError, create_backup, list_backups
from tests.unit.storage.test_store import new_attempt

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_listeners_hear_announced_changes_until_they_unsubscribe() -> None:
    workspace = Workspace.in_memory()
    heard: list[Change] = []
    unsubscribe = workspace.subscribe(heard.append)
    workspace.announce(Change.ATTEMPT_STORED)
    workspace.announce(Change.SESSION)
    unsubscribe()
    unsubscribe()  # twice is harmless
    workspace.announce(Change.RATED)
    assert heard == [Change.ATTEMPT_STORED, Change.SESSION]
    assert workspace.data_dir is None
    workspace.close()


def test_restore_serves_the_restored_store_through_the_same_workspace(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path, rescue_to=[tmp_path / "rescued"])
    assert workspace.data_dir == tmp_path
    assert workspace.rescue_to == [tmp_path / "rescued"]
    workspace.store.record_attempt(new_attempt("kept"))
    backup = create_backup(database_path(tmp_path), NOW)
    workspace.store.record_attempt(new_attempt("after the backup"))
    before = workspace.store
    heard: list[Change] = []
    workspace.subscribe(heard.append)

    saved = workspace.restore(backup.path, NOW)

    assert saved is not None
    assert saved.reason == "before-restore"
    assert workspace.store is not before
    assert [a.question_id for a in workspace.store.attempts_for("kept")] == ["kept"]
    assert workspace.store.attempt_count() == 1
    assert heard == [Change.RESTORED]
    with pytest.raises(StoreError, match="closed"):
        before.attempt_count()
    workspace.close()


def test_a_failed_restore_reopens_the_current_data_unchanged(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    workspace.store.record_attempt(new_attempt())
    not_a_backup = tmp_path / "nonsense.sqlite3"
    not_a_backup.write_bytes(b"not a database at all" * 100)
    heard: list[Change] = []
    workspace.subscribe(heard.append)

    with pytest.raises(BackupError):
        workspace.restore(not_a_backup, NOW)

    assert workspace.store.attempt_count() == 1
    assert heard == []
    assert list_backups(database_path(tmp_path)) == []
    workspace.close()
