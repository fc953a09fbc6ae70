"""The stored scheduling state follows every rating and equals a replay of the attempt log."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.scheduling import Review, ReviewScheduler
from aipm_desktop.storage import Store
from aipm_desktop.storage.migrations import MIGRATIONS
from tests.unit.storage.test_store import T0, new_attempt


def rate(store: Store, question_id: str, day: float, rating: Rating) -> int:
    attempt = store.record_attempt(new_attempt(question_id, minutes=int(day * 1440)))
    store.set_rating(attempt.id, rating, attempt.ended_at + timedelta(seconds=30))
    return attempt.id


def test_a_rating_schedules_the_question(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        assert store.review_states() == {}
        attempt = store.record_attempt(new_attempt("q1"))
        assert store.review_states() == {}  # not rated yet: not scheduled
        store.set_rating(attempt.id, Rating.GOOD, T0)
        state = store.review_states()["q1"]
    expected = ReviewScheduler().review("q1", None, Review(attempt.ended_at, Rating.GOOD))
    assert state == expected
    assert state.due == attempt.ended_at + timedelta(days=2)


def test_stored_state_equals_a_replay_of_the_log(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        rate(store, "q1", 0, Rating.GOOD)
        rate(store, "q2", 0.5, Rating.AGAIN)
        rate(store, "q1", 3, Rating.HARD)
        changed = rate(store, "q2", 2, Rating.EASY)
        rate(store, "q1", 3.1, Rating.GOOD)  # same day: short-term stability
        store.set_rating(changed, Rating.HARD, T0 + timedelta(days=9))  # a changed mind
        late = store.record_attempt(new_attempt("q1", minutes=1440))  # rated out of order
        rate(store, "q3", 1, Rating.EASY)
        store.set_rating(late.id, Rating.AGAIN, T0 + timedelta(days=10))
        incremental = store.review_states()

        assert store.rebuild_review_state() == 3
        assert store.review_states() == incremental

        scheduler = ReviewScheduler()
        for question_id, state in incremental.items():
            reviews = [
                Review(a.ended_at, a.rating)
                for a in reversed(store.attempts_for(question_id))
                if a.rating is not None
            ]
            assert scheduler.replay(question_id, sorted(reviews, key=lambda r: r.reviewed_at)) == (
                state
            )
        assert incremental["q1"].review_count == 4


def test_changing_a_rating_reschedules(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        attempt_id = rate(store, "q1", 0, Rating.AGAIN)
        soon = store.review_states()["q1"].due
        store.set_rating(attempt_id, Rating.EASY, T0)
        later = store.review_states()["q1"]
    assert later.due > soon
    assert later.review_count == 1


def test_desired_retention_change_rebuilds_and_is_kept_per_row(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        rate(store, "q1", 0, Rating.GOOD)
        rate(store, "q1", 2, Rating.GOOD)
        before = store.review_states()["q1"]
        assert store.set_desired_retention(0.8) is True
        after = store.review_states()["q1"]
        assert after.desired_retention == 0.8
        assert after.due > before.due
        assert store.set_desired_retention(0.8) is False  # nothing to recompute
        rate(store, "q1", 20, Rating.GOOD)
        assert store.review_states()["q1"].desired_retention == 0.8


def test_migrating_a_0001_file_keeps_every_attempt_and_schedules_the_rated(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    with closing(Database(path, execute_plugins=False)) as db:
        MIGRATIONS.apply(db, stop_before="0003_review_state")
        assert "review_state" not in db.table_names()
        rows = [
            ("q1", "2025-03-14T09:30:00.000000+00:00", "2025-03-14T09:32:00.000000+00:00", 3),
            ("q1", "2025-03-16T09:30:00.000000+00:00", "2025-03-16T09:33:00.000000+00:00", 1),
            ("q2", "2025-03-15T09:30:00.000000+00:00", "2025-03-15T09:31:00.000000+00:00", None),
        ]
        for question_id, started, ended, rating in rows:
            db.execute(
                "insert into attempts (question_id, pack_id, pack_version, started_at, "
                "ended_at, seconds_used, time_limit_seconds, answer, key_points_total, "
                "rating, time_up_mode) values (?, 'p', '1', ?, ?, 60, 300, 'x', 3, ?, 'soft')",
                [question_id, started, ended, rating],
            )
        db.execute("PRAGMA user_version = 1")
        db.conn.commit()

    with Store.open(path) as store:
        assert store.attempt_count() == 3
        states = store.review_states()
        assert set(states) == {"q1"}
        assert states["q1"].review_count == 2
        migrated = states
        store.rebuild_review_state()
        assert store.review_states() == migrated
    with closing(sqlite3.connect(path)) as conn:
        assert [r[0] for r in conn.execute("select question_id from attempts order by id")] == [
            "q1",
            "q1",
            "q2",
        ]


def test_due_dates_are_those_of_the_stored_states(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        rate(store, "q1", 0, Rating.GOOD)
        rate(store, "q2", 1, Rating.AGAIN)
        store.record_attempt(new_attempt("q3"))  # not rated: not scheduled
        states = store.review_states()

        assert store.due_dates() == {qid: state.due for qid, state in states.items()}
        assert store.due_date_for("q2") == states["q2"].due
        assert store.due_date_for("q3") is None
