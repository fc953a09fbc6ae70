"""The interview plan on a fixed clock: budgets, weakness order, overlapping dates, forecast."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest
from fsrs import Card, Scheduler
from fsrs import Rating as FsrsRating

from aipm_desktop.core.plan import (
    LAST_DAY_SHARE,
    Interview,
    PlanQuestion,
    StudyPlan,
    build_plan,
    readiness_change,
)
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.scheduling import Review, ReviewScheduler, ReviewState
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.storage import Store

NOW = datetime(2027, 1, 7, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
TARGET = 0.9


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def new_question(n: int, category: str = "Metrics", seconds: int = 300) -> PlanQuestion:
    return PlanQuestion(
        id=f"q{n:02d}", category=category, pack_id="core", time_limit_seconds=seconds
    )


def rated(
    n: int, ratings_days_ago: list[tuple[Rating, int]], *, coverage: float = 1.0, **kw: object
) -> PlanQuestion:
    """A question rated ``rating`` ``days`` before today, oldest first."""
    qid = f"q{n:02d}"
    reviews = [Review(NOW - timedelta(days=days), rating) for rating, days in ratings_days_ago]
    state = ReviewScheduler().replay(qid, reviews)
    fields: dict[str, object] = {
        "id": qid,
        "category": "Metrics",
        "pack_id": "core",
        "time_limit_seconds": 300,
        "state": state,
        "attempted": True,
        "last_rating": ratings_days_ago[-1][0],
        "last_coverage": coverage,
    }
    fields.update(kw)
    return PlanQuestion(**fields)  # type: ignore[arg-type]


def interview(days_ahead: int, minutes: int = 30, ident: int = 1, **kw: object) -> Interview:
    return Interview(ident, TODAY + timedelta(days=days_ahead), minutes_per_day=minutes, **kw)  # type: ignore[arg-type]


def review_days(plan: StudyPlan, question_id: str) -> list[date]:
    return [day.date for day in plan.days for q in day.questions if q.id == question_id]


def test_ten_new_questions_over_seven_days_within_thirty_minutes() -> None:
    questions = [new_question(n) for n in range(10)]

    plan = build_plan(questions, [interview(7)], NOW)

    assert [d.date for d in plan.days] == [TODAY + timedelta(days=n) for n in range(7)]
    for day in plan.days:
        assert day.minutes <= day.budget_minutes
    assert [d.budget_minutes for d in plan.days] == [30.0] * 6 + [30.0 * LAST_DAY_SHARE]
    assert not plan.budget_too_small
    assert plan.notice() == ""
    [forecast] = plan.interviews
    assert (forecast.forecast.total, forecast.forecast.with_plan) == (10, 10)
    assert (forecast.forecast.without_practice, forecast.forecast.today) == (0, 0)
    assert (
        forecast.sentence() == "Following the plan: 10 of 10 questions ready on Jan 14 (today: 0)."
    )
    # New questions start as early as there is room: the first day is full.
    assert plan.days[0].minutes == 30.0
    assert plan.today_ids() == [q.id for q in plan.days[0].questions]
    first_reviews = sorted(review_days(plan, q.id)[0] for q in questions)
    assert first_reviews == sorted(first_reviews)
    assert first_reviews[-1] <= TODAY + timedelta(days=1)
    # Every question is spaced: at least two reviews on different days.
    assert all(len(set(review_days(plan, q.id))) >= 2 for q in questions)
    # The readiness line runs from today (nobody ready) to the date (everybody ready).
    points = forecast.readiness
    assert [p.date for p in points] == [TODAY + timedelta(days=n) for n in range(8)]
    assert (points[0].with_plan, points[-1].with_plan) == (0.0, 1.0)
    assert all(p.without_practice == 0.0 for p in points)


def test_a_budget_too_small_says_so_and_keeps_the_weakest_first() -> None:
    questions = [
        rated(1, [(Rating.GOOD, 12), (Rating.GOOD, 10)]),  # well known, fading by the date
        rated(2, [(Rating.HARD, 3)]),
        rated(3, [(Rating.AGAIN, 2)]),
        rated(4, [(Rating.GOOD, 3)], coverage=0.25),
        rated(5, [(Rating.GOOD, 3)], coverage=1.0),
        new_question(6),
        new_question(7),
        PlanQuestion("q08", "Metrics", "core", 300, None, attempted=True),  # never rated
    ]

    plan = build_plan(questions, [interview(4, minutes=10)], NOW)

    assert plan.budget_too_small
    assert "The daily budget is too small" in plan.notice()
    assert plan.ranked == ("q03", "q06", "q07", "q08", "q02", "q04", "q05", "q01")
    assert plan.left_out == ("q08",)  # the never-rated question that comes last by id
    # Nothing else could be made ready: each kept question got the one review it needs.
    assert plan.interviews[0].forecast.with_plan == 7
    assert sum(len(d.questions) for d in plan.days) == 7
    for day in plan.days:
        assert day.minutes <= day.budget_minutes


def test_two_overlapping_interviews() -> None:
    metrics = [new_question(n, "Metrics") for n in range(4)]
    strategy = [new_question(n, "Strategy") for n in range(4, 8)]
    first = interview(4, minutes=20, ident=1, categories=("Metrics",))
    second = interview(9, minutes=40, ident=2)

    plan = build_plan(metrics + strategy, [second, first], NOW)

    assert [i.interview.id for i in plan.interviews] == [1, 2]
    budgets = {d.date: d.budget_minutes for d in plan.days}
    assert len(budgets) == 9  # up to the day before the later interview
    assert budgets[TODAY] == 40.0  # the larger daily budget of the interviews ahead
    assert budgets[first.date - timedelta(days=1)] == 40.0 * LAST_DAY_SHARE
    assert budgets[second.date - timedelta(days=1)] == 40.0 * LAST_DAY_SHARE
    assert budgets[first.date] == 40.0  # practice goes on for the second interview
    early, late = plan.interviews
    assert early.question_ids == tuple(q.id for q in metrics)
    assert (early.forecast.with_plan, early.forecast.total) == (4, 4)
    assert (late.forecast.with_plan, late.forecast.total) == (8, 8)
    assert dict(late.categories)["Strategy"].with_plan == 4
    for q in metrics:  # prepared for the first date, and still ready on the second
        assert review_days(plan, q.id)
        assert max(review_days(plan, q.id)) < first.date
    for q in strategy:
        assert review_days(plan, q.id)


def test_a_strong_question_is_reviewed_on_its_last_day_above_target() -> None:
    strong = rated(1, [(Rating.GOOD, 6), (Rating.GOOD, 4)])  # stability about 11 days
    plan = build_plan([strong], [interview(10)], NOW)

    days = review_days(plan, "q01")
    scheduler = ReviewScheduler()
    last_above = max(
        d
        for d in (TODAY + timedelta(days=n) for n in range(10))
        if scheduler.retrievability(strong.state, noon(d)) >= TARGET
    )
    assert days == [last_above]
    assert last_above == TODAY + timedelta(days=6)
    assert plan.interviews[0].forecast.with_plan == 1


def fsrs_ready(card_json: str | None, at: datetime) -> bool:
    if card_json is None:
        return False
    card = Card.from_json(card_json)
    return Scheduler().get_card_retrievability(card, at) >= TARGET


def test_the_forecast_equals_fsrs_retrievability_computed_directly() -> None:
    rng = random.Random(7)
    questions = []
    for n in range(30):
        history = [
            (Rating(rng.randint(1, 4)), rng.randint(1, 40)) for _ in range(rng.randint(0, 4))
        ]
        history.sort(key=lambda item: -item[1])
        questions.append(rated(n, history) if history else new_question(n))
    goal = interview(6, minutes=25)

    plan = build_plan(questions, [goal], NOW)

    f = plan.interviews[0].forecast
    states = {q.id: q.state for q in questions}
    at = noon(goal.date)
    assert f.without_practice == sum(fsrs_ready(_json(s), at) for s in states.values())
    assert f.today == sum(fsrs_ready(_json(s), NOW) for s in states.values())
    # Follow the plan with FSRS itself: every planned review a Good at noon.
    fsrs = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    cards: dict[str, str | None] = {qid: _json(s) for qid, s in states.items()}
    for day in plan.days:
        for planned in day.questions:
            raw = cards[planned.id]
            card = Card(card_id=0, due=noon(day.date)) if raw is None else Card.from_json(raw)
            cards[planned.id] = fsrs.review_card(card, FsrsRating.Good, noon(day.date))[0].to_json()
    assert f.with_plan == sum(fsrs_ready(c, at) for c in cards.values())
    assert f.with_plan > f.without_practice


def _json(state: ReviewState | None) -> str | None:
    return None if state is None else state.card_json


def attempt(question_id: str, started: datetime) -> NewAttempt:
    return NewAttempt(
        question_id=question_id,
        pack_id="core",
        pack_version="1.0.0",
        started_at=started,
        ended_at=started + timedelta(minutes=4),
        seconds_used=240.0,
        time_limit_seconds=300,
        overtime_seconds=0.0,
        answer="An answer.",
        revealed_before_submit=False,
        key_points_total=4,
        time_up_mode=TimeUpMode.SOFT,
    )


def test_replaying_the_same_log_gives_the_same_plan() -> None:
    log = [("q01", 9, Rating.GOOD), ("q02", 6, Rating.HARD), ("q01", 3, Rating.AGAIN)]
    with Store.open_memory() as store:
        for qid, days_ago, rating in log:
            made = store.record_attempt(attempt(qid, NOW - timedelta(days=days_ago)))
            store.set_rating(made.id, rating, NOW - timedelta(days=days_ago))

        def questions() -> list[PlanQuestion]:
            states = store.review_states()
            stats = store.question_stats()
            return [
                PlanQuestion(
                    id=f"q{n:02d}",
                    category="Metrics",
                    pack_id="core",
                    state=states.get(f"q{n:02d}"),
                    attempted=f"q{n:02d}" in stats,
                    last_rating=stats[f"q{n:02d}"].last_rating if f"q{n:02d}" in stats else None,
                )
                for n in range(1, 6)
            ]

        goals = [interview(8, minutes=15), interview(12, ident=2, categories=("Metrics",))]
        before = build_plan(questions(), goals, NOW)
        store.rebuild_review_state()
        after = build_plan(list(reversed(questions())), list(reversed(goals)), NOW)

    assert after == before
    assert any(day.questions for day in before.days)


def test_minutes_already_practised_today_come_off_todays_budget() -> None:
    plan = build_plan([new_question(1)], [interview(5)], NOW, minutes_done_today=28)
    assert plan.days[0].budget_minutes == pytest.approx(2.0)
    assert plan.days[0].questions == ()


def test_past_interviews_and_bad_arguments() -> None:
    past = Interview(1, TODAY - timedelta(days=1))
    plan = build_plan([new_question(1)], [past], NOW)
    assert (plan.days, plan.interviews) == ((), ())
    with pytest.raises(ValueError, match="timezone-aware"):
        build_plan([], [], NOW.replace(tzinfo=None))
    with pytest.raises(ValueError, match="target retention"):
        build_plan([], [], NOW, target_retention=1.5)


def test_readiness_change_names_the_interviews_whose_forecast_moved() -> None:
    questions = [new_question(n) for n in range(3)]
    goals = [interview(7, title="Acme"), interview(9, ident=2, categories=("Strategy",))]
    before = build_plan(questions, goals, NOW)
    practised = [
        rated(n, [(Rating.GOOD, 0)], category="Metrics") if n < 2 else q
        for n, q in enumerate(questions)
    ]

    after = build_plan(practised, goals, NOW + timedelta(hours=1))

    assert readiness_change(before, after) == [
        "Acme: ready today 0 → 2 of 3; on Jan 14 with the plan 3 → 3."
    ]
    assert readiness_change(after, after) == []
