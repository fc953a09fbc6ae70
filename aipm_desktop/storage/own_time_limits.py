"""The ``own_time_limits`` table: the user's own time limit per question, by id."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: this module does not load sqlite-utils
    from sqlite_utils import Database

TABLE = "own_time_limits"
SECONDS_RANGE = (10, 7200)
"""The limits a question may have, in seconds (as the settings allow for the default)."""


def create_table(db: Database) -> None:
    """One row per question with a limit of the user's own."""
    db.table(TABLE).create(
        {"question_id": str, "seconds": int},
        pk="question_id",
        not_null={"question_id", "seconds"},
        strict=db.supports_strict,
    )


def own_time_limits(conn: sqlite3.Connection) -> dict[str, int]:
    """Every question's own limit, by question id (rows out of range are left out)."""
    low, high = SECONDS_RANGE
    rows = conn.execute(f"select question_id, seconds from {TABLE}").fetchall()
    return {
        str(question_id): int(seconds)
        for question_id, seconds in rows
        if isinstance(seconds, int) and low <= seconds <= high
    }


def set_own_time_limit(db: Database, question_id: str, seconds: int | None) -> None:
    """Set a question's own limit, or with None go back to the pack's."""
    if seconds is None:
        db.execute(f"delete from {TABLE} where question_id = ?", [question_id])
        return
    low, high = SECONDS_RANGE
    if not low <= seconds <= high:
        raise ValueError(f"a time limit is from {low} to {high} seconds, not {seconds}")
    db.execute(
        f"insert into {TABLE} (question_id, seconds) values (?, ?) "
        "on conflict(question_id) do update set seconds = excluded.seconds",
        [question_id, seconds],
    )
