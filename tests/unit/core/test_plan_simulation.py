"""Following the plan beats practising the same minutes in random order (fixed seed)."""

from __future__ import annotations

import pytest

from tests.unit.core.plan_simulation import simulate


@pytest.mark.parametrize(("days", "minutes_per_day"), [(14, 30), (7, 30)])
def test_the_plan_follower_ends_with_more_questions_ready(days: int, minutes_per_day: int) -> None:
    plan_user, random_user = simulate(days, minutes_per_day, count=30, seed=2027)

    print(
        f"{days} days at {minutes_per_day} min/day: plan {plan_user.ready}/{plan_user.total} "
        f"({plan_user.minutes:.0f} min), random {random_user.ready}/{random_user.total} "
        f"({random_user.minutes:.0f} min)"
    )
    assert 0 < random_user.minutes <= plan_user.minutes
    assert plan_user.ready > random_user.ready


def test_the_simulation_is_repeatable() -> None:
    assert simulate(5, 20, count=12, seed=1) == simulate(5, 20, count=12, seed=1)
