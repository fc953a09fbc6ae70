"""Run slow reads off the UI thread and hand the result back through a signal."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class TaskRelay(QObject):
    """Lives on the UI thread; the worker emits through it, so slots run on the UI thread.

    Signals:
        succeeded(object): the work's result.
        failed(str): the work raised; the message is meant for the user.
    """

    succeeded = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], object], relay: TaskRelay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported to the user, never lost in the thread
            self._relay.failed.emit(str(error) or type(error).__name__)
            return
        self._relay.succeeded.emit(result)


_pending: set[TaskRelay] = set()
"""Relays whose work is still running: they are owned here, never by a widget."""


def run_in_background(
    work: Callable[[], object],
    on_done: Callable[[object], None],
    on_error: Callable[[str], None],
    parent: QObject,
    pool: QThreadPool | None = None,
) -> TaskRelay:
    """Start ``work`` on a pool thread; ``on_done``/``on_error`` are called on the UI thread.

    ``work`` must not touch widgets or the store's own connection. The result is
    dropped when ``parent`` (the widget that waits) was deleted meanwhile. The relay has
    no Qt parent: it lives until its result is delivered, so the pool thread never emits
    through an object a closing window is destroying.
    """
    relay = TaskRelay()
    _pending.add(relay)

    def deliver(callback: Callable[[Any], None], value: object) -> None:
        _pending.discard(relay)
        relay.deleteLater()
        if shiboken6.isValid(parent):
            callback(value)

    relay.succeeded.connect(lambda result: deliver(on_done, result))
    relay.failed.connect(lambda message: deliver(on_error, message))
    (pool or QThreadPool.globalInstance()).start(_Task(work, relay))
    return relay


_pause_lock = threading.Lock()
_pauses = 0
FREEZE_AT = 100_000
"""Objects built under the pause above which they are frozen (a small history is not)."""


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """For a pool thread building a great many long-lived objects (a million rows).

    The cyclic garbage collector would otherwise run full collections over them again
    and again while they are built, each holding the interpreter lock (up to half a
    second at a million rows), so the UI thread could not run meanwhile. Paused
    until the last such block ends; then, if more than ``FREEZE_AT`` objects were
    built, everything alive is moved out of its reach (``gc.freeze``), so no later
    collection walks those rows either. They are still freed as soon as nothing
    refers to them (reference counting); only cyclic garbage among the objects alive
    at that moment is never collected (rows hold no cycles).
    """
    global _pauses
    with _pause_lock:
        _pauses += 1
        if _pauses == 1:
            gc.disable()
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0:
                if gc.get_count()[0] > FREEZE_AT:
                    gc.freeze()
                gc.enable()
