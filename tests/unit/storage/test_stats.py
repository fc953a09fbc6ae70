"""The dashboard's numbers on a small, hand-made attempt log."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from aipm_desktop.core import stats
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.storage import Store
from aipm_desktop.storage.stats import compute_dashboard
from tests.unit.storage.test_store import new_attempt

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)


def question(qid: str, category: str) -> Question:
    return Question(
        id=qid,
        number=1,
        prompt=f"Prompt {qid}",
        category=category,
        level="Intermediate",
        model_answer="",
        key_points=(),
        time_limit_seconds=300,
        tags=(),
        pack_id="p",
        pack_version="1",
    )


QUESTIONS = {
    "qa": question("qa", "Metrics"),
    "qb": question("qb", "Metrics"),
    "qc": question("qc", "Strategy"),
}

# (start, question, seconds used, limit, rating, ticked, total)
LOG = [
    (datetime(2026, 3, 10, 9, 0), "qa", 120, 300, Rating.EASY, 4, 4),
    (datetime(2026, 3, 9, 9, 0), "qa", 330, 300, Rating.GOOD, 1, 4),
    (datetime(2026, 3, 8, 23, 30), "qb", 200, 300, Rating.AGAIN, 3, 4),
    (datetime(2026, 3, 8, 8, 0), "qc", 100, 200, None, 2, 4),
    (datetime(2026, 3, 5, 10, 0), "qc", 250, 200, Rating.HARD, 0, 4),
    (datetime(2026, 2, 1, 10, 0), "gone", 60, 300, Rating.GOOD, 2, 2),
    (datetime(2026, 3, 7, 10, 0), "qb", 300, 300, Rating.EASY, 0, 0),
]


def fill(store: Store) -> None:
    for start, qid, used, limit, rating, ticked, total in LOG:
        started = start.replace(tzinfo=UTC)
        attempt = store.record_attempt(
            new_attempt(
                qid,
                started_at=started,
                ended_at=started + timedelta(seconds=used),
                seconds_used=float(used),
                time_limit_seconds=limit,
                overtime_seconds=float(max(0, used - limit)),
                key_points_total=total,
            )
        )
        store.set_key_points(attempt.id, [f"point {i}" for i in range(ticked)])
        if rating is not None:
            store.set_rating(attempt.id, rating, started + timedelta(seconds=used + 20))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "a.db") as store:
        fill(store)
        yield store


def dashboard(store: Store, range_days: int = 30) -> stats.Dashboard:
    with store.reader() as db:
        return compute_dashboard(db, QUESTIONS, now=NOW, range_days=range_days, zone=UTC)


def test_counts_per_day_and_streaks(store: Store) -> None:
    board = dashboard(store)
    assert board.today == TODAY
    assert board.total_attempts == 7
    assert board.attempts_in_range == 6
    assert len(board.per_day) == 30
    assert board.per_day[0].day == date(2026, 2, 9)
    assert {d.day.day: d.count for d in board.per_day if d.count} == {10: 1, 9: 1, 8: 2, 7: 1, 5: 1}
    assert (board.current_streak, board.longest_streak) == (4, 4)
    assert not board.is_empty


def test_daily_trend_of_rating_coverage_and_time(store: Store) -> None:
    board = dashboard(store)
    assert len(board.trend) == 30
    by_day = {p.start: p for p in board.trend}
    march_8 = by_day[date(2026, 3, 8)]
    assert march_8.attempts == 2
    assert march_8.average_rating == 1.0  # the unrated attempt does not count
    assert march_8.average_coverage == 0.75
    assert march_8.average_seconds_used == 150
    assert march_8.average_limit_seconds == 250
    assert march_8.overtime_share == 0
    march_9 = by_day[date(2026, 3, 9)]
    assert (march_9.average_seconds_used, march_9.overtime_share) == (330, 1.0)
    assert march_9.average_coverage == 0.25
    empty = by_day[date(2026, 3, 6)]
    assert empty.attempts == 0
    assert empty.average_rating is None
    assert empty.average_seconds_used is None


def test_weekly_trend_over_90_days(store: Store) -> None:
    board = dashboard(store, 90)
    assert [p.days for p in board.trend] == [6] + [7] * 12
    last = board.trend[-1]
    assert last.start == date(2026, 3, 4)
    assert last.attempts == 6
    assert last.average_rating == pytest.approx(14 / 5)
    assert last.average_coverage == pytest.approx(2.0 / 4)
    assert last.average_seconds_used == pytest.approx(1300 / 6)
    assert last.average_limit_seconds == pytest.approx(1600 / 6)
    assert last.overtime_share == pytest.approx(2 / 6)
    assert sum(p.attempts for p in board.trend) == 7


def test_strengths_and_weaknesses(store: Store) -> None:
    board = dashboard(store)
    assert [s.key for s in board.questions] == ["qc", "qb", "qa"]  # weakest first
    qa = board.questions[-1]
    assert qa.label == "Prompt qa"
    assert (qa.rated, qa.average_rating, qa.average_coverage) == (2, 3.5, 0.625)
    assert qa.score == pytest.approx(((3.5 - 1) / 3 + 0.625) / 2)
    qb = board.questions[1]
    assert (qb.rated, qb.average_rating, qb.average_coverage) == (2, 2.5, 0.75)
    qc = board.questions[0]
    assert (qc.average_rating, qc.average_coverage) == (2.0, 0.0)
    assert qc.score == pytest.approx(1 / 6)

    assert [c.key for c in board.categories] == ["Strategy", "Metrics"]
    metrics = board.categories[1]
    assert (metrics.rated, metrics.average_rating) == (4, 3.0)
    assert metrics.average_coverage == pytest.approx(2 / 3)

    year = dashboard(store, 365)
    gone = next(c for c in year.categories if c.key == stats.UNKNOWN_CATEGORY)
    assert (gone.rated, gone.average_rating, gone.average_coverage) == (1, 3.0, 1.0)
    assert any(q.key == "gone" and q.label == "gone" for q in year.questions)


def test_calibration(store: Store) -> None:
    calibration = dashboard(store).calibration
    assert calibration.counts == {
        Rating.AGAIN: (0, 0, 0, 1),
        Rating.HARD: (1, 0, 0, 0),
        Rating.GOOD: (0, 1, 0, 0),
        Rating.EASY: (0, 0, 0, 1),
    }
    assert calibration.average_coverage == {
        Rating.AGAIN: 0.75,
        Rating.HARD: 0.0,
        Rating.GOOD: 0.25,
        Rating.EASY: 1.0,
    }
    assert (calibration.generous, calibration.harsh, calibration.total) == (1, 1, 4)


def test_due_forecast(tmp_path: Path) -> None:
    with Store.open(tmp_path / "due.db") as store:
        for qid, days_ago, rating in [
            ("q1", 3, Rating.AGAIN),  # due 2 days ago: counted today
            ("q2", 1, Rating.GOOD),  # 2 days after: tomorrow
            ("q3", 0, Rating.EASY),  # 8 days after today
            ("q4", 0, Rating.AGAIN),  # tomorrow
        ]:
            started = NOW - timedelta(days=days_ago, seconds=100)
            attempt = store.record_attempt(new_attempt(qid, started_at=started, ended_at=started))
            store.set_rating(attempt.id, rating, started)
        with store.reader() as db:
            board = compute_dashboard(db, {}, now=NOW, range_days=30, zone=UTC)
    assert len(board.due_per_day) == stats.DUE_DAYS
    assert board.due_per_day[0].day == TODAY
    assert {i: d.count for i, d in enumerate(board.due_per_day) if d.count} == {0: 1, 1: 2, 8: 1}
    assert board.due_now == 1


def test_days_follow_the_local_zone(store: Store) -> None:
    # 23:30 UTC on 8 March is 9 March in UTC+1.
    with store.reader() as db:
        board = compute_dashboard(
            db, QUESTIONS, now=NOW, range_days=30, zone=timezone(timedelta(hours=1))
        )
    assert {d.day.day: d.count for d in board.per_day if d.count} == {10: 1, 9: 2, 8: 1, 7: 1, 5: 1}


def test_empty_log(tmp_path: Path) -> None:
    with Store.open(tmp_path / "e.db") as store, store.reader() as db:
        board = compute_dashboard(db, QUESTIONS, now=NOW, range_days=365, zone=UTC)
    assert board.is_empty
    assert board.per_day[-1] == stats.DayCount(TODAY, 0)
    assert (board.current_streak, board.longest_streak) == (0, 0)
    assert board.questions == board.categories == []
    assert board.calibration.total == 0
    assert sum(d.count for d in board.due_per_day) == 0


def test_streak_survives_until_the_day_is_over() -> None:
    days = [TODAY - timedelta(days=n) for n in (1, 2, 3, 5, 6)]
    assert stats.streaks(days, TODAY) == (3, 3)
    assert stats.streaks(days, TODAY + timedelta(days=1)) == (0, 3)
    assert stats.streaks([], TODAY) == (0, 0)


def test_coverage_band() -> None:
    assert [stats.coverage_band(c) for c in (0, 0.24, 0.25, 0.5, 0.74, 0.75, 1.0)] == [
        0,
        0,
        1,
        2,
        2,
        3,
        3,
    ]


def test_a_streak_longer_than_the_period(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        for days_ago in range(40):
            started = NOW - timedelta(days=days_ago, hours=1)
            store.record_attempt(new_attempt("qa", started_at=started, ended_at=started))
        with store.reader() as db:
            month = compute_dashboard(db, QUESTIONS, now=NOW, range_days=30, zone=UTC)
            year = compute_dashboard(db, QUESTIONS, now=NOW, range_days=365, zone=UTC)
    assert (month.current_streak, month.longest_streak) == (40, 30)
    assert (year.current_streak, year.longest_streak) == (40, 40)
    assert "streak" in month.timings_ms  # the whole log was read for the streak


def test_a_streak_up_to_yesterday_that_began_before_the_period(tmp_path: Path) -> None:
    # No attempt yet today: the streak runs from yesterday back 40 days, past the period's start.
    with Store.open(tmp_path / "y.db") as store:
        for days_ago in range(1, 41):
            started = NOW - timedelta(days=days_ago, hours=1)
            store.record_attempt(new_attempt("qa", started_at=started, ended_at=started))
        with store.reader() as db:
            month = compute_dashboard(db, QUESTIONS, now=NOW, range_days=30, zone=UTC)
    assert (month.current_streak, month.longest_streak) == (40, 29)


def test_the_streak_follows_local_days_before_the_period(tmp_path: Path) -> None:
    # In UTC+1, 23:30 UTC is the next local day: every day from today back 31 days has one.
    with Store.open(tmp_path / "z.db") as store:
        for days_ago in range(0, 32):
            started = datetime(2026, 3, 9, 23, 30, tzinfo=UTC) - timedelta(days=days_ago)
            store.record_attempt(new_attempt("qa", started_at=started, ended_at=started))
        with store.reader() as db:
            local = compute_dashboard(
                db, QUESTIONS, now=NOW, range_days=30, zone=timezone(timedelta(hours=1))
            )
            utc = compute_dashboard(db, QUESTIONS, now=NOW, range_days=30, zone=UTC)
    assert local.current_streak == 32
    assert utc.current_streak == 32  # UTC: yesterday back 32 days; today has none yet
    assert utc.per_day[-1].count == 0


def test_questions_with_equal_coverage_tie_and_go_by_label(tmp_path: Path) -> None:
    # Coverage 0.1 + 0.2 against 0.0 + 0.3: equal, although not in floating-point sums.
    with Store.open(tmp_path / "t.db") as store:
        for qid, ticked in [("qa", 1), ("qa", 2), ("qb", 0), ("qb", 3)]:
            started = NOW - timedelta(hours=2)
            attempt = store.record_attempt(
                new_attempt(qid, started_at=started, ended_at=started, key_points_total=10)
            )
            store.set_key_points(attempt.id, [f"point {i}" for i in range(ticked)])
            store.set_rating(attempt.id, Rating.GOOD, started)
        with store.reader() as db:
            board = compute_dashboard(db, QUESTIONS, now=NOW, range_days=30, zone=UTC)
    qa, qb = board.questions
    assert (qa.key, qb.key) == ("qa", "qb")
    assert qa.average_coverage == qb.average_coverage == pytest.approx(0.15)
    assert qa.score == qb.score


def test_the_ticked_count_column_follows_the_stored_list_on_random_data(tmp_path: Path) -> None:
    """``key_points_ticked_count`` (0010), which the dashboard reads from its index,
    is what counting the stored JSON list gives, unreadable lists counting 0, after
    inserts and after a list is rewritten."""
    rng = random.Random(18)
    choices = ['["a"]', '["a", "b", "c"]', "[]", "not json", '{"a": 1}', '["x", ["y"]]', ""]

    def expected(text: str) -> int:
        try:
            value = json.loads(text)
        except ValueError:
            return 0
        return len(value) if isinstance(value, list) else 0

    with Store.open(tmp_path / "aipm.db") as store:
        for _ in range(40):
            store.record_attempt(new_attempt("qa"))
        with sqlite3.connect(tmp_path / "aipm.db") as conn:
            ids = [r[0] for r in conn.execute("select id from attempts")]
            for attempt_id in ids:
                conn.execute(
                    "update attempts set key_points_ticked = ? where id = ?",
                    [rng.choice(choices), attempt_id],
                )
            rows = conn.execute(
                "select key_points_ticked, key_points_ticked_count from attempts "
                "indexed by idx_attempts_dashboard where started_at >= ''"
            ).fetchall()
    assert len(rows) == 40
    assert all(count == expected(text) for text, count in rows)
