"""The one owner of a data folder's `Store` and `PackLibrary`, with change events. No Qt.

Everything else holds the `Workspace` and asks it for ``workspace.store`` each
time, so a restore (which closes the data file and opens the restored one) is
seen by every window at once. Writers announce what they changed; listeners
(the backup scheduler, open windows) subscribe instead of being called by each
writer.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import BackupError, BackupInfo, restore_backup
from aipm_desktop.storage.rescue import rescue_folders


class Change(enum.Enum):
    """What a successful write changed."""

    ATTEMPT_STORED = "attempt stored"
    RATED = "rated"
    KEY_POINTS = "key points"
    DRAFT = "draft"
    SESSION = "session"
    PACKS = "packs"
    RESTORED = "restored"
    SETTINGS = "settings"
    INTERVIEWS = "interviews"
    TIME_LIMITS = "time limits"


Listener = Callable[[Change], None]


class Workspace:
    """One data folder: its store, its packs, and who wants to hear about changes."""

    def __init__(
        self,
        store: Store,
        *,
        library: PackLibrary | None = None,
        rescue_to: Sequence[Path] | None = None,
    ) -> None:
        """Own ``store`` (and ``library``) from now on; no one else may keep them.

        ``rescue_to``: where an answer that could not be stored is written as a
        text file, best first (default: `rescue_folders`).
        """
        self._store = store
        self.library = library
        self.rescue_to: list[Path] = list(rescue_folders() if rescue_to is None else rescue_to)
        self._listeners: list[Listener] = []

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        library: PackLibrary | None = None,
        rescue_to: Sequence[Path] | None = None,
    ) -> Workspace:
        """Open the data file in ``data_dir`` (`StoreError` if it cannot be used)."""
        return cls(Store.open(database_path(data_dir)), library=library, rescue_to=rescue_to)

    @classmethod
    def in_memory(
        cls, *, library: PackLibrary | None = None, rescue_to: Sequence[Path] | None = None
    ) -> Workspace:
        """A workspace whose data lives in memory only (tests, benchmarks)."""
        return cls(Store.open_memory(), library=library, rescue_to=rescue_to)

    # -- what it owns --------------------------------------------------------
    @property
    def store(self) -> Store:
        """The data file as it is now; ask again after a restore, never keep it."""
        return self._store

    @property
    def data_file(self) -> Path | None:
        """The data file; None for an in-memory workspace."""
        return self._store.path

    @property
    def data_dir(self) -> Path | None:
        """The data folder; None for an in-memory workspace."""
        path = self._store.path
        return None if path is None else path.parent

    # -- change events -------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every announced change; returns the unsubscribe call."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def announce(self, change: Change) -> None:
        """Tell every listener that ``change`` was written (call after the write succeeded)."""
        for listener in list(self._listeners):
            listener(change)

    # -- replacing the data --------------------------------------------------
    def restore(self, backup: Path, now: datetime) -> BackupInfo | None:
        """Replace the data with ``backup``; the current data is backed up first (returned).

        The data file is closed, replaced and opened again: afterwards ``store``
        is the restored one, for every holder of this workspace. Raises
        `BackupError` when the restore failed (the current data is open again,
        unchanged) and `StoreError` when no data file could be opened after it.
        """
        data_file = self._store.path
        if data_file is None:
            raise BackupError("An in-memory workspace has no data file to restore into.")
        self._store.close()
        failure: BackupError | None = None
        saved = None
        try:
            saved = restore_backup(backup, data_file, now)
        except BackupError as error:
            failure = error
        self._store = Store.open(data_file)
        if failure is not None:
            raise failure
        self.announce(Change.RESTORED)
        return saved

    def close(self) -> None:
        """Close the data file; calling it again does nothing."""
        self._store.close()
