"""Backups of the data file: made with SQLite's online backup API, checked, then kept.

A backup is first written to a ``.partial`` file in the backups folder, checked
with ``PRAGMA integrity_check`` and only then renamed (atomically) to its final
name, ``aipm-2026-11-27T10-15-00Z.sqlite3`` (UTC), optionally with a reason:
``aipm-2026-11-27T10-15-00Z-before-migration.sqlite3``. A backup that fails its
check is deleted and reported, never kept as if good. A ``.partial`` file left by
a crash is never listed, and thinning removes it once it is an hour old.

Other features call `backup_before` right before they change many rows at once
(the pack import does: ``backup_before(store.path, "before-pack-import")``).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aipm_desktop.core.backup_policy import DEFAULT_RETENTION, RetentionPolicy, backups_to_delete
from aipm_desktop.storage.errors import StoreError
from aipm_desktop.storage.migrations import SCHEMA_VERSION

BACKUPS_FOLDER_NAME = "backups"
PARTIAL_SUFFIX = ".partial"
_NAME = re.compile(
    r"^aipm-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-(\d+))?(?:-([a-z-]+))?\.sqlite3$"
)

PageHook = Callable[[int, int], None]
"""Called after each step of a backup with (pages left, pages in all); used by tests."""


class BackupError(StoreError):
    """A backup or restore failed; the message is meant for the user."""


@dataclass(frozen=True)
class BackupInfo:
    """One good backup file."""

    path: Path
    created_at: datetime
    size: int
    reason: str = ""


def backups_folder(data_file: Path) -> Path:
    """Where the backups of ``data_file`` live: a ``backups`` folder beside it."""
    return data_file.parent / BACKUPS_FOLDER_NAME


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """What SQLite's integrity check finds wrong with the file; empty when it is sound.

    A file that cannot be opened or read as a database is reported as a problem too.
    The file is only read.
    """
    if not path.is_file():
        return [f"{path} does not exist."]
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return [f"cannot open: {error}"]
    try:
        rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.Error as error:
        return [str(error)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def backup_name(moment: datetime, reason: str = "", counter: int = 0) -> str:
    """The file name of a backup made at ``moment``."""
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")
    extra = f"-{counter}" if counter else ""
    label = f"-{reason}" if reason else ""
    return f"aipm-{stamp}{extra}{label}.sqlite3"


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """(time made, reason) of a backup file name, or None if it is not one."""
    match = _NAME.match(name)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
    return moment, match.group(8) or ""


def create_backup(
    data_file: Path,
    now: datetime,
    *,
    reason: str = "",
    destination: Path | None = None,
    on_progress: PageHook | None = None,
) -> BackupInfo:
    """Copy ``data_file`` into the backups folder (or to ``destination``) and check the copy.

    Safe while the app has the file open: the online backup API copies a
    consistent snapshot. Raises `BackupError` when the copy cannot be made or
    fails its check; nothing is left behind in that case.
    """
    if not data_file.is_file():
        raise BackupError(f"There is no data file to back up at {data_file}.")
    if destination is None:
        folder = backups_folder(data_file)
        target = _free_name(folder, now, reason)
    else:
        target = destination
        folder = destination.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"Could not create the backups folder {folder}: {error}") from error
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        _copy_database(data_file, partial, on_progress)
        problems = integrity_problems(partial)
        if problems:
            raise BackupError(
                f"The backup of {data_file} failed its check and was not kept: "
                + "; ".join(problems[:5])
            )
        _fsync(partial)
        os.replace(partial, target)
        _fsync_folder(folder)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"Could not back up {data_file} to {target}: {error}") from error
    finally:
        _remove_quietly(partial)
    return BackupInfo(
        target, now.astimezone(UTC).replace(microsecond=0), target.stat().st_size, reason
    )


def backup_before(
    data_file: Path | None, reason: str, now: datetime | None = None
) -> BackupInfo | None:
    """Back up before a risky change (a migration, a pack import); None for no file yet."""
    if data_file is None or not data_file.is_file() or data_file.stat().st_size == 0:
        return None
    return create_backup(data_file, now or datetime.now(UTC), reason=reason)


def list_backups(data_file: Path) -> list[BackupInfo]:
    """The good backups of ``data_file``, newest first; partial files are never listed."""
    folder = backups_folder(data_file)
    if not folder.is_dir():
        return []
    found: list[tuple[int, BackupInfo]] = []
    for entry in folder.iterdir():
        if entry.name.endswith(PARTIAL_SUFFIX):
            continue
        parsed = parse_backup_name(entry.name)
        if parsed is None or not entry.is_file():
            continue
        moment, reason = parsed
        stat = entry.stat()
        found.append((stat.st_mtime_ns, BackupInfo(entry, moment, stat.st_size, reason)))
    found.sort(key=lambda item: (item[1].created_at, item[0], item[1].path.name), reverse=True)
    return [info for _mtime, info in found]


def thin_backups(
    data_file: Path, now: datetime, policy: RetentionPolicy = DEFAULT_RETENTION
) -> list[Path]:
    """Delete the backups the retention policy no longer keeps; returns what was deleted.

    Partial files older than an hour (left by a crash mid-backup) go too.
    """
    _remove_stale_partials(backups_folder(data_file))
    backups = list_backups(data_file)
    doomed = backups_to_delete((b.created_at for b in backups), now, policy)
    deleted: list[Path] = []
    for info in backups:
        if info.created_at in doomed:
            _remove_quietly(info.path)
            deleted.append(info.path)
    return deleted


def newest_good_backup(data_file: Path) -> BackupInfo | None:
    """The newest backup that passes the integrity check, if any."""
    for info in list_backups(data_file):
        if not integrity_problems(info.path):
            return info
    return None


def restore_backup(backup: Path, data_file: Path, now: datetime) -> BackupInfo | None:
    """Replace ``data_file`` with a copy of ``backup``; close every connection first.

    The current file is backed up first (returned; None when there was nothing
    to back up). The backup is checked before anything changes, copied next to
    the data file, checked again and then renamed over it in one step.
    """
    problems = integrity_problems(backup)
    if problems:
        raise BackupError(f"{backup} is damaged and cannot be restored: " + "; ".join(problems[:5]))
    _check_is_data_file(backup)
    saved = None
    if data_file.is_file() and data_file.stat().st_size > 0:
        saved = create_backup(data_file, now, reason="before-restore")
    incoming = data_file.with_name(data_file.name + ".restoring")
    try:
        shutil.copyfile(backup, incoming)
        if integrity_problems(incoming):
            raise BackupError(f"The copy of {backup} was damaged on the way; nothing changed.")
        _fsync(incoming)
        # The old write-ahead log belongs to the old file: replayed onto the
        # restored one it would damage it. Its content is in the backup above.
        for suffix in ("-wal", "-shm", "-journal"):
            _remove_quietly(data_file.with_name(data_file.name + suffix))
        os.replace(incoming, data_file)
        _fsync_folder(data_file.parent)
    except OSError as error:
        raise BackupError(f"Could not restore {backup}: {error}") from error
    finally:
        _remove_quietly(incoming)
    return saved


# -- helpers -----------------------------------------------------------------


def _check_is_data_file(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {row[0] for row in conn.execute("select name from sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be read ({error}). Nothing changed.") from error
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"{path} was made by a newer version of AIPM Desktop (format {version}); "
            "update the app to restore it. Nothing changed."
        )
    if "attempts" not in tables:
        raise BackupError(f"{path} is not an AIPM Desktop backup. Nothing changed.")


STALE_PARTIAL_SECONDS = 3600


def _remove_stale_partials(folder: Path) -> None:
    if not folder.is_dir():
        return
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for entry in folder.glob(f"*{PARTIAL_SUFFIX}"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < cutoff:
                entry.unlink()


def _free_name(folder: Path, now: datetime, reason: str) -> Path:
    counter = 0
    while True:
        candidate = folder / backup_name(now, reason, counter)
        if not candidate.exists():
            return candidate
        counter += 1


def _copy_database(source_file: Path, target: Path, on_progress: PageHook | None) -> None:
    _remove_quietly(target)
    source = sqlite3.connect(source_file)
    try:
        dest = sqlite3.connect(target)
        try:
            if on_progress is None:
                source.backup(dest)
            else:
                source.backup(
                    dest, pages=1, progress=lambda _status, left, total: on_progress(left, total)
                )
            # A backup is one self-contained file: no write-ahead log beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        source.close()


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
