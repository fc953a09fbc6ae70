"""FSRS scheduling: rating sequences give known due dates on a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.scheduling import (
    Review,
    ReviewScheduler,
    ReviewState,
    clamp_retention,
    describe_due,
    is_due,
)

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def run(scheduler: ReviewScheduler, ratings: list[Rating]) -> list[timedelta]:
    """Review on each due date in turn; the intervals FSRS chose."""
    state: ReviewState | None = None
    at = T0
    intervals = []
    for rating in ratings:
        state = scheduler.review("q", state, Review(at, rating))
        intervals.append(state.due - at)
        at = state.due
    return intervals


@pytest.mark.parametrize("rating", list(Rating))
def test_first_review_is_due_after_the_initial_stability_in_whole_days(rating: Rating) -> None:
    # At 90 % retention an FSRS interval equals the stability; the first stability
    # of each grade is FSRS's default parameter w[grade - 1]; intervals are >= 1 day.
    state = ReviewScheduler().review("q", None, Review(T0, rating))
    expected_days = max(1, round(DEFAULT_PARAMETERS[rating - 1]))
    assert state.due == T0 + timedelta(days=expected_days)
    assert state.last_review == T0
    assert state.review_count == 1
    assert state.stability_days == pytest.approx(DEFAULT_PARAMETERS[rating - 1])


def test_known_sequence_on_a_fixed_clock() -> None:
    days = [d.days for d in run(ReviewScheduler(), [Rating.GOOD] * 3 + [Rating.AGAIN, Rating.GOOD])]
    # Good: 2 days, then growing intervals; a lapse (Again) shrinks the next one.
    assert days == [2, 11, 46, 3, 8]


def test_again_is_sooner_than_hard_good_and_easy() -> None:
    scheduler = ReviewScheduler()
    base = scheduler.review("q", None, Review(T0, Rating.GOOD))
    due = {rating: scheduler.review("q", base, Review(base.due, rating)).due for rating in Rating}
    assert due[Rating.AGAIN] < due[Rating.HARD] < due[Rating.GOOD] < due[Rating.EASY]


def test_higher_desired_retention_means_shorter_intervals() -> None:
    ratings = [Rating.GOOD, Rating.GOOD, Rating.GOOD]
    relaxed = run(ReviewScheduler(0.8), ratings)
    default = run(ReviewScheduler(), ratings)
    strict = run(ReviewScheduler(0.95), ratings)
    assert sum(relaxed, timedelta()) > sum(default, timedelta()) > sum(strict, timedelta())


def test_replay_equals_step_by_step() -> None:
    scheduler = ReviewScheduler()
    reviews = [
        Review(T0, Rating.HARD),
        Review(T0 + timedelta(hours=3), Rating.GOOD),  # the same day: short-term stability
        Review(T0 + timedelta(days=5), Rating.AGAIN),
        Review(T0 + timedelta(days=6, minutes=7), Rating.EASY),
    ]
    state: ReviewState | None = None
    for review in reviews:
        state = scheduler.review("q", state, review)
    assert scheduler.replay("q", reviews) == state
    assert scheduler.replay("q", []) is None


def test_review_times_in_other_zones_are_the_same_moment() -> None:
    berlin = timezone(timedelta(hours=1))
    scheduler = ReviewScheduler()
    a = scheduler.review("q", None, Review(T0, Rating.GOOD))
    b = scheduler.review("q", None, Review(T0.astimezone(berlin), Rating.GOOD))
    assert a == b


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ReviewScheduler().review("q", None, Review(datetime(2026, 1, 5), Rating.GOOD))


@pytest.mark.parametrize("bad", [0.5, 0.99, 1.0])
def test_retention_out_of_range_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="desired retention"):
        ReviewScheduler(bad)


def test_clamp_retention() -> None:
    assert clamp_retention(0.1) == 0.70
    assert clamp_retention(0.85) == 0.85
    assert clamp_retention(2) == 0.97


def test_is_due_and_describe_due() -> None:
    state = ReviewScheduler().review("q", None, Review(T0, Rating.GOOD))  # due T0 + 2 days
    assert not is_due(state, T0 + timedelta(days=1))
    assert is_due(state, state.due)
    assert describe_due(None, T0) == "—"
    assert describe_due(state.due, T0) == "in 2 days"
    assert describe_due(T0 + timedelta(minutes=20), T0) == "within the hour"
    assert describe_due(T0 + timedelta(hours=5), T0) == "in 5 h"
    assert describe_due(T0 + timedelta(days=1), T0) == "in 1 day"
    assert describe_due(T0 + timedelta(days=21), T0) == "in 3 weeks"
    assert describe_due(T0 + timedelta(days=90), T0) == "in 3 months"
    assert describe_due(T0, T0) == "now"
    assert describe_due(T0 - timedelta(days=3), T0) == "now (3 days late)"


def test_due_text_never_flips_between_days_and_hours_as_time_passes() -> None:
    due = T0 + timedelta(days=1)
    texts = [describe_due(due, T0 + timedelta(minutes=m)) for m in range(0, 24 * 60, 5)]
    assert "in 24 h" not in texts
    assert texts[0] == "in 1 day"
    hours = [t for t in texts if t.endswith(" h")]
    assert hours[0] == "in 23 h"
    # Once it reads in hours it never goes back to days.
    first_hours = texts.index(hours[0])
    assert all(not t.endswith("day") for t in texts[first_hours:])
