"""Reading every question's attempt stats on a pool thread, so start-up never waits for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from aipm_desktop.storage import StoreError
from aipm_desktop.storage.store import read_question_stats


class QuestionStatsLoader(QObject):
    """Reads the stats through its own read-only connection, on a QThreadPool thread.

    Signals (delivered on this object's thread, i.e. the UI thread):
        loaded(dict): question id -> QuestionStats, for every attempted question.
        failed(str): why the stats could not be read, in words for the user.

    Give it the window as parent: if the window is gone when the read ends, the
    result is dropped.
    """

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path

    def start(self, pool: QThreadPool) -> None:
        """Start reading on ``pool``."""
        path = self._path

        def read() -> None:
            try:
                try:
                    stats = read_question_stats(path)
                except StoreError as error:
                    self.failed.emit(str(error))
                    return
                self.loaded.emit(stats)
            except RuntimeError:  # this object was deleted with its window meanwhile
                return

        pool.start(read)
