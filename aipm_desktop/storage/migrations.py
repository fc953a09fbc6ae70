"""The numbered schema steps of the data file, applied in order and never edited.

To change the schema, add a new step at the end with the next number. Each
step is recorded in ``_sqlite_migrations`` and ``PRAGMA user_version`` is set
to ``SCHEMA_VERSION`` afterwards, so an older app can tell that a file was
written by a newer one.

sqlite-utils (which always imports click, pluggy and dateutil: about 50 ms) is
imported only when the migration set is needed: `is_up_to_date` checks an
existing file with plain ``sqlite3``, so opening an up-to-date file does not
import it. ``MIGRATIONS`` is still importable from this module.
"""

from __future__ import annotations

import functools
import secrets
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

from aipm_desktop.core.scheduling import ReviewScheduler
from aipm_desktop.storage import review_state
from aipm_desktop.storage.sqlite_utils_loader import load_sqlite_utils

IDENTITY_TABLE = "meta"
IDENTITY_KEY = "identity"

MIGRATION_SET_NAME = "aipm_desktop"
"""The name of this app's migration set in ``_sqlite_migrations``."""

MIGRATION_NAMES: list[str] = []
"""The names of all steps this version knows, in order."""

_Step = Callable[["Database"], None]
_STEPS: list[tuple[str, _Step]] = []


def _step(name: str) -> Callable[[_Step], _Step]:
    """Register a migration step under ``name`` and remember the name."""

    def register(fn: _Step) -> _Step:
        MIGRATION_NAMES.append(name)
        _STEPS.append((name, fn))
        return fn

    return register


@functools.cache
def migration_set() -> Migrations:
    """The sqlite-utils migration set of every step (sqlite-utils is imported here)."""
    load_sqlite_utils()
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET_NAME)
    for name, fn in _STEPS:
        migrations(name=name)(fn)
    return migrations


def __getattr__(name: str) -> Migrations:
    """``MIGRATIONS``: the migration set, built on first use."""
    if name == "MIGRATIONS":
        return migration_set()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@_step("0001_initial")
def _initial(db: Database) -> None:
    strict = db.supports_strict
    attempts = db.table("attempts")
    attempts.create(
        {
            "id": int,
            "question_id": str,
            "pack_id": str,
            "pack_version": str,
            "started_at": str,
            "ended_at": str,
            "seconds_used": float,
            "time_limit_seconds": int,
            "overtime_seconds": float,
            "answer": str,
            "revealed_before_submit": int,
            "key_points_ticked": str,
            "key_points_total": int,
            "rating": int,
            "rated_at": str,
            "time_up_mode": str,
            "pause_count": int,
            "paused_seconds": float,
            "auto_submitted": int,
        },
        pk="id",
        not_null={
            "question_id",
            "pack_id",
            "pack_version",
            "started_at",
            "ended_at",
            "seconds_used",
            "time_limit_seconds",
            "overtime_seconds",
            "answer",
            "revealed_before_submit",
            "key_points_ticked",
            "key_points_total",
            "time_up_mode",
            "pause_count",
            "paused_seconds",
            "auto_submitted",
        },
        defaults={
            "overtime_seconds": 0.0,
            "revealed_before_submit": 0,
            "key_points_ticked": "[]",
            "pause_count": 0,
            "paused_seconds": 0.0,
            "auto_submitted": 0,
        },
        strict=strict,
    )
    attempts.create_index(["question_id", "started_at"], index_name="idx_attempts_question_started")
    db.table("drafts").create(
        {
            "question_id": str,
            "pack_id": str,
            "text": str,
            "elapsed_seconds": float,
            "started_at": str,
            "updated_at": str,
            "revealed_before_submit": int,
            "pause_count": int,
            "paused_seconds": float,
        },
        pk="question_id",
        not_null={
            "question_id",
            "pack_id",
            "text",
            "elapsed_seconds",
            "started_at",
            "updated_at",
            "revealed_before_submit",
            "pause_count",
            "paused_seconds",
        },
        defaults={"revealed_before_submit": 0, "pause_count": 0, "paused_seconds": 0.0},
        strict=strict,
    )


@_step("0002_sessions")
def _sessions(db: Database) -> None:
    db.table("sessions").create(
        {
            "id": int,
            "started_at": str,
            "ended_at": str,
            "status": str,
            "settings": str,
            "pause_count": int,
            "paused_seconds": float,
            "state": str,
        },
        pk="id",
        not_null={"started_at", "status", "settings", "pause_count", "paused_seconds", "state"},
        defaults={"pause_count": 0, "paused_seconds": 0.0, "state": "{}"},
        strict=db.supports_strict,
    )
    db.table("sessions").create_index(["status"], index_name="idx_sessions_status")
    # A plain ALTER TABLE ... ADD COLUMN: every existing attempt stays, with no session.
    db.execute("alter table attempts add column session_id integer references sessions(id)")
    db.table("attempts").create_index(["session_id"], index_name="idx_attempts_session")


@_step("0003_review_state")
def _review_state(db: Database) -> None:
    """Per-question FSRS state, filled from the attempts already rated."""
    review_state.create_table(db)
    # Covers every column the statistics read, so they scan this index, not the answers.
    db.table("attempts").create_index(
        [
            "started_at",
            "question_id",
            "rating",
            "key_points_total",
            "key_points_ticked",
            "seconds_used",
            "time_limit_seconds",
            "overtime_seconds",
        ],
        index_name="idx_attempts_stats",
    )
    review_state.rebuild_review_state(db, ReviewScheduler())


