"""A microphone that stops, or only trickles, is noticed; a paused recording is not."""

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.speech.silent_input import SilentInputWatch


def test_audio_arriving_in_real_time_never_counts_as_stopped() -> None:
    clock = FakeClock()
    watch = SilentInputWatch(clock, lag_seconds=3)
    for step in range(1, 121):  # two minutes, audio delivered with half a second of delay
        clock.advance(1)
        watch.audio_received(step - 0.5)
        assert not watch.has_stopped()


def test_audio_that_stops_arriving_is_noticed_once_it_lags_by_the_allowed_time() -> None:
    clock = FakeClock()
    watch = SilentInputWatch(clock, lag_seconds=3)
    clock.advance(10)
    watch.audio_received(10)
    clock.advance(2.9)
    assert not watch.has_stopped()
    clock.advance(0.1)
    assert watch.has_stopped()


def test_a_trickle_far_slower_than_real_time_is_noticed() -> None:
    clock = FakeClock()
    watch = SilentInputWatch(clock, lag_seconds=3)
    received = 0.0
    for _ in range(3):  # 0.035 s of audio every 2 s, as seen with a PulseAudio test server
        clock.advance(2)
        received += 0.035
        watch.audio_received(received)
    assert watch.has_stopped()


def test_paused_time_is_not_a_lag() -> None:
    clock = FakeClock()
    watch = SilentInputWatch(clock, lag_seconds=3)
    clock.advance(5)
    watch.audio_received(5)
    watch.pause()
    clock.advance(60)
    assert not watch.has_stopped()
    watch.resume()
    clock.advance(2)
    watch.audio_received(7)
    assert not watch.has_stopped()
    clock.advance(3)
    assert watch.has_stopped()
    assert watch.recording_seconds() == 10
