"""The Windows speech add-on (packaging/windows/build_windows_speech.py): its pins and layout."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

from aipm_desktop import __version__
from aipm_desktop.services.transcription import SPEECH_INSTALL_HINT
from tests.speech_clips import clip_texts, missing_tools, synthesise

REPO_ROOT = Path(__file__).resolve().parents[2]
WINDOWS = REPO_ROOT / "packaging" / "windows"
WINDOWS_PYTHON = {
    **default_environment(),
    "sys_platform": "win32",
    "platform_system": "Windows",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "python_version": "3.13",
    "python_full_version": "3.13.2",
    "implementation_name": "cpython",
    "extra": "",
}
"""The embedded CPython of the Windows build, for requirement markers."""


def load(path: Path) -> ModuleType:
    """Import a packaging script by path (they are scripts, not a package)."""
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


build_speech = load(WINDOWS / "build_windows_speech.py")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: Path) -> dict[str, str]:
    """A requirements file as normalised name -> pinned version; each line hash-pinned."""
    pinned = {}
    for line in requirements.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line.split(" --hash")[0])
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            assert re.search(r"--hash=sha256:[0-9a-f]{64}$", line), line
            pinned[normalised(requirement.name)] = specifier.version
    return pinned


SPEECH_PINS = pins(WINDOWS / "requirements-speech.txt")
BASE_PINS = pins(WINDOWS / "requirements.txt")


def test_the_add_on_pins_the_speech_extra_within_its_bounds_and_nothing_the_base_has() -> None:
    extras = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    for line in extras["optional-dependencies"]["speech"]:
        requirement = Requirement(line)
        name = normalised(requirement.name)
        assert name in SPEECH_PINS, f"{name} is missing from requirements-speech.txt"
        assert requirement.specifier.contains(SPEECH_PINS[name]), f"{name} vs {line}"

    assert not set(SPEECH_PINS) & set(BASE_PINS)


def test_the_add_on_pins_the_versions_the_linux_venv_runs() -> None:
    for name, version in SPEECH_PINS.items():
        assert importlib.metadata.version(name) == version, name


def test_every_windows_dependency_of_the_add_on_is_pinned_or_left_out_on_purpose() -> None:
    missing = []
    for name in SPEECH_PINS:
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is not None and not requirement.marker.evaluate(WINDOWS_PYTHON):
                continue
            dependency = normalised(requirement.name)
            version = SPEECH_PINS.get(dependency) or BASE_PINS.get(dependency)
            if version is None:
                if dependency not in build_speech.LEFT_OUT:
                    missing.append(f"{name} needs {line}")
            else:
                assert requirement.specifier.contains(version), f"{name}: {line} vs {version}"

    assert missing == []
    assert "huggingface-hub" in SPEECH_PINS  # faster_whisper/utils.py imports it at the top


def test_the_apps_python_path_has_the_add_ons_folder() -> None:
    lines = (WINDOWS / "python313._pth").read_text("utf-8").splitlines()

    assert "..\\speech\\lib" in lines  # the add-on installs speech\lib beside runtime\
    assert "import site" not in lines  # isolated: no .pth file of a library is obeyed


def test_the_hint_names_the_add_ons_installer_of_this_version() -> None:
    assert f"AIPM-Desktop-Speech-{__version__}-setup.exe" in SPEECH_INSTALL_HINT
    nsis = (WINDOWS / "aipm-desktop-speech.nsi").read_text("utf-8")
    assert 'AIPM-Desktop-Speech-${VERSION}-setup.exe"' in nsis


def test_a_transcription_never_imports_what_the_add_on_leaves_out(tmp_path: Path) -> None:
    if missing := missing_tools():
        pytest.skip(f"speech synthesis needs {', '.join(missing)} (apt-get install espeak-ng sox)")
    modules = sorted(
        module
        for module, distributions in importlib.metadata.packages_distributions().items()
        if any(normalised(d) in build_speech.LEFT_OUT for d in distributions)
    )
    assert "hf_xet" in modules
    assert "httpx2" in modules
    clip = synthesise({c.id: c for c in clip_texts()}["prioritisation"], tmp_path)
    refuse = (
        "import sys\n"
        f"for name in {modules!r}: sys.modules[name] = None\n"  # importing them raises
        "from aipm_desktop.app import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", refuse, "transcribe", "--format", "text", str(clip.audio)],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert "prioriti" in result.stdout.lower()
