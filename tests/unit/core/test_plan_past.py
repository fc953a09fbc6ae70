"""After the date: an interview is past, keeps its last forecast, and sets it beside the
readiness the user reached on the day (replayed from the attempt log)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from fsrs import Card, Scheduler
from fsrs import Rating as FsrsRating

from aipm_desktop.core.plan import Interview, KeptForecast, PlanQuestion, readiness_on_day
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.scheduling import Review
from aipm_desktop.services.study_plan import keep_forecasts, past_readiness, study_plan
from aipm_desktop.storage import Store
from aipm_desktop.storage.interviews import forecast_from_json, forecast_to_json
from aipm_desktop.storage.migrations import MIGRATION_NAMES
from tests.questions import bundled_questions
from tests.unit.core.test_plan import attempt

NOW = datetime(2027, 1, 7, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
TARGET = 0.9
_FSRS = {Rating.AGAIN: FsrsRating.Again, Rating.GOOD: FsrsRating.Good, Rating.EASY: FsrsRating.Easy}


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def fsrs_ready_at(reviews: list[Review], at: datetime) -> bool:
    """FSRS itself: replay the reviews and compare recall at ``at`` with the target."""
    if not reviews:
        return False
    fsrs = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card(card_id=0, due=reviews[0].reviewed_at)
    for review in reviews:
        card = fsrs.review_card(card, _FSRS[review.rating], review.reviewed_at)[0]
    return fsrs.get_card_retrievability(card, at) >= TARGET


def test_readiness_on_the_day_replays_only_the_reviews_made_by_then() -> None:
    goal = Interview(1, TODAY + timedelta(days=4), categories=("Metrics",))
    questions = [
        PlanQuestion(id=f"q{n}", category="Metrics", pack_id="core") for n in range(1, 5)
    ] + [PlanQuestion(id="other", category="Design", pack_id="core")]
    day = noon(goal.date)
    reviews = {
        "q1": [Review(day - timedelta(days=1), Rating.GOOD)],
        "q2": [Review(day - timedelta(days=9), Rating.GOOD)],
        "q3": [
            Review(day - timedelta(days=3), Rating.AGAIN),
            Review(day - timedelta(hours=2), Rating.EASY),
        ],
        "q4": [Review(day + timedelta(hours=1), Rating.EASY)],  # after noon: not counted
        "other": [Review(day - timedelta(hours=1), Rating.EASY)],  # not in the interview
    }

    ready, total = readiness_on_day(goal, questions, reviews, UTC)

    assert total == 4
    expected = [
        fsrs_ready_at([r for r in reviews[q.id] if r.reviewed_at <= day], day)
        for q in questions[:4]
    ]
    assert ready == sum(expected)
    assert expected == [True, False, True, False]


def test_a_past_interview_keeps_the_last_forecast_made_on_or_before_its_date() -> None:
    questions = bundled_questions()[:6]
    with Store.open_memory() as store:
        goal = store.add_interview(TODAY + timedelta(days=3), NOW, title="Acme")
        assert goal.forecast is None

        first = study_plan(store, questions, NOW)
        assert keep_forecasts(store, first) == 1
        assert keep_forecasts(store, first) == 0  # the same forecast writes nothing
        assert store.interviews()[0].forecast == first.interviews[0].kept()

        # Practise today's plan, and again early on the day; the forecast shown then is kept.
        on_the_day = NOW + timedelta(days=3)
        practised = first.today_ids()
        for moment in (NOW, on_the_day - timedelta(hours=2)):
            for question_id in practised:
                made = store.record_attempt(attempt(question_id, moment))
                store.set_rating(made.id, Rating.GOOD, moment + timedelta(minutes=4))
        last = study_plan(store, questions, on_the_day)
        assert keep_forecasts(store, last) == 1
        kept = store.interviews()[0].forecast
        assert kept == KeptForecast(
            made_on=goal.date,
            total=len(questions),
            with_plan=last.interviews[0].forecast.with_plan,
            without_practice=last.interviews[0].forecast.without_practice,
            today=last.interviews[0].forecast.today,
        )

        # After the date it is past: no plan, no new forecast, the kept one stays.
        after = study_plan(store, questions, on_the_day + timedelta(days=1))
        assert after.interviews == ()
        assert after.days == ()
        assert keep_forecasts(store, after) == 0
        past = store.interviews()[0]
        assert past.forecast == kept
        ready, total = past_readiness(store, questions, past, UTC)
        assert total == len(questions)
        assert 0 < ready == len(practised) == kept.today
        # A rating after the day changes nothing about the day.
        made = store.record_attempt(attempt(questions[-1].id, on_the_day + timedelta(days=2)))
        store.set_rating(made.id, Rating.EASY, on_the_day + timedelta(days=2))
        assert past_readiness(store, questions, past, UTC) == (ready, total)


def test_the_migration_adds_the_forecast_to_an_older_file(tmp_path: Path) -> None:
    path = tmp_path / "aipm.sqlite3"
    with Store.open(path) as store:
        added = store.add_interview(TODAY, NOW, title="Kept")
    step = "0007_interview_forecasts"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("alter table interviews drop column forecast")
        conn.execute("delete from _sqlite_migrations where name = ?", [step])
        conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(step)}")
    kept = KeptForecast(TODAY, total=10, with_plan=9, without_practice=4, today=3)
    with Store.open(path) as store:
        assert store.interviews() == [added]  # no forecast yet
        assert store.keep_forecast(added.id, kept)
        assert not store.keep_forecast(added.id + 1, kept)  # no such interview
    with Store.open(path) as store:
        assert store.interviews()[0].forecast == kept
        assert (
            kept.describe()
        ) == "forecast of Jan 7: 9 of 10 ready with the plan, 4 without practice"


def test_an_unreadable_kept_forecast_is_no_forecast() -> None:
    kept = KeptForecast(TODAY, total=2, with_plan=1, without_practice=0, today=0)
    assert forecast_from_json(forecast_to_json(kept)) == kept
    for text in ("", "{", "[]", '{"made_on": "soon"}', '{"made_on": "2027-01-07", "total": "x"}'):
        assert forecast_from_json(text) is None
