"""The errors storage raises: `StoreError` and its kinds, never ``sqlite3.Error`` or ``KeyError``.

Every public entry point of the package converts the database driver's errors at
its boundary (`guarded`, `converted`), so callers catch `StoreError` only and
show its message, which is written for the user.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class StoreError(Exception):
    """The data file cannot be used; the message is meant for the user."""


class NotFound(StoreError):  # noqa: N818 - reads as `except NotFound`
    """The attempt or session asked for is not in the data file."""


class NewerDatabaseError(StoreError):
    """The data file was written by a newer version of the app."""


class CorruptDatabaseError(StoreError):
    """The data file is damaged, truncated or not a database at all."""


def refused_as_damaged(name: str, error: sqlite3.DatabaseError) -> CorruptDatabaseError | None:
    """What to raise when opening ``name`` (e.g. "The data file …") failed with ``error``
    because the file is damaged or no database at all; None for any other failure."""
    if error.sqlite_errorcode in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return CorruptDatabaseError(
            f"{name} is damaged or not an AIPM Desktop data file ({error}). "
            "It has not been changed."
        )
    return None


def from_sqlite(error: sqlite3.Error) -> StoreError:
    """The `StoreError` (with a plain-words message) for a database driver error."""
    text = str(error)
    lowered = text.lower()
    code = getattr(error, "sqlite_errorcode", None)
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT) or "malformed" in lowered:
        return CorruptDatabaseError(f"The data file is damaged ({text}).")
    if "closed" in lowered:
        return StoreError("The data file has been closed.")
    if "locked" in lowered or "busy" in lowered:
        return StoreError(
            f"The data file is busy: another program is using it ({text}). Try again in a moment."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"The data file cannot be written: it is read-only ({text}).")
    if "full" in lowered:
        return StoreError(f"The disk is full ({text}).")
    return StoreError(f"The data file could not be used ({text}).")


@contextmanager
def converted() -> Iterator[None]:
    """Within the block, ``sqlite3.Error`` becomes `StoreError`."""
    try:
        yield
    except sqlite3.Error as error:
        raise from_sqlite(error) from error


def guarded(function: Callable[P, T]) -> Callable[P, T]:
    """``function``, raising `StoreError` where the driver raised ``sqlite3.Error``."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return function(*args, **kwargs)
        except sqlite3.Error as error:
            raise from_sqlite(error) from error

    wrapper.__guarded__ = True  # type: ignore[attr-defined]
    return wrapper


def guarded_iterator(function: Callable[P, Iterator[T]]) -> Callable[P, Iterator[T]]:
    """`guarded` for a function returning a lazy iterator: its items are guarded too."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Iterator[T]:
        with converted():
            yield from function(*args, **kwargs)

    wrapper.__guarded__ = True  # type: ignore[attr-defined]
    return wrapper
