"""The answer countdown: a small state machine over an injected monotonic clock."""

from __future__ import annotations

import math
from enum import StrEnum

from aipm_desktop.core.clock import Clock

WARNING_SECONDS = 30
"""Within this many seconds of the limit the countdown warns the user."""


class TimeUpMode(StrEnum):
    """What happens when the countdown reaches zero."""

    SOFT = "soft"
    """Keep typing; overtime is counted and shown."""
    HARD = "hard"
    """The editor locks and the answer is submitted."""


class AnswerTimer:
    """Counts down from a limit; may be paused; counts overtime past zero.

    The timer never schedules anything itself: callers ask it for the time
    whenever they like (the UI does so a few times a second).
    """

    def __init__(
        self,
        clock: Clock,
        limit_seconds: int,
        *,
        elapsed_seconds: float = 0.0,
        pause_count: int = 0,
        paused_seconds: float = 0.0,
    ) -> None:
        if limit_seconds <= 0:
            raise ValueError(f"time limit must be positive, got {limit_seconds}")
        self._clock = clock
        self.limit_seconds = limit_seconds
        self._banked = elapsed_seconds
        self._running_since: float | None = None
        self._paused_since: float | None = None
        self._started = elapsed_seconds > 0
        self.pause_count = pause_count
        self._paused_before = paused_seconds
        self._held = False

    # -- state changes -------------------------------------------------
    def start(self) -> None:
        """Start (or restart after a restore) the countdown."""
        if self._running_since is not None:
            return
        now = self._clock.monotonic()
        if self._paused_since is not None:
            self._paused_before += now - self._paused_since
            self._paused_since = None
        self._running_since = now
        self._started = True

    def pause(self) -> None:
        """Stop the clock; time paused is not counted as time used."""
        if self._running_since is None:
            return
        now = self._clock.monotonic()
        self._banked += now - self._running_since
        self._running_since = None
        self._paused_since = now
        self.pause_count += 1

    def resume(self) -> None:
        """Continue after a pause."""
        self._held = False
        self.start()

    def hold(self) -> None:
        """Stop the clock for time the user does not spend answering (a spoken answer
        being transcribed): not counted as time used, nor as a pause."""
        if self._running_since is None:
            return
        self._banked += self._clock.monotonic() - self._running_since
        self._running_since = None
        self._held = True

    def release(self) -> None:
        """Run the clock again after `hold` (nothing if it is not held)."""
        if self._held:
            self._held = False
            self._running_since = self._clock.monotonic()

    @property
    def is_held(self) -> bool:
        return self._held

    def stop(self) -> None:
        """Freeze the clock for good (on submit)."""
        self._held = False
        if self._running_since is not None:
            self._banked += self._clock.monotonic() - self._running_since
            self._running_since = None
        if self._paused_since is not None:
            self._paused_before += self._clock.monotonic() - self._paused_since
            self._paused_since = None

    # -- readings ------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self._running_since is not None

    @property
    def is_paused(self) -> bool:
        return self._started and self._running_since is None and not self._held

    @property
    def elapsed_seconds(self) -> float:
        """Time used so far, pauses excluded."""
        if self._running_since is None:
            return self._banked
        return self._banked + self._clock.monotonic() - self._running_since

    @property
    def paused_seconds(self) -> float:
        """Total time spent paused."""
        current = 0.0
        if self._paused_since is not None:
            current = self._clock.monotonic() - self._paused_since
        return self._paused_before + current

    @property
    def remaining_seconds(self) -> float:
        """Seconds left; negative once over time."""
        return self.limit_seconds - self.elapsed_seconds

    @property
    def overtime_seconds(self) -> float:
        """Seconds past the limit, or 0."""
        return max(0.0, -self.remaining_seconds)

    @property
    def is_expired(self) -> bool:
        return self.remaining_seconds <= 0

    @property
    def is_warning(self) -> bool:
        """True in the last ``WARNING_SECONDS`` before the limit."""
        return 0 < self.remaining_seconds <= WARNING_SECONDS


def format_clock(seconds: float) -> str:
    """Format seconds as ``m:ss``; negative values (overtime) get a ``+``.

    Remaining time is rounded up, so the display reads 0:00 only at the limit.
    """
    if seconds >= 0:
        whole = math.ceil(seconds - 1e-9)
        sign = ""
    else:
        whole = math.floor(-seconds + 1e-9)
        sign = "+"
    minutes, secs = divmod(int(whole), 60)
    return f"{sign}{minutes}:{secs:02d}"


def format_elapsed(seconds: float) -> str:
    """Time used as ``m:ss``, rounded down like a stopwatch (so a 30 s limit and 1 s over
    read "0:31", never "0:32")."""
    return format_clock(math.floor(max(0.0, seconds) + 1e-9))


def whole_overtime_seconds(overtime_seconds: float) -> int:
    """Overtime in whole seconds, the one rounding rule every view and report uses.

    Overtime is rounded down, as the running countdown shows it ("Over time +0:00"
    for the first second past the limit), so an answer 0.4 s over reads +0:00 in
    the practice view, the session view, the summary and the reports alike.
    """
    return math.floor(max(0.0, overtime_seconds) + 1e-9)


def format_overtime(overtime_seconds: float) -> str:
    """``+m:ss`` past the limit (rounded down), or "" when under one whole second over."""
    whole = whole_overtime_seconds(overtime_seconds)
    return format_clock(-whole) if whole > 0 else ""


class ClockTone(StrEnum):
    """How urgent the countdown looks; the text changes too, never only the colour."""

    IDLE = "idle"
    NORMAL = "normal"
    WARNING = "warning"
    OVERTIME = "overtime"
    PAUSED = "paused"


def describe_countdown(timer: AnswerTimer | None) -> tuple[str, ClockTone]:
    """The countdown's text and tone for display."""
    if timer is None:
        return "Not started", ClockTone.IDLE
    remaining = timer.remaining_seconds
    if timer.is_expired:
        text, tone = f"Over time {format_clock(remaining)}", ClockTone.OVERTIME
    elif timer.is_warning:
        text, tone = f"⚠ {format_clock(remaining)} left", ClockTone.WARNING
    else:
        text, tone = f"{format_clock(remaining)} left", ClockTone.NORMAL
    if timer.is_paused:
        return f"Paused · {text}", ClockTone.PAUSED
    return text, tone
