"""Per-question totals and calibration cells from the storage layer's rated cells."""

from __future__ import annotations

import pytest

from aipm_desktop.core import stats
from aipm_desktop.core.rating import Rating

CELLS = [
    stats.RatedCell("qa", Rating.GOOD, 2, attempts=3, coverage_sum=1.75),
    stats.RatedCell("qa", Rating.AGAIN, 0, attempts=1, coverage_sum=0.0),
    stats.RatedCell("qb", Rating.EASY, None, attempts=2, coverage_sum=0.0),
    stats.RatedCell("qb", Rating.HARD, 3, attempts=1, coverage_sum=1.0),
]


def test_question_totals_add_up_each_questions_cells() -> None:
    qa, qb = stats.question_totals(reversed(CELLS))
    assert qa == stats.GroupTotals(
        "qa", rated=4, rating_sum=3 * 3 + 1, covered=4, coverage_sum=1.75
    )
    # The cell without key points counts for the rating, not for coverage.
    assert qb == stats.GroupTotals("qb", rated=3, rating_sum=2 * 4 + 2, covered=1, coverage_sum=1.0)
    score = stats.group_score(qb, "B")
    assert (score.average_rating, score.average_coverage) == (pytest.approx(10 / 3), 1.0)


def test_calibration_counts_only_cells_with_key_points() -> None:
    calibration = stats.calibration(stats.calibration_cells(CELLS))
    assert calibration.counts[Rating.GOOD] == (0, 0, 3, 0)
    assert calibration.counts[Rating.EASY] == (0, 0, 0, 0)
    assert calibration.average_coverage[Rating.EASY] is None
    assert calibration.average_coverage[Rating.GOOD] == pytest.approx(1.75 / 3)
    assert (calibration.generous, calibration.harsh, calibration.total) == (0, 1, 5)


def test_no_cells() -> None:
    assert stats.question_totals([]) == []
    assert stats.calibration(stats.calibration_cells([])).total == 0
