"""The command line finds the same data folder as the app, without loading Qt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aipm_desktop.paths import (
    DATA_DIR_ENV_VAR,
    platform_data_dir,
    resolve_data_dir_without_qt,
)


def test_matches_qt_on_this_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir_without_qt(None, dict(os.environ)) == platform_data_dir()


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {"HOME": "/h"}, "/h/.local/share/aipm/aipm-desktop"),
        ("linux", {"HOME": "/h", "XDG_DATA_HOME": "/x"}, "/x/aipm/aipm-desktop"),
        ("darwin", {"HOME": "/h"}, "/h/Library/Application Support/aipm/aipm-desktop"),
        ("win32", {"HOME": "/h", "APPDATA": "/appdata"}, "/appdata/aipm/aipm-desktop"),
    ],
)
def test_platform_folders(platform: str, environ: dict[str, str], expected: str) -> None:
    assert resolve_data_dir_without_qt(None, environ, platform) == Path(expected)


def test_option_and_environment_still_win(tmp_path: Path) -> None:
    environ = {DATA_DIR_ENV_VAR: str(tmp_path / "env")}
    assert resolve_data_dir_without_qt(None, environ) == tmp_path / "env"
    assert resolve_data_dir_without_qt(str(tmp_path / "opt"), environ) == tmp_path / "opt"
