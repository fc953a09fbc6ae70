"""Issue 14, finding 11 at the storage level: bad stored values are marked, never fatal."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.scheduling import ReviewScheduler
from aipm_desktop.storage import Store, review_state
from aipm_desktop.storage.values import (
    EPOCH,
    moment_or_stand_in,
    rating_or_none,
    read_moment,
    ticked_or_empty,
)
from tests.unit.storage.test_store import new_attempt


def test_values_that_are_not_what_we_write_are_noted() -> None:
    noted: list[str] = []
    assert rating_or_none(3, noted) == Rating.GOOD
    assert rating_or_none(None, noted) is None
    assert noted == []
    assert rating_or_none(7, noted) is None
    assert rating_or_none("3", noted) is None
    assert ticked_or_empty('["a", "b"]', noted) == ("a", "b")
    assert ticked_or_empty("not json", noted) == ()
    assert ticked_or_empty("[1, 2]", noted) == ()
    assert noted == ["rating", "rating", "key_points_ticked", "key_points_ticked"]


def test_a_naive_time_is_taken_as_utc_and_noted_and_garbage_becomes_the_epoch() -> None:
    noted: list[str] = []
    assert read_moment("2026-01-01T10:00:00") is None
    naive = moment_or_stand_in("2026-01-01T10:00:00", "started_at", noted)
    assert naive == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert moment_or_stand_in("garbage", "ended_at", noted) == EPOCH
    assert noted == ["started_at", "ended_at"]


@pytest.mark.parametrize(
    "spoil",
    [
        "update review_state set due = 'garbage'",
        "update review_state set last_review = '2026-01-01T10:00:00'",
        "update review_state set card = 'not json'",
    ],
)
def test_an_unreadable_review_state_is_skipped_then_rebuilt(spoil: str) -> None:
    store = Store.open_memory()
    attempt = store.record_attempt(new_attempt())
    store.set_rating(attempt.id, Rating.GOOD, datetime(2026, 1, 2, tzinfo=UTC))
    conn: sqlite3.Connection = store._connection
    conn.execute(spoil)
    conn.commit()

    if "set due" in spoil:
        assert store.due_dates() == {}
    assert "q1" not in store.review_states()
    assert review_state.needs_rebuild(conn, ReviewScheduler())
    store.rebuild_review_state()
    assert "q1" in store.review_states()
    assert not review_state.needs_rebuild(conn, ReviewScheduler())
