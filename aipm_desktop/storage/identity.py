"""Know your own write-ahead log: each data file has a random identity, and a ``-wal``
that would change it belongs to another file.

SQLite applies any valid ``aipm.sqlite3-wal`` it finds beside the data file: a
stray one from another data file, or the live log left behind when a backup was
copied over the data file by hand, would silently replace the user's attempts.
Before the file is opened, its identity is read from the main file alone
(``immutable=1`` ignores the log) and then through the log. When they differ,
the file and the log are copied aside byte for byte, the log (and its ``-shm``)
is removed, and the caller tells the user. Nothing of theirs is replaced.

Each opening rewrites the ``meta`` page, so the log of every session holds the
page with the identity; a backup gets an identity of its own.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from aipm_desktop.storage.migrations import IDENTITY_KEY, IDENTITY_TABLE

OPENED_KEY = "opened_at"
"""The ``meta`` row rewritten at every opening (on the identity's page)."""

_SELECT = f"select value from {IDENTITY_TABLE} where key = ?"


def read_identity(path: Path, *, through_wal: bool) -> str | None:
    """The file's identity, from the main file alone or through its ``-wal``; None if absent."""
    mode = "mode=ro" if through_wal else "immutable=1"
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)) as conn:
            row = conn.execute(_SELECT, [IDENTITY_KEY]).fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


def wal_path(data_file: Path) -> Path:
    """The write-ahead log SQLite keeps beside ``data_file``."""
    return data_file.with_name(data_file.name + "-wal")


def has_foreign_wal(data_file: Path) -> bool:
    """True when a ``-wal`` beside the file would change the file's identity."""
    wal = wal_path(data_file)
    if not data_file.is_file() or not wal.is_file() or wal.stat().st_size == 0:
        return False
    own = read_identity(data_file, through_wal=False)
    if own is None:
        return False  # no identity yet (an older or brand-new file): nothing to compare
    return read_identity(data_file, through_wal=True) != own


def set_aside_foreign_wal(data_file: Path, now: datetime | None = None) -> Path | None:
    """Copy the file and a foreign ``-wal`` aside, then remove the log; the copy's path.

    None when the log is the file's own (or there is none): nothing is touched.
    """
    if not has_foreign_wal(data_file):
        return None
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")
    aside = data_file.with_name(f"aipm-foreign-wal-{stamp}.sqlite3")
    counter = 1
    while aside.exists():
        aside = data_file.with_name(f"aipm-foreign-wal-{stamp}-{counter}.sqlite3")
        counter += 1
    wal = wal_path(data_file)
    shutil.copyfile(data_file, aside)
    shutil.copyfile(wal, wal_path(aside))
    for copy in (aside, wal_path(aside)):
        with copy.open("rb") as handle:
            os.fsync(handle.fileno())
    wal.unlink()
    data_file.with_name(data_file.name + "-shm").unlink(missing_ok=True)
    return aside


def touch_identity(conn: sqlite3.Connection) -> None:
    """Write the ``meta`` page (beside the identity) again, so this session's log holds it.

    SQLite skips a write that changes nothing, so a value that changes is written:
    when the file was last opened.
    """
    try:
        conn.execute(
            f"insert or replace into {IDENTITY_TABLE} (key, value) values (?, ?)",
            [OPENED_KEY, datetime.now(UTC).isoformat(timespec="microseconds")],
        )
        conn.commit()
    except sqlite3.OperationalError:
        pass  # no identity table: a file older than this version, opened read-only


def give_new_identity(path: Path) -> None:
    """Give a copy (a backup) an identity of its own; files without one are left alone."""
    with closing(sqlite3.connect(path)) as conn:
        try:
            conn.execute(
                f"update {IDENTITY_TABLE} set value = ? where key = ?",
                [secrets.token_hex(16), IDENTITY_KEY],
            )
            conn.commit()
        except sqlite3.OperationalError:
            pass
