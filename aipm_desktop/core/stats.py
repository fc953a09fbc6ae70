"""The statistics dashboard's numbers, from per-day and per-question totals.

The storage layer sums the attempt log in SQL (see ``storage/stats.py``) per
(day, rating, coverage band) and per (question, number of key points); this
module turns those few sums into what the dashboard shows. Definitions:

* **Days** are local calendar days of the attempt's start.
* **Average rating** and **coverage** count rated attempts only: rating an
  attempt is what finishes its self-assessment, so an unrated attempt's empty
  checklist says nothing. Coverage is ticked / total key points (capped at
  100 %); attempts at questions without key points have no coverage.
* **Current streak**: consecutive days with at least one attempt, ending
  today, or yesterday when today has no attempt yet (the streak is not lost
  until the day is over).
* **Strengths and weaknesses** rank by a score from 0 to 1: the mean of the
  average rating as a share ((rating − 1) / 3) and the average coverage (the
  rating alone where there is no coverage).
* **Calibration** counts rated attempts by rating and by coverage band.
  "Generous" ratings are Good or Easy with under half the key points covered;
  "harsh" ratings are Again or Hard with three quarters or more covered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating

RANGES = (30, 90, 365)
"""The periods the dashboard offers, in days."""
DUE_DAYS = 14
"""How many days ahead the due forecast looks (today included)."""
COVERAGE_BANDS = ("0–24 %", "25–49 %", "50–74 %", "75–100 %")
"""Coverage bands of the calibration table, by quarter."""
UNKNOWN_CATEGORY = "Questions no longer in a pack"


def bucket_days_for(range_days: int) -> int:
    """Trend resolution: daily for a month, weekly beyond."""
    return 1 if range_days <= 31 else 7


@dataclass(frozen=True, slots=True)
class DayTotals:
    """Sums over one day's attempts."""

    day: date
    attempts: int
    rated: int = 0
    rating_sum: float = 0.0
    covered: int = 0
    """Rated attempts with key points, whose coverage is summed."""
    coverage_sum: float = 0.0
    seconds_used_sum: float = 0.0
    limit_seconds_sum: float = 0.0
    overtime_count: int = 0


class DayCell(NamedTuple):
    """Sums over one day's attempts with one rating and coverage band."""

    day: date
    rating: int | None
    """None: not rated."""
    band: int | None
    """Coverage band 0–3; None when unrated or the question has no key points."""
    attempts: int
    coverage_sum: float
    seconds_used_sum: float
    limit_seconds_sum: float
    overtime_count: int


def day_totals(cells: Iterable[DayCell]) -> list[DayTotals]:
    """Per-day totals, by day, from the day's cells."""
    days: dict[date, list[float]] = {}
    for c in cells:
        d = days.setdefault(c.day, [0, 0, 0, 0, 0.0, 0.0, 0.0, 0])
        d[0] += c.attempts
        d[5] += c.seconds_used_sum
        d[6] += c.limit_seconds_sum
        d[7] += c.overtime_count
        if c.rating is not None:
            d[1] += c.attempts
            d[2] += c.rating * c.attempts
            if c.band is not None:
                d[3] += c.attempts
                d[4] += c.coverage_sum
    return [
        DayTotals(day, int(v[0]), int(v[1]), v[2], int(v[3]), v[4], v[5], v[6], int(v[7]))
        for day, v in sorted(days.items())
    ]


def calibration_cells(cells: Iterable[DayCell]) -> list[tuple[Rating, int, int, float]]:
    """The (rating, band, attempts, coverage sum) cells `calibration` counts."""
    return [
        (Rating(c.rating), c.band, c.attempts, c.coverage_sum)
        for c in cells
        if c.rating is not None and c.band is not None
    ]


class QuestionCell(NamedTuple):
    """Sums over the rated attempts at one question with one number of key points."""

    question_id: str
    key_points_total: int
    rated: int
    rating_sum: int
    ticked_sum: int
    """Key points ticked (at most ``key_points_total`` per attempt)."""


def question_totals(cells: Iterable[QuestionCell]) -> list[GroupTotals]:
    """Per-question totals of rated attempts, by question id.

    Coverage is summed as ticked / total per number of key points, so equal
    coverages give equal numbers, whatever order the attempts come in.
    """
    groups: dict[str, list[float]] = {}
    for c in cells:
        g = groups.setdefault(c.question_id, [0, 0, 0, 0.0])
        g[0] += c.rated
        g[1] += c.rating_sum
        if c.key_points_total > 0:
            g[2] += c.rated
            g[3] += c.ticked_sum / c.key_points_total
    return [GroupTotals(key, int(v[0]), v[1], int(v[2]), v[3]) for key, v in sorted(groups.items())]


