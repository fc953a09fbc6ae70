"""Importing pack files off the UI thread: validating a big pack can take a moment."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from aipm_desktop.core.packs import PackError
from aipm_desktop.pack_library import ImportOutcome, PackLibrary


class ImportSignals(QObject):
    """Signals:
    finished(str, object): the file's path, and an :class:`ImportOutcome`,
    a :class:`PackError` or an ``OSError``.
    """

    finished = Signal(str, object)


class ImportTask(QRunnable):
    """Validate and copy one pack file into the library, in a worker thread."""

    def __init__(self, library: PackLibrary, path: Path) -> None:
        super().__init__()
        self.library = library
        self.path = path
        self.signals = ImportSignals()

    def run(self) -> None:
        result: ImportOutcome | PackError | OSError
        try:
            result = self.library.import_pack(self.path)
        except (PackError, OSError) as error:
            result = error
        self.signals.finished.emit(str(self.path), result)
