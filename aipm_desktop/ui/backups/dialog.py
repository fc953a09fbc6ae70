"""File → Backups: the list of backups with date and size; back up now; restore one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.backup_policy import DEFAULT_RETENTION, RetentionPolicy
from aipm_desktop.storage.backup import BackupInfo, list_backups
from aipm_desktop.ui.backups.scheduler import BackupScheduler
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.row_table_model import RowTableModel

REASONS = {
    "": "Automatic",
    "auto": "Automatic",
    "on-exit": "On exit",
    "manual": "Made by you",
    "before-migration": "Before an update",
    "before-restore": "Before a restore",
    "before-repair": "Before a repair",
    "before-pack-import": "Before a pack import",
}


def human_size(size: int) -> str:
    """Bytes as a short readable size: 812 B, 44 KB, 3.1 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupListModel(RowTableModel[BackupInfo]):
    """Backups, newest first: date (local time), kind, size."""

    def __init__(self) -> None:
        super().__init__(["Date", "Kind", "Size"])

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        info = self.object_at(index)
        if info is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return f"{info.created_at.astimezone():%Y-%m-%d %H:%M:%S}"
            if column == 1:
                return REASONS.get(info.reason, info.reason)
            return human_size(info.size)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupsDialog(QDialog):
    """Lists the backups of the data file; ``restore`` is called with the one to restore."""

    def __init__(
        self,
        scheduler: BackupScheduler,
        restore: Callable[[Path], bool],
        policy: RetentionPolicy = DEFAULT_RETENTION,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.resize(620, 420)
        self._scheduler = scheduler
        self._restore = restore
        self.model = BackupListModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        describe_control(
            self.view,
            "Backups",
            "Every backup of your data, newest first, with its kind and size. Select one "
            "to restore it.",
            tooltip=False,
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        folder = scheduler.data_file.parent if scheduler.data_file else None
        self.summary = QLabel(
            f"{policy.describe()} Each backup is checked before it is kept.<br>"
            f"Folder: <code>{folder / 'backups' if folder else 'none'}</code>"
        )
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Backup status")

        self.backup_button = QPushButton("&Back up now")
        describe_control(
            self.backup_button,
            "Back up now",
            "Make a checked backup of your data now (Alt+B).",
        )
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore…")
        describe_control(
            self.restore_button,
            "Restore the selected backup",
            "Replace your data with the selected backup, after asking; your current data "
            "is backed up first (Alt+R).",
        )
        self.restore_button.clicked.connect(self.restore_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        describe_control(
            close.button(QDialogButtonBox.StandardButton.Close),
            "Close",
            "Close the list of backups (Escape).",
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        scheduler.backup_made.connect(self._on_backup_made)
        scheduler.backup_failed.connect(self._on_backup_failed)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()
        # Fixed, and known before the window exists: a longer status message later
        # must not resize the shown window.
        self.setMinimumSize(560, 360)
        settle_layout(self)

    def refresh(self) -> None:
        """Re-read the backups folder."""
        data_file = self._scheduler.data_file
        self.model.set_rows(list_backups(data_file) if data_file else [])
        if self.model.rowCount():
            self.view.selectRow(0)
        else:
            self.status.setText("No backups yet. The first is made after your first change.")
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        """The backup selected in the list."""
        return self.model.object_at(self.view.currentIndex())

    def back_up_now(self) -> None:
        """Start a backup on the worker thread; the list refreshes when it is done."""
        if self._scheduler.start_backup("manual"):
            self.status.setText("Backing up…")
            self.backup_button.setEnabled(False)

    def restore_selected(self) -> None:
        """Ask, then restore the selected backup (the current data is backed up first)."""
        info = self.selected()
        if info is None:
            return
        when = f"{info.created_at.astimezone():%Y-%m-%d %H:%M}"
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Replace your data with the backup from {when}?\n\n"
            "Your current data is backed up first, so this can be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._restore(info.path):
            self.status.setText(f"Restored the backup from {when}.")
            self.refresh()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)
        self.backup_button.setEnabled(
            self._scheduler.data_file is not None and not self._scheduler.is_busy
        )

    def _on_backup_made(self, info: BackupInfo) -> None:
        self.refresh()
        self.status.setText(f"Backed up and checked: {info.path.name} ({human_size(info.size)}).")

    def _on_backup_failed(self, message: str) -> None:
        self.status.setText(f"The backup failed: {message}")
        self._update_buttons()
