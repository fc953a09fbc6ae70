"""The list's attempt counts load on a pool thread at start-up and are never stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store, StoreError
from aipm_desktop.storage.store import ListFigures
from aipm_desktop.ui.main import question_list as main_window
from aipm_desktop.ui.main.question_model import DUE_ROLE, STATS_LOADING_TEXT, Column
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
    def read_before_any_attempt(path: Path) -> ListFigures:
        return ListFigures({}, {})  # what a read that began before the attempt below returns

    monkeypatch.setattr(main_window, "read_list_figures", read_before_any_attempt)
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
    def unreadable(path: Path) -> ListFigures:
        raise StoreError("the disk is on fire")

    monkeypatch.setattr(main_window, "read_list_figures", unreadable)
    window, store = open_loading_window(qtbot, data_dir, clock, settings)
    qtbot.waitUntil(lambda: "disk is on fire" in window.statusBar().currentMessage())
    assert window.question_list.proxy.rowCount() == 10
    assert tries(window, 0) == 0
    store.close()


def rate_good(qtbot: QtBot, window: MainWindow) -> None:
    """Submit has shown the review: rate the attempt Good with its button."""
    button = window.practice.reveal.rating_buttons[Rating.GOOD]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def due(window: MainWindow, row: int) -> object:
    return window.question_list.proxy.index(row, 0).data(DUE_ROLE)


def test_due_dates_arrive_with_the_counts_off_the_window_thread(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: AppSettings
) -> None:
    first, store = open_loading_window(qtbot, data_dir, clock, settings)
    with qtbot.waitSignal(first.stats_loaded):
        pass
    make_attempt(qtbot, first, clock)
    rate_good(qtbot, first)
    rated_due = store.due_date_for(first.current_question.id)  # type: ignore[union-attr]
    assert rated_due is not None
    first.close()
    store.close()

    second, store = open_loading_window(qtbot, data_dir, clock, settings)
    assert due(second, 0) is None  # nothing read on the window's thread
    with qtbot.waitSignal(second.stats_loaded, timeout=5000):
        pass
    assert due(second, 0) == rated_due
    store.close()


def test_a_rating_made_while_loading_keeps_its_new_due_date(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def read_before_any_rating(path: Path) -> ListFigures:
        return ListFigures({}, {})

    monkeypatch.setattr(main_window, "read_list_figures", read_before_any_rating)
    window, store = open_loading_window(qtbot, data_dir, clock, settings)
    with qtbot.waitSignal(window.stats_loaded, timeout=5000):
        make_attempt(qtbot, window, clock)
        rate_good(qtbot, window)
    question = window.current_question
    assert question is not None
    assert due(window, 0) == store.due_date_for(question.id) is not None
    store.close()
