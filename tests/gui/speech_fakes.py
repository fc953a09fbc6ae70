"""A WAV file to record and a transcriber that needs no model, for Speak mode tests."""

from __future__ import annotations

import math
import struct
import threading
import wave
from pathlib import Path

from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.services.transcription import ProgressCallback
from aipm_desktop.ui.speech.engine import SpeechEngine
from aipm_desktop.ui.speech.player import Player

SPOKEN = Transcript(
    text="Um, I would start with precision. Then recall matters.",
    words=(
        Word("Um,", 0.3, 0.6),
        Word("I", 0.8, 0.9),
        Word("would", 0.9, 1.1),
        Word("start", 1.1, 1.4),
        Word("with", 1.4, 1.6),
        Word("precision.", 1.6, 2.2),
        Word("Then", 4.8, 5.0),
        Word("recall", 5.0, 5.4),
        Word("matters.", 5.4, 6.0),
    ),
    seconds=6.5,
)


def write_tone(path: Path, seconds: float = 3.0) -> Path:
    """A 440 Hz tone, 16 kHz mono 16-bit."""
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / 16000)))
        for n in range(int(seconds * 16000))
    )
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(16000)
        audio.writeframes(frames)
    return path


class FakeTranscriber:
    """Returns a fixed transcript and remembers each file and its length."""

    def __init__(self, transcript: Transcript = SPOKEN) -> None:
        self.transcript = transcript
        self.files: list[tuple[Path, float]] = []
        self.gate = threading.Event()
        """Cleared, transcription waits for it (to see the window while it runs)."""
        self.gate.set()

    def transcribe(self, audio: Path, progress: ProgressCallback | None = None) -> Transcript:
        with wave.open(str(audio), "rb") as opened:
            self.files.append((audio, opened.getnframes() / opened.getframerate()))
        if progress is not None:
            progress(0.5)
        if not self.gate.wait(10):
            raise TimeoutError("the test never opened the gate")
        if progress is not None:
            progress(1.0)
        return self.transcript


def fake_engine(transcriber: FakeTranscriber) -> SpeechEngine:
    return SpeechEngine(lambda: None, lambda: transcriber)


class FakePlayer(Player):
    """Remembers what it was asked to play, and from when."""

    def __init__(self) -> None:
        super().__init__()
        self.played: list[tuple[Path, float]] = []

    def play(self, path: Path, from_seconds: float = 0.0) -> bool:
        self.played.append((path, from_seconds))
        return True
