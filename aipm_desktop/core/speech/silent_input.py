"""Noticing a microphone that stops sending sound while a recording runs.

Some audio systems start a recording, then deliver nothing more, or only a trickle far
slower than real time, without reporting an error: Qt's PulseAudio input gets about
0.05 s of every 2 s from a source that posts its audio in 2 s blocks, such as
PulseAudio's sine source (docs/speech.md, "Recording through a real audio stack"). A
recording that silently holds almost nothing would lose the user's answer, so the
recorder asks this watch, about once a second, whether the audio received has fallen
behind the time spent recording, and then says so.
"""

from __future__ import annotations

from aipm_desktop.core.clock import Clock

LAG_SECONDS = 3.0
"""How far the audio received may fall behind the recording time (pauses excluded)."""


class SilentInputWatch:
    """Compares the seconds of audio received with the seconds spent recording."""

    def __init__(self, clock: Clock, lag_seconds: float = LAG_SECONDS) -> None:
        self._clock = clock
        self._lag_seconds = lag_seconds
        self._recorded_before = 0.0
        self._running_since: float | None = clock.monotonic()
        self._audio_seconds = 0.0

    def audio_received(self, total_seconds: float) -> None:
        """The recording now holds ``total_seconds`` of audio."""
        self._audio_seconds = total_seconds

    def pause(self) -> None:
        """The recording is paused: no audio is expected meanwhile."""
        if self._running_since is not None:
            self._recorded_before += self._clock.monotonic() - self._running_since
            self._running_since = None

    def resume(self) -> None:
        """The recording goes on."""
        if self._running_since is None:
            self._running_since = self._clock.monotonic()

    def recording_seconds(self) -> float:
        """Time spent recording so far, pauses excluded."""
        running = 0.0
        if self._running_since is not None:
            running = self._clock.monotonic() - self._running_since
        return self._recorded_before + running

    def has_stopped(self) -> bool:
        """Whether the audio received lags the recording time by the allowed lag or more."""
        return self.recording_seconds() - self._audio_seconds >= self._lag_seconds
