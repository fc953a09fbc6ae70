"""The list's attempt counts load on a pool thread at start-up and are never stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.records import QuestionStats
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store, StoreError
from aipm_desktop.ui.main import question_list as main_window
from aipm_desktop.ui.main.question_model import STATS_LOADING_TEXT, Column
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.settings import AppSettings


def open_loading_window(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: AppSettings
) -> tuple[MainWindow, Store]:
    store = Store.open(database_path(data_dir))
    window = MainWindow(
        workspace=Workspace(store),
        questions=PackLibrary(data_dir).load().questions(),
        clock=clock,
        settings=settings,
        stats_in_background=True,
    )
    qtbot.addWidget(window)
    return window, store


def tries(window: MainWindow, row: int) -> object:
    return window.question_list.proxy.index(row, Column.ATTEMPTS).data()


def make_attempt(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    clock.advance(30)
    qtbot.keyClicks(window.practice.editor, "An answer")
    window.loop.submit()


def test_counts_arrive_after_the_window_is_built(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: AppSettings
) -> None:
    first, store = open_loading_window(qtbot, data_dir, clock, settings)
    with qtbot.waitSignal(first.stats_loaded):
        pass
    make_attempt(qtbot, first, clock)
    first.close()
    store.close()

    second, store = open_loading_window(qtbot, data_dir, clock, settings)
    assert tries(second, 0) == STATS_LOADING_TEXT  # not a misleading 0 meanwhile
    with qtbot.waitSignal(second.stats_loaded, timeout=5000):
        pass
    assert tries(second, 0) == 1
    store.close()


def test_an_attempt_made_while_loading_is_not_overwritten_by_the_older_read(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def read_before_any_attempt(path: Path) -> dict[str, QuestionStats]:
        return {}  # what a read that began before the attempt below would return

    monkeypatch.setattr(main_window, "read_question_stats", read_before_any_attempt)
    window, store = open_loading_window(qtbot, data_dir, clock, settings)
    with qtbot.waitSignal(window.stats_loaded, timeout=5000):
        make_attempt(qtbot, window, clock)  # before the loaded stats are delivered
    assert tries(window, 0) == 1
    store.close()


def test_a_failed_read_is_shown_and_the_list_still_works(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unreadable(path: Path) -> dict[str, QuestionStats]:
        raise StoreError("the disk is on fire")

    monkeypatch.setattr(main_window, "read_question_stats", unreadable)
    window, store = open_loading_window(qtbot, data_dir, clock, settings)
    qtbot.waitUntil(lambda: "disk is on fire" in window.statusBar().currentMessage())
    assert window.question_list.proxy.rowCount() == 10
    assert tries(window, 0) == 0
    store.close()
