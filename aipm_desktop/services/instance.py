"""The data folder's single-instance lock, taken without Qt (for command-line tools).

The GUI holds the lock with ``QLockFile``. This module writes the same file in
the same format (process id, program name, host name), so the GUI sees a live
holder and stays out, and holds an ``flock`` on it as ``QLockFile`` does, so
nobody can remove it as stale while we hold it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

from aipm_desktop.services.paths import lock_path


class InstanceRunningError(Exception):
    """Another live process holds the data folder; the message is meant for the user."""

    def __init__(self, data_dir: Path, pid: int | None) -> None:
        super().__init__(
            f"AIPM Desktop is running (process {pid}) on {data_dir}. Quit it, then try again."
        )
        self.pid = pid


@contextlib.contextmanager
def hold_instance_lock(data_dir: Path) -> Iterator[None]:
    """Hold ``data_dir``'s lock for the ``with`` block; `InstanceRunningError` if taken.

    A lock whose process is gone (a crash) is stale and taken over, as the GUI does.
    """
    path = lock_path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = _create(path)
    if fd is None:
        pid = _live_holder(path)
        if pid is not None or not _remove_stale(path):
            raise InstanceRunningError(data_dir, pid)
        fd = _create(path)
        if fd is None:
            raise InstanceRunningError(data_dir, _live_holder(path))
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)


def _create(path: Path) -> int | None:
    """The open, locked, filled-in lock file; None when it already exists."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return None
    _flock(fd)
    os.write(fd, f"{os.getpid()}\n{_program_name()}\n{socket.gethostname()}\n".encode())
    os.fsync(fd)
    return fd


def _program_name() -> str:
    """What ``QLockFile`` records and compares: the file name of this process's executable."""
    with contextlib.suppress(OSError):
        return Path(os.path.realpath("/proc/self/exe")).name
    return Path(sys.executable).name


def _live_holder(path: Path) -> int | None:
    """The process id in the lock file when that process is alive (or on another host)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    host = lines[2] if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except OSError:
        return pid
    return pid


def _remove_stale(path: Path) -> bool:
    """Remove a lock left by a dead process, unless someone still holds its ``flock``."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        if not _flock(fd):
            return False
        path.unlink()
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _flock(fd: int) -> bool:
    """Take an exclusive ``flock`` without waiting; True where flock is unavailable."""
    try:
        import fcntl
    except ImportError:  # Windows: the O_EXCL file alone is the lock
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True
    return True
