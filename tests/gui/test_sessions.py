"""Whole mock-interview sessions in the real window, driven by keys, with a fake clock."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.session import Outcome, Phase, SessionStatus
from aipm_desktop.core.session_settings import (
    RevealPolicy,
    SelectionKind,
    SessionSettings,
)
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.session.new_session_dialog import FIRST_SESSION, NewSessionDialog
from aipm_desktop.ui.session.summary_dialog import SummaryColumn, SummaryDialog
from aipm_desktop.ui.session.window import SessionWindow
from aipm_desktop.ui.widgets.settings import AppSettings
from tests.questions import bundled_questions

from .conftest import WindowFactory

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def hand_picked(count: int = 3, **changes: object) -> SessionSettings:
    """The first ``count`` bundled questions, as listed."""
    return SessionSettings(
        selection=SelectionKind.HAND_PICKED,
        hand_picked=tuple(_question_ids()[:count]),
        **changes,  # type: ignore[arg-type]
    )


def _question_ids() -> list[str]:
    return [q.id for q in bundled_questions()]


def start_session(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, settings: SessionSettings
) -> SessionWindow:
    """Ctrl+Shift+N with the dialog answered by ``settings``."""
    monkeypatch.setattr(NewSessionDialog, "ask", classmethod(lambda cls, *a: settings))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    before = window.sessions.window
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)
    session_window = window.sessions.window
    assert session_window is not None
    assert session_window is not before
    qtbot.waitExposed(session_window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is session_window)
    return session_window


def type_and_submit(qtbot: QtBot, view: SessionWindow, text: str) -> None:
    qtbot.keyClicks(view.editor, text)
    qtbot.keyClick(view.editor, Qt.Key.Key_Return, CTRL)


def summary_of(qtbot: QtBot, window: MainWindow) -> SummaryDialog:
    """The summary shown at the end of the session, once it has the keyboard."""
    dialog = window.sessions.summary
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_three_questions_in_hard_mode_submit_and_move_on_at_time_up(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = hand_picked(
        fixed_seconds=60, time_up_mode=TimeUpMode.HARD, reveal=RevealPolicy.AT_END
    )
    view = start_session(qtbot, window, monkeypatch, settings)
    assert view.progress_label.text() == "Question 1 of 3"
    assert view.phase_label.text().startswith("Answering")
    assert QApplication.focusWidget() is view.editor
    assert not view.reveal.is_revealed

    for n in range(3):
        assert view.progress_label.text() == f"Question {n + 1} of 3"
        qtbot.keyClicks(view.editor, f"answer {n + 1}")
        clock.advance(59)
        view.tick()
        assert view.session.position == n + 1
        assert "0:01 left" in view.question_clock.text()
        clock.advance(1)
        view.tick()  # time is up: submitted, next question

    summary = summary_of(qtbot, window)
    assert not view.isVisible()
    attempts = window.workspace.store.session_attempts(view.session.session_id or 0)
    assert [a.answer for a in attempts] == ["answer 1", "answer 2", "answer 3"]
    assert all(a.auto_submitted and a.seconds_used == 60 for a in attempts)
    assert all(a.overtime_seconds == 0 for a in attempts)
    assert [r.outcome for r in summary.summary.rows] == [Outcome.ANSWERED] * 3
    assert summary.summary.totals.overall_seconds == 180
    record = window.workspace.store.session(view.session.session_id or 0)
    assert record.status == SessionStatus.FINISHED
    assert record.ended_at == clock.now()
    # The practice list knows about the new attempts.
    assert window.workspace.store.question_stats()[attempts[0].question_id].attempt_count == 1


def test_soft_mode_records_overtime_and_reviews_after_each(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = hand_picked(2, fixed_seconds=30, reveal=RevealPolicy.AFTER_EACH)
    view = start_session(qtbot, window, monkeypatch, settings)
    qtbot.keyClicks(view.editor, "slow answer")
    clock.advance(45)
    view.tick()
    assert view.session.phase == Phase.ANSWERING, "soft mode never submits by itself"
    assert view.question_clock.text() == "Over time +0:15"
    assert not view.editor.isReadOnly()
    qtbot.keyClick(view.editor, Qt.Key.Key_Return, CTRL)

    assert view.session.phase == Phase.REVIEWING
    assert view.reveal.is_revealed
    assert view.phase_label.text().startswith("Reviewing")
    assert view.question_clock.text() == "Done in 0:45 (+0:15 over)"
    checklist = view.reveal.checklist
    assert QApplication.focusWidget() is checklist
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    qtbot.keyClick(checklist, Qt.Key.Key_4)
    qtbot.keyClick(view, Qt.Key.Key_Right, CTRL)
    assert view.progress_label.text() == "Question 2 of 2"
    assert not view.reveal.is_revealed
    type_and_submit(qtbot, view, "quick")
    assert view.next_action.text() == "&Finish"
    qtbot.keyClick(view, Qt.Key.Key_Right, CTRL)

    summary = summary_of(qtbot, window)
    first, second = summary.summary.rows
    assert first.item.overtime_seconds == 15
    assert first.overtime_text == "+0:15"
    assert first.rating == Rating.EASY
    assert first.coverage_text == f"1/{len(first.question.key_points)}"
    assert summary.model.index(0, SummaryColumn.OVERTIME).data() == "+0:15"
    assert summary.model.index(0, SummaryColumn.RATING).data() == "Easy"
    assert summary.model.index(1, SummaryColumn.RATING).data() == "Not rated"
    assert second.attempt is not None
    assert second.attempt.overtime_seconds == 0


def test_think_time_runs_first_and_can_be_cut_short(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = hand_picked(2, fixed_seconds=60, think_seconds=20, reveal=RevealPolicy.AT_END)
    view = start_session(qtbot, window, monkeypatch, settings)
    assert view.phase_label.text().startswith("Thinking")
    assert view.editor.isReadOnly()
    assert not view.submit_action.isEnabled()
    clock.advance(5)
    view.tick()
    assert view.question_clock.text() == "Think 0:15 left"
    clock.advance(15)
    view.tick()
    assert view.phase_label.text().startswith("Answering")
    assert QApplication.focusWidget() is view.editor
    clock.advance(10)
    type_and_submit(qtbot, view, "after thinking")

    assert view.phase_label.text().startswith("Thinking")
    clock.advance(3)
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL_SHIFT)  # start answering now
    assert view.session.phase == Phase.ANSWERING
    clock.advance(8)
    type_and_submit(qtbot, view, "cut short")

    summary = summary_of(qtbot, window)
    first, second = summary.summary.rows
    assert (first.item.think_seconds_used, first.item.seconds_used) == (20, 10)
    assert (second.item.think_seconds_used, second.item.seconds_used) == (3, 8)
    assert summary.summary.totals.overall_seconds == 41


def test_a_pause_stops_every_clock_and_is_excluded_from_time_used(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = hand_picked(1, fixed_seconds=120, budget_seconds=600, reveal=RevealPolicy.AT_END)
    view = start_session(qtbot, window, monkeypatch, settings)
    qtbot.keyClicks(view.editor, "before the pause")
    clock.advance(30)
    qtbot.keyClick(view.editor, Qt.Key.Key_P, CTRL)
    assert view.session.paused
    assert view.phase_label.text().startswith("Paused")
    assert view.editor.isReadOnly()
    clock.advance(300)
    view.tick()
    assert view.question_clock.text() == "Paused · 1:30 left"
    assert view.overall_clock.text() == "0:30 used · 9:30 of 10:00 left"
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL)
    assert not view.editor.isReadOnly()
    clock.advance(20)
    qtbot.keyClick(view.editor, Qt.Key.Key_Return, CTRL)

    summary = summary_of(qtbot, window)
    (row,) = summary.summary.rows
    assert row.attempt is not None
    assert row.attempt.seconds_used == 50
    assert row.attempt.paused_seconds == 300
    totals = summary.summary.totals
    assert (totals.pause_count, totals.paused_seconds) == (1, 300)
    assert "1 pause (5:00)" in summary.totals_label.text()
    record = window.workspace.store.session(view.session.session_id or 0)
    assert (record.pause_count, record.paused_seconds) == (1, 300)


def test_skip_and_end_early_are_recorded(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = hand_picked(4, reveal=RevealPolicy.AT_END)
    view = start_session(qtbot, window, monkeypatch, settings)
    qtbot.keyClicks(view.editor, "not sure")
    clock.advance(10)
    qtbot.keyClick(view, Qt.Key.Key_S, CTRL_SHIFT)
    assert view.progress_label.text() == "Question 2 of 4"
    assert view.editor.toPlainText() == ""
    type_and_submit(qtbot, view, "a real answer")
    qtbot.keyClicks(view.editor, "typed, then ended")
    clock.advance(7)
    qtbot.keyClick(view, Qt.Key.Key_E, CTRL_SHIFT)

    summary = summary_of(qtbot, window)
    outcomes = [r.outcome for r in summary.summary.rows]
    assert outcomes == [Outcome.SKIPPED, Outcome.ANSWERED, Outcome.ANSWERED, Outcome.NOT_REACHED]
    assert summary.summary.ended_early
    assert summary.summary.rows[0].answer == "not sure"
    assert summary.summary.rows[0].attempt is None
    assert summary.model.index(0, SummaryColumn.RESULT).data() == "Skipped"
    assert summary.model.index(3, SummaryColumn.RESULT).data() == "Not reached"
    attempts = window.workspace.store.session_attempts(view.session.session_id or 0)
    assert [a.answer for a in attempts] == ["a real answer", "typed, then ended"]
    assert "ended early" in summary.headline.text()


def test_peek_asks_and_is_recorded(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = start_session(qtbot, window, monkeypatch, hand_picked(1, reveal=RevealPolicy.AT_END))
    asked: list[str] = []

    def answer_no(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    qtbot.keyClick(view.editor, Qt.Key.Key_M, CTRL_SHIFT)
    assert asked
    assert not view.reveal.is_revealed
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(view.editor, Qt.Key.Key_M, CTRL_SHIFT)
    assert view.reveal.is_revealed
    type_and_submit(qtbot, view, "with help")
    (row,) = summary_of(qtbot, window).summary.rows
    assert row.attempt is not None
    assert row.attempt.revealed_before_submit
    assert "peeked" in str(summary_of(qtbot, window).model.index(0, SummaryColumn.RESULT).data())


def test_summary_review_ticks_and_rates_and_compares_with_earlier_sessions(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = hand_picked(2, fixed_seconds=60, reveal=RevealPolicy.AT_END)
    view = start_session(qtbot, window, monkeypatch, settings)
    for text in ("one", "two"):
        clock.advance(50)
        type_and_submit(qtbot, view, text)
    first_summary = summary_of(qtbot, window)
    assert "first finished session" in first_summary.comparison_title.text()
    first_summary.close()

    clock.advance(3600)
    view = start_session(qtbot, window, monkeypatch, settings)
    for text in ("one again", "two again"):
        clock.advance(30)
        type_and_submit(qtbot, view, text)
    summary = summary_of(qtbot, window)
    assert "previous 1 session" in summary.comparison_title.text()
    assert summary.comparison_model.index(2, 1).data() == "0:30"  # time per answer
    assert summary.comparison_model.index(2, 2).data() == "0:50"
    assert summary.comparison_model.index(2, 3).data() == "less"  # neither better nor worse

    # Go through the answers: the second row, tick one point, rate Good.
    qtbot.keyClick(summary.view, Qt.Key.Key_Down)
    assert summary.answer_view.toPlainText() == "two again"
    assert summary.reveal.is_revealed
    summary.reveal.checklist.focus_first()
    qtbot.keyClick(summary.reveal.checklist, Qt.Key.Key_Space)
    qtbot.keyClick(summary.reveal.checklist, Qt.Key.Key_3)
    row = summary.summary.rows[1]
    assert row.rating == Rating.GOOD
    assert row.coverage_text.startswith("1/")
    assert summary.model.index(1, SummaryColumn.RATING).data() == "Good"
    assert (
        window.workspace.store.attempt(row.attempt.id if row.attempt else 0).rating == Rating.GOOD
    )


def test_export_report_as_pdf_and_markdown(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    settings = hand_picked(3, reveal=RevealPolicy.AT_END)
    view = start_session(qtbot, window, monkeypatch, settings)
    answers = ["First answer.\n- with a list", "Second answer.", "Third answer."]
    for text in answers:
        clock.advance(40)
        view.editor.setPlainText(text)
        qtbot.keyClick(view.editor, Qt.Key.Key_Return, CTRL)
    summary = summary_of(qtbot, window)
    questions = [row.question for row in summary.summary.rows]

    pdf = tmp_path / "report.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: (str(pdf), "PDF document (*.pdf)")
    )
    with qtbot.waitSignal(summary.exported):
        qtbot.keyClick(summary, Qt.Key.Key_R, CTRL_SHIFT)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    from PySide6.QtPdf import QPdfDocument

    reader = QPdfDocument()
    reader.load(str(pdf))
    pages = [reader.getAllText(n).text() for n in range(reader.pageCount())]
    count = len(pages)
    assert f"{count} pages" in summary.status_label.text()
    assert [page.rstrip().endswith(f"Page {n} of {count}") for n, page in enumerate(pages, 1)] == [
        True
    ] * count
    # Page 1: date, settings, totals and the first question; each further one on a new page.
    assert "Settings" in pages[0]
    assert f"1. {questions[0].prompt[:20]}" in pages[0]
    for position in range(2, len(questions) + 1):
        assert any(page.lstrip().startswith(f"{position}. ") for page in pages[1:])
    # The model answers are in by default.
    assert summary.model_answers_box.isChecked()
    assert "Model answer" in "".join(pages)
    reader.close()

    md = tmp_path / "report"  # no extension: the chosen filter decides
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(md), "Markdown (*.md)"))
    with qtbot.waitSignal(summary.exported):
        summary.export_button.click()
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    for question in questions:
        assert question.prompt in text
    for answer in answers:
        for line in answer.splitlines():
            assert f"> {line}" in text
    # 09:00 UTC, in this computer's time zone, with its offset
    assert re.search(r"\*\*Date:\*\* 2026-01-0[456] \d\d:\d\d \(UTC[+-]\d\d:\d\d\)", text)
    assert "**Model answer**" in text

    # Alt+M leaves the model answers out, and the choice is remembered.
    summary.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is summary)
    qtbot.keyClick(summary.view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not summary.model_answers_box.isChecked())  # an animated click
    assert window.settings.report_model_answers is False
    with qtbot.waitSignal(summary.exported):
        summary.export_button.click()
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "**Model answer**" not in text
    qtbot.keyClick(summary.view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(summary.model_answers_box.isChecked)
    assert window.settings.report_model_answers is True
    with qtbot.waitSignal(summary.exported):
        summary.export_button.click()
    text = (tmp_path / "report.md").read_text(encoding="utf-8")

    # From the main window: Ctrl+Shift+R exports the last session's report.
    summary.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    again = tmp_path / "again.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(again), ""))
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    assert again.read_text(encoding="utf-8") == text


def test_unwritable_report_path_gives_a_message(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    view = start_session(qtbot, window, monkeypatch, hand_picked(1, reveal=RevealPolicy.AT_END))
    type_and_submit(qtbot, view, "x")
    summary = summary_of(qtbot, window)
    target = tmp_path / "missing-folder" / "r.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(str(a[2])))
    summary.export_report()
    assert warnings
    assert str(target) in warnings[0]
    assert summary.isVisible()


def test_closing_mid_session_then_restarting_offers_to_resume(
    qtbot: QtBot,
    open_window: WindowFactory,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    view = start_session(qtbot, window, monkeypatch, hand_picked(3, reveal=RevealPolicy.AT_END))
    clock.advance(20)
    type_and_submit(qtbot, view, "kept")
    qtbot.keyClicks(view.editor, "half typed")
    clock.advance(12)
    window.close()
    clock.advance(1000)  # the app was closed

    asked: list[str] = []

    def yes(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    restarted = open_window()
    qtbot.waitUntil(lambda: restarted.sessions.window is not None)
    resumed = restarted.sessions.window
    assert resumed is not None
    assert "question 2 of 3" in asked[0]
    assert resumed.progress_label.text() == "Question 2 of 3"
    assert resumed.editor.toPlainText() == "half typed"
    assert resumed.session.paused
    assert resumed.question_clock.text().startswith("Paused · ")
    assert resumed.session.overall_seconds == 32
    qtbot.keyClick(resumed, Qt.Key.Key_P, CTRL)
    clock.advance(3)
    qtbot.keyClick(resumed.editor, Qt.Key.Key_Return, CTRL)
    assert resumed.session.position == 3
    attempts = restarted.workspace.store.session_attempts(resumed.session.session_id or 0)
    assert [(a.answer, a.seconds_used) for a in attempts] == [("kept", 20), ("half typed", 15)]


def test_declining_to_resume_sets_the_session_aside(
    qtbot: QtBot,
    open_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    start_session(qtbot, window, monkeypatch, hand_picked(2))
    window.close()
    asked: list[object] = []

    def no(*args: object) -> QMessageBox.StandardButton:
        asked.append(args)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    restarted = open_window()
    qtbot.waitUntil(lambda: bool(asked))
    assert restarted.sessions.window is None
    assert restarted.workspace.store.unfinished_session() is None


def test_new_session_dialog_remembers_the_last_choices(
    qtbot: QtBot, window: MainWindow, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[SessionSettings] = []

    def choose_and_accept(dialog: NewSessionDialog) -> int:
        qtbot.addWidget(dialog)
        shown.append(dialog.settings())
        dialog.selection.setCurrentIndex(dialog.selection.findData(SelectionKind.RANDOM.value))
        dialog.count.setValue(4)
        dialog.order.setCurrentIndex(1)
        dialog.think.setChecked(True)
        dialog.think_seconds.setValue(45)
        dialog.budget.setChecked(True)
        dialog.budget_time.setValue(25 * 60)
        dialog.time_up.setCurrentIndex(dialog.time_up.findData(TimeUpMode.HARD.value))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewSessionDialog, "exec", choose_and_accept)
    questions = window.sessions.questions
    chosen = NewSessionDialog.ask(window, questions, {}, settings)
    assert shown == [FIRST_SESSION], "five at random the first time"
    assert (FIRST_SESSION.selection, FIRST_SESSION.count) == (SelectionKind.RANDOM, 5)
    assert chosen is not None
    assert (chosen.selection, chosen.count, chosen.shuffle) == (SelectionKind.RANDOM, 4, True)
    assert (chosen.think_seconds, chosen.budget_seconds) == (45, 1500)
    assert chosen.time_up_mode == TimeUpMode.HARD

    monkeypatch.setattr(
        NewSessionDialog, "exec", lambda dialog: shown.append(dialog.settings()) or 0
    )
    assert NewSessionDialog.ask(window, questions, {}, settings) is None
    assert shown[-1] == chosen, "the last choices come back"

    def change_then_escape(dialog: NewSessionDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.count.setValue(7)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(NewSessionDialog, "exec", change_then_escape)
    assert NewSessionDialog.ask(window, questions, {}, settings) is None
    monkeypatch.setattr(
        NewSessionDialog, "exec", lambda dialog: shown.append(dialog.settings()) or 0
    )
    NewSessionDialog.ask(window, questions, {}, settings)
    assert shown[-1].count == 7, "Escape keeps what was set"


def test_new_session_dialog_explains_an_empty_choice(qtbot: QtBot, window: MainWindow) -> None:
    dialog = NewSessionDialog(window.sessions.questions, {}, SessionSettings(), window)
    qtbot.addWidget(dialog)
    assert dialog.start_button.isEnabled()
    assert "10 questions" in dialog.preview.text()
    dialog.selection.setCurrentIndex(dialog.selection.findData(SelectionKind.WEAKEST.value))
    assert not dialog.start_button.isEnabled()
    assert "none has been attempted" in dialog.preview.text()
    dialog.selection.setCurrentIndex(dialog.selection.findData(SelectionKind.HAND_PICKED.value))
    assert "tick at least one" in dialog.preview.text()
    dialog.picked_model.item(2).setCheckState(Qt.CheckState.Checked)
    assert dialog.start_button.isEnabled()
    assert dialog.settings().hand_picked == (window.sessions.questions[2].id,)


def test_hard_mode_budget_ends_the_session_and_keeps_the_typed_answer(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = hand_picked(
        3,
        fixed_seconds=60,
        budget_seconds=90,
        time_up_mode=TimeUpMode.HARD,
        reveal=RevealPolicy.AT_END,
    )
    view = start_session(qtbot, window, monkeypatch, settings)
    qtbot.keyClicks(view.editor, "first")
    clock.advance(60)
    view.tick()
    assert view.progress_label.text() == "Question 2 of 3"
    qtbot.keyClicks(view.editor, "second, cut off by the budget")
    clock.advance(30)
    view.tick()

    summary = summary_of(qtbot, window)
    assert summary.summary.budget_ran_out
    assert "budget ran out" in summary.headline.text()
    outcomes = [r.outcome for r in summary.summary.rows]
    assert outcomes == [Outcome.ANSWERED, Outcome.ANSWERED, Outcome.NOT_REACHED]
    answers = [
        a.answer for a in window.workspace.store.session_attempts(view.session.session_id or 0)
    ]
    assert answers == ["first", "second, cut off by the budget"]


def test_escape_pauses_and_keeps_the_session_for_later(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = start_session(qtbot, window, monkeypatch, hand_picked(2))
    qtbot.keyClicks(view.editor, "draft")
    clock.advance(9)
    qtbot.keyClick(view.editor, Qt.Key.Key_Escape)
    assert not view.isVisible()
    assert "Ctrl+Shift+N resumes" in window.statusBar().currentMessage()
    record = window.workspace.store.unfinished_session()
    assert record is not None
    assert record.state["paused"] is True

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(
        NewSessionDialog, "ask", classmethod(lambda cls, *a: pytest.fail("resume comes first"))
    )
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)
    resumed = window.sessions.window
    assert resumed is not None
    assert resumed is not view
    assert resumed.editor.toPlainText() == "draft"
    assert resumed.session.timer is not None
    assert resumed.session.timer.elapsed_seconds == 9


def test_a_session_whose_question_is_gone_is_set_aside_with_a_message(
    qtbot: QtBot,
    open_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    view = start_session(qtbot, window, monkeypatch, hand_picked(2))
    window.close()
    session_id = view.session.session_id or 0
    state = dict(window.workspace.store.session(session_id).state)
    state["items"] = [{**state["items"][0], "question_id": "removed-question"}]
    window.workspace.store.save_session(session_id, state, pause_count=0, paused_seconds=0)

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(str(a[2])))
    restarted = open_window()
    qtbot.waitUntil(lambda: bool(warnings))
    assert "removed-question" in warnings[0]
    assert restarted.sessions.window is None
    assert restarted.workspace.store.unfinished_session() is None


def test_hide_timer_zoom_and_hints_work_in_a_session_as_in_free_practice(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = start_session(qtbot, window, monkeypatch, hand_picked(1))
    editor = view.editor
    size = editor.font().pointSizeF()
    qtbot.keyClick(editor, Qt.Key.Key_T, CTRL)
    assert "hidden" in view.question_clock.text().lower()
    assert window.settings.timer_hidden
    qtbot.keyClick(editor, Qt.Key.Key_T, CTRL)
    assert "left" in view.question_clock.text()
    qtbot.keyClick(editor, Qt.Key.Key_Equal, CTRL)
    assert window.settings.zoom_percent == 110
    assert editor.font().pointSizeF() == pytest.approx(size * 1.1)
    question = view.session.question
    qtbot.keyClicks(editor, question.key_points[0])
    clock.advance(30)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    checklist = view.reveal.checklist
    assert view.reveal.is_revealed
    # The same key-point check as free practice: the first point was typed word for word.
    qtbot.waitUntil(lambda: all(checklist.hint_texts()))  # the check runs on a pool thread
    hints = checklist.hint_texts()
    assert len(hints) == len(question.key_points)
    assert hints[0].startswith("covered (")


@pytest.mark.parametrize("mode", [TimeUpMode.SOFT, TimeUpMode.HARD])
def test_overtime_reads_the_same_in_the_view_summary_and_reports(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    mode: TimeUpMode,
) -> None:
    settings = hand_picked(1, fixed_seconds=30, time_up_mode=mode)
    view = start_session(qtbot, window, monkeypatch, settings)
    qtbot.keyClicks(view.editor, "An answer a little over time.")
    if mode == TimeUpMode.SOFT:
        clock.advance(30.6)  # 0.6 s over: whole seconds, rounded down, everywhere
        view.tick()
        qtbot.keyClick(view.editor, Qt.Key.Key_Return, CTRL)
        expected = ""
        view_text = "Done in 0:30"
    else:
        clock.advance(31.4)  # the clock was late: submitted at 1.4 s over
        view.tick()
        expected = "+0:01"
        view_text = "Done in 0:31 (+0:01 over)"
    assert view.question_clock.text() == view_text
    qtbot.keyClick(view, Qt.Key.Key_Right, CTRL)
    summary = summary_of(qtbot, window)
    row = summary.summary.rows[0]
    assert row.overtime_text == expected
    assert summary.model.index(0, SummaryColumn.OVERTIME).data() == (expected or "–")
    md = tmp_path / "report.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(md), "Markdown (*.md)"))
    with qtbot.waitSignal(summary.exported):
        summary.export_button.click()
    text = md.read_text(encoding="utf-8")
    overtime_total = "overtime 0:01" if expected else "overtime 0:00"
    assert overtime_total in text
    assert ("; overtime +" in text) == bool(expected)
    if expected:
        assert f"; overtime {expected}" in text

    from aipm_desktop.ui.session.report_pdf import report_document

    pdf_text = report_document(text).toPlainText()
    assert overtime_total in pdf_text
    assert ("; overtime +" in pdf_text) == bool(expected)
    if expected:
        assert f"; overtime {expected}" in pdf_text


def test_new_session_dialog_shows_only_what_applies_and_one_time_format(
    qtbot: QtBot, window: MainWindow
) -> None:
    questions = window.sessions.questions
    dialog = NewSessionDialog(questions, {}, FIRST_SESSION, window, default_limit_seconds=300)
    qtbot.addWidget(dialog)
    dialog.show()
    expected = sum(q.effective_time_limit(300) for q in questions[:5]) / 60
    assert "5 questions" in dialog.preview.text()
    assert "about " in dialog.preview.text()
    assert " min in all" in dialog.preview.text()
    minutes = int(dialog.preview.text().split("about ")[1].split(" min")[0])
    assert abs(minutes - expected) <= 5  # random picks: each question's own limit
    # A few at random: how many, no category, level or hand-picked list.
    assert dialog.count.isVisible()
    assert not dialog.category.isVisible()
    assert not dialog.picked.isVisible()
    dialog.selection.setCurrentIndex(dialog.selection.findData(SelectionKind.HAND_PICKED.value))
    assert dialog.picked.isVisible()
    assert not dialog.count.isVisible()
    # Every duration reads m:ss, as everywhere in the app.
    for spin in (dialog.fixed_seconds, dialog.think_seconds, dialog.budget_time):
        assert re.fullmatch(r"\d+:\d\d", spin.text())
    dialog.think.setChecked(True)
    dialog.think_seconds.setValue(60)
    dialog.selection.setCurrentIndex(dialog.selection.findData(SelectionKind.ALL.value))
    assert "10 questions" in dialog.preview.text()
