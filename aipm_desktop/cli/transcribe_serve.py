"""``transcribe --serve``: the speech add-on's long-lived mode, for the frozen app.

The frozen app starts the add-on's program once, on its first transcription, and sends
it one request a line; the model is loaded on the first request and kept. The protocol
is described (and its lines made and read) in :mod:`aipm_desktop.services.speech_worker`.
No Qt; hidden from ``--help``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from aipm_desktop.cli.transcribe import to_json
from aipm_desktop.core.speech.delivery import analyse
from aipm_desktop.services.speech_worker import error_line, progress_line, read_request, result_line
from aipm_desktop.services.transcription import (
    SpeechUnavailableError,
    Transcriber,
    TranscriptionError,
    load_transcriber,
)


def serve(
    requests: TextIO, replies: TextIO, load: Callable[[], Transcriber] = load_transcriber
) -> int:
    """Answer each request line until the input ends; 0 then."""
    transcriber: Transcriber | None = None
    for line in requests:
        if not line.strip():
            continue

        def send(reply: str) -> None:
            replies.write(reply + "\n")
            replies.flush()

        try:
            audio = read_request(line)
            if not audio.is_file():
                reason = "no such file" if not audio.exists() else "not a file"
                raise TranscriptionError(f"cannot read {audio}: {reason}")
            if transcriber is None:
                transcriber = load()  # once: the model stays loaded for the next request
            transcript = transcriber.transcribe(
                Path(audio), lambda share: send(progress_line(share))
            )
        except (SpeechUnavailableError, TranscriptionError, ValueError) as error:
            send(error_line(str(error)))
            continue
        send(result_line(to_json(transcript, analyse(transcript))))
    return 0
