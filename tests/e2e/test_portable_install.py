"""The portable tarball's install.sh, run against a stand-in unpacked folder.

The real tarball is tested in a clean Debian root by ``make dist-portable-test``; these
tests check install.sh's own behaviour quickly and without root: where it puts things,
the upgrade, the uninstaller, and that the user's data is never touched.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell"),
]

REPO_ROOT = Path(__file__).resolve().parents[2]
INSTALL_SH = REPO_ROOT / "packaging" / "linux" / "portable" / "install.sh"
DESKTOP_ENTRY = REPO_ROOT / "packaging" / "linux" / "aipm-desktop.desktop"
ICON = REPO_ROOT / "resources" / "icons" / "hicolor" / "48x48" / "apps" / "aipm-desktop.png"
TIMEOUT_SECONDS = 60


def unpacked_folder(parent: Path, version: str) -> Path:
    """A folder laid out like the tarball's, with a shell script standing in for the program."""
    folder = parent / f"aipm-desktop-{version}-linux-x86_64"
    program = folder / "aipm-desktop" / "aipm-desktop"
    (folder / "aipm-desktop" / "_internal").mkdir(parents=True)
    program.write_text(f'#!/bin/sh\necho "AIPM Desktop {version}"\n', "utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    shutil.copy(INSTALL_SH, folder / "install.sh")
    (folder / "share" / "applications").mkdir(parents=True)
    shutil.copy(DESKTOP_ENTRY, folder / "share" / "applications" / "aipm-desktop.desktop")
    icons = folder / "share" / "icons" / "hicolor" / "48x48" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(ICON, icons / "aipm-desktop.png")
    return folder


def run(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a script with ``home`` as HOME and nothing of the caller's XDG setup."""
    environ = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}
    return subprocess.run(
        ["sh", str(script), *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def test_install_puts_the_program_menu_entry_and_icon_in_the_users_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    folder = unpacked_folder(tmp_path, "1.0.0")

    result = run(folder / "install.sh", home)

    assert result.returncode == 0, result.stderr
    assert "AIPM Desktop 1.0.0 is installed" in result.stdout
    program = home / ".local" / "opt" / "aipm-desktop" / "aipm-desktop"
    assert program.is_file()
    command = home / ".local" / "bin" / "aipm-desktop"
    assert command.is_symlink()
    assert command.resolve() == program.resolve()
    menu = home / ".local" / "share" / "applications" / "aipm-desktop.desktop"
    assert f'Exec="{program}"' in menu.read_text("utf-8").splitlines()
    icon = home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / "aipm-desktop.png"
    assert icon.read_bytes() == ICON.read_bytes()


def test_installing_a_newer_version_replaces_the_old_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    old = unpacked_folder(tmp_path / "old", "1.0.0")
    new = unpacked_folder(tmp_path / "new", "1.1.0")
    assert run(old / "install.sh", home).returncode == 0
    stale = home / ".local" / "opt" / "aipm-desktop" / "_internal" / "only-in-1.0.0.so"
    stale.write_bytes(b"old library")

    result = run(new / "install.sh", home)

    assert result.returncode == 0, result.stderr
    assert "AIPM Desktop 1.1.0 is installed" in result.stdout
    assert not stale.exists()
    assert not (home / ".local" / "opt" / "aipm-desktop.new").exists()


def test_uninstall_removes_what_install_added_and_keeps_the_users_data(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share" / "aipm" / "aipm-desktop"
    data.mkdir(parents=True)
    (data / "aipm.sqlite3").write_bytes(b"the user's answers")
    folder = unpacked_folder(tmp_path, "1.0.0")
    assert run(folder / "install.sh", home).returncode == 0
    shutil.rmtree(folder)  # the download is gone; the installed copy uninstalls itself

    result = run(home / ".local" / "opt" / "aipm-desktop" / "uninstall.sh", home)

    assert result.returncode == 0, result.stderr
    assert not (home / ".local" / "opt").exists()
    assert not (home / ".local" / "bin" / "aipm-desktop").exists()
    assert not (home / ".local" / "share" / "applications" / "aipm-desktop.desktop").exists()
    assert not list((home / ".local" / "share" / "icons").rglob("aipm-desktop.*"))
    assert (data / "aipm.sqlite3").read_bytes() == b"the user's answers"
    assert str(data) in result.stdout


def test_install_refuses_to_run_outside_the_unpacked_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    lone = tmp_path / "lone"
    lone.mkdir()
    shutil.copy(INSTALL_SH, lone / "install.sh")

    result = run(lone / "install.sh", home)

    assert result.returncode == 1
    assert "run it from the unpacked folder" in result.stderr
    assert not (home / ".local").exists()


def test_an_unknown_option_is_refused(tmp_path: Path) -> None:
    result = run(INSTALL_SH, tmp_path, "--remove")

    assert result.returncode == 2
    assert "unknown option --remove" in result.stderr
