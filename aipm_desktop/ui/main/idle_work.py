"""Work the main window leaves for after it is shown: each step runs when the event loop
is idle, and is short enough not to be felt."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from aipm_desktop.storage.sqlite_utils_loader import load_sqlite_utils

Step = Callable[[], bool]
"""One step of work; True when that job is done, False to be called again."""


class IdleWork(QObject):
    """Runs jobs one step per idle turn of the event loop, in order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[Step] = []
        self._running = False

    def add(self, job: Step) -> None:
        """Queue a job; it starts once the jobs before it are done."""
        self._jobs.append(job)
        if not self._running:
            self._running = True
            QTimer.singleShot(0, self._step)

    def _step(self) -> None:
        if not self._jobs:
            self._running = False
            return
        if self._jobs[0]():
            self._jobs.pop(0)
        QTimer.singleShot(0, self._step)


def once(job: Callable[[], object]) -> Step:
    """A job done in a single step."""

    def step() -> bool:
        job()
        return True

    return step


WAIT_SECONDS = 0.005
"""How long one idle step waits for its thread (the event loop runs between steps)."""


def in_background(work: Callable[[], object], name: str) -> Step:
    """A job that runs ``work`` (plain Python, no Qt) on a thread of its own; done when
    it has finished.

    For imports: sqlite-utils takes about a tenth of a second to import; on the UI
    thread that would freeze the window for as long, on a thread it keeps answering.
    """
    thread: list[threading.Thread] = []

    def step() -> bool:
        if not thread:
            worker = threading.Thread(target=work, name=name, daemon=True)
            worker.start()
            thread.append(worker)
        thread[0].join(WAIT_SECONDS)
        return not thread[0].is_alive()

    return step


def writes_prepared(prepare: Callable[[], object]) -> Step:
    """A job that imports what writing needs (sqlite-utils) on a thread of its own, then
    calls ``prepare`` (e.g. the store making its writer) on the UI thread."""
    imported = in_background(load_sqlite_utils, "import sqlite-utils")

    def step() -> bool:
        if not imported():
            return False
        prepare()
        return True

    return step
