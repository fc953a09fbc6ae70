"""The Windows installer script compiles (``makensis`` from Debian's nsis package).

PyInstaller does not cross-compile, so the script is compiled here against a stand-in
bundle: this proves the script itself (syntax, pages, icon, uninstaller), not the app.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (apt: nsis) missing"),
]

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "windows" / "aipm-desktop.nsi"


def test_the_nsis_script_compiles_into_an_installer(tmp_path: Path) -> None:
    bundle = tmp_path / "aipm-desktop"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "aipm-desktop.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    installer = tmp_path / "aipm-desktop-9.9.9-windows-x64.exe"

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
    assert installer.read_bytes()[:2] == b"MZ"


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
