"""The per-question scheduler state, kept in ``review_state`` and rebuildable from attempts.

The attempts are the record; ``review_state`` is derived from them and can be
thrown away and rebuilt at any time with `rebuild_review_state`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.scheduling import Review, ReviewScheduler, ReviewState
from aipm_desktop.storage.errors import guarded, guarded_iterator

if TYPE_CHECKING:  # annotations only: this module does not load sqlite-utils
    from sqlite_utils import Database

TABLE = "review_state"

_RATED_ATTEMPTS_SQL = """
select question_id, ended_at, rating from attempts
where rating is not null
order by question_id, ended_at, id
"""


def create_table(db: Database) -> None:
    """The ``review_state`` table and its index on the due date."""
    db.table(TABLE).create(
        {
            "question_id": str,
            "card": str,
            "due": str,
            "last_review": str,
            "review_count": int,
            "desired_retention": float,
        },
        pk="question_id",
        not_null={"question_id", "card", "due", "last_review", "review_count", "desired_retention"},
        strict=db.supports_strict,
    )
    db.table(TABLE).create_index(["due"], index_name="idx_review_state_due")


@guarded_iterator
def reviews_by_question(db: Database) -> Iterator[tuple[str, list[Review]]]:
    """Every question's rated attempts as reviews, oldest first."""
    current: str | None = None
    reviews: list[Review] = []
    for question_id, ended_at, rating in db.execute(_RATED_ATTEMPTS_SQL).fetchall():
        if question_id != current:
            if current is not None:
                yield current, reviews
            current, reviews = question_id, []
        reviews.append(Review(datetime.fromisoformat(ended_at), Rating(rating)))
    if current is not None:
        yield current, reviews


@guarded
def rebuild_review_state(db: Database, scheduler: ReviewScheduler) -> int:
    """Replace every question's state by replaying the attempt log; returns the row count.

    Runs in the caller's transaction if there is one.
    """
    rows = []
    for question_id, reviews in reviews_by_question(db):
        state = scheduler.replay(question_id, reviews)
        if state is not None:
            rows.append(_to_row(state))
    db.execute(f"delete from {TABLE}")
    if rows:
        db.table(TABLE).insert_all(rows)
    return len(rows)


@guarded
def replay_question(
    db: Database, scheduler: ReviewScheduler, question_id: str
) -> ReviewState | None:
    """Recompute one question's state from its rated attempts; returns it (None: unrated)."""
    rows = db.execute(
        "select ended_at, rating from attempts where question_id = ? and rating is not null "
        "order by ended_at, id",
        [question_id],
    ).fetchall()
    reviews = [Review(datetime.fromisoformat(ended), Rating(rating)) for ended, rating in rows]
    state = scheduler.replay(question_id, reviews)
    if state is None:
        db.execute(f"delete from {TABLE} where question_id = ?", [question_id])
    else:
        db.table(TABLE).upsert(_to_row(state), pk="question_id")
    return state


@guarded
def apply_rating(
    db: Database,
    scheduler: ReviewScheduler,
    question_id: str,
    review: Review,
    *,
    first_rating: bool,
) -> ReviewState | None:
    """Update a question's state after one of its attempts was rated; returns the new state.

    A first rating of an attempt newer than the last review is one more FSRS
    step on the stored card; anything else (a changed rating, an older
    attempt, another desired retention) replays the question's log.
    """
    previous = review_state(db, question_id)
    incremental = first_rating and (
        previous is None
        or (
            review.reviewed_at > previous.last_review
            and previous.desired_retention == scheduler.desired_retention
        )
    )
    if incremental:
        state = scheduler.review(question_id, previous, review)
        db.table(TABLE).upsert(_to_row(state), pk="question_id")
        return state
    return replay_question(db, scheduler, question_id)


@guarded
def review_state(db: Database, question_id: str) -> ReviewState | None:
    """One question's stored state, if it has been rated."""
    rows = list(db.table(TABLE).rows_where("question_id = ?", [question_id]))
    return _from_row(rows[0]) if rows else None


@guarded
def review_states(conn: sqlite3.Connection) -> dict[str, ReviewState]:
    """Every rated question's stored state (plain sqlite3: the main window reads it at start)."""
    cursor = conn.execute(f"select * from {TABLE}")
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor]
    return {row["question_id"]: _from_row(row) for row in rows}


@guarded
def due_dates(conn: sqlite3.Connection, question_id: str | None = None) -> dict[str, datetime]:
    """When each rated question (or only ``question_id``) is next due; only two columns
    are read, so the main window can show them at start-up cheaply."""
    where, parameters = ("where question_id = ?", [question_id]) if question_id else ("", [])
    rows = conn.execute(f"select question_id, due from {TABLE} {where}", parameters)
    return {row[0]: datetime.fromisoformat(row[1]) for row in rows}


@guarded
def needs_rebuild(db: Database | sqlite3.Connection, scheduler: ReviewScheduler) -> bool:
    """True when some state was computed with another desired retention."""
    row = db.execute(
        f"select count(*) from {TABLE} where desired_retention != ?",
        [scheduler.desired_retention],
    ).fetchone()
    return bool(row[0])


def _to_row(state: ReviewState) -> dict[str, Any]:
    return {
        "question_id": state.question_id,
        "card": state.card_json,
        "due": state.due.isoformat(timespec="microseconds"),
        "last_review": state.last_review.isoformat(timespec="microseconds"),
        "review_count": state.review_count,
        "desired_retention": state.desired_retention,
    }


def _from_row(row: Mapping[str, Any]) -> ReviewState:
    return ReviewState(
        question_id=row["question_id"],
        card_json=row["card"],
        due=datetime.fromisoformat(row["due"]),
        last_review=datetime.fromisoformat(row["last_review"]),
        review_count=row["review_count"],
        desired_retention=row["desired_retention"],
    )
