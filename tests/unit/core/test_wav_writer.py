"""The crash-safe WAV writer: a right header every second, whole frames, repair after a crash."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from aipm_desktop.core.speech.wav_writer import SAMPLE_RATE, WavWriter, repair

ONE_SECOND = b"\x01\x02" * SAMPLE_RATE


def read(path: Path) -> tuple[int, int, int, bytes]:
    with wave.open(str(path), "rb") as audio:
        frames = audio.getnframes()
        return (
            audio.getframerate(),
            audio.getnchannels(),
            audio.getsampwidth(),
            (audio.readframes(frames)),
        )


def test_a_closed_file_is_16_khz_mono_16_bit_with_every_sample(tmp_path: Path) -> None:
    path = tmp_path / "audio" / "a.wav"
    with WavWriter(path) as writer:
        writer.write(ONE_SECOND)
        writer.write(b"\x03\x04" * 800)
        assert writer.seconds == pytest.approx(1.05)
    assert read(path) == (16000, 1, 2, ONE_SECOND + b"\x03\x04" * 800)


def test_the_header_is_right_on_disk_after_each_second_before_close(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    writer = WavWriter(path)
    assert read(path)[3] == b""  # a valid, empty file from the start
    writer.write(ONE_SECOND[:20000])
    writer.write(ONE_SECOND[20000:] + b"\x05\x06" * 100)  # past one second: synced
    assert read(path)[3] == ONE_SECOND + b"\x05\x06" * 100
    writer.close()
    writer.close()  # again: nothing happens
    assert writer.closed


def test_a_torn_sample_is_padded_on_close(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    with WavWriter(path) as writer:
        writer.write(b"\x01\x02\x03")
    assert read(path)[3] == b"\x01\x02\x03\x00"


def test_repair_takes_the_sizes_from_the_length(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    writer = WavWriter(path)
    writer.write(ONE_SECOND)  # synced at one second
    writer.write(b"\x07\x08" * 8000 + b"\x09")  # half a second more, and a torn byte
    writer._file.flush()  # type: ignore[union-attr]  # what the OS has after a kill
    assert len(read(path)[3]) == len(ONE_SECOND)
    assert repair(path) == pytest.approx(1.5)
    assert read(path)[3] == ONE_SECOND + b"\x07\x08" * 8000
    writer._file.close()  # type: ignore[union-attr]


def test_repair_refuses_what_is_not_a_wav_file(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    path.write_bytes(b"x" * 100)
    with pytest.raises(ValueError, match="not a PCM WAV"):
        repair(path)
    path.write_bytes(b"RIFF")
    with pytest.raises(ValueError, match="too short"):
        repair(path)
