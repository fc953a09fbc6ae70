"""Importing pack files off the UI thread: validating a big pack can take a moment."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from aipm_desktop.core.packs import PackError
from aipm_desktop.services.pack_import import import_pack_file
from aipm_desktop.services.pack_library import ImportOutcome, PackLibrary
from aipm_desktop.storage import StoreError


class ImportSignals(QObject):
    """Signals:
    finished(str, object): the file's path, and an :class:`ImportOutcome`,
    a :class:`PackError`, a :class:`StoreError` (e.g. a failed backup) or an ``OSError``.
    """

    finished = Signal(str, object)


class ImportTask(QRunnable):
    """`import_pack_file` (check, back up, keep old wording, copy) in a worker thread.

    A refused pack or a failed backup stops the import: nothing is changed.
    """

    def __init__(
        self, library: PackLibrary, path: Path, data_file: Path | None, now: datetime
    ) -> None:
        super().__init__()
        self.library = library
        self.path = path
        self.data_file = data_file
        self.now = now
        self.signals = ImportSignals()

    def run(self) -> None:
        result: ImportOutcome | PackError | StoreError | OSError
        try:
            result = import_pack_file(self.library, self.path, self.data_file, self.now)
        except (PackError, StoreError, OSError) as error:
            result = error
        self.signals.finished.emit(str(self.path), result)