@dataclass(frozen=True, slots=True)
class DayCount:
    """A number for one day."""

    day: date
    count: int


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """Averages over a bucket of days starting at ``start``."""

    start: date
    days: int
    attempts: int
    average_rating: float | None
    average_coverage: float | None
    """0–1."""
    average_seconds_used: float | None
    average_limit_seconds: float | None
    overtime_share: float | None
    """Share of attempts that went over time, 0–1."""


@dataclass(frozen=True, slots=True)
class GroupTotals:
    """Sums over one question's (or category's) rated attempts."""

    key: str
    rated: int
    rating_sum: float
    covered: int
    coverage_sum: float


@dataclass(frozen=True, slots=True)
class GroupScore:
    """How well the user does on a question or a category."""

    key: str
    label: str
    rated: int
    average_rating: float | None
    average_coverage: float | None
    score: float
    """0 (weak) to 1 (strong); see the module docstring."""


@dataclass(frozen=True, slots=True)
class Calibration:
    """Self-rating set against key-point coverage."""

    counts: Mapping[Rating, tuple[int, int, int, int]]
    """Per rating, the attempts in each coverage band (`COVERAGE_BANDS`)."""
    average_coverage: Mapping[Rating, float | None]
    generous: int
    """Rated Good or Easy with under half the key points."""
    harsh: int
    """Rated Again or Hard with three quarters or more of the key points."""

    @property
    def total(self) -> int:
        """Rated attempts with key points."""
        return sum(sum(row) for row in self.counts.values())


@dataclass(frozen=True, slots=True)
class SpokenPoint:
    """One spoken answer's pace: when, words per minute and fillers per minute (None
    when nothing was said)."""

    day: date
    words_per_minute: float | None
    fillers_per_minute: float | None


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the statistics window shows for one period."""

    today: date
    range_days: int
    total_attempts: int
    """All time."""
    attempts_in_range: int
    per_day: list[DayCount]
    current_streak: int
    """May reach back before the period."""
    longest_streak: int
    """The longest run of practice days within the period."""
    trend: list[TrendPoint]
    categories: list[GroupScore]
    """Weakest first."""
    questions: list[GroupScore]
    """Weakest first."""
    calibration: Calibration
    due_per_day: list[DayCount]
    """Today (overdue included) and the next days, `DUE_DAYS` in all."""
    due_now: int
    spoken: tuple[SpokenPoint, ...] = ()
    """The spoken answers of the period, oldest first (filled in by the window)."""
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False)
    """How long each query took (for the benchmark)."""

    @property
    def is_empty(self) -> bool:
        """True when there is nothing at all to show yet."""
        return self.total_attempts == 0


def range_start(today: date, range_days: int) -> date:
    """The first day of the last ``range_days`` days, today included."""
    return today - timedelta(days=range_days - 1)


def daily_counts(totals: Iterable[DayTotals], first: date, last: date) -> list[DayCount]:
    """Attempts on every day from ``first`` to ``last``, zeros included."""
    by_day = {t.day: t.attempts for t in totals}
    span = (last - first).days + 1
    return [
        DayCount(day, by_day.get(day, 0))
        for day in (first + timedelta(days=i) for i in range(max(span, 0)))
    ]


def trend(
    totals: Iterable[DayTotals], first: date, last: date, bucket_days: int
) -> list[TrendPoint]:
    """Averages per bucket of ``bucket_days`` days; the last bucket ends on ``last``.

    The first bucket is shorter when the range does not divide evenly.
    """
    by_day = {t.day: t for t in totals}
    points: list[TrendPoint] = []
    end = last
    while end >= first:
        start = max(first, end - timedelta(days=bucket_days - 1))
        days = [by_day[d] for d in _days(start, end) if d in by_day]
        points.append(_trend_point(start, (end - start).days + 1, days))
        end = start - timedelta(days=1)
    points.reverse()
    return points


def _days(first: date, last: date) -> Iterable[date]:
    for i in range((last - first).days + 1):
        yield first + timedelta(days=i)


def _trend_point(start: date, length: int, days: Sequence[DayTotals]) -> TrendPoint:
    attempts = sum(d.attempts for d in days)
    rated = sum(d.rated for d in days)
    covered = sum(d.covered for d in days)
    return TrendPoint(
        start=start,
        days=length,
        attempts=attempts,
        average_rating=_ratio(sum(d.rating_sum for d in days), rated),
        average_coverage=_ratio(sum(d.coverage_sum for d in days), covered),
        average_seconds_used=_ratio(sum(d.seconds_used_sum for d in days), attempts),
        average_limit_seconds=_ratio(sum(d.limit_seconds_sum for d in days), attempts),
        overtime_share=_ratio(sum(d.overtime_count for d in days), attempts),
    )


def streaks(active_days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with attempts."""
    days = sorted(set(active_days))
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    active = set(days)
    current = 0
    day = today if today in active else today - timedelta(days=1)
    while day in active:
        current += 1
        day -= timedelta(days=1)
    return current, longest


