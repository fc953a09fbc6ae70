"""Today's plan for the upcoming interviews, from the data file and the loaded questions.

Shared by the ``plan`` command and the window; no Qt. The rule itself is in
`aipm_desktop.core.plan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from aipm_desktop.core.plan import (
    DEFAULT_TARGET_RETENTION,
    Interview,
    PlanQuestion,
    StudyPlan,
    build_plan,
    readiness_on_day,
)
from aipm_desktop.core.questions import DEFAULT_TIME_LIMIT_SECONDS, Question
from aipm_desktop.storage import Store


def plan_questions(
    questions: Sequence[Question],
    store: Store,
    default_time_limit_seconds: int = DEFAULT_TIME_LIMIT_SECONDS,
) -> list[PlanQuestion]:
    """Each question with its FSRS state, latest rating and latest key-point coverage."""
    states = store.review_states()
    stats = store.question_stats()
    last = store.last_attempts()
    result = []
    for question in questions:
        attempt = last.get(question.id)
        coverage = None
        if attempt is not None and attempt.key_points_total > 0:
            coverage = len(attempt.key_points_ticked) / attempt.key_points_total
        stat = stats.get(question.id)
        result.append(
            PlanQuestion(
                id=question.id,
                category=question.category,
                pack_id=question.pack_id,
                time_limit_seconds=question.effective_time_limit(default_time_limit_seconds),
                state=states.get(question.id),
                attempted=stat is not None,
                last_rating=None if stat is None else stat.last_rating,
                last_coverage=coverage,
            )
        )
    return result


def study_plan(
    store: Store,
    questions: Sequence[Question],
    now: datetime,
    *,
    interviews: Sequence[Interview] | None = None,
    default_time_limit_seconds: int = DEFAULT_TIME_LIMIT_SECONDS,
    target_retention: float = DEFAULT_TARGET_RETENTION,
) -> StudyPlan:
    """The plan from ``now`` (timezone-aware, local) for ``interviews`` (default: all stored).

    Minutes already practised since midnight of ``now``'s day count against today's budget.
    """
    chosen = store.interviews() if interviews is None else list(interviews)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    done_minutes = store.seconds_practised_since(midnight) / 60.0
    return build_plan(
        plan_questions(questions, store, default_time_limit_seconds),
        chosen,
        now,
        target_retention=target_retention,
        minutes_done_today=done_minutes,
    )


def keep_forecasts(store: Store, plan: StudyPlan) -> int:
    """Keep each upcoming interview's forecast as its latest (after the date it stays
    beside what the user did); returns how many changed (the same forecast writes nothing)."""
    changed = 0
    for item in plan.interviews:
        changed += store.keep_forecast(item.interview.id, item.kept())
    return changed


def past_readiness(
    store: Store,
    questions: Sequence[Question],
    interview: Interview,
    zone: tzinfo,
    *,
    target_retention: float = DEFAULT_TARGET_RETENTION,
) -> tuple[int, int]:
    """(ready, total): the interview's questions above the target at noon on its date,
    from the attempt log up to then."""
    return readiness_on_day(
        interview,
        plan_questions(questions, store),
        store.reviews(),
        zone,
        target_retention=target_retention,
    )


def plan_as_json(plan: StudyPlan) -> dict[str, Any]:
    """The plan in the ``plan --format json`` layout."""
    return {
        "interviews": [
            {
                "id": str(item.interview.id),
                "date": item.interview.date.isoformat(),
                "title": item.interview.title,
                "forecast": {
                    "with_plan": _share(item.forecast.share(item.forecast.with_plan)),
                    "without_practice": _share(item.forecast.share(item.forecast.without_practice)),
                    "today": _share(item.forecast.share(item.forecast.today)),
                },
            }
            for item in plan.interviews
        ],
        "days": [
            {
                "date": day.date.isoformat(),
                "minutes": round(day.minutes, 1),
                "questions": [{"id": q.id, "minutes": round(q.minutes, 1)} for q in day.questions],
            }
            for day in plan.days
        ],
    }


def _share(value: float) -> float:
    return round(value, 3)
