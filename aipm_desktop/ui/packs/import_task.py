"""Importing pack files off the UI thread: validating a big pack can take a moment."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from aipm_desktop.core.packs import PackError
from aipm_desktop.services.pack_library import ImportOutcome, PackLibrary
from aipm_desktop.storage.backup import BackupError, backup_before


class ImportSignals(QObject):
    """Signals:
    finished(str, object): the file's path, and an :class:`ImportOutcome`,
    a :class:`PackError`, a :class:`BackupError` or an ``OSError``.
    """

    finished = Signal(str, object)


class ImportTask(QRunnable):
    """Back up the data file, then validate and copy one pack file, in a worker thread.

    A backup that fails stops the import: nothing is changed.
    """

    def __init__(self, library: PackLibrary, path: Path, data_file: Path | None) -> None:
        super().__init__()
        self.library = library
        self.path = path
        self.data_file = data_file
        self.signals = ImportSignals()

    def run(self) -> None:
        result: ImportOutcome | PackError | BackupError | OSError
        try:
            backup_before(self.data_file, "before-pack-import")
            result = self.library.import_pack(self.path)
        except (PackError, BackupError, OSError) as error:
            result = error
        except Exception as error:  # never leave the dialog "Checking…" forever
            result = OSError(f"the pack could not be imported: {error}")
        self.signals.finished.emit(str(self.path), result)
