"""How UI code asks for a store read or write: through the window's one error policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class StoreReader(Protocol):
    """Runs a store read; on failure tells the user and returns None."""

    def __call__(self, operation: Callable[[], T]) -> T | None: ...


class StoreWriter(Protocol):
    """Runs a store write under the UI's error policy; None when it failed."""

    def __call__(self, operation: Callable[[], T], *, quiet: bool = False) -> T | None: ...
