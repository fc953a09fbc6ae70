"""The data file: every attempt and draft, in one SQLite database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt, Draft, NewAttempt, QuestionStats
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.storage.migrations import (
    SCHEMA_VERSION,
    is_up_to_date,
    migrate,
    stored_format,
)

if TYPE_CHECKING:  # sqlite-utils is imported on first use: see `Store._database`
    from sqlite_utils import Database
    from sqlite_utils.db import Table

BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another connection's lock before failing."""


class StoreError(Exception):
    """The data file cannot be used; the message is meant for the user."""


class NewerDatabaseError(StoreError):
    """The data file was written by a newer version of the app."""


_QUESTION_STATS_SQL = """
select
    a.question_id,
    count(*) as attempt_count,
    max(a.started_at) as last_attempt_at,
    (
        select r.rating from attempts r
        where r.question_id = a.question_id and r.rating is not null
        order by r.started_at desc, r.id desc
        limit 1
    ) as last_rating
from attempts a
{where}
group by a.question_id
"""


class Store:
    """All attempts and drafts, in one SQLite file.

    Every write is its own transaction, committed (and synced to disk) before
    the method returns. Datetimes are stored as UTC ISO 8601 strings, so they
    sort correctly as text; they must be timezone-aware.
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, db: Database | None = None
    ) -> None:
        """Wrap an open, migrated connection; use `open` or `open_memory` instead."""
        self._conn: sqlite3.Connection | None = conn
        self._db: Database | None = db
        self._path = path

    # -- opening and closing -------------------------------------------
    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating if needed) the data file at ``path`` and bring it up to date.

        Raises `NewerDatabaseError` if a newer app wrote the file, and
        `StoreError` if it is not a usable data file; in both cases the file
        is left exactly as it was.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"Could not open the data file {path}: {e}") from e
        try:
            db = _prepare(conn, path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, db)

    @classmethod
    def open_memory(cls) -> Store:
        """An empty store that lives in memory only (for tests)."""
        conn = sqlite3.connect(":memory:")
        return cls(conn, None, _prepare(conn, None))

    def close(self) -> None:
        """Close the data file. Calling it again does nothing."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._db = None

    def prepare_writes(self) -> None:
        """Load what writing needs (sqlite-utils) now, e.g. when the app is idle after start."""
        self._database  # noqa: B018 - creating it is the point

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path | None:
        """The data file, or None for an in-memory store."""
        return self._path

    # -- attempts ------------------------------------------------------
    def record_attempt(self, attempt: NewAttempt) -> Attempt:
        """Store a submitted answer and drop the question's draft, atomically."""
        row = {
            "question_id": attempt.question_id,
            "pack_id": attempt.pack_id,
            "pack_version": attempt.pack_version,
            "started_at": _to_text(attempt.started_at),
            "ended_at": _to_text(attempt.ended_at),
            "seconds_used": float(attempt.seconds_used),
            "time_limit_seconds": attempt.time_limit_seconds,
            "overtime_seconds": float(attempt.overtime_seconds),
            "answer": attempt.answer,
            "revealed_before_submit": int(attempt.revealed_before_submit),
            "key_points_ticked": "[]",
            "key_points_total": attempt.key_points_total,
            "rating": None,
            "rated_at": None,
            "time_up_mode": attempt.time_up_mode.value,
            "pause_count": attempt.pause_count,
            "paused_seconds": float(attempt.paused_seconds),
            "auto_submitted": int(attempt.auto_submitted),
        }
        with self._database.atomic():
            attempt_id = self._attempts.insert(row).last_pk
            self._drafts.delete_where("question_id = ?", [attempt.question_id])
        assert isinstance(attempt_id, int)
        return self.attempt(attempt_id)

    def set_key_points(self, attempt_id: int, ticked: Sequence[str]) -> Attempt:
        """Replace the key points the user ticked for an attempt."""
        text = json.dumps(list(ticked), ensure_ascii=False)
        return self._update_attempt(attempt_id, {"key_points_ticked": text})

    def set_rating(self, attempt_id: int, rating: Rating, rated_at: datetime) -> Attempt:
        """Record the user's self-rating of an attempt."""
        updates = {"rating": int(Rating(rating)), "rated_at": _to_text(rated_at)}
        return self._update_attempt(attempt_id, updates)

    def attempt(self, attempt_id: int) -> Attempt:
        """The attempt with this id; `KeyError` if there is none."""
        rows = self._read("select * from attempts where id = ?", [attempt_id])
        if not rows:
            raise KeyError(attempt_id)
        return _row_to_attempt(rows[0])

    def attempts_for(self, question_id: str) -> list[Attempt]:
        """Every attempt at a question, newest first."""
        rows = self._read(
            "select * from attempts where question_id = ? order by started_at desc, id desc",
            [question_id],
        )
        return [_row_to_attempt(row) for row in rows]

    def attempt_count(self) -> int:
        """How many attempts are stored in all."""
        return self._attempts.count

    def question_stats(self) -> dict[str, QuestionStats]:
        """Per attempted question: attempt count, latest rating given, latest start."""
        return {
            row["question_id"]: _row_to_stats(row)
            for row in self._database.query(_QUESTION_STATS_SQL.format(where=""))
        }

    def question_stats_for(self, question_id: str) -> QuestionStats | None:
        """One question's stats, as in `question_stats`; None if it has no attempts."""
        sql = _QUESTION_STATS_SQL.format(where="where a.question_id = ?")
        for row in self._database.query(sql, [question_id]):
            return _row_to_stats(row)
        return None

    # -- drafts --------------------------------------------------------
    def save_draft(self, draft: Draft) -> None:
        """Save an answer in progress, replacing any earlier draft of that question."""
        row = {
            "question_id": draft.question_id,
            "pack_id": draft.pack_id,
            "text": draft.text,
            "elapsed_seconds": float(draft.elapsed_seconds),
            "started_at": _to_text(draft.started_at),
            "updated_at": _to_text(draft.updated_at),
            "revealed_before_submit": int(draft.revealed_before_submit),
            "pause_count": draft.pause_count,
            "paused_seconds": float(draft.paused_seconds),
        }
        with self._database.atomic():
            self._drafts.upsert(row, pk="question_id")

    def draft_for(self, question_id: str) -> Draft | None:
        """The saved draft for a question, if any."""
        rows = self._read("select * from drafts where question_id = ?", [question_id])
        return _row_to_draft(rows[0]) if rows else None

    def delete_draft(self, question_id: str) -> None:
        """Forget a question's draft (does nothing if there is none)."""
        with self._database.atomic():
            self._drafts.delete_where("question_id = ?", [question_id])

    def drafts(self) -> list[Draft]:
        """Every saved draft, most recently updated first."""
        rows = self._drafts.rows_where(order_by="updated_at desc, question_id")
        return [_row_to_draft(row) for row in rows]

    # -- helpers -------------------------------------------------------
    @property
    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("The data file has been closed.")
        return self._conn

    @property
    def _database(self) -> Database:
        """The sqlite-utils view of the connection, made (and imported) on first use."""
        conn = self._connection
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(conn, execute_plugins=False)
        return self._db

    def _read(self, sql: str, parameters: Sequence[object]) -> list[dict[str, Any]]:
        """Rows of a read-only query, through plain sqlite3 (the start-up path uses these)."""
        cursor = self._connection.execute(sql, list(parameters))
        try:
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            cursor.close()

    @property
    def _attempts(self) -> Table:
        return self._database.table("attempts")

    @property
    def _drafts(self) -> Table:
        return self._database.table("drafts")

    def _update_attempt(self, attempt_id: int, updates: dict[str, Any]) -> Attempt:
        from sqlite_utils.db import NotFoundError

        with self._database.atomic():
            try:
                self._attempts.update(attempt_id, updates)
            except NotFoundError:
                raise KeyError(attempt_id) from None
        return self.attempt(attempt_id)


