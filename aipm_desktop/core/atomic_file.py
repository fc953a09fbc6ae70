"""The one way this app writes a file: complete or not there at all.

The text goes to a new file beside the target, is flushed and synced, then renamed over
the target (and the folder synced where the platform allows), so a crash leaves either
the old file or the new one. A new file gets the permissions any program gets under the
user's umask (usually readable by others, so an exported pack can be shared); a file
that is replaced keeps its own permissions.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

T = TypeVar("T")

_NEW_FILE_MODE = 0o666
"""Before the umask, as for any file a program creates with open()."""


def write_atomically(path: Path, write: Callable[[TextIO], T], *, newline: str = "") -> T:
    """Write a text file through ``write(stream)`` atomically; returns what it returns.

    If anything fails, the temporary file is removed and ``path`` is left as it was.
    """
    folder = path.parent
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temp, flags, _NEW_FILE_MODE)  # the umask applies, as for open()
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline=newline) as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        _keep_mode_of(path, temp)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    return result


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` (with ``\\n`` line ends) to ``path`` atomically, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda out: out.write(text), newline="\n")


def _keep_mode_of(path: Path, temp: Path) -> None:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return  # a new file: the umask decided
    os.chmod(temp, mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
