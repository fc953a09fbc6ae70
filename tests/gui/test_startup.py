"""Start-up on a damaged data file asks the user (through `RecoveryDialog.ask`)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from aipm_desktop.core.backup_policy import BACKUP_INTERVAL_MINUTES, DEFAULT_RETENTION
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import BackupInfo, create_backup
from aipm_desktop.ui.app.startup import (
    CannotOpenDataError,
    RecoveryChoice,
    RecoveryDialog,
    open_data,
)
from aipm_desktop.ui.widgets.settings import AppSettings

from .accessibility import assert_accessible

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def damaged_with_backup(data_dir: Path) -> BackupInfo:
    db_file = database_path(data_dir)
    Store.open(db_file).close()
    info = create_backup(db_file, NOW)
    db_file.write_bytes(b"\x00garbage" * 4096)
    return info


def test_damaged_file_asks_and_restores_the_offered_backup(data_dir: Path) -> None:
    backup = damaged_with_backup(data_dir)
    asked: list[tuple[str, BackupInfo | None]] = []

    def ask(message: str, offered: BackupInfo | None) -> RecoveryChoice:
        asked.append((message, offered))
        return RecoveryChoice.RESTORE

    opened = open_data(data_dir, now=lambda: NOW, ask=ask)
    try:
        ((message, offered),) = asked
        assert offered == backup
        assert "moved aside, not deleted" in message
        assert "aipm-damaged-2026-11-27T10-00-00Z.sqlite3" in message
        assert "Restored the backup" in opened.notice
        assert opened.store.attempt_count() == 0
    finally:
        opened.store.close()
    assert (
        (data_dir / "aipm-damaged-2026-11-27T10-00-00Z.sqlite3")
        .read_bytes()
        .startswith(b"\x00garbage")
    )


def test_start_fresh_keeps_the_backups(data_dir: Path) -> None:
    damaged_with_backup(data_dir)
    opened = open_data(data_dir, now=lambda: NOW, ask=lambda *_: RecoveryChoice.START_FRESH)
    opened.store.close()
    assert "Started with an empty history" in opened.notice
    assert len(list((data_dir / "backups").iterdir())) == 1


def test_newer_file_is_refused_untouched(data_dir: Path) -> None:
    db_file = database_path(data_dir)
    Store.open(db_file).close()
    with closing(sqlite3.connect(db_file)) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = db_file.read_bytes()
    with pytest.raises(CannotOpenDataError, match="newer version"):
        open_data(data_dir, now=lambda: NOW, ask=lambda *_: RecoveryChoice.RESTORE)
    assert db_file.read_bytes() == before


@pytest.mark.parametrize("with_backup", [True, False])
def test_recovery_dialog_offers_restore_only_with_a_backup(
    qtbot: QtBot, data_dir: Path, with_backup: bool
) -> None:
    backup = damaged_with_backup(data_dir) if with_backup else None
    dialog = RecoveryDialog("Your data could not be read.", backup)
    qtbot.addWidget(dialog)
    assert assert_accessible(dialog) == (2 if with_backup else 1)
    names = {b.accessibleName(): b for b in dialog.findChildren(QPushButton)}
    assert ("Restore the newest backup" in names) is with_backup
    target = "Restore the newest backup" if with_backup else "Start fresh"
    qtbot.mouseClick(names[target], Qt.MouseButton.LeftButton)
    assert dialog.choice is (RecoveryChoice.RESTORE if with_backup else RecoveryChoice.START_FRESH)


def test_backup_settings_for_the_settings_dialog(tmp_path: Path) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert settings.backup_interval_minutes == BACKUP_INTERVAL_MINUTES
    settings.backup_interval_minutes = 10
    assert settings.backup_interval_minutes == 10
    settings.backup_interval_minutes = 1  # too often: the default instead
    assert settings.backup_interval_minutes == BACKUP_INTERVAL_MINUTES
    assert settings.backup_retention == DEFAULT_RETENTION
