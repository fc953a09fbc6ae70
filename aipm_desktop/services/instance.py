"""Single instance, without Qt: is the app running on a data folder (read from the
folder's lock file), the lock itself for command-line tools, and where the app's
socket lives.

The GUI holds the lock with ``QLockFile``. This module writes the same file in
the same format (process id, program name, host name), so the GUI sees a live
holder and stays out, and holds an ``flock`` on it as ``QLockFile`` does, so
nobody can remove it as stale while we hold it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import stat
import struct
import sys
import tempfile
from collections.abc import Iterator, Mapping
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
        pid = running_app_pid(data_dir)
        if pid is not None or not _remove_stale(path):
            raise InstanceRunningError(data_dir, pid)
        fd = _create(path)
        if fd is None:
            raise InstanceRunningError(data_dir, running_app_pid(data_dir))
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


def running_app_pid(data_dir: Path) -> int | None:
    """The process id of an app that holds the data folder's lock and is still alive."""
    try:
        lines = lock_path(data_dir).read_text(encoding="utf-8", errors="replace").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    host = lines[2] if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return pid  # another machine holds it; assume it is running
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # a stale lock left by a crash
    except PermissionError:
        return pid
    except OSError:
        return None
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


# -- the single-instance socket --------------------------------------------------

SOCKET_FOLDER_PREFIX = "aipm-desktop-"
MAX_SOCKET_FOLDER_BYTES = 80
"""A socket's whole path must fit in about 107 bytes (``sun_path``); the name takes 21."""


def socket_name(data_dir: Path) -> str:
    """The socket's file name for a data folder (the same for every launch on it).

    The folder's path is hashed as the bytes the system uses, so a path that is
    not valid UTF-8 works too.
    """
    digest = hashlib.sha256(os.fsencode(data_dir.resolve())).hexdigest()[:16]
    return f"aipm-{digest}"


def private_socket_folder(environ: Mapping[str, str], temp_dir: Path | None = None) -> Path | None:
    """A folder only this user can enter, for the single-instance socket; None on Windows.

    ``$XDG_RUNTIME_DIR`` when it is ours and private, else ``aipm-desktop-<uid>`` in the
    temporary folder, created with mode 0700. A folder that exists but belongs to
    someone else, or that others can enter, is never used (another user could
    squat the socket and receive every launch): the next candidate is tried.
    """
    if os.name != "posix":
        return None
    uid = os.getuid()
    runtime = Path(environ.get("XDG_RUNTIME_DIR", "") or "relative")
    if runtime.is_absolute() and _fits(runtime) and _is_private(runtime, uid):
        return runtime
    bases = [Path(tempfile.gettempdir()) if temp_dir is None else temp_dir, Path("/tmp")]
    for base in bases:
        for attempt in range(10):
            suffix = "" if attempt == 0 else f"-{attempt}"
            folder = base / f"{SOCKET_FOLDER_PREFIX}{uid}{suffix}"
            if not _fits(folder):
                break  # too long for a socket path: try a shorter base
            with contextlib.suppress(OSError):
                folder.mkdir(mode=0o700)
            if _is_private(folder, uid):
                return folder
    return None


def _fits(folder: Path) -> bool:
    return len(os.fsencode(folder)) <= MAX_SOCKET_FOLDER_BYTES


def _is_private(folder: Path, uid: int) -> bool:
    """A real folder (not a link), owned by ``uid``, that nobody else may enter or write."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == uid
        and stat.S_IMODE(info.st_mode) & 0o077 == 0
    )


def peer_uid(descriptor: int) -> int | None:
    """The user id of the process at the other end of a local socket; None if unknown."""
    if not hasattr(socket, "SO_PEERCRED"):
        return None
    try:
        peer = socket.socket(fileno=os.dup(descriptor))
    except OSError:
        return None
    try:
        raw = peer.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except OSError:
        return None
    finally:
        peer.close()
    _pid, uid, _gid = struct.unpack("3i", raw)
    return int(uid)
