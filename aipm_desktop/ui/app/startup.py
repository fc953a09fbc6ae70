"""Opening the data at start-up: damaged files are moved aside and a backup is offered."""

from __future__ import annotations

import enum
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from aipm_desktop import APP_NAME
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import CorruptDatabaseError, NewerDatabaseError, Store, StoreError
from aipm_desktop.storage.backup import (
    BackupError,
    BackupInfo,
    list_backups,
    newest_good_backup,
    remove_leftovers,
    restore_backup,
)
from aipm_desktop.storage.recovery import is_empty_file, move_aside
from aipm_desktop.storage.sound_check import EarlySoundCheck
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import settle_layout


class RecoveryChoice(enum.Enum):
    """What to do after a damaged data file was moved aside."""

    RESTORE = "restore"
    START_FRESH = "fresh"


class CannotOpenDataError(Exception):
    """The data cannot be used; the message is meant for the user. Nothing was changed."""


@dataclass(frozen=True)
class OpenedData:
    """The store to use, and what happened on the way (shown in the status bar)."""

    store: Store
    notice: str = ""


Ask = Callable[[str, BackupInfo | None], RecoveryChoice]


def default_choice(_message: str, backup: BackupInfo | None) -> RecoveryChoice:
    """With nobody to ask (headless runs): restore the newest good backup if there is one."""
    return RecoveryChoice.RESTORE if backup is not None else RecoveryChoice.START_FRESH


def open_data(
    data_dir: Path,
    *,
    now: Callable[[], datetime],
    ask: Ask,
    early_check: EarlySoundCheck | None = None,
) -> OpenedData:
    """Open the data file in ``data_dir``, recovering from a damaged one.

    A newer file, another program's file or an unwritable folder raise
    `CannotOpenDataError` and are left untouched. A damaged, truncated, garbage or
    (with backups around) zero-byte file is moved aside, never deleted, and
    ``ask`` chooses between the newest good backup and a fresh start.
    ``early_check`` is the data file's check, if it was started already.
    """
    data_file = database_path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CannotOpenDataError(f"Could not create the data folder: {error}") from error
    remove_leftovers(data_file)  # a killed restore's copy; we hold the folder's lock
    if is_empty_file(data_file) and list_backups(data_file):
        reason = "the data file is empty (0 bytes), although backups of it exist."
    else:
        try:
            return _opened(Store.open(data_file, early_check=early_check))
        except CorruptDatabaseError as error:
            reason = str(error)
        except NewerDatabaseError as error:
            raise CannotOpenDataError(str(error)) from error
        except StoreError as error:
            raise CannotOpenDataError(_explain(error, data_dir)) from error
    return _recover(data_file, reason, now=now, ask=ask)


def _opened(store: Store) -> OpenedData:
    """The store, with a notice when a foreign write-ahead log was set aside."""
    aside = store.foreign_wal_set_aside
    if aside is None:
        return OpenedData(store)
    return OpenedData(
        store,
        "A write-ahead log beside your data file belonged to another data file, so it was "
        f"not applied. Both were copied aside, unchanged, as {aside.name} (and its -wal).",
    )


def _recover(data_file: Path, reason: str, *, now: Callable[[], datetime], ask: Ask) -> OpenedData:
    try:
        moved = move_aside(data_file, now())
    except OSError as error:
        raise CannotOpenDataError(
            f"Your data file is damaged ({reason}) and could not be moved aside: {error}. "
            "Nothing has been changed."
        ) from error
    kept = moved[0] if moved else data_file
    best = newest_good_backup(data_file)
    offer = (
        f"The newest good backup is from {best.created_at.astimezone():%Y-%m-%d %H:%M}."
        if best is not None
        else "There is no backup to restore, so you can start with an empty history."
    )
    message = (
        f"Your practice data could not be read: {reason}\n\n"
        f"The damaged file has been moved aside, not deleted:\n{kept}\n\n{offer}"
    )
    choice = ask(message, best)
    notice = f"The damaged data file was kept as {kept.name}."
    if choice is RecoveryChoice.RESTORE and best is not None:
        try:
            restore_backup(best.path, data_file, now())
            notice += f" Restored the backup of {best.created_at.astimezone():%Y-%m-%d %H:%M}."
        except BackupError as error:
            notice += f" The backup could not be restored ({error}); started fresh."
    else:
        notice += " Started with an empty history; your backups are in File → Backups."
    try:
        return OpenedData(Store.open(data_file), notice)
    except StoreError as error:
        raise CannotOpenDataError(_explain(error, data_file.parent)) from error


def _explain(error: StoreError, data_dir: Path) -> str:
    if not os.access(data_dir, os.W_OK):
        return (
            f"Your data folder {data_dir} is read-only, so nothing could be saved. Nothing "
            "has been changed. Make the folder writable (or free some disk space), then "
            f"start {APP_NAME} again.\n\n({error})"
        )
    return str(error)


class RecoveryDialog(QDialog):
    """Tell the user their data file was damaged; offer a backup or a fresh start."""

    def __init__(self, message: str, backup: BackupInfo | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: your data file was damaged")
        self.choice = RecoveryChoice.START_FRESH
        text = QLabel(message)
        text.setWordWrap(True)
        text.setMinimumWidth(460)
        buttons = QDialogButtonBox()
        if backup is not None:
            restore = buttons.addButton(
                "&Restore the newest backup", QDialogButtonBox.ButtonRole.AcceptRole
            )
            describe_control(
                restore,
                "Restore the newest backup",
                "Carry on with your data as it was at the newest good backup (Alt+R or Return).",
            )
            restore.setDefault(True)
            restore.clicked.connect(lambda: self._choose(RecoveryChoice.RESTORE))
        fresh = buttons.addButton("Start &fresh", QDialogButtonBox.ButtonRole.RejectRole)
        describe_control(
            fresh,
            "Start fresh",
            "Start with an empty history; the damaged file and your backups are kept (Alt+F).",
        )
        fresh.clicked.connect(lambda: self._choose(RecoveryChoice.START_FRESH))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        settle_layout(self)

    def _choose(self, choice: RecoveryChoice) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Accepted)

    @classmethod
    def ask(cls, message: str, backup: BackupInfo | None) -> RecoveryChoice:
        """Show the dialog and return the choice (closing it means start fresh)."""
        dialog = cls(message, backup)
        dialog.exec()
        return dialog.choice
