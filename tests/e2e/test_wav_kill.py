"""SIGKILL while recording keeps the audio up to the last second (issue 19)."""

from __future__ import annotations

import wave
from pathlib import Path

from aipm_desktop.core.speech.wav_writer import SAMPLE_RATE, repair
from tests.e2e.killing import run_until_then_kill
from tests.e2e.wav_kill_driver import BLOCK_FRAMES, block

DRIVER = Path(__file__).with_name("wav_kill_driver.py")


def frames(path: Path) -> bytes:
    with wave.open(str(path), "rb") as audio:
        assert (audio.getframerate(), audio.getnchannels(), audio.getsampwidth()) == (
            SAMPLE_RATE,
            1,
            2,
        )
        return audio.readframes(audio.getnframes())


def test_a_killed_recording_keeps_every_second_written(tmp_path: Path) -> None:
    path = tmp_path / "audio" / "recording.wav"
    run_until_then_kill([str(DRIVER), str(path)], tmp_path, "written")

    # As left, without repair: a valid WAV file with at least the last whole second.
    kept = frames(path)
    assert len(kept) >= 3 * SAMPLE_RATE * 2
    whole_blocks = len(kept) // (BLOCK_FRAMES * 2)
    assert kept[: whole_blocks * BLOCK_FRAMES * 2] == b"".join(map(block, range(whole_blocks)))

    # Repaired from its length: all that reached the OS (3 s at least, 3.5 s at most).
    seconds = repair(path)
    assert 3.0 <= seconds <= 3.5
    repaired = frames(path)
    assert repaired[: len(kept)] == kept
    assert len(repaired) == round(seconds * SAMPLE_RATE) * 2
