"""Where data goes: --data-dir, then AIPM_DATA_DIR, then the platform's app-data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aipm_desktop.services.paths import (
    APPLICATION_NAME,
    DATA_DIR_ENV_VAR,
    database_path,
    platform_data_dir_without_qt,
    resolve_data_dir,
    resolve_data_dir_without_qt,
)
from aipm_desktop.ui.app.data_dir import platform_data_dir


def test_option_wins_over_environment(tmp_path: Path) -> None:
    chosen = resolve_data_dir(
        str(tmp_path / "a"), {DATA_DIR_ENV_VAR: str(tmp_path / "b")}, platform_data_dir
    )
    assert chosen == tmp_path / "a"


def test_environment_when_no_option(tmp_path: Path) -> None:
    assert (
        resolve_data_dir(None, {DATA_DIR_ENV_VAR: str(tmp_path / "b")}, platform_data_dir)
        == tmp_path / "b"
    )


def test_relative_and_home_paths_are_made_absolute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/someone")
    assert resolve_data_dir("~/practice", {}, platform_data_dir) == Path("/home/someone/practice")
    assert resolve_data_dir("rel", {}, platform_data_dir).is_absolute()


def test_blank_environment_falls_back_to_the_platform_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = resolve_data_dir(None, {DATA_DIR_ENV_VAR: "  "}, platform_data_dir)
    assert folder == platform_data_dir()
    assert folder.name == APPLICATION_NAME
    assert tmp_path / "xdg" in folder.parents


def test_platform_folder_is_not_next_to_the_program() -> None:
    package_dir = Path(__file__).resolve().parents[2] / "aipm_desktop"
    assert package_dir not in platform_data_dir().parents


def test_database_lives_in_the_data_folder(tmp_path: Path) -> None:
    assert database_path(tmp_path) == tmp_path / "aipm.sqlite3"


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, "/home/u/.local/share/aipm/aipm-desktop"),
        ("linux", {"XDG_DATA_HOME": "/x/data"}, "/x/data/aipm/aipm-desktop"),
        ("linux", {"XDG_DATA_HOME": "relative"}, "/home/u/.local/share/aipm/aipm-desktop"),
        ("darwin", {}, "/home/u/Library/Application Support/aipm/aipm-desktop"),
        (
            "win32",
            {"APPDATA": "/c/Users/u/AppData/Roaming"},
            "/c/Users/u/AppData/Roaming/aipm/aipm-desktop",
        ),
    ],
)
def test_platform_data_dir_without_qt(
    platform: str, environ: dict[str, str], expected: str
) -> None:
    assert platform_data_dir_without_qt(environ, platform, Path("/home/u")) == Path(expected)


def test_platform_data_dir_without_qt_matches_qt(
    qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert platform_data_dir_without_qt(os.environ) == platform_data_dir()


def test_command_line_lookup_still_prefers_option_and_environment(tmp_path: Path) -> None:
    environ = {DATA_DIR_ENV_VAR: str(tmp_path / "env")}
    assert resolve_data_dir_without_qt(None, environ) == tmp_path / "env"
    assert resolve_data_dir_without_qt(str(tmp_path / "opt"), environ) == tmp_path / "opt"
