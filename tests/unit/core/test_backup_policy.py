"""Backup thinning keeps recent backups, then one a day, a week and a month."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aipm_desktop.core.backup_policy import (
    DEFAULT_RETENTION,
    RetentionPolicy,
    backups_to_delete,
    backups_to_keep,
)

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def every_30_minutes(days: int) -> list[datetime]:
    """A backup every half hour for ``days`` days up to NOW."""
    return [NOW - timedelta(minutes=30 * i) for i in range(days * 48)]


def test_nothing_to_keep_for_no_backups() -> None:
    assert backups_to_keep([], NOW) == set()


def test_every_backup_of_the_last_day_is_kept() -> None:
    recent = [NOW - timedelta(minutes=30 * i) for i in range(48)]
    assert backups_to_keep(recent, NOW) == set(recent)


def test_the_newest_backup_is_always_kept() -> None:
    old = NOW - timedelta(days=4000)
    assert backups_to_keep([old], NOW) == {old}


def test_a_year_of_half_hourly_backups_thins_to_the_policy() -> None:
    moments = every_30_minutes(400)
    kept = backups_to_keep(moments, NOW)
    older = sorted((m for m in kept if m < NOW - timedelta(hours=24)), reverse=True)
    policy = DEFAULT_RETENTION
    assert len(older) == policy.daily + policy.weekly + policy.monthly
    # Daily: the newest backup of each of the 12 days before the last 24 hours.
    dailies = older[: policy.daily]
    assert [m.date() for m in dailies] == [
        (NOW - timedelta(days=d)).date() for d in range(2, 2 + policy.daily)
    ]
    assert all(m.hour == 23 and m.minute == 30 for m in dailies)
    # Then one a week and one a month, so the oldest reaches back about 9 months...
    assert min(older) < NOW - timedelta(days=8 * 30)
    # ...with no month in between left without a backup.
    months = {(m.year, m.month) for m in kept}
    oldest = min(older)
    month, year = oldest.month, oldest.year
    while (year, month) <= (NOW.year, NOW.month):
        assert (year, month) in months
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    assert backups_to_delete(moments, NOW) == set(moments) - kept


def test_each_kept_daily_is_the_newest_of_its_day() -> None:
    day = datetime(2026, 11, 20, tzinfo=UTC)
    moments = [day + timedelta(hours=h) for h in (1, 9, 17)]
    assert backups_to_keep(moments, NOW) == {day + timedelta(hours=17)}


def test_a_smaller_policy_keeps_fewer() -> None:
    moments = every_30_minutes(60)
    small = RetentionPolicy(keep_all_hours=0, daily=2, weekly=1, monthly=0)
    kept = backups_to_keep(moments, NOW, small)
    assert len(kept) == 1 + 2 + 1  # the one made just now, 2 days, 1 week
    assert max(moments) in kept


def test_thinning_again_later_keeps_a_subset() -> None:
    moments = every_30_minutes(200)
    first = backups_to_keep(moments, NOW)
    later = NOW + timedelta(days=3)
    assert backups_to_keep(first, later) <= first


def test_describe_names_the_numbers() -> None:
    text = DEFAULT_RETENTION.describe()
    assert "12 days" in text
    assert "10 weeks" in text
    assert "9 months" in text
