"""Fixtures for driving the real main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.settings import AppSettings

WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    """Preferences in an INI file of the test's own, never the user's."""
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def open_window(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: AppSettings
) -> Iterator[WindowFactory]:
    """Open the real main window on ``data_dir``; call again to "restart" the app."""
    stores: list[Store] = []
    library = PackLibrary(data_dir)  # the production loader, as the app starts it
    questions = library.load().questions()

    def factory() -> MainWindow:
        store = Store.open(database_path(data_dir))
        stores.append(store)
        window = MainWindow(
            workspace=Workspace(store, library=library),
            questions=questions,
            clock=clock,
            settings=settings,
            draft_save_delay_ms=50,
        )
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()
        return window

    yield factory
    for store in stores:
        store.close()


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    return open_window()