@_step("0004_question_snapshots")
def _question_snapshots(db: Database) -> None:
    """The text of each question as it was when attempted, per pack version.

    Attempts already record ``pack_id`` and ``pack_version``; this keeps the prompt,
    model answer and key points they were made against, so history stays readable
    after a pack is updated or removed. No existing table or row is touched.
    """
    db.table("question_snapshots").create(
        {
            "question_id": str,
            "pack_version": str,
            "pack_id": str,
            "number": int,
            "prompt": str,
            "category": str,
            "level": str,
            "model_answer": str,
            "key_points": str,
            "saved_at": str,
        },
        pk=("question_id", "pack_version"),
        not_null={
            "question_id",
            "pack_version",
            "pack_id",
            "number",
            "prompt",
            "category",
            "level",
            "model_answer",
            "key_points",
            "saved_at",
        },
        strict=db.supports_strict,
    )


@_step("0005_interviews")
def _interviews(db: Database) -> None:
    """Interview dates the user prepares for; no existing table or row is touched."""
    from aipm_desktop.storage import interviews  # the plan's types load only when needed

    interviews.create_table(db)


@_step("0006_identity")
def _identity(db: Database) -> None:
    """A random id for this data file, written once: a write-ahead log that belongs to
    another file shows another id (see ``storage/identity.py``)."""
    db.table(IDENTITY_TABLE).create(
        {"key": str, "value": str}, pk="key", not_null={"key", "value"}, strict=db.supports_strict
    )
    db.table(IDENTITY_TABLE).insert({"key": IDENTITY_KEY, "value": secrets.token_hex(16)})


@_step("0007_interview_forecasts")
def _interview_forecasts(db: Database) -> None:
    """Each interview keeps the last forecast made on or before its date (JSON; empty
    until a forecast is shown), to set beside what the user did once it is past."""
    from aipm_desktop.storage import interviews

    interviews.add_forecast_column(db)


@_step("0008_own_time_limits")
def _own_time_limits(db: Database) -> None:
    """The user's own time limit per question (bundled ones included), beside their
    data and never in a pack; no existing table or row is touched."""
    from aipm_desktop.storage import own_time_limits

    own_time_limits.create_table(db)


@_step("0009_spoken_answers")
def _spoken_answers(db: Database) -> None:
    """What a spoken answer keeps: how it was given ('type' or 'speak'), its transcript
    (JSON, as transcribed) and its recording (a file name relative to the data folder).
    The ``answer`` column keeps the user's corrected text; existing attempts were typed."""
    db.execute("alter table attempts add column answer_mode text not null default 'type'")
    db.execute("alter table attempts add column transcript text")
    db.execute("alter table attempts add column audio_file text")


@_step("0010_dashboard_index")
def _dashboard_index(db: Database) -> None:
    """The dashboard reads a narrower index: the number of key points ticked is a
    virtual column worked out by SQLite from ``key_points_ticked`` (one source of
    truth, never written by the app), so the index holds a number, not the JSON
    text, and the statistics no longer parse JSON per attempt. It replaces
    ``idx_attempts_stats`` (0003)."""
    db.execute(
        "alter table attempts add column key_points_ticked_count integer generated always as"
        " (case when json_valid(key_points_ticked) then json_array_length(key_points_ticked)"
        " else 0 end) virtual"
    )
    db.execute(
        "create index idx_attempts_dashboard on attempts (started_at, question_id, rating,"
        " key_points_total, key_points_ticked_count, seconds_used, time_limit_seconds,"
        " overtime_seconds)"
    )
    db.execute("drop index if exists idx_attempts_stats")


SCHEMA_VERSION = len(MIGRATION_NAMES)
"""The data-file format this version writes: the number of migration steps."""


def stored_format(db: Database) -> int:
    """The format of an existing file, without changing it.

    This is the larger of ``PRAGMA user_version`` and the number of steps of
    this migration set recorded in the file. It is greater than
    ``SCHEMA_VERSION`` when a newer app wrote the file.
    """
    user_version = _user_version(db)
    applied = [m.name for m in migration_set().applied(db)]
    found = max(user_version, len(applied))
    if any(name not in MIGRATION_NAMES for name in applied):
        # A step this version has never heard of: a newer app wrote the file.
        return max(found, SCHEMA_VERSION + 1)
    return found


def needs_migration(db: Database) -> bool:
    """True when `migrate` would write to the file."""
    return bool(migration_set().pending(db)) or _user_version(db) != SCHEMA_VERSION


def migrate(db: Database) -> None:
    """Apply any pending steps and set ``user_version``, all in one transaction.

    An up-to-date file is not written to at all.
    """
    if not needs_migration(db):
        return
    with db.atomic():
        migration_set().apply(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def is_up_to_date(conn: sqlite3.Connection) -> bool:
    """True if the file has exactly this version's steps and format: nothing to migrate.

    Reads with plain ``sqlite3`` only. False means "check properly" (new, older,
    newer or foreign file), never that the file is bad.
    """
    if int(conn.execute("PRAGMA user_version").fetchone()[0]) != SCHEMA_VERSION:
        return False
    try:
        rows = conn.execute(
            "select name from _sqlite_migrations where migration_set = ?", [MIGRATION_SET_NAME]
        ).fetchall()
    except sqlite3.OperationalError:  # no such table
        return False
    names = [row[0] for row in rows]
    return len(names) == len(MIGRATION_NAMES) and set(names) == set(MIGRATION_NAMES)


def _user_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def steps() -> list[tuple[str, _Step]]:
    """Every step as (name, function), in order; to rebuild the schema of an older format."""
    return list(_STEPS)
