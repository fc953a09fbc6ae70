"""The Windows installer script compiles (``makensis`` from Debian's nsis package), and the
launcher builds (mingw-w64).

The script is compiled against a stand-in program folder: this proves the script itself
(syntax, pages, icon, uninstaller, 64-bit), not the app. The real installer is built by
``make dist-windows`` and installed, run and uninstalled under Wine by
``make dist-windows-test``.
"""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (apt: nsis) missing"),
]

WINDOWS = Path(__file__).resolve().parents[2] / "packaging" / "windows"
SCRIPT = WINDOWS / "aipm-desktop.nsi"
SPEECH_SCRIPT = WINDOWS / "aipm-desktop-speech.nsi"
AMD64 = 0x8664
GUI_SUBSYSTEM = 2


def pe_header(path: Path) -> tuple[int, int]:
    """The machine and subsystem fields of a Windows program's PE header."""
    data = path.read_bytes()
    assert data[:2] == b"MZ"
    (pe_offset,) = struct.unpack_from("<I", data, 0x3C)
    assert data[pe_offset : pe_offset + 4] == b"PE\0\0"
    (machine,) = struct.unpack_from("<H", data, pe_offset + 4)
    optional_header = pe_offset + 24
    (subsystem,) = struct.unpack_from("<H", data, optional_header + 68)
    return machine, subsystem


def test_the_nsis_script_compiles_into_an_installer(tmp_path: Path) -> None:
    bundle = tmp_path / "AIPM Desktop"
    (bundle / "runtime").mkdir(parents=True)
    (bundle / "lib" / "aipm_desktop").mkdir(parents=True)
    (bundle / "aipm-desktop.exe").write_bytes(b"MZ stand-in")
    (bundle / "runtime" / "python313.dll").write_bytes(b"stand-in")
    (bundle / "lib" / "aipm_desktop" / "__init__.py").write_bytes(b"stand-in")
    installer = tmp_path / "AIPM-Desktop-9.9.9-setup.exe"

    result = subprocess.run(
        [
            "makensis",
            "-V2",
            "-WX",  # warnings are errors
            "-DVERSION=9.9.9",
            f"-DDIST_DIR={bundle}",
            f"-DOUT_FILE={installer}",
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    machine, subsystem = pe_header(installer)
    assert machine == AMD64  # runs on 64-bit Windows, and under Wine without wine32
    assert subsystem == GUI_SUBSYSTEM


def test_the_speech_add_ons_nsis_script_compiles_into_an_installer(tmp_path: Path) -> None:
    addon = tmp_path / "speech"
    (addon / "lib" / "faster_whisper").mkdir(parents=True)
    (addon / "lib" / "faster_whisper" / "__init__.py").write_bytes(b"stand-in")
    installer = tmp_path / "AIPM-Desktop-Speech-9.9.9-setup.exe"

    result = subprocess.run(
        [
            "makensis",
            "-V2",
            "-WX",  # warnings are errors
            "-DVERSION=9.9.9",
            "-DSIZE_KB=2048",
            f"-DDIST_DIR={addon}",
            f"-DOUT_FILE={installer}",
            str(SPEECH_SCRIPT),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert pe_header(installer) == (AMD64, GUI_SUBSYSTEM)


def test_the_nsis_script_refuses_to_build_without_a_version(tmp_path: Path) -> None:
    result = subprocess.run(
        ["makensis", "-V2", f"-DOUT_FILE={tmp_path / 'x.exe'}", str(SCRIPT)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "pass the version" in result.stdout + result.stderr


@pytest.mark.skipif(
    shutil.which("x86_64-w64-mingw32-gcc") is None, reason="mingw-w64 (apt: gcc-mingw-w64) missing"
)
def test_the_launcher_is_a_64_bit_windows_program_without_a_console(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_windows", WINDOWS / "build_windows.py")
    assert spec is not None
    assert spec.loader is not None
    build_windows = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_windows)

    build_windows.build_launcher(tmp_path, tmp_path)

    launcher = tmp_path / "aipm-desktop.exe"
    assert pe_header(launcher) == (AMD64, GUI_SUBSYSTEM)
    icon = Path(__file__).resolve().parents[2] / "resources" / "icons" / "aipm-desktop.ico"
    # The icon's largest image is embedded as a resource (after the .ico's 6-byte header
    # and 16-byte directory entries, each image is stored as it is).
    assert icon.read_bytes()[-64:] in launcher.read_bytes()
