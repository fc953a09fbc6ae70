"""Shared fixtures. Qt runs offscreen unless --onscreen is given."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
OFFSCREEN_SCREEN = REPO_ROOT / "tests" / "data" / "offscreen-screen.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--onscreen", action="store_true", help="show Qt windows on a real screen")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--onscreen"):
        # A 1920×1080 virtual screen (the offscreen default is 800×600, smaller than the
        # main window's minimum), so restored geometry behaves as on a real desktop.
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={OFFSCREEN_SCREEN}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a QApplication as ``gui`` (``-m "not gui"`` skips them)."""
    for item in items:
        if {"qapp", "qtbot"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh data folder; AIPM_DATA_DIR points at it so nothing touches the real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("AIPM_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def repo_root() -> Path:
    """The source checkout."""
    return REPO_ROOT
