"""The recorder interface's WAV-file recorder, and the level it reports."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from aipm_desktop.ui.speech.recorder import WavFileRecorder, level_in_decibels, peak_level

from .speech_fakes import write_tone


def frames_in(path: Path) -> int:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes()


def test_feeding_writes_the_next_seconds_and_pausing_takes_none(
    qtbot: QtBot, tmp_path: Path
) -> None:
    recorder = WavFileRecorder(write_tone(tmp_path / "tone.wav", seconds=3.0))
    out = tmp_path / "out.wav"
    assert recorder.start(out)
    with qtbot.waitSignal(recorder.level) as level:
        recorder.feed(1.0)
    assert level.args[0] == pytest.approx(8000 / 32768, abs=0.01)
    assert frames_in(out) == 16000  # synced at one second, before stop
    recorder.pause()
    recorder.feed(1.0)
    recorder.resume()
    assert recorder.stop() == pytest.approx(3.0)  # the rest of the source
    assert frames_in(out) == 48000
    assert not recorder.is_recording
    assert recorder.stop() == 0.0


def test_a_source_in_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(2)
        audio.setsampwidth(2)
        audio.setframerate(44100)
        audio.writeframes(b"\0" * 400)
    with pytest.raises(ValueError, match="16 kHz mono"):
        WavFileRecorder(path)


def test_levels() -> None:
    assert peak_level(b"") == 0.0
    assert peak_level((16384).to_bytes(2, "little", signed=True) * 3) == 0.5
    assert peak_level((-32768).to_bytes(2, "little", signed=True)) == 1.0
    assert level_in_decibels(0.0) == -60.0
    assert level_in_decibels(1.0) == 0.0
    assert level_in_decibels(0.5) == pytest.approx(-6.02, abs=0.01)


def test_a_microphone_that_stops_sending_sound_ends_the_recording_and_says_so(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """No device here: the recorder is put in the state start() leaves it in, with a
    stand-in for the audio device that delivers one chunk and then nothing."""
    from PySide6.QtCore import QBuffer, QByteArray

    from aipm_desktop.core.clock import FakeClock
    from aipm_desktop.core.speech.silent_input import SilentInputWatch
    from aipm_desktop.core.speech.wav_writer import WavWriter
    from aipm_desktop.ui.speech.recorder import MicrophoneRecorder

    clock = FakeClock()
    recorder = MicrophoneRecorder(clock=clock)
    path = tmp_path / "answer.wav"
    audio = QByteArray(b"\x01\x00" * 1600)  # 0.1 s of audio, then nothing
    device = QBuffer(audio)  # (QBuffer keeps a pointer: the array must outlive it)
    device.open(QBuffer.OpenModeFlag.ReadOnly)
    recorder._device, recorder._writer = device, WavWriter(path)
    recorder._watch = SilentInputWatch(clock)
    recorder._take_audio()
    clock.advance(2)
    recorder.check_input()
    assert recorder.is_recording  # 0.1 s behind by 1.9 s: still within the allowed lag
    clock.advance(2)
    with qtbot.waitSignal(recorder.failed) as told:
        recorder.check_input()
    assert told.args == [
        "The microphone stopped sending sound: 0.1 s of audio arrived in 4 s of recording, "
        "so the recording ended there. What was recorded is transcribed; check the "
        "microphone, or answer by typing."
    ]
    assert not recorder.is_recording
    assert frames_in(path) == 1600  # what did arrive is kept
