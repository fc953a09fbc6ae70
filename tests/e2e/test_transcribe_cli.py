"""End-to-end: the real ``transcribe`` command on speech synthesised in the test.

espeak-ng speaks fixed AI PM answers (tests/data/speech/clips.json) and sox inserts
pauses (tests/speech_clips.py); the command runs the real engine in a subprocess. The
accuracy and speed figures are measured by benchmarks/speech.py, not here: these tests
check that the words come out, that each long pause is found and no short one is, and
the JSON's shape. They run no clock.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.e2e.test_cli import describe, run
from tests.speech_clips import Clip, clip_texts, missing_tools, synthesise, word_error_rate

pytestmark = pytest.mark.e2e

# Two pauses over 2 s; and one of 0.8 s, which is no long pause.
CLIP_IDS = ("launch-decision", "model-drift")
PYTHON_PROGRAM = (sys.executable, "-m", "aipm_desktop")


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Clip]:
    if missing := missing_tools():
        pytest.skip(f"speech synthesis needs {', '.join(missing)} (apt-get install espeak-ng sox)")
    folder = tmp_path_factory.mktemp("speech")
    texts = {text.id: text for text in clip_texts()}
    return {clip_id: synthesise(texts[clip_id], folder) for clip_id in CLIP_IDS}


@pytest.mark.parametrize("clip_id", CLIP_IDS)
def test_transcribe_prints_the_words_pauses_and_pace_as_json(
    clips: dict[str, Clip], clip_id: str, tmp_path: Path, env: dict[str, str]
) -> None:
    clip = clips[clip_id]

    result = run(["transcribe", str(clip.audio)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    printed = json.loads(result.stdout)
    assert list(printed) == [
        "text",
        "seconds",
        "words_per_minute",
        "long_pauses",
        "fillers",
        "words",
    ]
    edits, reference_words = word_error_rate(clip.text.text, printed["text"])
    assert edits / reference_words <= 0.25, printed["text"]
    assert printed["seconds"] == pytest.approx(clip.seconds, abs=0.05)
    assert printed["long_pauses"] == sum(pause > 2.0 for pause in clip.text.pauses)
    assert printed["fillers"] == 0
    assert printed["words_per_minute"] == pytest.approx(clip.words_per_minute, rel=0.15)
    words = printed["words"]
    assert " ".join(word["word"] for word in words) == printed["text"]
    assert all(set(word) == {"word", "start", "end"} for word in words)
    starts = [word["start"] for word in words]
    assert starts == sorted(starts)
    assert all(0 <= word["start"] <= word["end"] <= printed["seconds"] for word in words)


def test_transcribe_exits_2_for_a_file_that_is_not_audio(
    tmp_path: Path, env: dict[str, str]
) -> None:
    notes = tmp_path / "answer.wav"
    notes.write_text("Precision is the share of flagged items that are right.\n", "utf-8")

    result = run(["transcribe", str(notes)], env, cwd=tmp_path)

    assert result.returncode == 2, describe(result)
    assert result.stdout == ""
    assert "answer.wav: it is not an audio file, or it is damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_transcribe_exits_2_for_a_missing_file(tmp_path: Path, env: dict[str, str]) -> None:
    result = run(["transcribe", "nowhere.wav", "--format", "text"], env, cwd=tmp_path)

    assert result.returncode == 2, describe(result)
    assert result.stdout == ""
    assert result.stderr == "aipm-desktop transcribe: cannot read nowhere.wav: no such file\n"


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (apt install strace)")
def test_transcribe_opens_no_internet_socket(
    clips: dict[str, Clip], tmp_path: Path, env: dict[str, str]
) -> None:
    for name in [name for name in env if name.startswith(("HF_", "HUGGINGFACE"))]:
        del env[name]  # the engine itself keeps the model hub offline
    trace = tmp_path / "trace.log"
    audio = clips["model-drift"].audio
    program = ("strace", "-f", "-qq", "-e", "trace=socket,connect,openat", "-o", str(trace))

    result = run(["transcribe", str(audio)], env, cwd=tmp_path, program=(*program, *PYTHON_PROGRAM))

    log = trace.read_text(encoding="utf-8") if trace.exists() else ""
    if result.returncode != 0 and "ptrace" in (result.stderr + log):
        pytest.skip(f"strace may not trace here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, describe(result)
    assert str(audio) in log, "the trace did not see the audio file opened"
    assert "model.bin" in log, "the trace did not see the model opened"
    internet = [line for line in log.splitlines() if re.search(r"AF_INET6?\b|AF_PACKET", line)]
    assert not internet, "internet sockets were opened:\n" + "\n".join(internet)
