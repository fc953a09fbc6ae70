"""Synthesised spoken answers with known truth, for the speech tests and benchmarks/speech.py.

Each clip of tests/data/speech/clips.json is spoken by espeak-ng (Debian's ``espeak-ng``),
one segment at a time; sox trims each segment's edges, inserts the clip's pauses between
segments and resamples to 16 kHz mono, without dither (``-D``), so that a clip is the same
every time it is made (with sox's random dither, the engine's output varied from run to
run). The truth comes from the audio itself: the words
of the text over the length of the trimmed segments (espeak-ng's ``-s`` is only nominal),
and where each inserted pause begins.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CLIPS_FILE = Path(__file__).resolve().parent / "data" / "speech" / "clips.json"
VOICE = "en-us"
SAMPLE_RATE = 16_000
EDGE_SECONDS = 0.5
"""Silence before the first word and after the last one, as a recording would have."""


@dataclass(frozen=True)
class ClipText:
    """One fixed answer: its segments, espeak-ng's rate and the pauses between segments."""

    id: str
    rate: int
    segments: tuple[str, ...]
    pauses: tuple[float, ...]

    @property
    def text(self) -> str:
        return " ".join(self.segments)


@dataclass(frozen=True)
class Clip:
    """A synthesised clip and what is true about it."""

    text: ClipText
    audio: Path
    seconds: float
    speaking_seconds: float
    pause_starts: tuple[float, ...]
    """Where each inserted pause begins, in seconds from the start of the audio."""

    @property
    def words_per_minute(self) -> float:
        return len(normalised_words(self.text.text)) * 60.0 / self.speaking_seconds


def missing_tools() -> list[str]:
    """The programs that synthesis needs and this machine lacks."""
    return [tool for tool in ("espeak-ng", "sox", "soxi") if shutil.which(tool) is None]


def clip_texts() -> list[ClipText]:
    """Every fixed answer of clips.json."""
    data = json.loads(CLIPS_FILE.read_text("utf-8"))
    return [
        ClipText(
            id=entry["id"],
            rate=int(entry["rate"]),
            segments=tuple(entry["segments"]),
            pauses=tuple(float(p) for p in entry["pauses"]),
        )
        for entry in data["clips"]
    ]


def synthesise(clip: ClipText, folder: Path) -> Clip:
    """Speak ``clip`` into ``folder``/ID.wav and measure its truth."""
    folder.mkdir(parents=True, exist_ok=True)
    pieces: list[Path] = [_silence(folder / f"{clip.id}-edge.wav", EDGE_SECONDS)]
    durations: list[float] = []
    for index, segment in enumerate(clip.segments):
        raw = folder / f"{clip.id}-{index}-raw.wav"
        trimmed = folder / f"{clip.id}-{index}.wav"
        _run("espeak-ng", "-v", VOICE, "-s", str(clip.rate), "-w", str(raw), segment)
        _run(
            "sox", "-D", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", str(trimmed),
            "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse",
        )  # fmt: skip
        durations.append(_seconds(trimmed))
        pieces.append(trimmed)
        if index < len(clip.pauses):
            pieces.append(_silence(folder / f"{clip.id}-{index}-pause.wav", clip.pauses[index]))
    pieces.append(pieces[0])
    audio = folder / f"{clip.id}.wav"
    _run("sox", "-D", *map(str, pieces), str(audio))
    starts = []
    elapsed = EDGE_SECONDS
    for duration, pause in zip(durations, clip.pauses, strict=False):
        elapsed += duration
        starts.append(elapsed)
        elapsed += pause
    return Clip(
        text=clip,
        audio=audio,
        seconds=_seconds(audio),
        speaking_seconds=sum(durations),
        pause_starts=tuple(starts),
    )


def normalised_words(text: str) -> list[str]:
    """Lower-case words without punctuation; hyphenated words are split."""
    return re.findall(r"[a-z0-9']+", text.lower().replace("-", " "))


def word_error_rate(reference: str, hypothesis: str) -> tuple[int, int]:
    """(word edits, reference words): substitutions, deletions and insertions (Levenshtein)."""
    ref, hyp = normalised_words(reference), normalised_words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i]
        for j, hyp_word in enumerate(hyp, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_word != hyp_word))
            )
        previous = current
    return previous[-1], len(ref)


def _silence(path: Path, seconds: float) -> Path:
    _run("sox", "-D", "-n", "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(path),
         "trim", "0", f"{seconds:.3f}")  # fmt: skip
    return path


def _seconds(path: Path) -> float:
    return float(_run("soxi", "-D", str(path)))


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout
