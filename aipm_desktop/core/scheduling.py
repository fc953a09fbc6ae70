"""Spaced repetition: when each question is due again, computed with FSRS.

Every rated attempt is one FSRS review of its question: the review time is when
the answer was submitted (``ended_at``) and the grade is the user's own rating
(1 Again, 2 Hard, 3 Good, 4 Easy), passed to FSRS unchanged.

Choices, and why:

* **No coverage adjustment.** Key-point coverage does not change the rating.
  FSRS's parameters are fitted to self-grades, and any mapping from "3 of 5 key
  points" to a grade would be a rule of our own invention. Coverage is shown
  beside the rating instead (statistics → calibration), so the user can see
  when their ratings are more generous than their coverage.
* **No learning steps.** FSRS's default learning steps (1 and 10 minutes) suit
  flash cards; repeating a five-minute written answer ten minutes later only
  tests short-term memory. Without steps, every review schedules in whole days
  (at least one), straight from FSRS's stability.
* **No fuzz.** FSRS can randomise intervals slightly; here it is off, so
  replaying the attempt log always gives exactly the stored state.

The state is a function of the ordered reviews alone: `replay` of a question's
reviews equals the result of applying `review` one rating at a time.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from aipm_desktop.core.rating import Rating

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

DEFAULT_DESIRED_RETENTION = 0.9
"""FSRS's default: the chance of recalling a question well on the day it is due."""
MIN_DESIRED_RETENTION = 0.70
MAX_DESIRED_RETENTION = 0.97

_FSRS_RATING_NAMES = {
    Rating.AGAIN: "Again",
    Rating.HARD: "Hard",
    Rating.GOOD: "Good",
    Rating.EASY: "Easy",
}


@dataclass(frozen=True)
class Review:
    """One rated attempt, as the scheduler sees it."""

    reviewed_at: datetime
    rating: Rating


@dataclass(frozen=True)
class ReviewState:
    """A question's scheduling state after its reviews so far."""

    question_id: str
    card_json: str
    """The FSRS card (stability, difficulty, ...) as JSON."""
    due: datetime
    last_review: datetime
    review_count: int
    desired_retention: float

    @property
    def stability_days(self) -> float | None:
        """FSRS stability: days until recall probability falls to 90 %."""
        value = json.loads(self.card_json).get("stability")
        return None if value is None else float(value)


def clamp_retention(value: float) -> float:
    """A desired retention within the range FSRS handles well (0.70–0.97)."""
    return min(MAX_DESIRED_RETENTION, max(MIN_DESIRED_RETENTION, float(value)))


class ReviewScheduler:
    """Turns ratings into due dates with FSRS at a given desired retention.

    FSRS itself is loaded on the first review or recall estimate, not before: the app
    opens its data file and shows its window without it.
    """

    def __init__(self, desired_retention: float = DEFAULT_DESIRED_RETENTION) -> None:
        if not MIN_DESIRED_RETENTION <= desired_retention <= MAX_DESIRED_RETENTION:
            raise ValueError(
                f"desired retention must be between {MIN_DESIRED_RETENTION} and "
                f"{MAX_DESIRED_RETENTION}, got {desired_retention}"
            )
        self.desired_retention = desired_retention

    @functools.cached_property
    def _fsrs(self) -> Scheduler:
        from fsrs import Scheduler

        return Scheduler(
            desired_retention=self.desired_retention,
            learning_steps=(),
            relearning_steps=(),
            enable_fuzzing=False,
        )

    def review(self, question_id: str, previous: ReviewState | None, review: Review) -> ReviewState:
        """The state after one more review of a question."""
        from fsrs import Card, State
        from fsrs import Rating as FsrsRating

        at = _utc(review.reviewed_at)
        rating = FsrsRating[_FSRS_RATING_NAMES[Rating(review.rating)]]
        if previous is None:
            card = Card(card_id=0, state=State.Learning, due=at)
            count = 0
        else:
            card = Card.from_json(previous.card_json)
            count = previous.review_count
        card, _log = self._fsrs.review_card(card, rating, at)
        return ReviewState(
            question_id=question_id,
            card_json=card.to_json(),
            due=card.due,
            last_review=at,
            review_count=count + 1,
            desired_retention=self.desired_retention,
        )

    def retrievability(self, state: ReviewState | None, at: datetime) -> float:
        """FSRS's probability of recalling the question at ``at``; 0 if never rated."""
        if state is None:
            return 0.0
        return float(self._fsrs.get_card_retrievability(_read_card(state.card_json), _utc(at)))

    def replay(self, question_id: str, reviews: Iterable[Review]) -> ReviewState | None:
        """The state after all of a question's reviews, oldest first; None if none."""
        state: ReviewState | None = None
        for review in reviews:
            state = self.review(question_id, state, review)
        return state


@functools.lru_cache(maxsize=4096)
def _read_card(card_json: str) -> Card:
    """A parsed card, shared: only for reading (FSRS copies a card before changing it)."""
    from fsrs import Card

    return Card.from_json(card_json)


def is_due(state: ReviewState, now: datetime) -> bool:
    """True when the question should be practised again."""
    return state.due <= now


def describe_due(due: datetime | None, now: datetime) -> str:
    """A short "when is it due" text for the question list: "now", "in 3 days"..."""
    if due is None:
        return "—"
    delta = due - now
    if delta <= timedelta(0):
        overdue = now - due
        days = overdue.days
        return "now" if days < 1 else f"now ({_span(days)} late)"
    hours = delta.total_seconds() / 3600
    if hours < 1:
        return "within the hour"
    if round(hours) < 24:  # 23.5 h and more reads "in 1 day", never "in 24 h"
        return f"in {round(hours)} h"
    return f"in {_span(max(1, round(hours / 24)))}"


def _span(days: int) -> str:
    if days < 14:
        return f"{days} day" + ("" if days == 1 else "s")
    if days < 60:
        return f"{round(days / 7)} weeks"
    if days < 730:
        return f"{round(days / 30)} months"
    return f"{round(days / 365)} years"


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime must be timezone-aware, got {moment!r}")
    return moment.astimezone(UTC)
