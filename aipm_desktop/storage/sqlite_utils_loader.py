"""Import sqlite-utils without the numpy (and pandas) it would bring along.

sqlite-utils imports numpy and pandas when they are installed, only to map their
number types to column types; this app never stores such values. The app ships
numpy for the key-point model, so every first start, migration and first write
paid for importing numpy (0.1-0.2 s) on the UI thread. Importing sqlite-utils
through :func:`load_sqlite_utils` first leaves them out of its type map; any other
import of numpy, on this thread later or on another thread meanwhile, is unaffected.
"""

from __future__ import annotations

import importlib
import importlib.abc
import sys
import threading
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

LEFT_OUT = ("numpy", "pandas")


class _LeftOutOnThisThread(importlib.abc.MetaPathFinder):
    """Refuses ``LEFT_OUT`` to one thread while it imports sqlite-utils."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname in LEFT_OUT and threading.get_ident() == self.thread:
            raise ImportError(f"{fullname} is left out of sqlite-utils", name=fullname)
        return None


def load_sqlite_utils() -> None:
    """Import ``sqlite_utils`` (and its ``db`` module) now, without numpy or pandas
    unless something else has loaded them already."""
    if "sqlite_utils.db" in sys.modules:
        return
    finder = _LeftOutOnThisThread()
    sys.meta_path.insert(0, finder)
    try:
        importlib.import_module("sqlite_utils")
    finally:
        sys.meta_path.remove(finder)
