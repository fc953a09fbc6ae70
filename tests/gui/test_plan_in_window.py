"""Today's plan in the main window: the list's "In today's plan" filter and what a
session's summary says about readiness."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating
from aipm_desktop.services import study_plan as study_plan_module
from aipm_desktop.ui.main.question_list import NOTHING_PLANNED, QuestionListPane
from aipm_desktop.ui.main.question_model import Status
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.plan.today_dialog import TodayDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def listed_ids(pane: QuestionListPane) -> list[str]:
    proxy = pane.proxy
    return [
        pane.question_model.question(proxy.mapToSource(proxy.index(row, 0)).row()).id
        for row in range(proxy.rowCount())
    ]


def open_today_dialog() -> TodayDialog:
    """The Today dialog on screen (closed ones are deleted later, so skip them)."""
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, TodayDialog) and w.isVisible()
    ]
    assert len(shown) == 1
    return shown[0]


def add_interview_from_today(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, days: int, title: str
) -> TodayDialog:
    """Ctrl+J, then Interviews… and Add: an interview ``days`` from now."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_J, CTRL)
    dialog = open_today_dialog()
    qtbot.mouseClick(dialog.interviews_button, Qt.MouseButton.LeftButton)
    editor = dialog.editor
    assert editor is not None
    when = clock.now().astimezone().date() + timedelta(days=days)
    editor.date_edit.setDate(QDate(when.year, when.month, when.day))
    editor.title_edit.setText(title)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    return dialog


def todays_plan(window: MainWindow, clock: FakeClock) -> list[str]:
    """Today's ids computed directly from the data file."""
    plan = study_plan_module.study_plan(
        window.workspace.store,
        window.question_list.question_model.rows(),
        clock.now().astimezone(),
        default_time_limit_seconds=window.settings.default_time_limit_seconds,
    )
    return plan.today_ids()


