"""The dashboard's queries: the attempt log summed in SQL, finished in ``core/stats.py``.

The queries read the index ``idx_attempts_dashboard`` (migration 0010), whose
ticked count is a number worked out by SQLite, never the answers' pages. Two
passes over the period return sums per (day, rating, coverage band) and per
(question, number of key points) of rated attempts; Python only adds up those
rows, so its work grows with the days and questions of the period, not with the
number of attempts. Local days use the UTC offset in force at ``now`` (a day
boundary may be off by an hour for attempts made on the other side of a
daylight-saving change).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from aipm_desktop.core import stats
from aipm_desktop.core.questions import Question
from aipm_desktop.storage.errors import guarded

if TYPE_CHECKING:  # annotations only: this module does not load sqlite-utils
    from sqlite_utils import Database

_TICKED = "key_points_ticked_count"
"""How many key points were ticked; 0 when the stored list is unreadable: a
virtual column SQLite works out from ``key_points_ticked`` (migration 0010)."""

_RATING = "case when rating between 1 and 4 then rating end"
"""The rating, or null when there is none or it is not a rating at all."""

_COVERAGE = f"case when key_points_total > 0 then min(1.0, {_TICKED} * 1.0 / key_points_total) end"
"""Ticked / total key points, capped at 1; null for a question without key points."""

_DAYS_SQL = f"""
select day, rating, min(3, cast(coverage * 4 as integer)) as band, count(*), total(coverage),
       total(seconds_used), total(time_limit_seconds), sum(overtime_seconds > 0)
from (
    select
        date(started_at, :shift) as day,
        {_RATING} as rating,
        case when {_RATING} is not null then {_COVERAGE} end as coverage,
        seconds_used,
        time_limit_seconds,
        overtime_seconds
    from attempts indexed by idx_attempts_dashboard
    where started_at >= :since
    limit -1
)
group by day, rating, band
having day is not null
"""
"""Sums per day, rating and coverage band (the band of rated attempts only): at
most 21 rows a day, for the per-day totals and the calibration table.

``limit -1`` keeps SQLite from copying the coverage expression into the outer
query, where it would be worked out twice per attempt.
"""

_QUESTIONS_SQL = f"""
select question_id, key_points_total, count(*), sum(rating),
       coalesce(sum(min(key_points_total, {_TICKED})), 0)
from attempts indexed by idx_attempts_dashboard
where started_at >= :since and rating between 1 and 4
group by question_id, key_points_total
"""
"""Rated attempts of the period per question (and number of key points, which
only changes when a pack is updated): whole numbers, added up exactly."""

_ANY_ATTEMPT_SQL = (
    "select exists (select 1 from attempts indexed by idx_attempts_dashboard"
    " where started_at >= ? and started_at < ?)"
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


@guarded
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
    since = _day_start(first, offset_minutes)
    until = _day_start(today + timedelta(days=stats.DUE_DAYS), offset_minutes)
    timings: dict[str, float] = {}

    def query(name: str, sql: str, params: Mapping[str, object]) -> list[Any]:
        start = time.perf_counter()
        rows = db.execute(sql, dict(params)).fetchall()
        timings[name] = (time.perf_counter() - start) * 1000
        return rows

    params = {"shift": shift, "since": since}
    day_cells = [
        stats.DayCell(date.fromisoformat(r[0]), *r[1:]) for r in query("days", _DAYS_SQL, params)
    ]
    day_totals = stats.day_totals(day_cells)
    start = time.perf_counter()
    # Streamed: one question's row at a time, not a list of every question's.
    per_question = stats.question_totals(
        stats.QuestionCell(*r) for r in db.execute(_QUESTIONS_SQL, params)
    )
    timings["questions"] = (time.perf_counter() - start) * 1000
    active = [d.day for d in day_totals if d.attempts]
    current, longest = stats.streaks(active, today)
    last_active = today if today in active else today - timedelta(days=1)
    if current and last_active - timedelta(days=current - 1) <= first:
        # The streak reaches the period's first day: follow it back, a day at a time.
        start = time.perf_counter()
        current += _active_days_before(db, first, offset_minutes)
        timings["streak"] = (time.perf_counter() - start) * 1000
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
        calibration=stats.calibration(stats.calibration_cells(day_cells)),
        due_per_day=stats.due_forecast(due, today),
        due_now=due_now,
        timings_ms=timings,
    )


def spoken_transcripts(
    db: Database, now: datetime, range_days: int, zone: tzinfo | None = None
) -> list[tuple[date, str]]:
    """The local day and stored transcript (JSON) of each spoken answer of the period,
    oldest first."""
    today, offset_minutes = local_today(now, zone)
    since = _day_start(stats.range_start(today, range_days), offset_minutes)
    rows = db.execute(
        "select date(started_at, :shift), transcript from attempts "
        "where transcript is not null and started_at >= :since order by started_at, id",
        {"shift": f"{offset_minutes:+d} minutes", "since": since},
    ).fetchall()
    return [(date.fromisoformat(str(day)), str(text)) for day, text in rows]


def _active_days_before(db: Database, day: date, offset_minutes: int) -> int:
    """How many consecutive local days just before ``day`` have an attempt.

    One index seek per day, so the cost follows the streak's length, not the log's.
    """
    count = 0
    end = _day_start(day, offset_minutes)
    while True:
        begin = _day_start(day - timedelta(days=count + 1), offset_minutes)
        if not db.execute(_ANY_ATTEMPT_SQL, [begin, end]).fetchone()[0]:
            return count
        count += 1
        end = begin


def _day_start(day: date, offset_minutes: int) -> str:
    """The stored text of the UTC moment a local day starts."""
    return _utc_text(datetime.combine(day, datetime.min.time()) - timedelta(minutes=offset_minutes))


def _utc_text(moment: datetime) -> str:
    """The stored text form of a moment; a naive one is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
