"""``aipm-desktop backup`` and ``aipm-desktop restore``: no Qt is loaded."""

from __future__ import annotations

import signal
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from aipm_desktop.services.instance import InstanceRunningError, hold_instance_lock
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.write_targets import UnsafeTargetError, check_write_target
from aipm_desktop.storage.backup import (
    BackupError,
    PageHook,
    create_backup,
    remove_leftovers,
    restore_backup,
)


def exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into `SystemExit`, so a killed backup or restore removes its partial files."""

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def run_backup(data_dir: Path, output: str | None, out: TextIO, err: TextIO) -> int:
    """Back up the data file (into its backups folder, or to ``output``); exit code."""
    data_file = database_path(data_dir)
    destination = Path(output).expanduser().resolve() if output else None
    if destination is not None:
        try:
            check_write_target(destination, data_dir)
        except UnsafeTargetError as error:
            print(error, file=err)
            return 1
        if destination.exists():
            print(f"{destination} already exists; choose a new file name.", file=err)
            return 1
    try:
        info = create_backup(data_file, datetime.now(UTC), destination=destination, reason="manual")
    except BackupError as error:
        print(error, file=err)
        return 1
    print(f"Backed up {data_file} to {info.path} ({info.size} bytes, checked).", file=out)
    return 0


def run_restore(
    data_dir: Path,
    backup_file: str,
    out: TextIO,
    err: TextIO,
    *,
    on_progress: PageHook | None = None,
) -> int:
    """Replace the data file with ``backup_file`` after backing up the current one.

    The data folder's lock is held for the whole run, so the app cannot start
    (and write an attempt that the restore would then lose) in the middle of it.
    """
    data_file = database_path(data_dir)
    source = Path(backup_file).expanduser().resolve()
    try:
        with hold_instance_lock(data_dir):
            for leftover in remove_leftovers(data_file):
                print(f"Removed {leftover}, left by an interrupted restore.", file=err)
            saved = restore_backup(source, data_file, datetime.now(UTC), on_progress=on_progress)
    except InstanceRunningError as error:
        print(error, file=err)
        return 1
    except (BackupError, OSError) as error:
        print(error, file=err)
        return 1
    print(f"Restored {source} into {data_file}.", file=out)
    if saved is not None:
        print(f"The data it replaced was backed up to {saved.path}.", file=out)
    return 0
