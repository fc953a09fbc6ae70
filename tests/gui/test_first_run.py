"""First run, empty states, the hidden timer, status messages and the restored layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store
from aipm_desktop.ui.main.welcome_dialog import WelcomeDialog
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.main.window_state import fitting_size
from aipm_desktop.ui.practice.countdown_label import HIDDEN_TEXT
from aipm_desktop.ui.widgets.settings import AppSettings

from .conftest import WindowFactory

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def first_run_window(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: AppSettings
) -> Iterator[WindowFactory]:
    """Open the window the way ``run_gui`` does for a person: with the first-run welcome."""
    stores: list[Store] = []

    def factory() -> MainWindow:
        store = Store.open(database_path(data_dir))
        stores.append(store)
        window = MainWindow(
            workspace=Workspace(store),
            questions=PackLibrary(data_dir).load().questions(),
            clock=clock,
            settings=settings,
            welcome_on_first_run=True,
        )
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    yield factory
    for store in stores:
        store.close()


# -- welcome -------------------------------------------------------------------
def test_welcome_shows_once_and_starts_the_first_question(
    qtbot: QtBot, first_run_window: WindowFactory, settings: AppSettings
) -> None:
    window = first_run_window()
    qtbot.waitUntil(lambda: window.help.welcome is not None and window.help.welcome.isVisible())
    welcome = window.help.welcome
    assert isinstance(welcome, WelcomeDialog)
    assert settings.welcome_shown
    assert [label.text().split("<br>")[0] for label in welcome.step_labels] == [
        "<b>Pick a question</b>",
        "<b>Answer against the clock</b>",
        "<b>Compare and rate</b>",
    ]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is welcome.start_button)
    qtbot.keyClick(welcome.start_button, Qt.Key.Key_Return)
    assert not welcome.isVisible()
    assert window.loop.attempt is not None
    assert window.loop.attempt.timer.is_running
    assert window.current_question is not None
    assert window.current_question.number == 1
    assert window.focusWidget() is window.practice.editor  # once the window is active again
    window.close()

    again = first_run_window()
    qtbot.wait(20)  # let a (wrongly) queued welcome appear
    assert again.help.welcome is None


def test_welcome_can_be_closed_and_reopened_with_shift_f1(
    qtbot: QtBot, first_run_window: WindowFactory
) -> None:
    window = first_run_window()
    qtbot.waitUntil(lambda: window.help.welcome is not None and window.help.welcome.isVisible())
    assert window.help.welcome is not None
    qtbot.keyClick(window.help.welcome, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.help.welcome is None)
    assert window.loop.attempt is None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window.question_list.question_view, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier
    )
    assert window.help.welcome is not None
    assert window.help.welcome.isVisible()
    qtbot.mouseClick(window.help.welcome.close_button, Qt.MouseButton.LeftButton)
    assert window.loop.attempt is None


def test_tests_and_benchmarks_never_see_the_welcome(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.wait(20)
    assert window.help.welcome is None
    assert not window.settings.welcome_shown


# -- empty states ----------------------------------------------------------------
def test_no_match_says_what_to_do_and_one_key_brings_everything_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.question_list.search_box, "zzzz no such words")
    assert window.question_list.proxy.rowCount() == 0
    assert window.question_list.empty_list_box.isVisible()
    assert "show every question" in window.question_list.empty_list_label.text()
    window.question_list.level_filter.setCurrentIndex(1)
    window.question_list.question_view.setFocus()
    qtbot.keyClick(
        window.question_list.question_view, Qt.Key.Key_Tab
    )  # list → "Show all questions"
    assert QApplication.focusWidget() is window.question_list.show_all_button
    qtbot.keyClick(window.question_list.show_all_button, Qt.Key.Key_Space)
    assert window.question_list.search_box.text() == ""
    assert window.question_list.level_filter.currentIndex() == 0
    assert window.question_list.proxy.rowCount() == 10
    assert not window.question_list.empty_list_box.isVisible()


def test_no_attempts_yet_says_how_to_start(window: MainWindow) -> None:
    empty = window.history.panel._stack.currentWidget()
    assert empty is not window.history.panel.view
    assert "No attempts yet. Press Return" in empty.text()


# -- hidden timer ---------------------------------------------------------------------
def test_hidden_timer_still_records_the_time(
    qtbot: QtBot, open_window: WindowFactory, clock: FakeClock, settings: AppSettings
) -> None:
    window = open_window()
    countdown = window.practice.countdown
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_T, CTRL)
    assert window.loop.hide_timer_action.isChecked()
    assert settings.timer_hidden
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    qtbot.keyClicks(window.practice.editor, "An answer written without a visible clock.")
    clock.advance(137)
    window.loop.refresh_clock()
    assert countdown.text() == HIDDEN_TEXT
    assert ":" not in countdown.accessibleDescription().split(".")[0]
    clock.advance(200)  # past the limit: hidden overtime is still hidden
    window.loop.refresh_clock()
    assert countdown.text() == HIDDEN_TEXT
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)

    question = window.current_question
    assert question is not None
    stored = window.workspace.store.attempts_for(question.id)[0]
    assert stored.seconds_used == 337
    assert countdown.text().startswith("Done in 5:37")
    window.close()

    again = open_window()
    assert again.loop.hide_timer_action.isChecked()
    qtbot.keyClick(again.question_list.question_view, Qt.Key.Key_T, CTRL)
    assert not settings.timer_hidden


# -- status bar --------------------------------------------------------------------------
def test_status_bar_confirms_saves(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.draft_saved, timeout=2000):
        qtbot.keyClicks(window.practice.editor, "draft")
    assert window.statusBar().currentMessage() == "Draft saved."
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    assert window.statusBar().currentMessage().startswith("Answer saved.")


# -- window state ---------------------------------------------------------------------------
def test_size_splitters_and_question_are_restored(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    window.resize(1100, 640)
    qtbot.waitUntil(lambda: window.width() == 1100)
    window.central.main_splitter.setSizes([300, 800])
    window.practice.splitter.setSizes([350, 450])
    for _ in range(3):
        qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Down)
    chosen = window.current_question
    main_sizes = window.central.main_splitter.sizes()
    answer_sizes = window.practice.splitter.sizes()
    window.close()

    again = open_window()
    assert (again.width(), again.height()) == (1100, 640)
    assert again.central.main_splitter.sizes() == main_sizes
    assert again.practice.splitter.sizes() == answer_sizes
    assert again.current_question == chosen
    assert again.question_list.question_view.currentIndex().row() == 3


def test_first_size_fits_the_screen(window: MainWindow) -> None:
    assert fitting_size((1280, 760), (1920, 1040)) == (1280, 760)
    assert fitting_size((1280, 760), (1280, 680)) == (1240, 620)  # 1280×720 minus a panel
    assert fitting_size((1280, 760), (800, 600)) == (900, 560)  # never below the minimum
    assert (window.width(), window.height()) == (1280, 760)  # the 1920×1080 test screen
    assert window.minimumWidth() <= 1280
    assert window.minimumHeight() <= 720 - 60


WELCOME_ROUND_TRIP = """
import sys
from PySide6.QtCore import QSettings
from aipm_desktop.ui.widgets.settings import AppSettings
settings = AppSettings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
print(settings.welcome_shown)
settings.welcome_shown = True
settings.sync()
"""


def test_the_welcome_flag_is_read_back_by_a_fresh_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    ini = tmp_path / "settings.ini"
    seen = [
        subprocess.run(
            [sys.executable, "-c", WELCOME_ROUND_TRIP, str(ini)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
        for _ in range(3)
    ]
    assert seen == ["False", "True", "True"]
    assert ini.read_text().count("welcome_shown") == 1
    assert "General" not in ini.read_text()


def test_a_flag_written_by_an_older_version_still_counts(tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    ini.write_text("[%General]\nwelcome_shown=true\n\n[%General]\nwelcome_shown=true\n")
    settings = AppSettings(QSettings(str(ini), QSettings.Format.IniFormat))
    assert settings.welcome_shown
    settings.welcome_shown = True
    settings.sync()
    assert "General" not in ini.read_text()


def test_the_welcome_start_button_resumes_a_recovered_draft(
    qtbot: QtBot, first_run_window: WindowFactory
) -> None:
    first = first_run_window()
    qtbot.waitUntil(lambda: first.help.welcome is not None)
    assert first.help.welcome is not None
    first.help.welcome.reject()
    qtbot.keyClick(first.question_list.question_view, Qt.Key.Key_Down)
    second_question = first.current_question
    qtbot.keyClick(first.question_list.question_view, Qt.Key.Key_Return)
    qtbot.keyClicks(first.practice.editor, "recovered words")
    first.save_draft()
    first.start_first_question()  # what the welcome's default button does
    assert first.current_question == second_question
    assert first.loop.is_running
    assert first.practice.editor.toPlainText() == "recovered words"
