"""Milliseconds per start-up stage, printed when ``AIPM_STARTUP_TRACE=1``.

`mark` records how long the stage that just ended took and the time since the
trace began (the top of ``aipm_desktop.app``, so the interpreter's own start is
not counted). Off by default: then `mark` only checks a flag.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

ENVIRONMENT_VARIABLE = "AIPM_STARTUP_TRACE"
READY_STAGE = "first paint, list ready"
"""The stage that ends the start: the window is shown with its question list filled.
Start-up benchmarks time a launch up to the line naming it."""


class StartupTrace:
    """Stages of one start; prints a line per stage to ``stream`` when enabled."""

    def __init__(self, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self._stream = stream
        self._start = self._last = time.perf_counter()
        self.stages: list[tuple[str, float]] = []
        """(stage, milliseconds it took), in order."""

    def mark(self, stage: str) -> None:
        """The stage ``stage`` just ended."""
        if not self.enabled:
            return
        now = time.perf_counter()
        took = (now - self._last) * 1000
        self._last = now
        self.stages.append((stage, took))
        stream = self._stream or sys.stderr
        total = (now - self._start) * 1000
        print(
            f"startup: {stage:<28} {took:8.1f} ms   (at {total:8.1f} ms)", file=stream, flush=True
        )


TRACE = StartupTrace(enabled=os.environ.get(ENVIRONMENT_VARIABLE) == "1")
"""The trace of this process's start."""
