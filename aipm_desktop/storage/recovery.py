"""A damaged data file is moved aside, never deleted, so a fresh or restored one can start."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")
"""SQLite's companion files; they belong to their database file and move with it."""


def damaged_name(data_file: Path, now: datetime, counter: int = 0) -> Path:
    """Where a damaged ``data_file`` goes: ``aipm-damaged-2026-11-27T10-15-00Z.sqlite3``."""
    stamp = now.astimezone(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")
    extra = f"-{counter}" if counter else ""
    return data_file.with_name(f"{data_file.stem}-damaged-{stamp}{extra}{data_file.suffix}")


def move_aside(data_file: Path, now: datetime) -> list[Path]:
    """Rename ``data_file`` and its -wal/-shm/-journal out of the way; returns the new paths.

    The companions keep their database's new name, so the moved file still
    opens with everything it had.
    """
    counter = 0
    target = damaged_name(data_file, now)
    while any(Path(f"{target}{s}").exists() for s in ("", *SIDE_FILE_SUFFIXES)):
        counter += 1
        target = damaged_name(data_file, now, counter)
    moved: list[Path] = []
    for suffix in ("", *SIDE_FILE_SUFFIXES):
        source = Path(f"{data_file}{suffix}")
        if source.exists():
            destination = Path(f"{target}{suffix}")
            os.replace(source, destination)
            moved.append(destination)
    return moved


def is_empty_file(path: Path) -> bool:
    """True for an existing file of zero bytes (what a failed write can leave)."""
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False
