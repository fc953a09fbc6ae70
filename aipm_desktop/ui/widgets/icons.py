"""The app's icon, found wherever the app runs from (checkout, wheel or frozen bundle)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_NAME = "aipm-desktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The sizes rendered by scripts/make_icons.py into the hicolor layout."""


def icons_dir_candidates(package_dir: Path, *, frozen: bool, meipass: str | None) -> list[Path]:
    """Where the icons folder may be, most specific first (as in ``bundled.py``)."""
    candidates = []
    if frozen and meipass:
        candidates.append(Path(meipass) / "resources" / "icons")  # PyInstaller
    candidates.append(package_dir / "_bundled" / "icons")  # wheel (force-include)
    candidates.append(package_dir.parent / "resources" / "icons")  # source checkout
    return candidates


def icon_files(icons_dir: Path) -> list[Path]:
    """The rendered PNGs in ``icons_dir``, smallest first; sizes that are missing are skipped."""
    files = (
        icons_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        for size in ICON_SIZES
    )
    return [file for file in files if file.is_file()]


def find_icon_files() -> list[Path]:
    """The icon PNGs of the first candidate folder that has any; empty if none has."""
    package_dir = Path(__file__).resolve().parents[2]
    for candidate in icons_dir_candidates(
        package_dir,
        frozen=bool(getattr(sys, "frozen", False)),
        meipass=getattr(sys, "_MEIPASS", None),
    ):
        files = icon_files(candidate)
        if files:
            return files
    return []


def app_icon() -> QIcon:
    """The app icon at every rendered size; a null icon if the files are missing.

    A missing icon is cosmetic, so it never stops the app from starting.
    """
    icon = QIcon()
    for file in find_icon_files():
        icon.addFile(str(file))
    return icon
