"""Tools → Check database: the integrity check, and the repairs that are safe to make."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from aipm_desktop.storage.backup import BackupError, create_backup
from aipm_desktop.storage.errors import StoreError
from aipm_desktop.storage.store import Store

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class CheckReport:
    """What the check found, what it did, and what is left."""

    problems_found: list[str]
    repairs: list[str] = field(default_factory=list)
    problems_left: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """True when nothing is wrong (any more)."""
        return not self.problems_left

    def text(self) -> str:
        """A plain-words report for the user."""
        if not self.problems_found:
            return "The integrity check found no problems. Your data is sound."
        lines = ["The integrity check found:", *(f"  • {p}" for p in self.problems_found[:10])]
        if self.repairs:
            lines += ["", "Repairs made:", *(f"  • {r}" for r in self.repairs)]
        if self.problems_left:
            lines += [
                "",
                "Still wrong after the repairs:",
                *(f"  • {p}" for p in self.problems_left[:10]),
                "",
                "Restore a backup from File → Backups. Your answers in the window are kept.",
            ]
        else:
            lines += ["", "The check now finds no problems."]
        return "\n".join(lines)


class CheckCancelledError(StoreError):
    """The check was stopped before it finished (nothing was changed)."""


class CheckCancellation:
    """Lets the UI thread stop a check running on another thread.

    ``cancel`` sets the flag and interrupts the check's connection (SQLite looks at
    its interrupt flag while it walks the file's pages); the worker looks at the
    flag before and after the check.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        """True once `cancel` was called."""
        return self._cancelled

    def cancel(self) -> None:
        """Stop the check as soon as SQLite notices (any thread)."""
        with self._lock:
            self._cancelled = True
            if self._connection is not None:
                self._connection.interrupt()

    def _attach(self, connection: sqlite3.Connection) -> None:
        with self._lock:
            self._connection = connection
        self.raise_if_cancelled()

    def _detach(self) -> None:
        with self._lock:
            self._connection = None

    def raise_if_cancelled(self) -> None:
        """`CheckCancelledError` once `cancel` was called."""
        if self._cancelled:
            raise CheckCancelledError("The check was cancelled.")


def integrity_problems_in(db: Database, cancellation: CheckCancellation | None = None) -> list[str]:
    """What ``PRAGMA integrity_check`` finds through ``db``; empty when sound.

    The slow part of the check (seconds on a large file): run it on a pool thread
    through a read-only connection of its own (``Store.reader``). With a
    ``cancellation``, another thread may stop it: `CheckCancelledError` is raised."""
    cancel = cancellation or CheckCancellation()
    cancel._attach(db.conn)
    try:
        rows = [str(row[0]) for row in db.execute("PRAGMA integrity_check")]
    except sqlite3.OperationalError:
        cancel.raise_if_cancelled()  # interrupted by cancel
        raise
    finally:
        cancel._detach()
    cancel.raise_if_cancelled()
    return [] if rows == ["ok"] else rows


def check_and_repair(store: Store, now: datetime) -> CheckReport:
    """Run ``PRAGMA integrity_check``; if it finds problems, back up, ``REINDEX`` and re-check.

    REINDEX rebuilds every index from its table: it repairs damaged or missing
    index entries (the most common kind of damage) and never changes a row.
    Damage to the tables themselves is reported, not "repaired" by guessing.
    """
    try:
        found = store.integrity_problems()
    except StoreError as error:
        return CheckReport([str(error)], [], [str(error)])
    return repair(store, now, found)


def repair(store: Store, now: datetime, found: list[str]) -> CheckReport:
    """After a check found ``found``: back up, ``REINDEX`` and re-check (see `check_and_repair`)."""
    if not found:
        return CheckReport([])
    repairs: list[str] = []
    if store.path is not None:
        try:
            info = create_backup(store.path, now, reason="before-repair")
            repairs.append(f"Backed up the data file first, to {info.path.name}.")
        except BackupError as error:
            repairs.append(f"A backup before repairing failed its check ({error}).")
    try:
        store.rebuild_indexes()
        repairs.append("Rebuilt every index from its table (REINDEX); no row was changed.")
        left = store.integrity_problems()
    except StoreError as error:
        left = [str(error)]
    return CheckReport(found, repairs, left)
