"""The data file: every attempt and draft, in one SQLite database.

This module is over 600 lines on purpose: :class:`Store` is the one typed facade over
the data file, and every public method is a short, wrapped call (errors become
:class:`StoreError`). The queries that need more live beside it (``stats``,
``review_state``, ``interviews``, ``export_rows``, ``check``); splitting the facade
itself would only scatter one class over several files.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple, Self

from aipm_desktop.core.history import AttemptSummary
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt, Draft, NewAttempt, QuestionStats, RatingResult
from aipm_desktop.core.scheduling import Review, ReviewScheduler, ReviewState
from aipm_desktop.core.session import SessionRecord, SessionStatus
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.storage import review_state
from aipm_desktop.storage.errors import (
    NewerDatabaseError,
    NotFound,
    StoreError,
    converted,
    guarded,
    refused_as_damaged,
)
from aipm_desktop.storage.identity import set_aside_foreign_wal, touch_identity
from aipm_desktop.storage.migrations import (
    SCHEMA_VERSION,
    is_up_to_date,
    migrate,
    needs_migration,
    stored_format,
)
from aipm_desktop.storage.sound_check import EarlySoundCheck, check_sound
from aipm_desktop.storage.sqlite_utils_loader import load_sqlite_utils
from aipm_desktop.storage.values import (
    moment_or_stand_in,
    rating_or_none,
    ticked_or_empty,
    transcript_or_none,
)

if TYPE_CHECKING:  # sqlite-utils is imported on first use: see `Store._database`
    from sqlite_utils import Database
    from sqlite_utils.db import Table

    from aipm_desktop.core.export import ExportRow
    from aipm_desktop.core.plan import Interview, KeptForecast  # imported on first use

_FEW_SNAPSHOTS = 20
"""Up to this many questions, existing snapshots are looked up one by one."""
BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another connection's lock before failing."""


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
        self._scheduler = ReviewScheduler()
        self.foreign_wal_set_aside: Path | None = None
        """Where `open` copied the file and a ``-wal`` that belonged to another file."""

    # -- opening and closing -------------------------------------------
    @classmethod
    def open(cls, path: Path, *, early_check: EarlySoundCheck | None = None) -> Store:
        """Open (creating if needed) the data file at ``path`` and bring it up to date.

        ``early_check``, if given and still valid for the file as it is now, stands in
        for checking the file here. Raises `NewerDatabaseError` if a newer app wrote the file,
        `CorruptDatabaseError` if ``PRAGMA quick_check`` finds it damaged (or it
        is no database at all), and `StoreError` if it is not a usable data
        file; in each case the file is left exactly as it was. Before a pending
        migration changes an existing file, a backup of it is made.
        """
        try:
            set_aside = set_aside_foreign_wal(path)
        except OSError as e:
            raise StoreError(
                f"A write-ahead log beside {path} belongs to another data file, and it could "
                f"not be moved aside: {e}. Nothing has been changed."
            ) from e
        if set_aside is not None or early_check is None or not early_check.settle(path):
            check_sound(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"Could not open the data file {path}: {e}") from e
        try:
            db = _prepare(conn, path)
            touch_identity(conn)
        except BaseException:
            conn.close()
            raise
        store = cls(conn, path, db)
        store.foreign_wal_set_aside = set_aside
        if review_state.has_unreadable_rows(conn):
            store.rebuild_review_state()  # derived from the attempts: rebuilt, never fatal
        return store

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

    @property
    def change_count(self) -> int:
        """Rows changed through this store since it opened (SQLite's ``total_changes``)."""
        return self._connection.total_changes

    # -- checks --------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` finds wrong with the open file; empty when sound."""
        rows = [str(row[0]) for row in self._database.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    def rebuild_indexes(self) -> None:
        """``REINDEX``: rebuild every index from its table. Rows are not changed."""
        self._database.execute("REINDEX")

    # -- attempts ------------------------------------------------------
    def record_attempt(self, attempt: NewAttempt) -> Attempt:
        """Store a submitted answer and drop the question's draft, atomically.

        An answer given in a session keeps the question's practice draft: the
        session has its own snapshot, and that draft is separate work.
        """
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
            "session_id": attempt.session_id,
            "answer_mode": attempt.answer_mode.value,
            "transcript": None if attempt.transcript is None else attempt.transcript.to_json(),
            "audio_file": attempt.audio_file,
        }
        with self._database.atomic():
            attempt_id = self._attempts.insert(row).last_pk
            if attempt.session_id is None:
                self._drafts.delete_where("question_id = ?", [attempt.question_id])
        assert isinstance(attempt_id, int)
        return self.attempt(attempt_id)

    def set_key_points(self, attempt_id: int, ticked: Sequence[str]) -> Attempt:
        """Replace the key points the user ticked for an attempt."""
        text = json.dumps(list(ticked), ensure_ascii=False)
        return self._update_attempt(attempt_id, {"key_points_ticked": text})

    def set_audio_file(self, attempt_id: int, audio_file: str | None) -> Attempt:
        """Record where a spoken answer's recording is now (None: it was deleted)."""
        return self._update_attempt(attempt_id, {"audio_file": audio_file})

    def audio_files(self) -> dict[int, str]:
        """Every attempt that still names a recording: attempt id to file, oldest first."""
        rows = self._read(
            "select id, audio_file from attempts where audio_file is not null "
            "order by started_at, id",
            [],
        )
        return {row["id"]: row["audio_file"] for row in rows}

    def set_rating(self, attempt_id: int, rating: Rating, rated_at: datetime) -> RatingResult:
        """Record the user's self-rating of an attempt and reschedule its question.

        Returns the rated attempt and its question's new due date, so no one reads it again.
        """
        updates = {"rating": int(Rating(rating)), "rated_at": _to_text(rated_at)}
        with self._database.atomic():
            before = self.attempt(attempt_id)
            after = self._update_attempt(attempt_id, updates)
            state = review_state.apply_rating(
                self._database,
                self._scheduler,
                after.question_id,
                Review(after.ended_at, Rating(rating)),
                first_rating=before.rating is None,
            )
        return RatingResult(after, None if state is None else state.due)

    def attempt(self, attempt_id: int) -> Attempt:
        """The attempt with this id; `NotFound` if there is none."""
        rows = self._read("select * from attempts where id = ?", [attempt_id])
        if not rows:
            raise NotFound(f"Attempt {attempt_id} is not in the data file.")
        return _row_to_attempt(rows[0])

    def attempts_for(self, question_id: str, *, limit: int | None = None) -> list[Attempt]:
        """Every attempt at a question (or the newest ``limit``), newest first."""
        sql = "select * from attempts where question_id = ? order by started_at desc, id desc"
        parameters: list[object] = [question_id]
        if limit is not None:
            sql += " limit ?"
            parameters.append(limit)
        return [_row_to_attempt(row) for row in self._read(sql, parameters)]

    def attempt_count_for(self, question_id: str) -> int:
        """How many attempts at a question are stored (one index range, not the rows)."""
        rows = self._read("select count(*) as n from attempts where question_id = ?", [question_id])
        return int(rows[0]["n"])

    def attempt_count(self) -> int:
        """How many attempts are stored in all."""
        return self._attempts.count

    def question_stats(self) -> dict[str, QuestionStats]:
        """Per attempted question: attempt count, latest rating given, latest start."""
        return {
            row["question_id"]: _row_to_stats(row)
            for row in self._read(_QUESTION_STATS_SQL.format(where=""), [])
        }

    def question_stats_for(self, question_id: str) -> QuestionStats | None:
        """One question's stats, as in `question_stats`; None if it has no attempts."""
        sql = _QUESTION_STATS_SQL.format(where="where a.question_id = ?")
        rows = self._read(sql, [question_id])
        return _row_to_stats(rows[0]) if rows else None

    def last_attempts(self) -> dict[str, Attempt]:
        """The latest attempt at each attempted question."""
        rows = self._database.query(
            "select * from attempts a where a.id = ("
            " select b.id from attempts b where b.question_id = a.question_id"
            " order by b.started_at desc, b.id desc limit 1)"
        )
        return {row["question_id"]: _row_to_attempt(row) for row in rows}

    # -- sessions ------------------------------------------------------
    def create_session(
        self, started_at: datetime, settings: Mapping[str, Any], state: Mapping[str, Any]
    ) -> int:
        """Store a new running session; returns its id."""
        row = {
            "started_at": _to_text(started_at),
            "ended_at": None,
            "status": SessionStatus.RUNNING.value,
            "settings": json.dumps(settings, ensure_ascii=False),
            "pause_count": 0,
            "paused_seconds": 0.0,
            "state": json.dumps(state, ensure_ascii=False),
        }
        with self._database.atomic():
            session_id = self._sessions.insert(row).last_pk
        assert isinstance(session_id, int)
        return session_id

    def save_session(
        self,
        session_id: int,
        state: Mapping[str, Any],
        *,
        pause_count: int,
        paused_seconds: float,
        ended_at: datetime | None = None,
        status: SessionStatus = SessionStatus.RUNNING,
    ) -> None:
        """Replace a session's snapshot, pause totals and status."""
        updates = {
            "state": json.dumps(state, ensure_ascii=False),
            "pause_count": pause_count,
            "paused_seconds": float(paused_seconds),
            "status": status.value,
            "ended_at": None if ended_at is None else _to_text(ended_at),
        }
        from sqlite_utils.db import NotFoundError

        with self._database.atomic():
            try:
                self._sessions.update(session_id, updates)
            except NotFoundError:
                raise NotFound(f"Session {session_id} is not in the data file.") from None

    def set_session_status(self, session_id: int, status: SessionStatus) -> None:
        """Change only a session's status (e.g. abandon it)."""
        from sqlite_utils.db import NotFoundError

        with self._database.atomic():
            try:
                self._sessions.update(session_id, {"status": status.value})
            except NotFoundError:
                raise NotFound(f"Session {session_id} is not in the data file.") from None

    def session(self, session_id: int) -> SessionRecord:
        """The session with this id; `NotFound` if there is none."""
        rows = self._read("select * from sessions where id = ?", [session_id])
        if not rows:
            raise NotFound(f"Session {session_id} is not in the data file.")
        return _row_to_session(rows[0])

    def unfinished_session(self) -> SessionRecord | None:
        """The latest session still running (to offer resuming), if any."""
        rows = self._read(
            "select * from sessions where status = ? order by id desc limit 1",
            [SessionStatus.RUNNING.value],
        )
        return _row_to_session(rows[0]) if rows else None

    def finished_sessions(self) -> list[SessionRecord]:
        """Every finished session, oldest first."""
        rows = self._sessions.rows_where(
            "status = ?", [SessionStatus.FINISHED.value], order_by="started_at, id"
        )
        return [_row_to_session(row) for row in rows]

    def session_attempts(self, session_id: int) -> list[Attempt]:
        """The attempts of one session, in the order they were given."""
        rows = self._attempts.rows_where("session_id = ?", [session_id], order_by="id")
        return [_row_to_attempt(row) for row in rows]

    # -- scheduling ----------------------------------------------------
    @property
    def desired_retention(self) -> float:
        """The FSRS desired retention that due dates are computed with."""
        return self._scheduler.desired_retention

    def set_desired_retention(self, retention: float) -> bool:
        """Schedule with another desired retention; True if due dates were recomputed.

        Due dates computed with a different retention are rebuilt from the attempts.
        """
        self._scheduler = ReviewScheduler(retention)
        # Plain sqlite3: at start-up an unchanged retention must not load sqlite-utils.
        if not review_state.needs_rebuild(self._connection, self._scheduler):
            return False
        self.rebuild_review_state()
        return True

    def rebuild_review_state(self) -> int:
        """Recompute every question's scheduling state from the attempt log."""
        with self._database.atomic():
            return review_state.rebuild_review_state(self._database, self._scheduler)

    def review_states(self) -> dict[str, ReviewState]:
        """Per rated question: its FSRS state and due date."""
        return review_state.review_states(self._connection)

    def due_dates(self) -> dict[str, datetime]:
        """Per rated question: when it is next due (cheaper than `review_states`)."""
        return review_state.due_dates(self._connection)

    def due_date_for(self, question_id: str) -> datetime | None:
        """When one question is next due; None if it was never rated."""
        return review_state.due_dates(self._connection, question_id).get(question_id)

    # -- own time limits -----------------------------------------------
    def own_time_limits(self) -> dict[str, int]:
        """The user's own time limit per question id (the questions that have one)."""
        from aipm_desktop.storage import own_time_limits

        return own_time_limits.own_time_limits(self._connection)

    def set_own_time_limit(self, question_id: str, seconds: int | None) -> None:
        """Give a question a time limit of the user's own, or (None) use the pack's again.

        Raises `StoreError` when ``seconds`` is out of range (10 s to 2 h)."""
        from aipm_desktop.storage import own_time_limits

        try:
            with self._database.atomic():
                own_time_limits.set_own_time_limit(self._database, question_id, seconds)
        except ValueError as error:
            raise StoreError(str(error)) from error

    # -- interviews ----------------------------------------------------
    def add_interview(
        self,
        when: date,
        created_at: datetime,
        *,
        title: str = "",
        company: str = "",
        role: str = "",
        packs: Sequence[str] = (),
        categories: Sequence[str] = (),
        minutes_per_day: int | None = None,
    ) -> Interview:
        """Store an interview to prepare for (default budget: 30 minutes a day); returns it."""
        from aipm_desktop.core.plan import DEFAULT_MINUTES_PER_DAY
        from aipm_desktop.storage import interviews as interview_table

        if minutes_per_day is None:
            minutes_per_day = DEFAULT_MINUTES_PER_DAY
        with self._database.atomic():
            return interview_table.add_interview(
                self._database,
                when=when,
                created_at=_to_text(created_at),
                title=title,
                company=company,
                role=role,
                packs=packs,
                categories=categories,
                minutes_per_day=minutes_per_day,
            )

    def interviews(self) -> list[Interview]:
        """Every stored interview, soonest first."""
        from aipm_desktop.storage import interviews as interview_table

        return interview_table.interviews(self._connection)

    def remove_interview(self, interview_id: int) -> bool:
        """Forget an interview; False if there is none with this id."""
        from aipm_desktop.storage import interviews as interview_table

        with self._database.atomic():
            return interview_table.remove_interview(self._database, interview_id)

    def keep_forecast(self, interview_id: int, forecast: KeptForecast) -> bool:
        """Keep the latest forecast shown for an interview (True when it changed)."""
        from aipm_desktop.storage import interviews as interview_table

        with self._database.atomic():
            return interview_table.keep_forecast(self._database, interview_id, forecast)

    def reviews(self) -> dict[str, list[Review]]:
        """Every rated question's reviews (rated attempts), oldest first."""
        return dict(review_state.reviews_by_question(self._database))

    def seconds_practised_since(self, moment: datetime) -> float:
        """Answering time of the attempts started at or after ``moment``."""
        rows = self._read(
            "select coalesce(sum(seconds_used), 0) as total from attempts where started_at >= ?",
            [_to_text(moment)],
        )
        return float(rows[0]["total"])

    # -- reading for export, history and statistics ---------------------
    def attempt_summaries(self) -> list[AttemptSummary]:
        """Every attempt without its answer text, newest first."""
        return attempt_summaries(self._database)

    def export_rows(self, prompts: Mapping[str, str]) -> Iterator[ExportRow]:
        """Every attempt, oldest first, for export; ``prompts`` maps ids to prompts."""
        from aipm_desktop.storage.export_rows import export_rows  # loaded when exporting

        return export_rows(self._database, prompts)

    @contextmanager
    def reader(self) -> Iterator[Database]:
        """A read-only view of the data for long queries, closed afterwards.

        For a data file this is a connection of its own, so it may be used on
        another thread while the store keeps writing. An in-memory store hands
        out its own connection: use it on the store's thread only.
        """
        if self._path is None:
            with converted():
                yield self._database
            return
        with closing_database(open_reader(self._path)) as db, converted():
            yield db

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
        rows = self._read("select * from drafts order by updated_at desc, question_id", [])
        return [_row_to_draft(row) for row in rows]

    # -- question snapshots ----------------------------------------------
    def save_question_snapshots(self, questions: Sequence[Question], saved_at: datetime) -> None:
        """Keep each question's text for its pack version (an existing snapshot is kept)."""
        # Only the missing ones: a start-up with nothing new to keep writes nothing
        # (and does not load sqlite-utils).
        kept = self._kept_snapshots(questions)
        rows = [
            {
                "question_id": q.id,
                "pack_version": q.pack_version,
                "pack_id": q.pack_id,
                "number": q.number,
                "prompt": q.prompt,
                "category": q.category,
                "level": q.level,
                "model_answer": q.model_answer,
                "key_points": json.dumps(list(q.key_points), ensure_ascii=False),
                "saved_at": _to_text(saved_at),
            }
            for q in questions
            if (q.id, q.pack_version) not in kept
        ]
        if not rows:
            return
        with self._database.atomic():
            self._database.table("question_snapshots").insert_all(rows, ignore=True)

    def _kept_snapshots(self, questions: Sequence[Question]) -> set[tuple[str, str]]:
        """Which of these (question id, pack version) pairs already have a snapshot."""
        if len(questions) > _FEW_SNAPSHOTS:  # e.g. every attempted question at start-up
            rows = self._read("select question_id, pack_version from question_snapshots", [])
        else:  # e.g. the one question just answered
            rows = [
                row
                for q in questions
                for row in self._read(
                    "select question_id, pack_version from question_snapshots "
                    "where question_id = ? and pack_version = ?",
                    [q.id, q.pack_version],
                )
            ]
        return {(row["question_id"], row["pack_version"]) for row in rows}

    def question_snapshot(self, question_id: str, pack_version: str) -> Question | None:
        """The question as it was in ``pack_version``, if a snapshot was kept."""
        rows = self._read(
            "select * from question_snapshots where question_id = ? and pack_version = ?",
            [question_id, pack_version],
        )
        return _row_to_question(rows[0]) if rows else None

    def latest_question_snapshots(self) -> dict[str, Question]:
        """Per question id, the snapshot of the newest pack version seen."""
        latest: dict[str, Question] = {}
        rows = self._database.table("question_snapshots").rows_where(order_by="saved_at, rowid")
        for row in rows:
            latest[row["question_id"]] = _row_to_question(row)
        return latest

    def attempted_question_ids(self) -> set[str]:
        """Every question id that has at least one attempt."""
        rows = self._read("select distinct question_id from attempts", [])
        return {row["question_id"] for row in rows}

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
            load_sqlite_utils()
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

    @property
    def _sessions(self) -> Table:
        return self._database.table("sessions")

    def _update_attempt(self, attempt_id: int, updates: dict[str, Any]) -> Attempt:
        from sqlite_utils.db import NotFoundError

        with self._database.atomic():
            try:
                self._attempts.update(attempt_id, updates)
            except NotFoundError:
                raise NotFound(f"Attempt {attempt_id} is not in the data file.") from None
        return self.attempt(attempt_id)


