"""The dashboard's queries: the attempt log summed in SQL, finished in ``core/stats.py``.

The queries read the covering index ``idx_attempts_stats`` (migration 0003),
never the answers' pages. One pass over the period returns sums per (day,
question, rating, coverage band); Python adds those up, so its work depends on
the number of such cells, not on the number of attempts. Local
days use the UTC offset in force at ``now`` (a day boundary may be off by an
hour for attempts made on the other side of a daylight-saving change).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from aipm_desktop.core import stats
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating

if TYPE_CHECKING:  # annotations only: this module does not load sqlite-utils
    from sqlite_utils import Database

_CELLS_SQL = """
select day, question_id, rating, min(3, cast(coverage * 4 as integer)) as band,
       count(*), coalesce(sum(coverage), 0.0), sum(seconds_used), sum(time_limit_seconds),
       sum(overtime_seconds > 0)
from (
    select
        date(started_at, :shift) as day,
        question_id,
        rating,
        case when key_points_total > 0
             then min(1.0, json_array_length(key_points_ticked) * 1.0 / key_points_total)
        end as coverage,
        seconds_used,
        time_limit_seconds,
        overtime_seconds
    from attempts indexed by idx_attempts_stats
    where started_at >= :since
    limit -1
)
group by day, question_id, rating, band
"""
"""One pass over the period: sums per day, question, rating and coverage band.

``limit -1`` keeps SQLite from copying the coverage expression into the outer
query, where it would be worked out three times per attempt.
"""

_ACTIVE_DAYS_SQL = (
    "select distinct date(started_at, :shift) from attempts indexed by idx_attempts_stats"
)

_DUE_SQL = """
select date(due, :shift) as day, count(*)
from review_state
where due < :until
group by day
"""


def local_today(now: datetime, zone: tzinfo | None = None) -> tuple[date, int]:
    """Today's local date and the UTC offset in minutes used for day boundaries."""
    local = now.astimezone(zone)
    offset = local.utcoffset() or timedelta(0)
    return local.date(), round(offset.total_seconds() / 60)


def compute_dashboard(
    db: Database,
    questions: Mapping[str, Question],
    *,
    now: datetime,
    range_days: int,
    zone: tzinfo | None = None,
) -> stats.Dashboard:
    """Every number of the statistics window for the last ``range_days`` days.

    ``zone`` is the time zone for calendar days (default: the computer's).
    """
    today, offset_minutes = local_today(now, zone)
    shift = f"{offset_minutes:+d} minutes"
    first = stats.range_start(today, range_days)
    since = _utc_text(
        datetime.combine(first, datetime.min.time()) - timedelta(minutes=offset_minutes)
    )
    until = _utc_text(
        datetime.combine(today + timedelta(days=stats.DUE_DAYS), datetime.min.time())
        - timedelta(minutes=offset_minutes)
    )
    timings: dict[str, float] = {}

    def query(name: str, sql: str, params: Mapping[str, object]) -> list[Any]:
        start = time.perf_counter()
        rows = db.execute(sql, dict(params)).fetchall()
        timings[name] = (time.perf_counter() - start) * 1000
        return rows

    params = {"shift": shift, "since": since}
    cells = [
        stats.Cell(
            day=date.fromisoformat(r[0]),
            question_id=r[1],
            rating=None if r[2] is None else Rating(r[2]),
            band=r[3],
            attempts=r[4],
            coverage_sum=r[5],
            seconds_used_sum=r[6],
            limit_seconds_sum=r[7],
            overtime_count=r[8],
        )
        for r in query("cells", _CELLS_SQL, params)
    ]
    day_totals, per_question, calibration_cells = stats.aggregate_cells(cells)
    active = [d.day for d in day_totals if d.attempts]
    current, longest = stats.streaks(active, today)
    if current and today - timedelta(days=current) < first:
        # The streak may go back beyond the period: look at every day.
        all_days = [date.fromisoformat(r[0]) for r in query("streak", _ACTIVE_DAYS_SQL, params)]
        current = stats.streaks(all_days, today)[0]
    due = [
        stats.DayCount(date.fromisoformat(str(r[0])), int(r[1]))
        for r in query("due", _DUE_SQL, {"shift": shift, "until": until})
    ]
    start = time.perf_counter()
    total = int(db.execute("select count(*) from attempts").fetchone()[0])
    due_now = int(
        db.execute("select count(*) from review_state where due <= ?", [_utc_text(now)]).fetchone()[
            0
        ]
    )
    timings["counts"] = (time.perf_counter() - start) * 1000
    return stats.Dashboard(
        today=today,
        range_days=range_days,
        total_attempts=total,
        attempts_in_range=sum(d.attempts for d in day_totals),
        per_day=stats.daily_counts(day_totals, first, today),
        current_streak=current,
        longest_streak=longest,
        trend=stats.trend(day_totals, first, today, stats.bucket_days_for(range_days)),
        categories=stats.category_scores(per_question, questions),
        questions=stats.question_scores(per_question, questions),
        calibration=stats.calibration(calibration_cells),
        due_per_day=stats.due_forecast(due, today),
        due_now=due_now,
        timings_ms=timings,
    )


def _utc_text(moment: datetime) -> str:
    """The stored text form of a moment; a naive one is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
