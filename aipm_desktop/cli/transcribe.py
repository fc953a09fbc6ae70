"""The ``transcribe`` command: an audio file's transcript and delivery figures. No Qt.

Everything happens on this computer (see services/whisper.py); nothing is sent anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from aipm_desktop.core.speech.delivery import Delivery, analyse
from aipm_desktop.core.speech.transcript import Transcript
from aipm_desktop.services.transcription import (
    SpeechUnavailableError,
    Transcriber,
    TranscriptionError,
    load_transcriber,
)

USAGE_ERROR = 2


def run_transcribe(
    audio_file: str,
    output_format: str,
    out: TextIO,
    err: TextIO,
    load: Callable[[], Transcriber] = load_transcriber,
    show_progress: bool = False,
) -> int:
    """Print the transcript as JSON or text; 2 for an unreadable file or no speech part.

    With ``show_progress``, lines ``progress 0.42`` on ``err`` tell how far it got (the
    frozen app reads them from the speech add-on's program).
    """
    audio = Path(audio_file)
    if not audio.is_file():
        reason = "no such file" if not audio.exists() else "not a file"
        print(f"aipm-desktop transcribe: cannot read {audio_file}: {reason}", file=err)
        return USAGE_ERROR
    try:
        transcript = load().transcribe(audio, _printer(err) if show_progress else None)
    except (SpeechUnavailableError, TranscriptionError) as error:
        print(f"aipm-desktop transcribe: {error}", file=err)
        return USAGE_ERROR
    delivery = analyse(transcript)
    if output_format == "json":
        json.dump(to_json(transcript, delivery), out, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(format_text(transcript, delivery))
    return 0


def _printer(err: TextIO) -> Callable[[float], None]:
    def show(share: float) -> None:
        err.write(f"progress {share:.3f}\n")
        err.flush()

    return show


def to_json(transcript: Transcript, delivery: Delivery) -> dict[str, Any]:
    """The command's JSON: the text, the audio's length, the delivery counts, the words."""
    wpm = delivery.words_per_minute
    return {
        "text": transcript.text,
        "seconds": round(transcript.seconds, 2),
        "words_per_minute": None if wpm is None else round(wpm, 1),
        "long_pauses": len(delivery.long_pauses),
        "fillers": len(delivery.fillers),
        "words": [
            {"word": word.text, "start": round(word.start, 2), "end": round(word.end, 2)}
            for word in transcript.words
        ],
    }


def format_text(transcript: Transcript, delivery: Delivery) -> str:
    """The transcript and what it shows, for people."""
    wpm = delivery.words_per_minute
    pace = "no words heard" if wpm is None else f"{wpm:.0f} words per minute"
    lines = [
        transcript.text or "(nothing was heard)",
        "",
        f"Length: {transcript.seconds:.1f} s, speaking {delivery.speaking_seconds:.1f} s; {pace}",
        f"Long pauses (over 2 s): {len(delivery.long_pauses)}",
    ]
    lines += [
        f"  {pause.seconds:.1f} s at {pause.start:.1f} s, "
        f"between “{pause.word_before}” and “{pause.word_after}”"
        for pause in delivery.long_pauses
    ]
    fillers = ", ".join(f"“{filler.text}” at {filler.start:.1f} s" for filler in delivery.fillers)
    lines.append(f"Fillers: {len(delivery.fillers)}" + (f" ({fillers})" if fillers else ""))
    return "\n".join(lines) + "\n"
