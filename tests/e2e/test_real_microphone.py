"""Speak mode through a real audio stack: the real recorder, a sound server, the real engine.

A private sound server (tests/e2e/sound_server.py: PulseAudio, or PipeWire with
pipewire-pulse) gets a virtual microphone; the app, in a process of its own
(microphone_driver.py), records an answer in Speak mode by keys with the real
``MicrophoneRecorder`` (Qt's QAudioSource on the default input) while espeak-ng's
synthesised answer is played into that microphone, and the real transcriber turns the
recording into the stored answer. Skipped when the server's programs, the synthesis
tools or the speech part are missing; CI (.ci/run) installs them all and sets
``AIPM_REQUIRE_SOUND_SERVERS=1``, which turns such a skip into a failure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aipm_desktop.services.transcription import speech_unavailable_reason
from tests.e2e.sound_server import missing_programs, virtual_microphone
from tests.speech_clips import (
    ClipText,
    clip_texts,
    missing_tools,
    normalised_words,
    synthesise,
    word_error_rate,
)

pytestmark = pytest.mark.e2e

DRIVER = Path(__file__).with_name("microphone_driver.py")
SPOKEN = next(text for text in clip_texts() if text.id == "hallucinations")
CLIP = ClipText(
    id="through-the-microphone", rate=SPOKEN.rate, segments=SPOKEN.segments[:1], pauses=()
)
"""The first sentences of a fixed answer (15.5 s spoken): the clip the driver plays."""
APT_PACKAGES = {
    "pulseaudio": "pulseaudio pulseaudio-utils",
    "pipewire": "pipewire pipewire-pulse wireplumber pulseaudio-utils dbus-daemon",
}


def skip(reason: str) -> None:
    """Skip, or fail where the sound servers are required (CI)."""
    if os.environ.get("AIPM_REQUIRE_SOUND_SERVERS") == "1":
        pytest.fail(f"AIPM_REQUIRE_SOUND_SERVERS=1, but {reason}")
    pytest.skip(reason)


QT_PIPEWIRE_SINCE = (0, 3, 75)
"""Qt 6.11's own PipeWire backend needs this libpipewire (Debian 12 has 0.3.65)."""


def pipewire_library_version() -> tuple[int, ...]:
    """The libpipewire that ``pipewire`` links with, e.g. (0, 3, 65)."""
    shown = subprocess.run(["pipewire", "--version"], capture_output=True, text=True).stdout
    found = re.search(r"Linked with libpipewire (\d+)\.(\d+)\.(\d+)", shown)
    return tuple(int(part) for part in found.groups()) if found else ()


@pytest.mark.parametrize(
    ("kind", "qt_backend"),
    [("pulseaudio", None), ("pipewire", None), ("pipewire", "pipewire")],
    ids=["pulseaudio", "pipewire", "pipewire-qt-backend"],
)
def test_a_spoken_answer_recorded_through_a_sound_server_is_transcribed_and_stored(
    kind: str, qt_backend: str | None, tmp_path: Path, env: dict[str, str]
) -> None:
    """By default Qt 6.11 records through PulseAudio's protocol (pipewire-pulse on a
    PipeWire desktop); ``pipewire-qt-backend`` asks for Qt's own PipeWire backend, and is
    skipped (even in CI) where libpipewire is older than Qt needs."""
    if missing := missing_programs(kind):
        skip(f"{kind} needs {', '.join(missing)} (apt-get install {APT_PACKAGES[kind]})")
    env = {name: value for name, value in env.items() if name != "QT_AUDIO_BACKEND"}
    if qt_backend is not None:
        if (version := pipewire_library_version()) < QT_PIPEWIRE_SINCE:
            pytest.skip(f"Qt's PipeWire backend needs libpipewire 0.3.75, this is {version}")
        env["QT_AUDIO_BACKEND"] = qt_backend
    if missing := missing_tools():
        skip(f"speech synthesis needs {', '.join(missing)} (apt-get install espeak-ng sox)")
    if reason := speech_unavailable_reason():
        skip(reason)
    clip = synthesise(CLIP, tmp_path / "clip")
    data_dir = tmp_path / "data"
    data_dir.mkdir()

    with virtual_microphone(kind, tmp_path / "server") as microphone:
        done = subprocess.run(
            [
                sys.executable,
                str(DRIVER),
                "answer",
                str(data_dir),
                str(clip.audio),
                *microphone.player,
            ],
            env=microphone.client_env(env),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    described = f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-3000:]}"
    assert done.returncode == 0, described
    result = json.loads(done.stdout.splitlines()[-1])
    if qt_backend is not None:  # Qt says so when it falls back to PulseAudio
        assert "backend requested. not available" not in done.stderr, described
    assert result["said"] == [], described  # no "the microphone stopped sending sound"
    assert result["player_exit"] == 0, described
    # Real time: a second before the clip, the clip, a second after it; and nothing lost
    # while the UI thread was busy for 1.5 s (Qt's own 0.25 s buffer would lose 1.25 s).
    assert result["recorded_seconds"] >= clip.seconds + 1.5, described
    lost = result["time_after_first_second"] - result["audio_after_first_second"]
    assert lost < 0.5, described
    assert result["peak_level"] > 0.1, described
    heard = result["transcript"]
    edits, reference_words = word_error_rate(CLIP.text, heard)
    assert edits / reference_words <= 0.25, heard
    assert {"customer", "chatbot", "language", "retrieval", "question"} <= set(
        normalised_words(heard)
    ), heard
    (attempt,) = result["attempts"]
    assert attempt["answer_mode"] == "speak"
    assert attempt["transcript"] == heard
    assert attempt["answer"] == heard  # stored as transcribed: nothing was corrected
    assert attempt["audio_file"] is not None
    assert (data_dir / attempt["audio_file"]).stat().st_size > clip.seconds * 32_000


def test_a_source_that_only_trickles_ends_the_recording_with_a_message(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """PulseAudio's sine source posts 2 s blocks, of which Qt's input gets about 0.06 s
    (its stream buffer is 1,024 frames): the silent-input watch ends the recording."""
    if missing := missing_programs("pulseaudio"):
        skip(
            f"pulseaudio needs {', '.join(missing)} (apt-get install {APT_PACKAGES['pulseaudio']})"
        )
    data_dir = tmp_path / "data"
    data_dir.mkdir()

    with virtual_microphone("pulseaudio", tmp_path / "server", source="sine") as microphone:
        done = subprocess.run(
            [sys.executable, str(DRIVER), "stall", str(data_dir)],
            env=microphone.client_env(env),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    described = f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-3000:]}"
    assert done.returncode == 0, described
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["said"][0].startswith("The microphone stopped sending sound"), described
    assert result["recorded_seconds"] < 1.0, described
    assert 3.0 <= result["ended_after_seconds"] < 10.0, described
