"""Automatic backups: every 30 minutes while changes happen, and on exit.

The scheduler hears about changes from the workspace's change events, so every
write (free practice, sessions, packs) counts, whoever made it.

The timer only looks at the injected clock, so tests advance a `FakeClock` and
call `check` instead of waiting. Backups run on a worker thread (QThreadPool),
the one on exit too: the window closes at once, and the app calls `wait` before
the process ends, so the backup is always finished.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from aipm_desktop.core.backup_policy import (
    BACKUP_INTERVAL_MINUTES,
    DEFAULT_RETENTION,
    RetentionPolicy,
)
from aipm_desktop.core.clock import Clock
from aipm_desktop.services.workspace import Change, Workspace
from aipm_desktop.storage.backup import BackupError, BackupInfo, create_backup, thin_backups

CHECK_EVERY_MS = 60_000
"""How often the timer asks whether a backup is due."""


_POOL: QThreadPool | None = None


def _backup_pool() -> QThreadPool:
    """The one backup worker of the process: backups run one at a time, in order.

    It belongs to no window, so closing (and deleting) a window never has to wait for
    a backup inside a Qt destructor, where the worker could not get Python's lock."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


class _Signals(QObject):
    """Emitted on the worker thread; delivered to the scheduler on the UI thread."""

    finished = Signal(object, object, object)  # job, BackupInfo | None, error | None


class _BackupJob(QRunnable):
    def __init__(
        self, data_file: Path, now: datetime, reason: str, policy: RetentionPolicy
    ) -> None:
        super().__init__()
        self.signals = _Signals()
        self._args = (data_file, now, reason, policy)

    def run(self) -> None:
        data_file, now, reason, policy = self._args
        try:
            info = run_backup(data_file, now, reason, policy)
        except BackupError as error:
            self.signals.finished.emit(self, None, str(error))
        else:
            self.signals.finished.emit(self, info, None)


def run_backup(
    data_file: Path, now: datetime, reason: str, policy: RetentionPolicy = DEFAULT_RETENTION
) -> BackupInfo:
    """Make a checked backup, then thin the old ones."""
    info = create_backup(data_file, now, reason=reason)
    thin_backups(data_file, now, policy)
    return info


class BackupScheduler(QObject):
    """Decides when to back up the data file, and does it off the UI thread.

    Signals:
        backup_made(BackupInfo): a checked backup was written.
        backup_failed(str): a backup failed; the message is meant for the user.
    """

    backup_made = Signal(object)
    backup_failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        clock: Clock,
        *,
        interval_seconds: float = BACKUP_INTERVAL_MINUTES * 60,
        policy: RetentionPolicy = DEFAULT_RETENTION,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        data_file = workspace.data_file
        self.data_file = data_file
        self._clock = clock
        self.interval_seconds = interval_seconds
        self._policy = policy
        self._changed = False
        self._last_backup = clock.monotonic()
        self._pool = _backup_pool()
        self._jobs: list[_BackupJob] = []
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        if data_file is not None:
            self._timer.start()
        unsubscribe = workspace.subscribe(self._on_change)
        self.destroyed.connect(lambda: unsubscribe())

    @property
    def has_unsaved_changes(self) -> bool:
        """True when something changed since the last backup started."""
        return self._changed

    @property
    def is_busy(self) -> bool:
        """True while a backup runs on the worker thread."""
        return bool(self._jobs)

    def mark_changed(self) -> None:
        """Something was written to the data file."""
        self._changed = True

    def _on_change(self, _change: Change) -> None:
        self.mark_changed()

    def check(self) -> bool:
        """Start a backup if changes happened and the interval has passed; True if started."""
        due = self._clock.monotonic() - self._last_backup >= self.interval_seconds
        if not (self._changed and due):
            return False
        return self.start_backup("auto")

    def start_backup(self, reason: str) -> bool:
        """Back up now on the worker thread; False when one is already running."""
        if self.data_file is None or self._jobs:
            return False
        self._start_job(self.data_file, reason)
        return True

    def _start_job(self, data_file: Path, reason: str) -> None:
        """Queue a backup on the worker (one at a time, in order)."""
        self._changed = False
        self._last_backup = self._clock.monotonic()
        job = _BackupJob(data_file, self._clock.now(), reason, self._policy)
        job.setAutoDelete(False)
        # A bound method of this UI-thread object: Qt queues the call to the UI thread.
        job.signals.finished.connect(self._finished)
        self._jobs.append(job)
        self._pool.start(job)

    def backup_on_exit(self) -> bool:
        """When anything changed, start a last backup on the worker; True if one started.

        Returns at once, so the window closes without waiting; a backup already
        running goes first (the worker takes one at a time). Call `wait` before the
        process ends: it returns when the backup is written.
        """
        self._timer.stop()
        if self.data_file is None or not self._changed:
            return False
        self._start_job(self.data_file, "on-exit")
        return True

    def wait(self) -> None:
        """Block until every backup started has finished, and hand over its result
        (``backup_made`` or ``backup_failed``) even when no event loop runs any more."""
        self._pool.waitForDone()
        QCoreApplication.sendPostedEvents(self)

    @Slot(object, object, object)
    def _finished(self, job: _BackupJob, info: BackupInfo | None, error: str | None) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if info is not None:
            self.backup_made.emit(info)
        else:
            self._changed = True  # try again at the next check
            self.backup_failed.emit(error or "The backup failed.")
