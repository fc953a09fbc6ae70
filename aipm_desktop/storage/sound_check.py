"""Is the data file sound? SQLite's ``PRAGMA quick_check``, possibly started early.

The check reads the whole file, so its cost grows with the history (about 0.1 s at
100,000 attempts, over a second at a million). SQLite does that work without
holding Python's interpreter lock, so `EarlySoundCheck` starts it on a thread of its
own as soon as the program knows which file it will open, and the check runs while
the app imports its code and builds Qt. `Store.open` takes the result only when
the file and its write-ahead log are exactly as they were when the check began;
otherwise it checks again, there and then.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from aipm_desktop.storage.errors import CorruptDatabaseError, StoreError, refused_as_damaged

FileState = tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]
"""(data file, write-ahead log): inode, size and modification time in nanoseconds."""


def check_sound(path: Path) -> None:
    """``PRAGMA quick_check`` through a read-only connection, before anything opens the file.

    Read-only, so a damaged file and its write-ahead log stay exactly as they are.
    Raises `CorruptDatabaseError` when the file is damaged or no database at all, and
    `StoreError` when it cannot be read; a missing or empty file passes.
    """
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error) as e:
        raise StoreError(f"Could not read {_name(path)}: {e}") from e
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as e:
        raise refused_as_damaged(_name(path), e) or StoreError(
            f"Could not read {_name(path)}: {e}"
        ) from e
    finally:
        conn.close()
    if rows != ["ok"]:
        raise CorruptDatabaseError(
            f"{_name(path)} is damaged: " + "; ".join(rows[:3]) + ". It has not been changed."
        )


def file_state(path: Path) -> FileState:
    """What `check_sound` depends on: the file and its write-ahead log, if not empty.

    A missing and an empty log are the same state: a read-only check creates an
    empty one.
    """
    return _stat(path, keep_empty=True), _stat(Path(f"{path}-wal"), keep_empty=False)


def _stat(path: Path, *, keep_empty: bool) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    if status.st_size == 0 and not keep_empty:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


class EarlySoundCheck:
    """`check_sound` of one file, started now on its own thread."""

    def __init__(self, path: Path) -> None:
        self.path = path.absolute()
        self._state: FileState | None = file_state(self.path)
        self._error: StoreError | None = None
        self._thread = threading.Thread(target=self._run, name="check the data file", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            check_sound(self.path)
        except StoreError as error:  # handed to the thread that opens the file
            self._error = error
        except BaseException:  # unexpected: the opener checks again, and meets it there
            self._state = None

    def settle(self, path: Path) -> bool:
        """Wait for the check. True if it stands for ``path`` as the file is now (raising
        its `StoreError` if it found one); False if the file must be checked again."""
        self._thread.join()
        if path.absolute() != self.path or file_state(self.path) != self._state:
            return False
        if self._error is not None:
            raise self._error
        return True


def _name(path: Path) -> str:
    return f"The data file {path}"
