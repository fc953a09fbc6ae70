"""The main window's actions and menus, as one declarative table.

Each row names the action's attribute on the window, its text, keys and tip, and where
its slot lives (the window or one of its features). The practice loop's own actions
(pause, submit, peek, rate, zoom, hide timer) come from the practice controller, so a
mock session has the same ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from aipm_desktop import APP_NAME
from aipm_desktop.ui.widgets.actions import make_action

if TYPE_CHECKING:
    from aipm_desktop.ui.main.window import MainWindow

Slot = Callable[["MainWindow"], Callable[[], object]]


@dataclass(frozen=True)
class ActionSpec:
    """One action of the main window."""

    name: str
    """The action's name in the window's ``actions`` (and in :data:`MENUS`)."""
    text: str
    keys: tuple[str, ...]
    slot: Slot
    tip: str
    checkable: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "start", "&Start", ("Ctrl+Shift+Return",), lambda w: w.start_or_resume, "Start answering"
    ),
    ActionSpec(
        "next",
        "&Next question",
        ("Ctrl+Right", "Alt+N"),
        lambda w: lambda: w.question_list.step(+1),
        "Go to the next question",
    ),
    ActionSpec(
        "previous",
        "Pre&vious question",
        ("Ctrl+Left", "Alt+B"),
        lambda w: lambda: w.question_list.step(-1),
        "Go to the previous question",
    ),
    ActionSpec(
        "today",
        "&Today's plan…",
        ("Ctrl+J",),
        lambda w: lambda: show_today(w),
        "What to practise today for your interview dates, and how ready you will be",
    ),
    ActionSpec(
        "own_limit",
        "My time &limit…",
        (),
        lambda w: w.own_limits.ask,
        "Set your own time to answer the selected question, or use its pack's again",
    ),
    ActionSpec(
        "find",
        "&Find",
        ("Ctrl+F",),
        lambda w: w.question_list.focus_search,
        "Search questions and answers",
    ),
    ActionSpec(
        "open_attempt",
        "&Open past answer",
        (),
        lambda w: w.history.open_selected_attempt,
        "Read the selected past answer",
    ),
    ActionSpec(
        "practise_due",
        "Practise &due",
        ("Ctrl+D",),
        lambda w: w.question_list.practise_due,
        "Select the question that has been due the longest",
    ),
    ActionSpec(
        "due_only",
        "Due &questions only",
        ("Ctrl+Shift+D",),
        lambda w: w.question_list.toggle_due_only,
        "List only the questions due for practice now",
        checkable=True,
    ),
    ActionSpec(
        "compare",
        "&Compare attempts",
        ("Ctrl+Shift+C",),
        lambda w: w.history.compare_selected_attempt,
        "Compare the selected past answer with the attempt before it",
    ),
    ActionSpec(
        "history",
        "&History",
        ("Ctrl+H",),
        lambda w: w.history.show_history,
        "List every attempt, with filters",
    ),
    ActionSpec(
        "statistics",
        "&Statistics",
        ("Ctrl+Shift+T",),
        lambda w: w.history.show_statistics,
        "Charts of your progress, strengths, calibration and due questions",
    ),
    ActionSpec(
        "export",
        "&Export attempts…",
        ("Ctrl+Shift+X",),
        lambda w: w.history.export_attempts,
        "Save every attempt as a CSV or JSON file",
    ),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), lambda w: w.close, "Save everything and quit"),
    ActionSpec(
        "shortcuts",
        "&Keyboard shortcuts",
        ("F1",),
        lambda w: w.help.show_shortcuts,
        "List the keyboard shortcuts",
    ),
    ActionSpec("about", "&About", (), lambda w: w.help.show_about, f"About {APP_NAME}"),
    ActionSpec(
        "new_session",
        "&New session…",
        ("Ctrl+Shift+N",),
        lambda w: w.sessions.new_session,
        "Start a timed mock interview of several questions",
    ),
    ActionSpec(
        "session_summary",
        "Last session &summary",
        ("Ctrl+Alt+L",),
        lambda w: w.sessions.show_last_summary,
        "Show the summary of your last finished session",
    ),
    ActionSpec(
        "export_report",
        "&Export session report…",
        ("Ctrl+Shift+R",),
        lambda w: w.sessions.export_last_report,
        "Save the last session's report as PDF or Markdown",
    ),
    ActionSpec(
        "welcome",
        "&Welcome",
        ("Shift+F1",),
        lambda w: w.help.show_welcome,
        "How the app works, in three steps",
    ),
    ActionSpec(
        "settings",
        "&Settings…",
        ("Ctrl+,",),
        lambda w: lambda: w.preferences.open_dialog(w.workspace.data_dir),
        "Time limits, theme, fonts and data",
    ),
    ActionSpec(
        "backups",
        "&Backups…",
        ("Ctrl+Shift+B",),
        lambda w: w.backups.show_dialog,
        "List, make and restore backups",
    ),
    ActionSpec(
        "check_database",
        "&Check database",
        ("Ctrl+Shift+K",),
        lambda w: w.backups.check_database,
        "Check the data file for damage and repair what is safe to repair",
    ),
)

MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("&File", ("export", "backups", "-", "quit")),
    (
        "&Practice",
        (
            "start",
            "pause",
            "submit",
            "peek",
            "-",
            "@rate",
            "-",
            "next",
            "previous",
            "find",
            "open_attempt",
            "compare",
            "-",
            "practise_due",
            "due_only",
            "today",
            "-",
            "speak",
            "@time_up",
            "own_limit",
        ),
    ),
    ("&Session", ("new_session", "session_summary", "export_report")),
    (
        "&View",
        ("history", "statistics", "-", "hide_timer", "-", "zoom_in", "zoom_out", "zoom_reset"),
    ),
    ("&Tools", ("settings", "check_database")),
    ("&Help", ("welcome", "shortcuts", "about")),
)
"""Menu titles and the action names they list: "-" is a separator, "@" a submenu."""


def show_today(window: MainWindow) -> None:
    """Today's plan for the interview dates (not modal); it can start a question or a
    mock session of today's questions."""
    from aipm_desktop.ui.plan.today_dialog import open_today

    open_today(
        window,
        window.operations,
        window.question_list.question_model.rows(),
        window.clock.now,
        default_time_limit_seconds=window.settings.default_time_limit_seconds,
        on_start=window.start_question,
        on_session=window.sessions.start_hand_picked,
    )


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Create the table's actions on the window; every action of the window, by name."""
    loop = window.loop
    actions: dict[str, QAction] = {
        "pause": loop.pause_action,
        "submit": loop.submit_action,
        "peek": loop.peek_action,
        "zoom_in": loop.zoom_in_action,
        "zoom_out": loop.zoom_out_action,
        "zoom_reset": loop.zoom_reset_action,
        "hide_timer": loop.hide_timer_action,
        "speak": loop.speak_action,
    }
    for spec in ACTIONS:
        action = make_action(window, spec.text, spec.keys, spec.slot(window), spec.tip)
        action.setCheckable(spec.checkable)
        actions[spec.name] = action
    actions["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
    # Quit works from every window of the app (Statistics, History, a session), and
    # saves everything on the way out, as closing the main window does.
    actions["quit"].setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    return actions


def build_menus(window: MainWindow, actions: dict[str, QAction]) -> dict[str, QMenu]:
    """The menu bar from :data:`MENUS`; returns the menus by their plain title."""
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}
    for title, names in MENUS:
        menu = bar.addMenu(title)
        menus[title.replace("&", "")] = menu
        for name in names:
            if name == "-":
                menu.addSeparator()
            elif name == "@rate":
                rate_menu = menu.addMenu("&Rate")
                for action in window.loop.rate_actions.values():
                    rate_menu.addAction(action)
            elif name == "@time_up":
                time_up = menu.addMenu("&When time is up")
                time_up.addAction(window.preferences.soft_action)
                time_up.addAction(window.preferences.hard_action)
            else:
                menu.addAction(actions[name])
    return menus
