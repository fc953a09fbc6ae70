"""A synthetic candidate who follows the plan, against one who practises in random order.

Both practise the same minutes (the plan follower's each day; the random one carries
minutes it could not fit over to the next day), answer each question
at noon, and rate it from FSRS's own recall probability under a fixed seed:
Good with probability R (the question's retrievability at that moment), else
Again. A question never rated has no FSRS probability; its first answer is Good
with probability ``FIRST_ANSWER_RECALL``. The plan follower asks for a new plan
every morning from the real log, as the app does. The figure is how many of the
interview's questions are above the target retention at noon on the day.

Run ``python -m tests.unit.core.plan_simulation`` to print the figures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from aipm_desktop.core.plan import Interview, PlanQuestion, build_plan
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.scheduling import Review, ReviewScheduler

FIRST_ANSWER_RECALL = 0.5
START = date(2027, 1, 4)
TARGET = 0.9


@dataclass(frozen=True)
class Outcome:
    """How one synthetic candidate ended up."""

    ready: int
    total: int
    minutes: float


def scenario(count: int = 30) -> list[PlanQuestion]:
    """``count`` questions of 4 to 6 minutes in three categories; a third seen before."""
    scheduler = ReviewScheduler()
    questions = []
    for n in range(count):
        qid = f"q{n:02d}"
        state = None
        if n % 3 == 0:
            rating = Rating.GOOD if n % 2 == 0 else Rating.HARD
            state = scheduler.replay(
                qid, [Review(_noon(START) - timedelta(days=5 + n % 7), rating)]
            )
        questions.append(
            PlanQuestion(
                id=qid,
                category=("Metrics", "Strategy", "Technical")[n % 3],
                pack_id="core",
                time_limit_seconds=240 + 60 * (n % 3),
                state=state,
                attempted=state is not None,
                last_rating=None if state is None else Rating.GOOD if n % 2 == 0 else Rating.HARD,
            )
        )
    return questions


def simulate(
    days: int = 14, minutes_per_day: int = 30, count: int = 30, seed: int = 2027
) -> tuple[Outcome, Outcome]:
    """(plan follower, random order) after ``days`` days of practice."""
    scheduler = ReviewScheduler()
    interview = Interview(1, START + timedelta(days=days), minutes_per_day=minutes_per_day)
    follower = {q.id: q for q in scenario(count)}
    wanderer = dict(follower)
    follower_rng, wanderer_rng, order_rng = (random.Random(seed + k) for k in range(3))
    used = wandered = 0.0
    for offset in range(days):
        day = START + timedelta(days=offset)
        morning = datetime.combine(day, time(8), tzinfo=UTC)
        plan = build_plan(list(follower.values()), [interview], morning)
        todays = plan.day(day)
        chosen = [] if todays is None else [q.id for q in todays.questions]
        minutes = sum(follower[qid].time_limit_seconds for qid in chosen) / 60.0
        used += minutes
        for qid in chosen:
            follower[qid] = _answer(follower[qid], day, scheduler, follower_rng)
        for qid in _random_pick(wanderer, used - wandered, order_rng):  # unused minutes carry over
            wandered += wanderer[qid].time_limit_seconds / 60.0
            wanderer[qid] = _answer(wanderer[qid], day, scheduler, wanderer_rng)
    at = _noon(interview.date)

    def ready(questions: dict[str, PlanQuestion]) -> int:
        return sum(scheduler.retrievability(q.state, at) >= TARGET for q in questions.values())

    return Outcome(ready(follower), count, used), Outcome(ready(wanderer), count, wandered)


def _random_pick(
    questions: dict[str, PlanQuestion], minutes: float, rng: random.Random
) -> list[str]:
    """Random questions (no repeats in a day) up to ``minutes``."""
    ids = sorted(questions)
    rng.shuffle(ids)
    picked, left = [], minutes * 60.0
    for qid in ids:
        cost = questions[qid].time_limit_seconds
        if cost <= left:
            picked.append(qid)
            left -= cost
    return picked


def _answer(
    question: PlanQuestion, day: date, scheduler: ReviewScheduler, rng: random.Random
) -> PlanQuestion:
    at = _noon(day)
    recall = scheduler.retrievability(question.state, at) if question.state else FIRST_ANSWER_RECALL
    rating = Rating.GOOD if rng.random() < recall else Rating.AGAIN
    state = scheduler.review(question.id, question.state, Review(at, rating))
    return replace(question, state=state, attempted=True, last_rating=rating)


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def main() -> None:
    """Print the figures for a few budgets: seed 2027, and the mean over seeds 0–9."""
    for days, budget in ((14, 30), (7, 30), (21, 20), (10, 15)):
        plan_user, random_user = simulate(days, budget)
        runs = [simulate(days, budget, seed=seed) for seed in range(10)]
        plan_mean = sum(p.ready for p, _ in runs) / len(runs)
        random_mean = sum(r.ready for _, r in runs) / len(runs)
        print(
            f"{days} days, {budget} min/day, {plan_user.total} questions: "
            f"following the plan {plan_user.ready} ready ({plan_user.minutes:.0f} min), "
            f"random order {random_user.ready} ready ({random_user.minutes:.0f} min); "
            f"mean of 10 seeds {plan_mean:.1f} vs {random_mean:.1f}"
        )


if __name__ == "__main__":
    main()
