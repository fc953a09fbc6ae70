"""Injectable clocks: a monotonic clock for timing and a wall clock for timestamps."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What the domain needs to know about time."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes backwards."""
        ...

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware (UTC)."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to; for tests and the self-test."""

    def __init__(self, start: datetime | None = None) -> None:
        self._monotonic = 1000.0
        self._now = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self._monotonic

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by ``seconds``."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._monotonic += seconds
        self._now += timedelta(seconds=seconds)


class Stopwatch:
    """Counts running time on a monotonic clock; starts and stops at will."""

    def __init__(self, clock: Clock, elapsed: float = 0.0) -> None:
        self._clock = clock
        self._banked = elapsed
        self._since: float | None = None

    def start(self) -> None:
        """Start counting (does nothing if already running)."""
        if self._since is None:
            self._since = self._clock.monotonic()

    def stop(self) -> None:
        """Stop counting, keeping the time so far."""
        if self._since is not None:
            self._banked += self._clock.monotonic() - self._since
            self._since = None

    @property
    def is_running(self) -> bool:
        return self._since is not None

    @property
    def elapsed(self) -> float:
        """Seconds counted so far."""
        if self._since is None:
            return self._banked
        return self._banked + self._clock.monotonic() - self._since