def _guard_public_methods(cls: type[Store]) -> None:
    """Make every public method and property of ``cls`` raise `StoreError`, never sqlite3's."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(member, property) and member.fget is not None:
            setattr(cls, name, property(guarded(member.fget), member.fset, member.fdel))
        elif isinstance(member, classmethod):
            setattr(cls, name, classmethod(guarded(member.__func__)))
        elif callable(member):
            setattr(cls, name, guarded(member))


_guard_public_methods(Store)


@guarded
def attempt_summaries(db: Database) -> list[AttemptSummary]:
    """Every attempt without its answer text, newest first (any connection)."""
    rows = db.execute(
        "select id, question_id, started_at, seconds_used, time_limit_seconds, "
        "overtime_seconds, rating, case when json_valid(key_points_ticked) "
        "then json_array_length(key_points_ticked) end, key_points_total "
        "from attempts order by started_at desc, id desc"
    ).fetchall()
    return [_row_to_summary(r) for r in rows]


def _row_to_summary(r: Sequence[Any]) -> AttemptSummary:
    unreadable: list[str] = []
    if r[7] is None:
        unreadable.append("key_points_ticked")
    return AttemptSummary(
        id=r[0],
        question_id=r[1],
        started_at=moment_or_stand_in(r[2], "started_at", unreadable),
        seconds_used=r[3],
        time_limit_seconds=r[4],
        overtime_seconds=r[5],
        rating=rating_or_none(r[6], unreadable),
        key_points_covered=r[7] or 0,
        key_points_total=r[8],
        unreadable=tuple(unreadable),
    )


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A plain read-only sqlite3 connection to an existing data file."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as e:
        raise StoreError(f"Could not read the data file {path}: {e}") from e
    return conn


def open_reader(path: Path) -> Database:
    """A read-only connection to an existing data file, as a sqlite-utils `Database`."""
    load_sqlite_utils()
    from sqlite_utils import Database

    return Database(connect_read_only(path), execute_plugins=False)


def read_question_stats(path: Path) -> dict[str, QuestionStats]:
    """`Store.question_stats` of the data file at ``path``, through a new read-only connection.

    Safe to call from any thread while a `Store` has the file open: SQLite reads
    the committed data without holding Python's GIL while it works.
    """
    return read_list_figures(path).stats


class ListFigures(NamedTuple):
    """What the question list shows of the history, per question id."""

    stats: dict[str, QuestionStats]
    """As `Store.question_stats`."""
    due: dict[str, datetime]
    """As `Store.due_dates`."""


def read_list_figures(path: Path) -> ListFigures:
    """`Store.question_stats` and `Store.due_dates` of the data file at ``path``, in one
    read through a new read-only connection; safe to call from any thread, as
    `read_question_stats` is."""
    conn = connect_read_only(path)
    try:
        conn.execute("begin")  # one read transaction: both from the same moment
        conn.row_factory = sqlite3.Row
        rows = conn.execute(_QUESTION_STATS_SQL.format(where="")).fetchall()
        stats = {row["question_id"]: _row_to_stats(row) for row in rows}
        conn.row_factory = None
        return ListFigures(stats, review_state.due_dates(conn))
    except sqlite3.Error as e:
        raise StoreError(f"Could not read the data file {path}: {e}") from e
    finally:
        conn.close()


@contextmanager
def closing_database(db: Database) -> Iterator[Database]:
    """Close ``db`` when the block ends."""
    try:
        yield db
    finally:
        db.close()


def _prepare(conn: sqlite3.Connection, path: Path | None) -> Database | None:
    """Check the file is ours and not newer, then configure and migrate it.

    Nothing is written to the file until the checks have passed. A file with
    exactly this version's steps and format (nothing to check further, nothing
    to migrate, so no backup is due) is configured with plain sqlite3 and None
    is returned; otherwise sqlite-utils does the checks, the backup before a
    migration and the migration, and its `Database` is returned.
    """
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if is_up_to_date(conn):
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = wal")
            conn.execute("PRAGMA synchronous = FULL")
            return None
        load_sqlite_utils()
        from sqlite_utils import Database

        db = Database(conn, execute_plugins=False)
        _check_can_use(db, path)
        if path is not None and needs_migration(db) and stored_format(db) > 0:
            _backup_before_migration(path)
        db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")
        migrate(db)
    except sqlite3.DatabaseError as e:
        raise refused_as_damaged(_name(path), e) or StoreError(
            f"Could not open {_name(path)}: {e}"
        ) from e
    return db


def _backup_before_migration(path: Path) -> None:
    from aipm_desktop.storage.backup import BackupError, backup_before  # only to migrate

    try:
        backup_before(path, "before-migration")
    except BackupError as e:
        raise StoreError(
            f"{e}\n\nThe data file needs an update, but it is only updated after a good "
            "backup. Nothing has been changed."
        ) from e


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
    unreadable: list[str] = []
    rated_at = row["rated_at"]
    return Attempt(
        id=row["id"],
        question_id=row["question_id"],
        pack_id=row["pack_id"],
        pack_version=row["pack_version"],
        started_at=moment_or_stand_in(row["started_at"], "started_at", unreadable),
        ended_at=moment_or_stand_in(row["ended_at"], "ended_at", unreadable),
        seconds_used=row["seconds_used"],
        time_limit_seconds=row["time_limit_seconds"],
        overtime_seconds=row["overtime_seconds"],
        answer=row["answer"],
        revealed_before_submit=bool(row["revealed_before_submit"]),
        key_points_ticked=ticked_or_empty(row["key_points_ticked"], unreadable),
        key_points_total=row["key_points_total"],
        rating=rating_or_none(row["rating"], unreadable),
        rated_at=None if rated_at is None else moment_or_stand_in(rated_at, "rated_at", unreadable),
        time_up_mode=TimeUpMode(row["time_up_mode"]),
        pause_count=row["pause_count"],
        paused_seconds=row["paused_seconds"],
        auto_submitted=bool(row["auto_submitted"]),
        session_id=row.get("session_id"),
        answer_mode=AnswerMode.from_text(row.get("answer_mode")),
        transcript=transcript_or_none(row.get("transcript"), unreadable),
        audio_file=row.get("audio_file"),
        unreadable=tuple(unreadable),
    )


def _row_to_session(row: Mapping[str, Any]) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        started_at=_from_text(row["started_at"]),
        ended_at=None if row["ended_at"] is None else _from_text(row["ended_at"]),
        status=SessionStatus(row["status"]),
        settings=json.loads(row["settings"]),
        pause_count=row["pause_count"],
        paused_seconds=row["paused_seconds"],
        state=json.loads(row["state"]),
    )


def _row_to_question(row: Mapping[str, Any]) -> Question:
    return Question(
        id=row["question_id"],
        number=row["number"],
        prompt=row["prompt"],
        category=row["category"],
        level=row["level"],
        model_answer=row["model_answer"],
        key_points=tuple(json.loads(row["key_points"])),
        time_limit_seconds=None,
        tags=(),
        pack_id=row["pack_id"],
        pack_version=row["pack_version"],
    )


def _row_to_stats(row: Mapping[str, Any]) -> QuestionStats:
    return QuestionStats(
        attempt_count=row["attempt_count"],
        last_rating=rating_or_none(row["last_rating"], []),
        last_attempt_at=moment_or_stand_in(row["last_attempt_at"], "last_attempt_at", []),
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
