"""``aipm-desktop backup`` and ``aipm-desktop restore``: no Qt is loaded."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from aipm_desktop.services.instance import running_app_pid
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage.backup import BackupError, create_backup, restore_backup


def run_backup(data_dir: Path, output: str | None, out: TextIO, err: TextIO) -> int:
    """Back up the data file (into its backups folder, or to ``output``); exit code."""
    data_file = database_path(data_dir)
    destination = Path(output).expanduser().resolve() if output else None
    if destination is not None and destination.exists():
        print(f"{destination} already exists; choose a new file name.", file=err)
        return 1
    try:
        info = create_backup(data_file, datetime.now(UTC), destination=destination, reason="manual")
    except BackupError as error:
        print(error, file=err)
        return 1
    print(f"Backed up {data_file} to {info.path} ({info.size} bytes, checked).", file=out)
    return 0


def run_restore(data_dir: Path, backup_file: str, out: TextIO, err: TextIO) -> int:
    """Replace the data file with ``backup_file`` after backing up the current one."""
    pid = running_app_pid(data_dir)
    if pid is not None:
        print(
            f"AIPM Desktop is running (process {pid}) on {data_dir}. Quit it, then restore.",
            file=err,
        )
        return 1
    data_file = database_path(data_dir)
    source = Path(backup_file).expanduser().resolve()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        saved = restore_backup(source, data_file, datetime.now(UTC))
    except (BackupError, OSError) as error:
        print(error, file=err)
        return 1
    print(f"Restored {source} into {data_file}.", file=out)
    if saved is not None:
        print(f"The data it replaced was backed up to {saved.path}.", file=out)
    return 0
