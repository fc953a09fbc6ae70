"""The per-question scheduler state, kept in ``review_state`` and rebuildable from attempts.

The attempts are the record; ``review_state`` is derived from them and can be
thrown away and rebuilt at any time with `rebuild_review_state`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aipm_desktop.core.scheduling import Review, ReviewScheduler, ReviewState
from aipm_desktop.storage.errors import guarded, guarded_iterator
from aipm_desktop.storage.values import rating_or_none, read_moment

if TYPE_CHECKING:  # annotations only: this module does not load sqlite-utils
    from sqlite_utils import Database

TABLE = "review_state"

_RATED_ATTEMPTS_SQL = """
select question_id, ended_at, rating from attempts
where rating is not null
order by question_id, ended_at, id
"""


_UNREADABLE_ROWS_SQL = f"""
select exists (select 1 from {TABLE} where
    not json_valid(card) or json_type(card) != 'object'
    or datetime(due) is null or datetime(last_review) is null
    or not (due like '%+__:__' or due like '%-__:__' or due like '%Z')
    or not (last_review like '%+__:__' or last_review like '%-__:__' or last_review like '%Z')
    or typeof(review_count) != 'integer')
"""
"""A row `_from_row` cannot read: not JSON, not a time with a zone (checked in SQL: fast)."""


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
        review = _review(ended_at, rating)
        if review is not None:
            reviews.append(review)
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
    reviews = [r for r in (_review(ended, rating) for ended, rating in rows) if r is not None]
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
    unreadable = previous is None and bool(
        db.execute(f"select 1 from {TABLE} where question_id = ?", [question_id]).fetchone()
    )
    incremental = (
        first_rating
        and not unreadable
        and (
            previous is None
            or (
                review.reviewed_at > previous.last_review
                and previous.desired_retention == scheduler.desired_retention
            )
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
    states = (_from_row(row) for row in rows)
    return {state.question_id: state for state in states if state is not None}


@guarded
def due_dates(conn: sqlite3.Connection, question_id: str | None = None) -> dict[str, datetime]:
    """When each rated question (or only ``question_id``) is next due; only two columns
    are read, so the main window can show them at start-up cheaply."""
    where, parameters = ("where question_id = ?", [question_id]) if question_id else ("", [])
    rows = conn.execute(f"select question_id, due from {TABLE} {where}", parameters)
    dues = ((row[0], read_moment(row[1])) for row in rows)
    return {question_id: due for question_id, due in dues if due is not None}


@guarded
def needs_rebuild(db: Database | sqlite3.Connection, scheduler: ReviewScheduler) -> bool:
    """True when some state was computed with another desired retention, or can't be read.

    The state is derived from the attempts, so an unreadable row is rebuilt, never fatal.
    """
    row = db.execute(
        f"select count(*) from {TABLE} where desired_retention != ?",
        [scheduler.desired_retention],
    ).fetchone()
    if row[0]:
        return True
    return has_unreadable_rows(db)


@guarded
def has_unreadable_rows(db: Database | sqlite3.Connection) -> bool:
    """True when some stored state can't be read (it is then rebuilt from the attempts)."""
    return bool(db.execute(_UNREADABLE_ROWS_SQL).fetchone()[0])


def _to_row(state: ReviewState) -> dict[str, Any]:
    return {
        "question_id": state.question_id,
        "card": state.card_json,
        "due": state.due.isoformat(timespec="microseconds"),
        "last_review": state.last_review.isoformat(timespec="microseconds"),
        "review_count": state.review_count,
        "desired_retention": state.desired_retention,
    }


def _from_row(row: Mapping[str, Any]) -> ReviewState | None:
    """The stored state; None when a value can't be read (the row is then rebuilt)."""
    due, last_review = read_moment(row["due"]), read_moment(row["last_review"])
    if due is None or last_review is None or not _is_card(row["card"]):
        return None
    if not isinstance(row["review_count"], int) or not isinstance(
        row["desired_retention"], int | float
    ):
        return None
    return ReviewState(
        question_id=row["question_id"],
        card_json=row["card"],
        due=due,
        last_review=last_review,
        review_count=row["review_count"],
        desired_retention=row["desired_retention"],
    )


def _is_card(text: object) -> bool:
    try:
        return isinstance(text, str) and isinstance(json.loads(text), dict)
    except ValueError:
        return False


def _review(ended_at: object, rating: object) -> Review | None:
    """One rated attempt as a review; None when its time or rating can't be read."""
    moment = read_moment(ended_at)
    checked = rating_or_none(rating, [])
    return None if moment is None or checked is None else Review(moment, checked)
