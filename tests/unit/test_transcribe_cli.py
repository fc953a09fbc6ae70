"""The ``transcribe`` command with a stand-in engine: its JSON, its text, exit 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from aipm_desktop.app import main
from aipm_desktop.cli.terminal import printable_stream
from aipm_desktop.cli.transcribe import run_transcribe, to_json
from aipm_desktop.cli.transcribe_serve import serve
from aipm_desktop.core.speech.delivery import analyse
from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.services.speech_worker import request_line
from aipm_desktop.services.transcription import (
    ProgressCallback,
    SpeechUnavailableError,
    Transcriber,
    TranscriptionError,
)

SPOKEN = Transcript(
    text="Um, precision first. Then, like, recall \x1b]0;owned\x07",
    words=(
        Word("Um,", 0.4, 0.6),
        Word("precision", 0.6, 1.204),
        Word("first.", 1.204, 1.6),
        Word("Then,", 4.1, 4.4),
        Word("like,", 4.4, 4.6),
        Word("recall", 4.6, 5.0),
        Word("\x1b]0;owned\x07", 5.0, 5.2),
    ),
    seconds=6.0,
)


class StandIn:
    """Returns ``transcript`` for any file, or raises ``error``."""

    def __init__(self, transcript: Transcript = SPOKEN, error: Exception | None = None) -> None:
        self.transcript = transcript
        self.error = error

    def transcribe(self, audio: Path, progress: ProgressCallback | None = None) -> Transcript:
        if self.error is not None:
            raise self.error
        return self.transcript


def transcribe(
    audio: Path, output_format: str = "json", engine: Transcriber | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_transcribe(
        str(audio),
        output_format,
        printable_stream(out),
        printable_stream(err),
        load=lambda: engine or StandIn(),
    )
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def audio(tmp_path: Path) -> Path:
    path = tmp_path / "answer.wav"
    path.write_bytes(b"RIFF")
    return path


def test_json_has_the_issue_shape_and_the_delivery_counts(audio: Path) -> None:
    code, out, err = transcribe(audio)

    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert printed == {
        "text": SPOKEN.text,
        "seconds": 6.0,
        # 7 words over 4.8 s of speech minus the 2.5 s pause.
        "words_per_minute": round(7 * 60 / 2.3, 1),
        "long_pauses": 1,
        "fillers": 2,
        "words": [
            {"word": w.text, "start": round(w.start, 2), "end": round(w.end, 2)}
            for w in SPOKEN.words
        ],
    }
    assert "\x1b" not in out  # the transcript cannot drive the terminal


def test_text_shows_the_transcript_and_what_was_observed(audio: Path) -> None:
    code, out, _err = transcribe(audio, "text")

    assert code == 0
    assert out.splitlines() == [
        "Um, precision first. Then, like, recall \\u001b]0;owned\\u0007",
        "",
        "Length: 6.0 s, speaking 2.3 s; 183 words per minute",
        "Long pauses (over 2 s): 1",
        "  2.5 s at 1.6 s, between “first.” and “Then,”",
        "Fillers: 2 (“um” at 0.4 s, “like” at 4.4 s)",
    ]


def test_nothing_heard_is_said_plainly(audio: Path) -> None:
    code, out, _err = transcribe(audio, "text", StandIn(Transcript("", (), 4.0)))

    assert code == 0
    assert out.splitlines()[0] == "(nothing was heard)"
    assert "no words heard" in out
    code, out, _err = transcribe(audio, "json", StandIn(Transcript("", (), 4.0)))
    assert json.loads(out)["words_per_minute"] is None


def test_without_the_speech_part_it_exits_2_with_how_to_add_it(audio: Path) -> None:
    engine = StandIn(error=SpeechUnavailableError("Answering out loud needs the add-on."))

    assert transcribe(audio, engine=engine) == (
        2,
        "",
        "aipm-desktop transcribe: Answering out loud needs the add-on.\n",
    )


def test_an_unreadable_file_exits_2(audio: Path) -> None:
    engine = StandIn(error=TranscriptionError(f"cannot read {audio}: it is not an audio file"))

    code, out, err = transcribe(audio, engine=engine)

    assert (code, out) == (2, "")
    assert err == f"aipm-desktop transcribe: cannot read {audio}: it is not an audio file\n"


def test_a_folder_exits_2_before_any_model_loads(tmp_path: Path) -> None:
    def never() -> Transcriber:
        raise AssertionError("the model was loaded")

    out, err = io.StringIO(), io.StringIO()

    assert run_transcribe(str(tmp_path), "json", out, err, load=never) == 2
    assert err.getvalue() == f"aipm-desktop transcribe: cannot read {tmp_path}: not a file\n"


def test_the_command_is_registered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(tmp_path / "missing.wav")]) == 2
    assert "missing.wav: no such file" in capsys.readouterr().err


class ProgressStandIn(StandIn):
    """Reports halfway, then returns its transcript."""

    def transcribe(self, audio: Path, progress: ProgressCallback | None = None) -> Transcript:
        if progress is not None:
            progress(0.5)
        return super().transcribe(audio, progress)


def test_serve_answers_each_request_line_and_loads_the_model_once(audio: Path) -> None:
    loads: list[ProgressStandIn] = []

    def load() -> Transcriber:
        loads.append(ProgressStandIn())
        return loads[-1]

    requests = io.StringIO(
        "\n".join(
            [
                request_line(audio),
                request_line(audio.with_name("missing.wav")),
                "not json",
                request_line(audio),
                "",
            ]
        )
    )
    replies = io.StringIO()

    assert serve(requests, replies, load) == 0  # the input ended

    lines = [json.loads(line) for line in replies.getvalue().splitlines()]
    expected = to_json(SPOKEN, analyse(SPOKEN))
    assert lines == [
        {"progress": 0.5},
        {"result": expected},
        {"error": f"cannot read {audio.with_name('missing.wav')}: no such file"},
        {"error": "not a request: not json"},
        {"progress": 0.5},
        {"result": expected},
    ]
    assert len(loads) == 1
    assert all(ord(char) < 128 for char in replies.getvalue())  # ASCII, whatever the locale


def test_serve_reports_a_model_that_cannot_load_and_tries_again(audio: Path) -> None:
    attempts: list[int] = []

    def load() -> Transcriber:
        attempts.append(1)
        if len(attempts) == 1:
            raise SpeechUnavailableError("the model is damaged")
        return StandIn()

    replies = io.StringIO()
    serve(io.StringIO(f"{request_line(audio)}\n{request_line(audio)}\n"), replies, load)

    first, second = (json.loads(line) for line in replies.getvalue().splitlines())
    assert first == {"error": "the model is damaged"}
    assert second["result"]["text"] == SPOKEN.text


def test_serve_is_hidden_and_file_is_still_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["transcribe"])
    assert exited.value.code == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["transcribe", "--help"])
    shown = capsys.readouterr().out
    assert "--serve" not in shown
    assert "[--format {json,text}] FILE" in shown