def score(average_rating: float | None, average_coverage: float | None) -> float:
    """0–1: the mean of the rating share and the coverage (whichever exist)."""
    if average_rating is None:
        return 0.0 if average_coverage is None else average_coverage
    share = (average_rating - 1) / 3
    return share if average_coverage is None else (share + average_coverage) / 2


def group_score(totals: GroupTotals, label: str) -> GroupScore:
    """Averages and score of one group."""
    average_rating = _ratio(totals.rating_sum, totals.rated)
    average_coverage = _ratio(totals.coverage_sum, totals.covered)
    return GroupScore(
        key=totals.key,
        label=label,
        rated=totals.rated,
        average_rating=average_rating,
        average_coverage=average_coverage,
        score=score(average_rating, average_coverage),
    )


def question_scores(
    totals: Iterable[GroupTotals], questions: Mapping[str, Question]
) -> list[GroupScore]:
    """Per question, weakest first (ties: fewer attempts first, then by label)."""
    scores = []
    for t in totals:
        if t.rated:
            question = questions.get(t.key)
            scores.append(group_score(t, t.key if question is None else question.prompt))
    return sorted(scores, key=lambda s: (s.score, s.rated, s.label))


def category_scores(
    totals: Iterable[GroupTotals], questions: Mapping[str, Question]
) -> list[GroupScore]:
    """Per category (questions' sums added up), weakest first."""
    merged: dict[str, list[float]] = {}
    for t in totals:
        category = questions[t.key].category if t.key in questions else UNKNOWN_CATEGORY
        sums = merged.setdefault(category, [0, 0.0, 0, 0.0])
        sums[0] += t.rated
        sums[1] += t.rating_sum
        sums[2] += t.covered
        sums[3] += t.coverage_sum
    scores = [
        group_score(GroupTotals(name, int(s[0]), s[1], int(s[2]), s[3]), name)
        for name, s in merged.items()
        if s[0]
    ]
    return sorted(scores, key=lambda s: (s.score, s.rated, s.label))


def calibration(cells: Iterable[tuple[Rating, int, int, float]]) -> Calibration:
    """From (rating, coverage band 0–3, attempts, coverage sum) cells."""
    counts = {rating: [0, 0, 0, 0] for rating in Rating}
    coverage = dict.fromkeys(Rating, 0.0)
    for rating, band, count, coverage_sum in cells:
        counts[rating][band] += count
        coverage[rating] += coverage_sum
    averages = {r: _ratio(coverage[r], sum(counts[r])) for r in Rating}
    return Calibration(
        counts={r: (c[0], c[1], c[2], c[3]) for r, c in counts.items()},
        average_coverage=averages,
        generous=sum(counts[r][0] + counts[r][1] for r in (Rating.GOOD, Rating.EASY)),
        harsh=sum(counts[r][3] for r in (Rating.AGAIN, Rating.HARD)),
    )


def coverage_band(coverage: float) -> int:
    """The calibration band (0–3) of a coverage between 0 and 1."""
    return min(3, max(0, int(coverage * 4)))


def due_forecast(due_days: Iterable[DayCount], today: date, days: int = DUE_DAYS) -> list[DayCount]:
    """Questions due on each of the next ``days`` days; overdue ones count today."""
    counts = [0] * days
    for item in due_days:
        offset = max(0, (item.day - today).days)
        if offset < days:
            counts[offset] += item.count
    return [DayCount(today + timedelta(days=i), n) for i, n in enumerate(counts)]


def _ratio(total: float, count: int) -> float | None:
    return total / count if count else None
