"""Where the files shipped with the app (the bundled question packs) are."""

from __future__ import annotations

import sys
from pathlib import Path


def bundled_questions_dir() -> Path:
    """The folder holding the bundled question packs; FileNotFoundError if it is missing."""
    return find_questions_dir(
        Path(__file__).resolve().parent.parent,
        frozen=bool(getattr(sys, "frozen", False)),
        meipass=getattr(sys, "_MEIPASS", None),
    )


def find_questions_dir(package_dir: Path, *, frozen: bool, meipass: str | None) -> Path:
    """The first existing bundled-questions folder for a given layout.

    Looks in a PyInstaller bundle (only when ``frozen``), then inside an
    installed wheel, then in a source checkout next to the package.
    """
    candidates = questions_dir_candidates(package_dir, frozen=frozen, meipass=meipass)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    tried = ", ".join(str(candidate) for candidate in candidates)
    raise FileNotFoundError(f"the bundled questions folder was not found; looked in: {tried}")


def questions_dir_candidates(package_dir: Path, *, frozen: bool, meipass: str | None) -> list[Path]:
    """Where the bundled questions may be, most specific first."""
    candidates = []
    if frozen and meipass:
        candidates.append(Path(meipass) / "questions")  # PyInstaller
    candidates.append(package_dir / "_bundled" / "questions")  # wheel (force-include)
    candidates.append(package_dir.parent / "questions")  # source checkout / editable install
    return candidates
