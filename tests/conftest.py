"""Shared fixtures. Qt runs offscreen unless --onscreen is given."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

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


PackWriter = Callable[..., Path]


@pytest.fixture
def write_pack(tmp_path: Path) -> PackWriter:
    """Write a valid pack file: ``write_pack("coach", version="1.1", questions=2)``."""

    def write(
        pack_id: str = "coach-pack",
        *,
        version: str = "1.0.0",
        questions: int = 2,
        prompt_prefix: str = "Coach question",
        folder: Path | None = None,
    ) -> Path:
        data = {
            "schema_version": 1,
            "id": pack_id,
            "title": f"Pack {pack_id}",
            "description": "A pack from a coach.",
            "version": version,
            "questions": [
                {
                    "id": f"{pack_id}-q{number}",
                    "number": number,
                    "prompt": f"{prompt_prefix} {number}?",
                    "category": "Strategy",
                    "level": "Senior",
                    "time_limit_seconds": 120,
                    "model_answer": f"Answer **{number}**.\n\n| a | b |\n| - | - |\n| 1 | 2 |",
                    "key_points": [f"Point {number}a", f"Point {number}b"],
                }
                for number in range(1, questions + 1)
            ],
        }
        path = (folder or tmp_path) / f"{pack_id}-{version}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    return write


# Hypothesis: a fixed seed and a modest number of examples by default (CI);
# HYPOTHESIS_PROFILE=long runs many more, with a fresh seed each time, by hand.
hypothesis_settings.register_profile(
    "ci", max_examples=150, derandomize=True, deadline=None, database=None, print_blob=True
)
hypothesis_settings.register_profile(
    "long", max_examples=20_000, deadline=None, database=None, print_blob=True
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
