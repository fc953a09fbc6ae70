"""A suggested self-rating from the share of key points covered. The user still chooses."""

from __future__ import annotations

from collections.abc import Sequence

from aipm_desktop.core.coverage.matcher import PointMatch
from aipm_desktop.core.rating import Rating

EASY_SHARE = 0.85
GOOD_SHARE = 0.5
HARD_SHARE = 0.25


def covered_share(matches: Sequence[PointMatch]) -> float:
    """The share of key points covered (0 when there are none)."""
    return sum(match.covered for match in matches) / len(matches) if matches else 0.0


def suggested_rating(matches: Sequence[PointMatch]) -> Rating:
    """Easy from 85 % of the points covered, Good from 50 %, Hard from 25 %, else Again."""
    share = covered_share(matches)
    if share >= EASY_SHARE:
        return Rating.EASY
    if share >= GOOD_SHARE:
        return Rating.GOOD
    if share >= HARD_SHARE:
        return Rating.HARD
    return Rating.AGAIN
