"""Issue 15: the user's own time limit for any question, bundled ones included: kept in
the data file (never in the pack), used by free practice and sessions, shown in the
prompt and the list, and taken away again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.timer import format_clock
from aipm_desktop.ui.main.question_model import Column
from aipm_desktop.ui.main.time_limit_dialog import LimitChoice, TimeLimitDialog
from aipm_desktop.ui.main.window import MainWindow
from tests.gui.conftest import WindowFactory


def choose(monkeypatch: pytest.MonkeyPatch, choice: LimitChoice | None) -> list[int]:
    """Answer the time-limit dialog with ``choice``; returns the limits it was opened with."""
    opened: list[int] = []

    def ask(question, default_seconds, parent):  # type: ignore[no-untyped-def]
        opened.append(question.effective_time_limit(default_seconds))
        return choice

    monkeypatch.setattr(TimeLimitDialog, "ask", staticmethod(ask))
    return opened


def test_an_own_limit_is_used_kept_and_taken_away(
    qtbot: QtBot,
    open_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
    clock: FakeClock,
    data_dir: Path,
) -> None:
    window = open_window()
    bundled = window.current_question
    assert bundled is not None
    assert bundled.time_limit_seconds is not None  # the pack's own
    pack_limit = bundled.time_limit_seconds

    opened = choose(monkeypatch, LimitChoice(90))
    window.named_actions["own_limit"].trigger()
    assert opened == [pack_limit]
    question = window.current_question
    assert question is not None
    assert question.id == bundled.id
    assert question.effective_time_limit(300) == 90
    assert question.time_limit_seconds == pack_limit  # the pack's value is untouched
    assert window.practice.meta_label.text().endswith("1:30 to answer (your own limit)")
    tip = window.question_list.question_model.index(0, Column.PROMPT).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "your own time limit 1:30" in tip
    assert window.workspace.store.own_time_limits() == {bundled.id: 90}
    assert window.sessions.questions[0].effective_time_limit(300) == 90  # sessions too

    # Free practice uses it.
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    assert window.loop.attempt is not None
    assert window.loop.attempt.timer.limit_seconds == 90
    clock.advance(10)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    stored = window.workspace.store.attempts_for(bundled.id)
    assert [a.time_limit_seconds for a in stored] == [90]

    # Kept in the data file: a restart has it; no pack file mentions it.
    window.close()
    window = open_window()
    assert window.current_question is not None
    assert window.current_question.effective_time_limit(300) == 90
    assert not any("90" in p.read_text() for p in data_dir.rglob("*.json"))

    # Taken away: the pack's limit again.
    choose(monkeypatch, LimitChoice(None))
    window.named_actions["own_limit"].trigger()
    question = window.current_question
    assert question is not None
    assert question.effective_time_limit(300) == pack_limit
    assert "(your own limit)" not in window.practice.meta_label.text()
    assert window.workspace.store.own_time_limits() == {}


def test_cancel_changes_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = window.current_question
    choose(monkeypatch, None)
    window.named_actions["own_limit"].trigger()
    assert window.current_question is before
    assert window.workspace.store.own_time_limits() == {}


def test_the_dialog_reads_and_returns_m_ss(qtbot: QtBot, window: MainWindow) -> None:
    question = window.current_question
    assert question is not None
    dialog = TimeLimitDialog(question, 300, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.seconds.text() == format_clock(question.effective_time_limit(300))
    assert not dialog.reset_button.isEnabled()  # nothing of the user's own to take away
    dialog.seconds.lineEdit().selectAll()
    qtbot.keyClicks(dialog.seconds, "2:30")
    qtbot.keyClick(dialog.seconds, Qt.Key.Key_Return)
    assert dialog.choice == LimitChoice(150)
