"""Finding the bundled question packs (aipm_desktop.services.bundled)."""

from __future__ import annotations

from pathlib import Path

import pytest

import aipm_desktop
from aipm_desktop.services.bundled import bundled_questions_dir, find_questions_dir


@pytest.fixture
def layout(tmp_path: Path) -> dict[str, Path]:
    """A fake checkout with a package folder, a wheel copy and a PyInstaller folder."""
    package = tmp_path / "site" / "aipm_desktop"
    package.mkdir(parents=True)
    return {
        "package": package,
        "checkout": tmp_path / "site" / "questions",
        "wheel": package / "_bundled" / "questions",
        "meipass": tmp_path / "meipass",
        "frozen": tmp_path / "meipass" / "questions",
    }


def test_source_checkout(layout: dict[str, Path]) -> None:
    layout["checkout"].mkdir()
    found = find_questions_dir(layout["package"], frozen=False, meipass=None)
    assert found == layout["checkout"]


def test_installed_wheel_wins_over_checkout(layout: dict[str, Path]) -> None:
    layout["checkout"].mkdir()
    layout["wheel"].mkdir(parents=True)
    found = find_questions_dir(layout["package"], frozen=False, meipass=None)
    assert found == layout["wheel"]


def test_pyinstaller_bundle_wins_when_frozen(layout: dict[str, Path]) -> None:
    layout["wheel"].mkdir(parents=True)
    layout["frozen"].mkdir(parents=True)
    found = find_questions_dir(layout["package"], frozen=True, meipass=str(layout["meipass"]))
    assert found == layout["frozen"]


def test_meipass_is_ignored_when_not_frozen(layout: dict[str, Path]) -> None:
    layout["frozen"].mkdir(parents=True)
    layout["checkout"].mkdir()
    found = find_questions_dir(layout["package"], frozen=False, meipass=str(layout["meipass"]))
    assert found == layout["checkout"]


def test_frozen_falls_back_to_the_package(layout: dict[str, Path]) -> None:
    layout["wheel"].mkdir(parents=True)
    found = find_questions_dir(layout["package"], frozen=True, meipass=str(layout["meipass"]))
    assert found == layout["wheel"]


def test_a_file_named_questions_does_not_count(layout: dict[str, Path]) -> None:
    layout["checkout"].write_text("not a folder", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        find_questions_dir(layout["package"], frozen=False, meipass=None)


def test_not_found_lists_the_places_tried(layout: dict[str, Path]) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        find_questions_dir(layout["package"], frozen=True, meipass=str(layout["meipass"]))
    message = str(caught.value)
    assert "bundled questions folder was not found" in message
    for place in ("frozen", "wheel", "checkout"):
        assert str(layout[place]) in message


def test_real_bundled_dir_in_this_checkout() -> None:
    found = bundled_questions_dir()
    assert found.is_dir()
    assert found.name == "questions"
    package_dir = Path(aipm_desktop.__file__).resolve().parent
    assert found in (package_dir / "_bundled" / "questions", package_dir.parent / "questions")


def test_real_bundled_dir_when_frozen(
    layout: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    layout["frozen"].mkdir(parents=True)
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(layout["meipass"]), raising=False)
    assert bundled_questions_dir() == layout["frozen"]
