"""Time building the interview plan (the Today dialog and ``aipm-desktop plan`` do it).

Builds plans for N questions (a third rated before, the rest new) up to an
interview D days ahead, with a budget that fits everything and one that is far
too small (the slower case: every question's cost is worked out). Prints the
median and the slowest of several runs.

Usage::

    python benchmarks/plan.py [--questions N] [--days D] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime, timedelta

from aipm_desktop.core.plan import Interview, PlanQuestion, build_plan
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.scheduling import Review, ReviewScheduler

NOW = datetime(2027, 1, 7, 9, 0, tzinfo=UTC)


def questions(count: int) -> list[PlanQuestion]:
    scheduler = ReviewScheduler()
    made = []
    for n in range(count):
        state = None
        if n % 3 == 0:
            rating = Rating(1 + n % 4)
            state = scheduler.replay(f"q{n}", [Review(NOW - timedelta(days=1 + n % 20), rating)])
        made.append(
            PlanQuestion(
                id=f"q{n:04d}",
                category=f"c{n % 5}",
                pack_id="bench",
                time_limit_seconds=180 + 60 * (n % 4),
                state=state,
                attempted=state is not None,
                last_rating=None if state is None else Rating(1 + n % 4),
            )
        )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bank = questions(args.questions)
    for label, minutes in (("budget fits", 600), ("budget too small", 20)):
        interview = Interview(1, NOW.date() + timedelta(days=args.days), minutes_per_day=minutes)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            plan = build_plan(bank, [interview], NOW)
            times.append(time.perf_counter() - start)
        forecast = plan.interviews[0].forecast
        print(
            f"{args.questions} questions, {args.days} days, {label} ({minutes} min/day): "
            f"median {statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms "
            f"({forecast.with_plan} of {forecast.total} ready with the plan)"
        )


if __name__ == "__main__":
    main()
