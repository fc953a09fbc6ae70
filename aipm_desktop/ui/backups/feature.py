"""Backups from the main window: the scheduler, the Backups dialog, restoring one, and the
database check. It listens to the workspace for changes; it needs no main window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from aipm_desktop.core.clock import Clock
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import StoreError
from aipm_desktop.storage.backup import BackupError
from aipm_desktop.ui.backups.scheduler import BackupScheduler
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.widgets.settings import AppSettings

if TYPE_CHECKING:
    from aipm_desktop.storage.check import CheckCancellation
    from aipm_desktop.ui.widgets.settings_section import SettingsSection

CHECKING = "Checking…"


class BackupsFeature(QObject):
    """Timed and on-exit backups, the Backups dialog, restore and Check database.

    Signals:
        restored(str): the data was replaced by this backup (its file name).
        message(str): something to show in the status bar.
    """

    restored = Signal(str)
    message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        operations: Operations,
        *,
        clock: Clock,
        settings: AppSettings,
        window: QWidget,
        before_data_changes: Callable[[], None],
    ) -> None:
        """``before_data_changes`` keeps the answer on screen (as a draft) first."""
        super().__init__(window)
        self._workspace = workspace
        self._operations = operations
        self._clock = clock
        self._settings = settings
        self._window = window
        self._before_data_changes = before_data_changes
        self.checking: QProgressDialog | None = None
        """The "Checking…" dialog while the database check runs."""
        self._checked_seconds = 0
        self.scheduler = BackupScheduler(
            workspace, clock, interval_seconds=self._interval_seconds(), parent=self
        )
        self.scheduler.backup_failed.connect(
            lambda text: self.message.emit(f"Backup failed: {text}")
        )

    def _interval_seconds(self) -> int:
        return self._settings.backup_interval_minutes * 60

    def settings_section(self) -> SettingsSection:
        """The Backups section of the Settings dialog (imported when Settings opens)."""
        from aipm_desktop.ui.backups.settings_section import BackupSection

        return BackupSection(self._settings)

    def apply_settings(self) -> None:
        """Follow a changed backup interval."""
        self.scheduler.interval_seconds = self._interval_seconds()

    def show_dialog(self) -> None:
        """Open the Backups dialog."""
        from aipm_desktop.ui.backups.dialog import BackupsDialog

        dialog = BackupsDialog(self.scheduler, self.restore, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def restore(self, backup: Path) -> bool:
        """Replace the data with ``backup`` (the current data is backed up first)."""
        if self._workspace.data_file is None:
            return False
        self._before_data_changes()
        self.scheduler.wait()
        QThreadPool.globalInstance().waitForDone()  # readers of the file being replaced
        try:
            self._workspace.restore(backup, self._clock.now())
        except BackupError as failure:
            QMessageBox.warning(self._window, "Could not restore", str(failure))
            return False
        except StoreError as error:
            QMessageBox.critical(self._window, "Could not open the data", str(error))
            return False
        self.restored.emit(backup.name)
        return True

    def check_database(self) -> None:
        """Run the integrity check on a pool thread (with "Checking…", the seconds so far
        and Cancel shown), then repair what is safe and report.

        The check reads through a connection of its own, so the window stays
        responsive on a large file; Cancel stops it (SQLite notices within
        moments) and closes the dialog at once. The repairs, needed only for a damaged
        file, write through the store on the UI thread.
        """
        from aipm_desktop.storage.check import CheckCancellation, integrity_problems_in

        if self.checking is not None:
            return
        self._before_data_changes()
        progress = QProgressDialog(CHECKING, "Cancel", 0, 0, self._window)
        progress.setWindowTitle("Check database")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        cancellation = CheckCancellation()
        progress.canceled.connect(lambda: self._cancel_check(cancellation))  # Cancel
        progress.rejected.connect(lambda: self._cancel_check(cancellation))  # Escape
        seconds = QTimer(progress)
        seconds.setObjectName("checkSeconds")
        seconds.setInterval(1000)
        seconds.timeout.connect(lambda: self._tick(progress))
        seconds.start()
        progress.show()
        self.checking = progress
        self._checked_seconds = 0

        def done(found: list[str]) -> None:
            if cancellation.cancelled:
                return
            self._finish_check()
            self._report_check(found)

        def failed(error: str) -> None:
            if cancellation.cancelled:
                return
            self._finish_check()
            QMessageBox.warning(self._window, "Check database", error)

        self._operations.read_in_background(
            lambda db: integrity_problems_in(db, cancellation), done, failed, self
        )

    def _tick(self, progress: QProgressDialog) -> None:
        self._checked_seconds += 1
        progress.setLabelText(f"{CHECKING} {self._checked_seconds} s")

    def _cancel_check(self, cancellation: CheckCancellation) -> None:
        if cancellation.cancelled:
            return
        cancellation.cancel()
        self._finish_check()
        self.message.emit("Check database cancelled: nothing was changed.")

    def _finish_check(self) -> None:
        if self.checking is not None:
            self.checking.canceled.disconnect()  # closing emits it too
            self.checking.rejected.disconnect()
            self.checking.close()
            self.checking.deleteLater()
            self.checking = None

    def _report_check(self, found: list[str]) -> None:
        from aipm_desktop.storage.check import repair

        now = self._clock.now()
        report = self._operations.read(lambda store: repair(store, now, found))
        if report is not None:
            show = QMessageBox.information if report.healthy else QMessageBox.warning
            show(self._window, "Check database", report.text())

    def on_exit(self) -> None:
        """The window is closing: back up what changed since the last backup, on the
        worker; `finish_exit` waits for it."""
        self.scheduler.backup_on_exit()

    def finish_exit(self) -> None:
        """Block until the backup on exit is written (the app calls this once its window
        has closed and before the process ends, so no data is at risk)."""
        self.scheduler.wait()
