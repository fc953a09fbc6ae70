"""Which backups to keep: recent ones all, then one a day, a week and a month (like Anki).

Pure logic over timestamps; the storage layer lists and deletes the files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

BACKUP_INTERVAL_MINUTES = 30
BACKUP_INTERVAL_RANGE_MINUTES = (5, 240)
"""The backup interval a user may choose, in minutes."""
"""While changes happen, a backup is made at most this often."""


@dataclass(frozen=True)
class RetentionPolicy:
    """How many backups survive thinning.

    Every backup of the last ``keep_all_hours`` is kept. Older ones keep the newest
    backup of each of the last ``daily`` days that have one, then of ``weekly``
    ISO weeks, then of ``monthly`` months; the rest are deleted.
    """

    keep_all_hours: int = 24
    daily: int = 12
    weekly: int = 10
    monthly: int = 9

    def describe(self) -> str:
        """One sentence for the settings and the Backups dialog."""
        return (
            f"Every backup of the last {self.keep_all_hours} hours is kept, then one a day "
            f"for {self.daily} days, one a week for {self.weekly} weeks and one a month "
            f"for {self.monthly} months."
        )


DEFAULT_RETENTION = RetentionPolicy()


def backups_to_keep(
    moments: Iterable[datetime], now: datetime, policy: RetentionPolicy = DEFAULT_RETENTION
) -> set[datetime]:
    """The backup times that survive thinning at ``now``; all times timezone-aware."""
    newest_first = sorted(set(moments), reverse=True)
    keep: set[datetime] = set()
    recent_cutoff = now - timedelta(hours=policy.keep_all_hours)
    days: set[tuple[int, int, int]] = set()
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    kept_daily = kept_weekly = kept_monthly = 0
    for moment in newest_first:
        day = (moment.year, moment.month, moment.day)
        iso = moment.isocalendar()
        week = (iso.year, iso.week)
        month = (moment.year, moment.month)
        if moment >= recent_cutoff:
            pass
        elif day not in days and kept_daily < policy.daily:
            kept_daily += 1
        elif week not in weeks and kept_weekly < policy.weekly:
            kept_weekly += 1
        elif month not in months and kept_monthly < policy.monthly:
            kept_monthly += 1
        else:
            continue
        keep.add(moment)
        # A kept backup stands for its day, week and month: older ones there are extra.
        days.add(day)
        weeks.add(week)
        months.add(month)
    if newest_first:
        keep.add(newest_first[0])
    return keep


def backups_to_delete(
    moments: Iterable[datetime], now: datetime, policy: RetentionPolicy = DEFAULT_RETENTION
) -> set[datetime]:
    """The backup times that thinning removes at ``now``."""
    every = set(moments)
    return every - backups_to_keep(every, now, policy)
