"""Per-day, per-question and calibration totals from the storage layer's cells."""

from __future__ import annotations

from datetime import date

import pytest

from aipm_desktop.core import stats
from aipm_desktop.core.rating import Rating

MONDAY = date(2026, 3, 2)
TUESDAY = date(2026, 3, 3)

# (day, rating, band, attempts, coverage sum, seconds used, limit seconds, overtime count)
DAY_CELLS = [
    stats.DayCell(MONDAY, None, None, 2, 0.0, 100.0, 600.0, 1),
    stats.DayCell(MONDAY, 3, 2, 3, 1.75, 300.0, 900.0, 0),
    stats.DayCell(MONDAY, 4, None, 1, 0.0, 50.0, 300.0, 0),  # a question without key points
    stats.DayCell(TUESDAY, 2, 3, 1, 1.0, 400.0, 300.0, 1),
]


def test_day_totals_add_up_each_days_cells() -> None:
    monday, tuesday = stats.day_totals(reversed(DAY_CELLS))
    assert monday == stats.DayTotals(
        MONDAY,
        attempts=6,
        rated=4,
        rating_sum=3 * 3 + 4,
        covered=3,
        coverage_sum=1.75,
        seconds_used_sum=450.0,
        limit_seconds_sum=1800.0,
        overtime_count=1,
    )
    assert (tuesday.day, tuesday.attempts, tuesday.rated, tuesday.covered) == (TUESDAY, 1, 1, 1)


def test_calibration_counts_rated_cells_with_key_points() -> None:
    calibration = stats.calibration(stats.calibration_cells(DAY_CELLS))
    assert calibration.counts[Rating.GOOD] == (0, 0, 3, 0)
    assert calibration.counts[Rating.HARD] == (0, 0, 0, 1)
    assert calibration.counts[Rating.EASY] == (0, 0, 0, 0)
    assert calibration.average_coverage[Rating.EASY] is None
    assert calibration.average_coverage[Rating.GOOD] == pytest.approx(1.75 / 3)
    assert (calibration.generous, calibration.harsh, calibration.total) == (0, 1, 4)


def test_question_totals_sum_coverage_per_number_of_key_points() -> None:
    cells = [
        stats.QuestionCell("qb", 0, rated=2, rating_sum=8, ticked_sum=0),
        stats.QuestionCell("qa", 4, rated=3, rating_sum=9, ticked_sum=7),
        stats.QuestionCell("qa", 10, rated=1, rating_sum=1, ticked_sum=3),  # pack updated
    ]
    qa, qb = stats.question_totals(cells)
    assert qa == stats.GroupTotals(
        "qa", rated=4, rating_sum=10, covered=4, coverage_sum=7 / 4 + 0.3
    )
    # Without key points an attempt counts for the rating, not for coverage.
    assert qb == stats.GroupTotals("qb", rated=2, rating_sum=8, covered=0, coverage_sum=0.0)
    assert stats.group_score(qb, "B").average_coverage is None


def test_equal_coverage_gives_equal_scores() -> None:
    # 0.1 + 0.2 != 0.3 in floating point; the sums of ticked points make them equal.
    one_by_one = stats.QuestionCell("qa", 10, rated=2, rating_sum=6, ticked_sum=1 + 2)
    at_once = stats.QuestionCell("qb", 10, rated=2, rating_sum=6, ticked_sum=0 + 3)
    scores = stats.question_scores(stats.question_totals([at_once, one_by_one]), {})
    assert scores[0].score == scores[1].score
    assert [s.key for s in scores] == ["qa", "qb"]  # a tie: by label


def test_no_cells() -> None:
    assert stats.day_totals([]) == []
    assert stats.question_totals([]) == []
    assert stats.calibration(stats.calibration_cells([])).total == 0
