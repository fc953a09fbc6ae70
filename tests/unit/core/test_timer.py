"""The countdown on a fake clock: no sleeping, exact numbers."""

from __future__ import annotations

import pytest

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.timer import AnswerTimer, ClockTone, describe_countdown, format_clock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_counts_down_while_running(clock: FakeClock) -> None:
    timer = AnswerTimer(clock, 300)
    assert not timer.is_running
    timer.start()
    clock.advance(42.5)
    assert timer.elapsed_seconds == pytest.approx(42.5)
    assert timer.remaining_seconds == pytest.approx(257.5)
    assert not timer.is_expired
    assert timer.overtime_seconds == 0


def test_pause_excludes_time_and_counts_pauses(clock: FakeClock) -> None:
    timer = AnswerTimer(clock, 300)
    timer.start()
    clock.advance(10)
    timer.pause()
    assert timer.is_paused
    clock.advance(100)
    assert timer.elapsed_seconds == pytest.approx(10)
    assert timer.paused_seconds == pytest.approx(100)
    timer.resume()
    clock.advance(5)
    timer.pause()
    clock.advance(7)
    timer.resume()
    assert timer.elapsed_seconds == pytest.approx(15)
    assert timer.paused_seconds == pytest.approx(107)
    assert timer.pause_count == 2


def test_pause_and_resume_are_idempotent(clock: FakeClock) -> None:
    timer = AnswerTimer(clock, 60)
    timer.pause()
    assert timer.pause_count == 0
    timer.start()
    timer.start()
    clock.advance(3)
    timer.pause()
    timer.pause()
    assert timer.pause_count == 1
    assert timer.elapsed_seconds == pytest.approx(3)


def test_overtime_after_the_limit(clock: FakeClock) -> None:
    timer = AnswerTimer(clock, 60)
    timer.start()
    clock.advance(75)
    assert timer.is_expired
    assert timer.overtime_seconds == pytest.approx(15)
    assert timer.remaining_seconds == pytest.approx(-15)


def test_warning_only_in_the_last_30_seconds(clock: FakeClock) -> None:
    timer = AnswerTimer(clock, 100)
    timer.start()
    clock.advance(69)
    assert not timer.is_warning
    clock.advance(1)
    assert timer.is_warning
    clock.advance(30)
    assert not timer.is_warning
    assert timer.is_expired


def test_stop_freezes_the_clock(clock: FakeClock) -> None:
    timer = AnswerTimer(clock, 60)
    timer.start()
    clock.advance(20)
    timer.stop()
    clock.advance(1000)
    assert timer.elapsed_seconds == pytest.approx(20)
    assert not timer.is_running


def test_restored_timer_keeps_elapsed_and_pauses(clock: FakeClock) -> None:
    timer = AnswerTimer(clock, 300, elapsed_seconds=120, pause_count=2, paused_seconds=30)
    assert timer.is_paused
    clock.advance(50)
    timer.resume()
    clock.advance(10)
    assert timer.elapsed_seconds == pytest.approx(130)
    assert timer.pause_count == 2
    assert timer.paused_seconds == pytest.approx(30)


def test_rejects_a_non_positive_limit(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="positive"):
        AnswerTimer(clock, 0)


def test_fake_clock_cannot_go_back() -> None:
    with pytest.raises(ValueError, match="backwards"):
        FakeClock().advance(-1)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (300, "5:00"),
        (299.2, "5:00"),
        (61, "1:01"),
        (0.4, "0:01"),
        (0, "0:00"),
        (-0.5, "+0:00"),
        (-65, "+1:05"),
    ],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


def test_describe_countdown_changes_text_not_only_colour(clock: FakeClock) -> None:
    assert describe_countdown(None) == ("Not started", ClockTone.IDLE)
    timer = AnswerTimer(clock, 60)
    timer.start()
    assert describe_countdown(timer) == ("1:00 left", ClockTone.NORMAL)
    clock.advance(35)
    assert describe_countdown(timer) == ("⚠ 0:25 left", ClockTone.WARNING)
    clock.advance(40)
    assert describe_countdown(timer) == ("Over time +0:15", ClockTone.OVERTIME)
    timer.pause()
    assert describe_countdown(timer) == ("Paused · Over time +0:15", ClockTone.PAUSED)


def test_ten_minutes_of_ticks_and_pauses_do_not_drift(clock: FakeClock) -> None:
    """The countdown reads the clock; it never adds up ticks, so nothing accumulates."""
    timer = AnswerTimer(clock, 900)
    timer.start()
    running = 0.0
    for tick in range(3000):  # 10 minutes of the UI's 200 ms refreshes
        clock.advance(0.2)
        running += 0.2
        assert timer.remaining_seconds == pytest.approx(900 - running, abs=1e-6)
        if tick % 500 == 499:  # a pause now and then, not counted
            timer.pause()
            clock.advance(37.3)
            timer.resume()
    assert timer.elapsed_seconds == pytest.approx(600.0, abs=1e-6)
    assert timer.pause_count == 6
    assert timer.paused_seconds == pytest.approx(6 * 37.3, abs=1e-6)
