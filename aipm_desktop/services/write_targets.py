"""Where a command may write a file: never over the data folder's own files, never a device.

Every command that writes a file the user names (``export-attempts -o``,
``backup -o``, the GUI's export) asks `check_write_target` first.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from aipm_desktop.services.paths import database_path, lock_path
from aipm_desktop.storage.backup import backups_folder

DATA_FILE_COMPANIONS = ("-wal", "-shm", "-journal", ".restoring")
"""Files SQLite (and a restore) keep beside the data file."""


class UnsafeTargetError(OSError):
    """The chosen file must not be written; the message says why."""


def protected_paths(data_dir: Path) -> list[Path]:
    """The data folder's own files: the data file and its companions, the lock, backups."""
    data_file = database_path(data_dir)
    companions = [data_file.with_name(data_file.name + suffix) for suffix in DATA_FILE_COMPANIONS]
    return [data_file, *companions, lock_path(data_dir), backups_folder(data_file)]


def check_write_target(target: Path, data_dir: Path) -> None:
    """Raise `UnsafeTargetError` unless ``target`` is a new path or an existing regular file
    that is not one of the data folder's own files.
    """
    resolved = Path(os.path.realpath(target.expanduser()))
    for protected in protected_paths(data_dir):
        real = Path(os.path.realpath(protected))
        if resolved == real or real in resolved.parents or _same_file(resolved, real):
            raise UnsafeTargetError(
                f"{target} is part of your data folder ({protected.name}); writing there could "
                "destroy your data. Choose a file outside the data folder."
            )
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise UnsafeTargetError(
            f"{target} exists and is not a regular file; choose a new file name."
        )


def _same_file(a: Path, b: Path) -> bool:
    """True when both exist and are the same file (a hard link)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
