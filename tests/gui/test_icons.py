"""The app icon: found in a checkout, a wheel or a frozen bundle, and set on the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from aipm_desktop.ui.app.application import create_application
from aipm_desktop.ui.widgets.icons import ICON_SIZES, app_icon, icon_files, icons_dir_candidates


def test_candidates_look_in_the_bundle_then_the_wheel_then_the_checkout(tmp_path: Path) -> None:
    package = tmp_path / "site" / "aipm_desktop"

    frozen = icons_dir_candidates(package, frozen=True, meipass=str(tmp_path / "meipass"))
    unfrozen = icons_dir_candidates(package, frozen=False, meipass=None)

    assert frozen == [
        tmp_path / "meipass" / "resources" / "icons",
        package / "_bundled" / "icons",
        tmp_path / "site" / "resources" / "icons",
    ]
    assert unfrozen == frozen[1:]


def test_icon_files_skips_missing_sizes(tmp_path: Path) -> None:
    for size in (16, 48):
        folder = tmp_path / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        (folder / "aipm-desktop.png").write_bytes(b"png")

    assert [file.parent.parent.name for file in icon_files(tmp_path)] == ["16x16", "48x48"]


def test_app_icon_has_every_rendered_size(qapp: QApplication) -> None:
    icon = app_icon()

    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} == set(ICON_SIZES)
    assert not icon.pixmap(QSize(16, 16)).isNull()


def test_the_application_carries_the_icon(qapp: QApplication) -> None:
    app = create_application()

    assert app is qapp
    assert {size.width() for size in app.windowIcon().availableSizes()} == set(ICON_SIZES)
    assert app.desktopFileName() == "aipm-desktop"  # the .deb's aipm-desktop.desktop
