"""Which statistics charts have too little data to draw, and what to say instead.

An empty chart is a frame with axes and nothing in it; these words tell the user what
the chart will show and what it needs. Plain Python (no Qt), so the rules are easy to test.
"""

from __future__ import annotations

from aipm_desktop.core.stats import Dashboard

MIN_TREND_POINTS = 2
"""A trend line needs at least two periods with a value."""


def chart_gaps(dashboard: Dashboard) -> dict[str, str]:
    """Per chart name (as the statistics window names them), the words shown instead of
    a chart with too little data; charts with enough data are not listed."""
    gaps: dict[str, str] = {}
    if dashboard.attempts_in_range == 0:
        gaps["attempts"] = (
            f"No answers in the last {dashboard.range_days} days. "
            "Each day you practise adds a bar here."
        )
    if sum(item.count for item in dashboard.due_per_day) == 0:
        gaps["due"] = (
            "Nothing falls due in the next 14 days. Rate your answers: each rating "
            "schedules the question's next review."
        )
    rated = [p for p in dashboard.trend if p.average_rating is not None]
    covered = [p for p in dashboard.trend if p.average_coverage is not None]
    if max(len(rated), len(covered)) < MIN_TREND_POINTS:
        gaps["rating"] = (
            "Your rating and key-point trend appears once you have rated answers on at "
            "least two different days."
        )
    timed = [p for p in dashboard.trend if p.average_seconds_used is not None]
    if len(timed) < MIN_TREND_POINTS:
        gaps["time"] = (
            "The time you use against the limit appears once you have answered on at "
            "least two different days."
        )
    if not any(group.rated for group in dashboard.categories):
        gaps["categories"] = "Rate your answers to see how you do in each category of questions."
    if dashboard.calibration.total == 0:
        gaps["calibration"] = (
            "Tick the key points you covered and rate the answer: this chart then "
            "compares how you rated yourself with what you covered."
        )
    return gaps