def read_question_stats(path: Path) -> dict[str, QuestionStats]:
    """`Store.question_stats` of the data file at ``path``, through a new read-only connection.

    Safe to call from any thread while a `Store` has the file open: SQLite reads
    the committed data without holding Python's GIL while it works.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise StoreError(f"Could not read the data file {path}: {e}") from e
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        rows = conn.execute(_QUESTION_STATS_SQL.format(where="")).fetchall()
        return {row["question_id"]: _row_to_stats(row) for row in rows}
    except sqlite3.Error as e:
        raise StoreError(f"Could not read the data file {path}: {e}") from e
    finally:
        conn.close()


def _prepare(conn: sqlite3.Connection, path: Path | None) -> Database | None:
    """Check the file is ours and not newer, then configure and migrate it.

    Nothing is written to the file until the checks have passed. An up-to-date
    file is checked and configured with plain sqlite3 and None is returned;
    otherwise sqlite-utils does the checks and the migration, and its
    `Database` is returned.
    """
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if is_up_to_date(conn):
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = wal")
            conn.execute("PRAGMA synchronous = FULL")
            return None
        from sqlite_utils import Database

        db = Database(conn, execute_plugins=False)
        _check_can_use(db, path)
        db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")
        migrate(db)
    except sqlite3.DatabaseError as e:
        if e.sqlite_errorcode == sqlite3.SQLITE_NOTADB:
            raise StoreError(
                f"{_name(path)} is not an AIPM Desktop data file. It has not been changed."
            ) from e
        raise StoreError(f"Could not open {_name(path)}: {e}") from e
    return db


def _check_can_use(db: Database, path: Path | None) -> None:
    found = stored_format(db)
    if found > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{_name(path)} was written by a newer version of AIPM Desktop "
            f"(format {found}; this version understands up to {SCHEMA_VERSION}). "
            "Please update the app. Your data has not been changed."
        )
    if found == 0 and db.table_names():
        raise StoreError(
            f"{_name(path)} is a database of some other program, not an AIPM Desktop "
            "data file. It has not been changed."
        )


def _name(path: Path | None) -> str:
    return "The in-memory data file" if path is None else f"The data file {path}"


def _to_text(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime must be timezone-aware, got {moment!r}")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _from_text(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _row_to_attempt(row: Mapping[str, Any]) -> Attempt:
    return Attempt(
        id=row["id"],
        question_id=row["question_id"],
        pack_id=row["pack_id"],
        pack_version=row["pack_version"],
        started_at=_from_text(row["started_at"]),
        ended_at=_from_text(row["ended_at"]),
        seconds_used=row["seconds_used"],
        time_limit_seconds=row["time_limit_seconds"],
        overtime_seconds=row["overtime_seconds"],
        answer=row["answer"],
        revealed_before_submit=bool(row["revealed_before_submit"]),
        key_points_ticked=tuple(json.loads(row["key_points_ticked"])),
        key_points_total=row["key_points_total"],
        rating=None if row["rating"] is None else Rating(row["rating"]),
        rated_at=None if row["rated_at"] is None else _from_text(row["rated_at"]),
        time_up_mode=TimeUpMode(row["time_up_mode"]),
        pause_count=row["pause_count"],
        paused_seconds=row["paused_seconds"],
        auto_submitted=bool(row["auto_submitted"]),
    )


def _row_to_stats(row: Mapping[str, Any]) -> QuestionStats:
    return QuestionStats(
        attempt_count=row["attempt_count"],
        last_rating=None if row["last_rating"] is None else Rating(row["last_rating"]),
        last_attempt_at=_from_text(row["last_attempt_at"]),
    )


def _row_to_draft(row: Mapping[str, Any]) -> Draft:
    return Draft(
        question_id=row["question_id"],
        pack_id=row["pack_id"],
        text=row["text"],
        elapsed_seconds=row["elapsed_seconds"],
        started_at=_from_text(row["started_at"]),
        updated_at=_from_text(row["updated_at"]),
        revealed_before_submit=bool(row["revealed_before_submit"]),
        pause_count=row["pause_count"],
        paused_seconds=row["paused_seconds"],
    )
