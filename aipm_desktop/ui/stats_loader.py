"""Reading every question's attempt stats on a pool thread, so start-up never waits for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from aipm_desktop.storage import StoreError
from aipm_desktop.storage.store import read_question_stats


class QuestionStatsSignals(QObject):
    """Signals of a :class:`QuestionStatsLoader`, delivered on the thread that made it.

    Signals:
        loaded(dict): question id -> QuestionStats, for every attempted question.
        failed(str): why the stats could not be read, in words for the user.
    """

    loaded = Signal(object)
    failed = Signal(str)


class QuestionStatsLoader(QRunnable):
    """Reads the stats through its own read-only connection; start it on a QThreadPool."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.setAutoDelete(False)  # its owner keeps it (and its signals) alive
        self.signals = QuestionStatsSignals()
        self._path = path

    def run(self) -> None:
        """Read the stats and emit ``loaded``, or ``failed`` with the reason."""
        try:
            stats = read_question_stats(self._path)
        except StoreError as error:
            self.signals.failed.emit(str(error))
            return
        self.signals.loaded.emit(stats)