def test_the_list_filters_to_todays_plan_and_follows_practice(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans: list[object] = []
    real_study_plan = study_plan_module.study_plan

    def counting_study_plan(*args: object, **kwargs: object) -> object:
        plans.append(args)
        return real_study_plan(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(study_plan_module, "study_plan", counting_study_plan)
    pane = window.question_list
    total = pane.proxy.rowCount()

    # No interview yet: the filter is empty and says how to get a plan.
    pane.status_filter.setFocus()
    qtbot.keyClick(pane.status_filter, Qt.Key.Key_End)
    assert pane.status_filter.currentText() == "In today's plan"
    assert pane.proxy.status == Status.PLAN
    assert pane.proxy.rowCount() == 0
    assert pane.empty_list_box.isVisibleTo(window)
    assert pane.empty_list_label.text() == NOTHING_PLANNED

    # An interview in six days: the list shows today's plan at once.
    dialog = add_interview_from_today(qtbot, window, clock, 6, "Acme")
    planned = dialog.today_ids()
    dialog.close()
    assert planned
    assert sorted(listed_ids(pane)) == sorted(planned)
    assert len(planned) < total
    assert not pane.empty_list_box.isVisibleTo(window)

    # Answer the first listed question well (every key point, Good): it is no longer
    # weak, its next review is on a later day, and it leaves today's list.
    first = pane.current_question()
    assert first is not None
    assert first.id in planned
    pane.question_view.setFocus()
    qtbot.keyClick(pane.question_view, Qt.Key.Key_Return)
    qtbot.keyClicks(window.practice.editor, "An answer that makes the points.")
    clock.advance(120)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    checklist = window.practice.reveal.checklist
    for _point in first.key_points:
        qtbot.keyClick(checklist, Qt.Key.Key_Space)
        qtbot.keyClick(checklist, Qt.Key.Key_Down)
    qtbot.keyClick(checklist, Qt.Key.Key_3)
    stored = window.workspace.store.attempts_for(first.id)
    assert [a.rating for a in stored] == [Rating.GOOD]
    assert stored[0].key_points_ticked == first.key_points
    assert first.id not in listed_ids(pane)
    assert sorted(listed_ids(pane)) == sorted(todays_plan(window, clock))

    # Back to All: practising no longer computes a plan.
    pane.status_filter.setFocus()
    qtbot.keyClick(pane.status_filter, Qt.Key.Key_Home)
    assert pane.proxy.status == Status.ALL
    assert pane.proxy.rowCount() == total
    computed = len(plans)
    pane.question_view.setFocus()
    qtbot.keyClick(pane.question_view, Qt.Key.Key_Return)
    clock.advance(60)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(window.practice.reveal.checklist, Qt.Key.Key_2)
    assert len(plans) == computed


def run_session(qtbot: QtBot, window: MainWindow, clock: FakeClock, count: int) -> None:
    """Answer and rate (Good) every question of the open session view."""
    view = window.sessions.window
    assert view is not None
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    for _ in range(count):
        qtbot.keyClicks(view.editor, "An answer that makes the points.")
        clock.advance(60)
        qtbot.keyClick(view.editor, Qt.Key.Key_Return, CTRL)
        qtbot.keyClick(view.reveal.checklist, Qt.Key.Key_3)
        qtbot.keyClick(view, Qt.Key.Key_Right, CTRL)
    assert view.session.is_finished


def test_the_summary_of_a_session_from_the_plan_says_how_readiness_moved(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    dialog = add_interview_from_today(qtbot, window, clock, 6, "<b>Acme</b>")
    ids = dialog.today_ids()
    assert dialog.plan is not None
    forecast = dialog.plan.interviews[0].forecast
    assert forecast.today == 0

    qtbot.mouseClick(dialog.session_button, Qt.MouseButton.LeftButton)
    run_session(qtbot, window, clock, len(ids))
    stored = [window.workspace.store.attempts_for(question_id) for question_id in ids]
    assert [[a.rating for a in attempts] for attempts in stored] == [[Rating.GOOD]] * len(ids)

    summary = window.sessions.summary
    assert summary is not None
    label = summary.readiness_label
    assert label.isVisibleTo(summary)
    assert label.textFormat() == Qt.TextFormat.PlainText  # the interview's name is the user's
    day = f"{window.workspace.store.interviews()[0].date:%b} "
    expected = f"<b>Acme</b>: ready today 0 → {len(ids)} of {forecast.total}; on {day}"
    assert label.text().startswith(expected)
    assert summary.readiness_lines == [label.text()]

    # The Markdown report says the same.
    saved = tmp_path / "report.md"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(saved), "Markdown (*.md)")
    )
    with qtbot.waitSignal(summary.exported):
        qtbot.mouseClick(summary.export_button, Qt.MouseButton.LeftButton)
    report = saved.read_text(encoding="utf-8")
    assert "## Readiness for your interviews" in report
    assert f"- {label.text()}" in report


def test_without_an_interview_the_summary_says_nothing_of_readiness(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans: list[object] = []
    monkeypatch.setattr(study_plan_module, "study_plan", lambda *args, **kw: plans.append(args))
    question = window.current_question
    assert question is not None
    window.sessions.start_hand_picked([question.id])
    run_session(qtbot, window, clock, 1)
    summary = window.sessions.summary
    assert summary is not None
    assert not summary.readiness_label.isVisibleTo(summary)
    assert "Readiness" not in summary.report_markdown()
    assert plans == []  # no interview: no plan was computed


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_a_past_interview_shows_its_kept_forecast_beside_the_day(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    dialog = add_interview_from_today(qtbot, window, clock, 2, "Acme")
    assert dialog.plan is not None
    shown = dialog.plan.interviews[0].kept()
    dialog.close()
    interview = window.workspace.store.interviews()[0]
    assert interview.forecast == shown  # kept as soon as it was shown

    clock.advance(3 * 24 * 3600)  # the interview is past
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_J, CTRL)
    later = open_today_dialog()
    assert later.plan is not None
    assert later.plan.interviews == ()
    qtbot.mouseClick(later.interviews_button, Qt.MouseButton.LeftButton)
    assert later.editor is not None
    line = later.editor.interview_list.item(0).text()
    assert line.startswith(f"{interview.date.isoformat()} — Acme")
    assert f"— past: {shown.describe()}; on the day 0 of {shown.total} were ready" in line
    assert window.workspace.store.interviews()[0].forecast == shown  # unchanged after the day
