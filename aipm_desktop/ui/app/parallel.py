"""Run one plain-Python call on a thread while the caller does something else."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Parallel(Generic[T]):
    """``function()`` started on its own thread; `result` waits for it.

    For start-up work with no Qt objects in it (e.g. reading the question packs)
    that can overlap work that spends its time outside Python, such as SQLite's
    integrity check of the data file, which releases the interpreter lock.
    An exception raised by ``function`` is raised again by `result`.
    """

    def __init__(self, function: Callable[[], T], name: str) -> None:
        self._function = function
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._function()
        except BaseException as error:  # handed to the thread that waits for the result
            self._error = error

    def result(self) -> T:
        """Wait for ``function`` to finish; its return value, or its exception raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set when no error was raised
