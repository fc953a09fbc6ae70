"""Work the main window leaves for after it is shown: each step runs when the event loop
is idle, and is short enough not to be felt."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

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


IMPORT_WAIT_SECONDS = 0.005
"""How long one idle step waits for a background import (the event loop runs between)."""


def imported_in_background(module: str) -> Step:
    """A job that imports ``module`` on a thread of its own, done once it is imported.

    Importing a big module (sqlite-utils brings numpy when it is installed: about a
    quarter of a second) on the UI thread would freeze the window for that long;
    on a thread, the window keeps answering while it loads.
    """
    thread: list[threading.Thread] = []

    def step() -> bool:
        if not thread:
            worker = threading.Thread(
                target=importlib.import_module, args=(module,), name=f"import {module}", daemon=True
            )
            worker.start()
            thread.append(worker)
        thread[0].join(IMPORT_WAIT_SECONDS)
        return not thread[0].is_alive()

    return step
