"""Screen-reader names, focus order and the shortcut list, on the real window and dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.ui.history.panel import AttemptDialog
from aipm_desktop.ui.main.settings_dialog import SettingsDialog
from aipm_desktop.ui.main.shortcuts_dialog import (
    ShortcutsDialog,
    action_name,
    keys_of,
    mnemonic,
)
from aipm_desktop.ui.main.welcome_dialog import WelcomeDialog
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.settings import AppSettings

from .accessibility import assert_accessible
from .layout_checks import assert_nothing_clipped

CTRL = Qt.KeyboardModifier.ControlModifier


def submit_an_answer(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    qtbot.keyClicks(window.practice.editor, "Precision and recall trade off.")
    clock.advance(60)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    assert window.loop.assessed is not None


def test_every_control_of_the_main_window_is_named(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    assert assert_accessible(window) >= 15  # idle
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    assert_accessible(window)  # answering
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    assert_accessible(window)  # revealed, with a history


def test_every_dialog_is_named(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, settings: AppSettings, tmp_path: Path
) -> None:
    submit_an_answer(qtbot, window, clock)
    question = window.current_question
    assert question is not None
    dialogs: list[QWidget] = [
        SettingsDialog(settings, tmp_path, window),
        WelcomeDialog(window),
        window.help.show_shortcuts(),
        AttemptDialog(
            window.history.panel.model.attempt(0), question.prompt, question.model_answer, window
        ),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert assert_accessible(dialog) >= 1, type(dialog).__name__


def test_the_walker_reports_an_unnamed_control(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QLineEdit())
    with pytest.raises(AssertionError, match=r"QLineEdit.*no accessible name"):
        assert_accessible(root)


def focus_chain(qtbot: QtBot, start: QWidget, presses: int) -> list[str]:
    start.setFocus()
    names = []
    for _ in range(presses):
        widget = QApplication.focusWidget()
        assert widget is not None
        names.append(widget.accessibleName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return names


def test_tab_moves_through_the_window_in_reading_order(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    finding = ["Search questions", "Filter by category", "Filter by level", "Filter by status"]
    assert focus_chain(qtbot, window.question_list.search_box, 9) == [
        *finding,
        "Questions",
        "Start",
        "Next question",
        "Your answer",
        "Search questions",
    ]
    submit_an_answer(qtbot, window, clock)
    chain = focus_chain(qtbot, window.question_list.search_box, 13)
    assert chain[:11] == [
        *finding,
        "Questions",
        "Past attempts",
        "Try again",
        "Next question",
        "Your answer",
        "Model answer",
        "Key points",
    ]
    # The rating buttons are one exclusive group: Tab enters it once, arrows move inside.
    assert chain[11].startswith("Rate ")
    assert chain[12] == "Search questions"


def test_shortcut_list_is_exactly_the_registered_actions(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    assert dialog.isVisible()
    listed = {
        (dialog.model.index(row, 0).data(), dialog.model.index(row, 1).data())
        for row in range(dialog.model.rowCount())
    }

    commands = set(window.actions())
    menus = [a.menu() for a in window.menuBar().actions()]
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if isinstance(action.menu(), QMenu):
                menus.append(action.menu())
            elif not action.isSeparator():
                commands.add(action)
    names = {action_name(action) for action in commands}
    listed_names = {name for name, _keys in listed}
    assert listed_names == names | {"Start answering the selected question"}
    assert all(keys for _name, keys in listed), "an action has no keys and no menu route"
    for action in commands:
        if action.shortcuts():
            assert (action_name(action), keys_of(action)) in listed
    assert ("About", "Alt+H, A") in listed
    assert ("Settings…", "Ctrl+,") in listed
    dialog.reject()


def test_shortcuts_are_grouped_by_menu_and_found_by_typing(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.search.hasFocus)  # typing searches at once
    menus = [action_name(a) for a in window.menuBar().actions()]
    groups = dialog.shown_groups()
    assert list(groups) == menus  # in menu-bar order
    assert sum(len(rows) for rows in groups.values()) == dialog.model.rowCount()
    assert ("Start answering the selected question", "Return (in the list)") in groups["Practice"]
    assert ("About", "Alt+H, A") in groups["Help"]
    groups_before_search = groups

    qtbot.keyClicks(dialog.search, "zoom")
    groups = dialog.shown_groups()
    assert list(groups) == ["View"]
    assert {name for name, _keys in groups["View"]} == {"Zoom in", "Zoom out", "Reset zoom"}

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "ctrl+p")  # keys are found too
    assert ("Pause", "Ctrl+P") in dialog.shown_groups()["Practice"]

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "help")  # a menu's name keeps the whole menu
    assert dialog.shown_groups()["Help"] == groups_before_search["Help"]

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "xyzzy")
    assert dialog.shown_groups() == {}
    assert dialog.no_match.isVisible()
    assert not dialog.tree.isVisible()
    dialog.search.clear()
    assert list(dialog.shown_groups()) == menus
    dialog.reject()


def test_menu_letters_are_unique_in_each_menu(window: MainWindow) -> None:
    menus = [a.menu() for a in window.menuBar().actions()]
    tops = [mnemonic(a.text()) for a in window.menuBar().actions()]
    assert len(tops) == len(set(tops)), tops
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        letters = [mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]
        letters = [letter for letter in letters if letter]
        assert len(letters) == len(set(letters)), (menu.title(), letters)
        menus.extend(a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu))


def test_nothing_is_cut_short_at_1280_by_720(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, settings: AppSettings, tmp_path: Path
) -> None:
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280 and window.height() == 720)
    assert_nothing_clipped(window)
    submit_an_answer(qtbot, window, clock)
    assert_nothing_clipped(window)
    for dialog in (SettingsDialog(settings, tmp_path, window), WelcomeDialog(window)):
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        assert dialog.height() <= 720 - 60
        assert_nothing_clipped(dialog)


def test_settings_dialog_tab_order_follows_the_form(
    qtbot: QtBot, settings: AppSettings, tmp_path: Path
) -> None:
    dialog = SettingsDialog(settings, tmp_path)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert focus_chain(qtbot, dialog.practice.time_limit, 12) == [
        "Default time limit",
        "When time is up",
        "Think time",
        "Desired retention",
        "Theme",
        "Editor font",
        "Editor font size",
        "Text zoom",
        "Data folder",
        "Open data folder",
        "Save",
        "Cancel",
    ]
