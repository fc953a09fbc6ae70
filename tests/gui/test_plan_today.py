"""The Today dialog: add an interview, see today's plan, start from it, practise, see it move."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.plan.today_dialog import TodayDialog, open_today
from tests.questions import bundled_questions


@contextmanager
def memory_operations(qtbot: QtBot) -> Iterator[tuple[Store, Operations]]:
    """An in-memory workspace and the one read/write policy over it."""
    workspace = Workspace.in_memory(rescue_to=[])
    parent = QWidget()
    qtbot.addWidget(parent)
    operations = Operations(workspace, parent, clock=FakeClock(), show_status=print)
    try:
        yield workspace.store, operations
    finally:
        workspace.close()


def practise(store: Store, question_id: str, clock: FakeClock) -> None:
    """Answer and rate one question as the practice panel would."""
    started = clock.now()
    clock.advance(240)
    attempt = store.record_attempt(
        NewAttempt(
            question_id=question_id,
            pack_id="ai-pm-technical-depth",
            pack_version="1.0.0",
            started_at=started,
            ended_at=clock.now(),
            seconds_used=240.0,
            time_limit_seconds=300,
            overtime_seconds=0.0,
            answer="My answer.",
            revealed_before_submit=False,
            key_points_total=4,
            time_up_mode=TimeUpMode.SOFT,
        )
    )
    store.set_rating(attempt.id, Rating.GOOD, clock.now())


def test_add_an_interview_start_from_today_and_see_the_forecast_move(qtbot: QtBot) -> None:
    clock = FakeClock()
    questions = bundled_questions()
    with memory_operations(qtbot) as (store, operations):
        started: list[str] = []
        dialog = TodayDialog(operations, questions, clock.now)
        qtbot.addWidget(dialog)
        dialog.start_requested.connect(started.append)
        dialog.show()
        assert "No interview yet" in dialog.forecast_label.text()
        assert not dialog.start_button.isEnabled()

        editor = dialog.edit_interviews()
        today = clock.now().astimezone().date()
        when = today + timedelta(days=7)
        editor.date_edit.setDate(QDate(when.year, when.month, when.day))
        editor.title_edit.setText("<b>Acme</b> loop")
        editor.minutes_spin.setValue(30)
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)

        assert [i.title for i in store.interviews()] == ["<b>Acme</b> loop"]
        assert "<b>Acme</b> loop" in dialog.forecast_label.text()  # shown as typed, not HTML
        assert dialog.forecast_label.textFormat() == Qt.TextFormat.PlainText
        ids = dialog.today_ids()
        assert ids
        assert dialog.question_list.item(0).text().endswith("min")
        assert dialog.findChild(QChartView) is not None
        assert dialog.plan is not None
        before = dialog.plan.interviews[0].forecast

        qtbot.keyClick(dialog.question_list, Qt.Key.Key_Return)
        assert started == [ids[0]]

        for question_id in ids:  # a session through today's plan
            practise(store, question_id, clock)
        dialog.refresh()

        after = dialog.plan.interviews[0].forecast
        assert (before.today, after.today) == (0, len(ids))
        assert after.with_plan >= before.with_plan
        assert ids[0] not in dialog.today_ids()  # done for today


def test_return_on_the_dialog_starts_the_first_question(qtbot: QtBot) -> None:
    clock = FakeClock()
    questions = bundled_questions()
    with memory_operations(qtbot) as (store, operations):
        store.add_interview(clock.now().date() + timedelta(days=3), clock.now())
        dialog = TodayDialog(operations, questions, clock.now)
        qtbot.addWidget(dialog)
        dialog.show()
        first = dialog.today_ids()[0]
        with qtbot.waitSignal(dialog.start_requested) as signal:
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
        assert signal.args == [first]


def test_a_mock_session_from_the_plan_and_removing_an_interview(qtbot: QtBot) -> None:
    clock = FakeClock()
    questions = bundled_questions()
    with memory_operations(qtbot) as (store, operations):
        store.add_interview(clock.now().date() + timedelta(days=5), clock.now())
        sessions: list[list[str]] = []
        dialog = open_today(
            None, operations, questions, clock.now, on_start=print, on_session=sessions.append
        )
        editor = dialog.edit_interviews()
        editor.interview_list.setCurrentRow(0)
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
        assert store.interviews() == []
        assert dialog.today_ids() == []
        assert not dialog.session_button.isEnabled()

        store.add_interview(clock.now().date() + timedelta(days=5), clock.now())
        dialog.refresh()
        expected = dialog.today_ids()
        qtbot.mouseClick(dialog.session_button, Qt.MouseButton.LeftButton)
        assert sessions == [expected]
        assert dialog.result() == QDialog.DialogCode.Accepted  # it closes (and deletes itself)


def test_a_refused_interview_shows_a_message(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    with memory_operations(qtbot) as (store, operations):
        dialog = TodayDialog(operations, [], clock.now)
        qtbot.addWidget(dialog)
        editor = dialog.edit_interviews()
        store.close()  # the data file is gone
        assert editor.add_interview() is None
        assert warnings
        assert "could not be saved" in warnings[0]


def test_from_the_main_window_plan_a_day_run_its_session_and_see_the_forecast_move(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, TodayDialog))
    editor = dialog.edit_interviews()
    when = clock.now().astimezone().date() + timedelta(days=6)
    editor.date_edit.setDate(QDate(when.year, when.month, when.day))
    editor.title_edit.setText("Acme")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    interviews = window.workspace.store.interviews()
    assert [i.title for i in interviews] == ["Acme"]
    ids = dialog.today_ids()
    assert ids
    assert dialog.plan is not None
    before = dialog.plan.interviews[0].forecast.today

    # Start a mock session of today's questions from the plan, answer and rate each.
    qtbot.mouseClick(dialog.session_button, Qt.MouseButton.LeftButton)
    view = window.sessions.window
    assert view is not None
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    assert [q.id for q in view.session.questions] == ids
    for _ in ids:
        qtbot.keyClicks(view.editor, "An answer that makes the points.")
        clock.advance(60)
        qtbot.keyClick(view.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(view.reveal.checklist, Qt.Key.Key_3)
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert view.session.is_finished
    summary = window.sessions.summary
    assert summary is not None
    summary.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    again = [w for w in QApplication.topLevelWidgets() if isinstance(w, TodayDialog)][-1]
    assert again.plan is not None
    after = again.plan.interviews[0].forecast.today
    assert after > before
    assert not set(ids) & set(again.today_ids())  # today's work is done
