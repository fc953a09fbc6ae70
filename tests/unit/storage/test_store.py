"""Attempts and drafts go in, come back out unchanged, and survive a restart."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt, Draft, NewAttempt, QuestionStats
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.storage import NotFound, Store, StoreError
from aipm_desktop.storage.store import read_question_stats

T0 = datetime(2025, 3, 14, 9, 30, 0, 123456, tzinfo=UTC)
BERLIN = timezone(timedelta(hours=1))
ANSWER = "First, clarify the goal 🎯.\n\n- Metric: précision@k\n- Guardrails: latency\n\tEnd.\n"


def new_attempt(question_id: str = "q1", minutes: int = 0, **changes: object) -> NewAttempt:
    """A plausible attempt that started ``minutes`` after T0."""
    started = T0 + timedelta(minutes=minutes)
    attempt = NewAttempt(
        question_id=question_id,
        pack_id="core",
        pack_version="1.2.0",
        started_at=started,
        ended_at=started + timedelta(seconds=95.5),
        seconds_used=95.5,
        time_limit_seconds=120,
        overtime_seconds=0.0,
        answer="An answer.",
        revealed_before_submit=False,
        key_points_total=4,
        time_up_mode=TimeUpMode.SOFT,
    )
    return dataclasses.replace(attempt, **changes)  # type: ignore[arg-type]


def new_draft(question_id: str = "q1", text: str = "half an answer", **changes: object) -> Draft:
    draft = Draft(
        question_id=question_id,
        pack_id="core",
        text=text,
        elapsed_seconds=12.25,
        started_at=T0,
        updated_at=T0 + timedelta(seconds=12),
    )
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "aipm.db"


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    with Store.open(path) as store:
        yield store


# -- attempts ----------------------------------------------------------


def test_attempt_round_trip_keeps_every_field(store: Store) -> None:
    submitted = new_attempt(
        started_at=datetime(2025, 3, 14, 10, 0, tzinfo=BERLIN),
        ended_at=datetime(2025, 3, 14, 10, 2, 30, 500000, tzinfo=BERLIN),
        seconds_used=150.5,
        time_limit_seconds=120,
        overtime_seconds=30.5,
        answer=ANSWER,
        revealed_before_submit=True,
        key_points_total=5,
        time_up_mode=TimeUpMode.HARD,
        pause_count=2,
        paused_seconds=7.75,
        auto_submitted=True,
    )

    stored = store.record_attempt(submitted)

    assert stored.id > 0
    assert stored == Attempt(**dataclasses.asdict(submitted), id=stored.id)
    assert store.attempt(stored.id) == stored
    assert stored.answer == ANSWER
    assert stored.revealed_before_submit is True
    assert stored.auto_submitted is True
    assert stored.time_up_mode is TimeUpMode.HARD
    assert stored.key_points_ticked == ()
    assert stored.rating is None
    assert stored.rated_at is None
    assert stored.started_at.utcoffset() is not None  # aware, same instant
    assert isinstance(stored.seconds_used, float)


def test_ids_are_distinct_and_counted(store: Store) -> None:
    ids = {store.record_attempt(new_attempt(minutes=i)).id for i in range(3)}
    assert len(ids) == 3
    assert store.attempt_count() == 3


def test_naive_datetimes_are_rejected(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.record_attempt(new_attempt(started_at=datetime(2025, 1, 1, 12, 0)))
    assert store.attempt_count() == 0


def test_missing_attempt_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.attempt(42)
    with pytest.raises(NotFound):
        store.set_rating(42, Rating.GOOD, T0)
    with pytest.raises(NotFound):
        store.set_key_points(42, ["x"])


def test_set_key_points_replaces_the_ticked_list(store: Store) -> None:
    attempt = store.record_attempt(new_attempt())

    ticked = store.set_key_points(attempt.id, ["Define the metric", "Ünïcode “quotes”"])
    assert ticked.key_points_ticked == ("Define the metric", "Ünïcode “quotes”")
    assert ticked.coverage == "2/4"
    assert store.attempt(attempt.id) == ticked

    cleared = store.set_key_points(attempt.id, [])
    assert cleared.key_points_ticked == ()
    assert dataclasses.replace(cleared, key_points_ticked=attempt.key_points_ticked) == attempt


def test_set_rating_records_rating_and_time(store: Store) -> None:
    attempt = store.record_attempt(new_attempt())
    rated_at = datetime(2025, 3, 14, 11, 0, tzinfo=BERLIN)

    result = store.set_rating(attempt.id, Rating.HARD, rated_at)
    rated = result.attempt

    assert rated.rating is Rating.HARD
    assert rated.rated_at == rated_at
    assert store.attempt(attempt.id) == rated
    assert result.due is not None
    assert result.due == store.due_date_for(attempt.question_id)

    rerated = store.set_rating(attempt.id, Rating.EASY, rated_at + timedelta(minutes=1))
    assert rerated.attempt.rating is Rating.EASY
    assert rerated.due == store.due_date_for(attempt.question_id)
    assert rerated.due is not None
    assert rerated.due > result.due  # easy: due later than hard


def test_attempts_for_is_newest_first_and_per_question(store: Store) -> None:
    middle = store.record_attempt(new_attempt("q1", minutes=10))
    oldest = store.record_attempt(new_attempt("q1", minutes=0))
    newest = store.record_attempt(new_attempt("q1", minutes=20))
    store.record_attempt(new_attempt("q2", minutes=30))

    assert [a.id for a in store.attempts_for("q1")] == [newest.id, middle.id, oldest.id]
    assert store.attempts_for("nope") == []


def test_attempts_order_by_instant_across_offsets(store: Store) -> None:
    # 10:30 in Berlin is 09:30 UTC: earlier than 09:45 UTC despite the larger wall clock.
    berlin = store.record_attempt(
        new_attempt(started_at=datetime(2025, 3, 14, 10, 30, tzinfo=BERLIN))
    )
    utc = store.record_attempt(new_attempt(started_at=datetime(2025, 3, 14, 9, 45, tzinfo=UTC)))

    assert [a.id for a in store.attempts_for("q1")] == [utc.id, berlin.id]
    assert store.question_stats()["q1"].last_attempt_at == utc.started_at


# -- question stats ----------------------------------------------------


def test_question_stats_empty(store: Store) -> None:
    assert store.question_stats() == {}


def test_question_stats_counts_and_last_rating(store: Store) -> None:
    q1_old = store.record_attempt(new_attempt("q1", minutes=0))
    q1_mid = store.record_attempt(new_attempt("q1", minutes=10))
    q1_new = store.record_attempt(new_attempt("q1", minutes=20))  # not rated yet
    store.set_rating(q1_old.id, Rating.AGAIN, T0)
    store.set_rating(q1_mid.id, Rating.GOOD, T0)
    q2 = store.record_attempt(new_attempt("q2", minutes=5))

    stats = store.question_stats()

    assert stats == {
        "q1": QuestionStats(
            attempt_count=3, last_rating=Rating.GOOD, last_attempt_at=q1_new.started_at
        ),
        "q2": QuestionStats(attempt_count=1, last_rating=None, last_attempt_at=q2.started_at),
    }
    assert "q3" not in stats


def test_question_stats_uses_most_recent_attempt_not_most_recent_rating(store: Store) -> None:
    old = store.record_attempt(new_attempt("q1", minutes=0))
    new = store.record_attempt(new_attempt("q1", minutes=10))
    store.set_rating(new.id, Rating.EASY, T0)
    store.set_rating(old.id, Rating.AGAIN, T0 + timedelta(hours=1))  # rated later

    assert store.question_stats()["q1"].last_rating is Rating.EASY


# -- drafts ------------------------------------------------------------


def test_draft_round_trip_and_upsert(store: Store) -> None:
    assert store.draft_for("q1") is None
    first = new_draft(text=ANSWER, revealed_before_submit=True, pause_count=1, paused_seconds=3.5)
    store.save_draft(first)
    assert store.draft_for("q1") == first

    second = new_draft(text=ANSWER + "more", elapsed_seconds=30.0, updated_at=T0 + timedelta(1))
    store.save_draft(second)
    assert store.draft_for("q1") == second
    assert store.drafts() == [second]


def test_drafts_lists_every_draft(store: Store) -> None:
    a = new_draft("qa", updated_at=T0 + timedelta(minutes=1))
    b = new_draft("qb", updated_at=T0 + timedelta(minutes=2))
    store.save_draft(a)
    store.save_draft(b)
    assert store.drafts() == [b, a]


def test_delete_draft(store: Store) -> None:
    store.save_draft(new_draft("q1"))
    store.save_draft(new_draft("q2"))

    store.delete_draft("q1")
    store.delete_draft("never-saved")

    assert store.draft_for("q1") is None
    assert [d.question_id for d in store.drafts()] == ["q2"]


def test_record_attempt_deletes_that_questions_draft(store: Store) -> None:
    store.save_draft(new_draft("q1"))
    store.save_draft(new_draft("q2"))

    store.record_attempt(new_attempt("q1"))

    assert store.draft_for("q1") is None
    assert store.draft_for("q2") is not None


def test_failed_record_attempt_keeps_the_draft(store: Store) -> None:
    """Insert and draft deletion share one transaction."""
    store.save_draft(new_draft("q1"))
    store._database.execute(
        "CREATE TRIGGER no_q1 BEFORE INSERT ON attempts WHEN new.question_id = 'q1' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )

    with pytest.raises(StoreError, match="refused"):
        store.record_attempt(new_attempt("q1"))

    assert store.draft_for("q1") is not None
    assert store.attempt_count() == 0


# -- durability and lifecycle ------------------------------------------


def test_data_survives_close_and_reopen(path: Path) -> None:
    with Store.open(path) as store:
        attempt = store.record_attempt(new_attempt(answer=ANSWER))
        attempt = store.set_key_points(attempt.id, ["a"])
        attempt = store.set_rating(attempt.id, Rating.GOOD, T0).attempt
        draft = new_draft("q2")
        store.save_draft(draft)

    with Store.open(path) as store:
        assert store.attempt(attempt.id) == attempt
        assert store.draft_for("q2") == draft
        assert store.attempt_count() == 1


def test_writes_are_visible_to_a_second_connection_at_once(store: Store, path: Path) -> None:
    with closing(sqlite3.connect(path)) as other:

        def count(sql: str) -> int:
            return int(other.execute(sql).fetchone()[0])

        store.save_draft(new_draft("q1"))
        assert count("SELECT count(*) FROM drafts") == 1

        attempt = store.record_attempt(new_attempt("q1"))
        assert count("SELECT count(*) FROM attempts") == 1
        assert count("SELECT count(*) FROM drafts") == 0

        store.set_rating(attempt.id, Rating.HARD, T0)
        assert count(f"SELECT rating FROM attempts WHERE id = {attempt.id}") == 2

        store.delete_draft("q1")
        assert not store._database.conn.in_transaction


def test_close_is_idempotent_and_blocks_further_use(path: Path) -> None:
    store = Store.open(path)
    assert store.path == path
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.attempt_count()


def test_memory_store_works() -> None:
    with Store.open_memory() as store:
        attempt = store.record_attempt(new_attempt())
        assert store.attempts_for("q1") == [attempt]


def test_stats_of_one_question_match_the_whole_list(store: Store) -> None:
    first = store.record_attempt(new_attempt("q1", minutes=0))
    store.set_rating(first.id, Rating.HARD, T0)
    store.record_attempt(new_attempt("q1", minutes=5))
    store.record_attempt(new_attempt("q2", minutes=1))

    assert store.question_stats_for("q1") == store.question_stats()["q1"]
    assert store.question_stats_for("q1") == QuestionStats(
        2, Rating.HARD, T0 + timedelta(minutes=5)
    )
    assert store.question_stats_for("never") is None


def test_stats_read_through_another_connection_match_the_store(store: Store, path: Path) -> None:
    store.record_attempt(new_attempt("q1"))
    store.record_attempt(new_attempt("q2", minutes=2))

    assert read_question_stats(path) == store.question_stats()
    assert set(read_question_stats(path)) == {"q1", "q2"}


def test_reading_stats_of_a_file_that_is_not_a_database_raises_a_store_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(StoreError, match="Could not read the data file"):
        read_question_stats(path)
    assert path.read_bytes() == b"this is not a database at all" * 200
