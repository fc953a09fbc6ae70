"""``aipm-desktop plan``: the practice plan day by day and the readiness forecast. No Qt."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TextIO

from aipm_desktop import APP_NAME
from aipm_desktop.core.plan import Forecast, InterviewForecast, StudyPlan
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path, resolve_data_dir_without_qt
from aipm_desktop.services.practice_defaults import default_time_limit_seconds, preferences_file
from aipm_desktop.services.study_plan import plan_as_json, study_plan
from aipm_desktop.storage import Store, StoreError


def run_plan(
    *,
    data_dir_option: str | None,
    environ: Mapping[str, str],
    interview_id: int | None = None,
    output_format: str = "text",
    now: datetime | None = None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Print the plan for every upcoming interview (or only ``interview_id``); exit code."""
    now = datetime.now().astimezone() if now is None else now
    data_dir = resolve_data_dir_without_qt(data_dir_option, environ)
    database = database_path(data_dir)
    if not database.is_file():
        return _no_interviews(output_format, out, err, interview_id)
    try:
        with Store.open(database) as store:
            interviews = store.interviews()
            if interview_id is not None:
                interviews = [i for i in interviews if i.id == interview_id]
                if not interviews:
                    return _no_interviews(output_format, out, err, interview_id)
                if interviews[0].date < now.date():
                    day = interviews[0].date.isoformat()
                    print(f"{APP_NAME}: interview {interview_id} was on {day}.", file=err)
                    return 1
            questions = PackLibrary(data_dir).load().questions()
            ini_file = preferences_file(data_dir, data_dir_option, environ)
            plan = study_plan(
                store,
                questions,
                now,
                interviews=interviews,
                default_time_limit_seconds=default_time_limit_seconds(ini_file),
            )
    except (StoreError, OSError) as error:
        print(f"{APP_NAME}: could not read the data file: {error}", file=err)
        return 1
    if output_format == "json":
        json.dump(plan_as_json(plan), out, ensure_ascii=False, indent=2)
        print(file=out)
        if plan.budget_too_small:
            print(plan.notice(), file=err)
    else:
        out.write(plan_as_text(plan))
    return 0


def plan_as_text(plan: StudyPlan) -> str:
    """The forecast of each interview, then the plan day by day."""
    if not plan.interviews:
        return (
            "No upcoming interviews. Add one with: aipm-desktop interview add --date YYYY-MM-DD\n"
        )
    lines: list[str] = []
    for item in plan.interviews:
        lines.extend(_interview_lines(item))
        lines.append("")
    if plan.budget_too_small:
        lines.append(plan.notice())
        lines.append("Left out, weakest first: " + ", ".join(plan.left_out))
        lines.append("")
    target = round(plan.target_retention * 100)
    lines.append(f"Plan (a question is ready when its recall chance is at least {target} %):")
    for day in plan.days:
        label = " (today)" if day.date == plan.today else ""
        lines.append(
            f"{day.date.isoformat()}{label}: {_minutes(day.minutes)} of "
            f"{_minutes(day.budget_minutes)} min"
        )
        for question in day.questions:
            lines.append(f"  {question.id}  {_minutes(question.minutes)} min")
        if not day.questions:
            lines.append("  nothing planned")
    return "\n".join(lines) + "\n"


def _interview_lines(item: InterviewForecast) -> list[str]:
    interview = item.interview
    f = item.forecast
    lines = [
        f"Interview {interview.id}: {interview.label}, {interview.date.isoformat()} "
        f"({interview.minutes_per_day} min/day)",
        f"  {item.sentence()}",
        f"  Without practice: {f.without_practice} of {f.total}.",
    ]
    for category, forecast in item.categories:
        lines.append(f"  {category}: {_counts(forecast)}")
    return lines


def _counts(f: Forecast) -> str:
    return (
        f"{f.with_plan} of {f.total} with the plan, {f.without_practice} without practice, "
        f"{f.today} today"
    )


def _minutes(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _no_interviews(output_format: str, out: TextIO, err: TextIO, interview_id: int | None) -> int:
    if interview_id is not None:
        print(f"{APP_NAME}: there is no interview {interview_id}.", file=err)
        return 1
    if output_format == "json":
        json.dump({"interviews": [], "days": []}, out)
        print(file=out)
    else:
        out.write(plan_as_text(StudyPlan(datetime.now().date(), 0.9, (), ())))
    return 0
