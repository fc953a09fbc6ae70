"""Due questions, the history window, comparing attempts, statistics and export, by keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextFragment
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QTextEdit
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt, NewAttempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store
from aipm_desktop.ui.history.compare_dialog import ADDED_STYLE, COMPARING, CompareDialog
from aipm_desktop.ui.history.panel import AttemptDialog
from aipm_desktop.ui.history.window import EMPTY_TEXT as HISTORY_EMPTY
from aipm_desktop.ui.history.window import NO_MATCH_TEXT, HistoryWindow
from aipm_desktop.ui.main.question_model import Column, Status
from aipm_desktop.ui.main.settings_dialog import SettingsDialog
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.theme import contrast
from tests.questions import bundled_questions

from .conftest import WindowFactory

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
QUESTIONS = bundled_questions()
Q1, Q2, Q3, Q4 = (q.id for q in QUESTIONS[:4])


def seed(
    data_dir: Path,
    clock: FakeClock,
    entries: list[tuple[str, float, Rating | None, int, str]],
) -> None:
    """Store attempts (question, days ago, rating, key points ticked, answer) before start-up."""
    by_id = {q.id: q for q in QUESTIONS}
    with Store.open(database_path(data_dir)) as store:
        for question_id, days_ago, rating, ticked, answer in entries:
            question = by_id[question_id]
            started = clock.now() - timedelta(days=days_ago, seconds=200)
            attempt = store.record_attempt(
                NewAttempt(
                    question_id=question_id,
                    pack_id=question.pack_id,
                    pack_version=question.pack_version,
                    started_at=started,
                    ended_at=started + timedelta(seconds=180),
                    seconds_used=180.0,
                    time_limit_seconds=300,
                    overtime_seconds=0.0,
                    answer=answer,
                    revealed_before_submit=False,
                    key_points_total=len(question.key_points),
                    time_up_mode=TimeUpMode.SOFT,
                )
            )
            store.set_key_points(attempt.id, list(question.key_points[:ticked]))
            if rating is not None:
                store.set_rating(attempt.id, rating, attempt.ended_at)


def row_of(window: MainWindow, question_id: str) -> int:
    row = window.question_list.question_model.row_of(question_id)
    assert row is not None
    return row


def due_text(window: MainWindow, question_id: str) -> str:
    return str(
        window.question_list.question_model.index(row_of(window, question_id), Column.DUE).data()
    )


def listed(window: MainWindow) -> list[str]:
    return [
        window.question_list.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).id
        for r in range(window.question_list.proxy.rowCount())
    ]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """Dialogs the app opened (recorded instead of shown)."""
    shown: list[QDialog] = []
    for kind in (AttemptDialog, CompareDialog):
        monkeypatch.setattr(kind, "open", lambda dialog: shown.append(dialog))
    return shown


def fragments(view: QTextEdit) -> list[QTextFragment]:
    """Every run of equally formatted text in the view's document."""
    found = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            found.append(it.fragment())
            it += 1
        block = block.next()
    return found


def select_rows(history: HistoryWindow, rows: list[int]) -> None:
    """Select exactly these rows of the history table and focus it."""
    view = history.view
    view.setFocus()
    selection = view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            history.proxy.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )


# -- due questions ------------------------------------------------------------


@pytest.fixture
def due_window(open_window: WindowFactory, data_dir: Path, clock: FakeClock) -> MainWindow:
    seed(
        data_dir,
        clock,
        [
            (Q1, 3, Rating.AGAIN, 1, "a"),  # due one day later: two days late now
            (Q4, 2, Rating.HARD, 1, "b"),  # due one day later: one day late now
            (Q2, 0, Rating.EASY, 3, "c"),  # due in 8 days
        ],
    )
    return open_window()


def test_due_column_says_when_each_question_comes_back(due_window: MainWindow) -> None:
    assert (
        due_window.question_list.question_model.headerData(Column.DUE, Qt.Orientation.Horizontal)
        == "Due"
    )
    assert due_text(due_window, Q1) == "now (2 days late)"
    assert due_text(due_window, Q4) == "now (1 day late)"
    assert due_text(due_window, Q2) == "in 8 days"
    assert due_text(due_window, Q3) == "—"


def test_due_only_filter_toggles_by_key(qtbot: QtBot, due_window: MainWindow) -> None:
    view = due_window.question_list.question_view
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL_SHIFT)
    assert sorted(listed(due_window)) == sorted([Q1, Q4])
    assert due_window.question_list.status_filter.currentData() == Status.DUE
    assert due_window.named_actions["due_only"].isChecked()

    qtbot.keyClick(view, Qt.Key.Key_D, CTRL_SHIFT)
    assert due_window.question_list.proxy.rowCount() == len(QUESTIONS)
    assert not due_window.named_actions["due_only"].isChecked()


def test_practise_due_selects_the_most_overdue_even_when_filtered_out(
    qtbot: QtBot, due_window: MainWindow
) -> None:
    qtbot.keyClicks(due_window.question_list.search_box, "no question says this")
    assert due_window.question_list.proxy.rowCount() == 0

    qtbot.keyClick(due_window.question_list.question_view, Qt.Key.Key_D, CTRL)

    assert due_window.question_list.search_box.text() == ""
    assert due_window.current_question is not None
    assert due_window.current_question.id == Q1
    assert QApplication.focusWidget() is due_window.question_list.question_view
    assert "1 more due" in due_window.statusBar().currentMessage()


def test_nothing_due_is_explained(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_D, CTRL)
    assert "Nothing is due yet" in window.statusBar().currentMessage()
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_D, CTRL_SHIFT)
    assert window.question_list.proxy.rowCount() == 0
    assert window.question_list.empty_list_label.isVisible()
    assert "Nothing is due now" in window.question_list.empty_list_label.text()


def test_rating_in_the_window_schedules_and_the_question_falls_due(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    question = window.current_question
    assert question is not None
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    qtbot.keyClicks(window.practice.editor, "Short answer.")
    clock.advance(60)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(window.practice.reveal.checklist, Qt.Key.Key_1)  # Again: tomorrow
    assert due_text(window, question.id) == "in 1 day"

    clock.advance(86400 + 60)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_D, CTRL_SHIFT)
    assert listed(window) == [question.id]


def test_desired_retention_setting_reschedules(due_window: MainWindow) -> None:
    before = due_window.workspace.store.review_states()[Q2].due
    due_window.preferences.set_desired_retention(0.8)
    assert due_window.settings.desired_retention == 0.8
    assert due_window.workspace.store.desired_retention == 0.8
    assert due_window.workspace.store.review_states()[Q2].due > before
    assert due_text(due_window, Q2) != "in 8 days"


def test_settings_dialog_retention_reschedules(
    qtbot: QtBot, due_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = due_window.workspace.store.review_states()[Q2].due

    def user_lowers_retention(
        _parent: object, settings: object, data_dir: object, extra: object = ()
    ) -> bool:
        dialog = SettingsDialog(due_window.settings, None)
        qtbot.addWidget(dialog)
        assert dialog.practice.retention.value() == 90
        dialog.practice.retention.selectAll()
        qtbot.keyClicks(dialog.practice.retention, "80")
        dialog.accept()
        return True

    monkeypatch.setattr(SettingsDialog, "ask", user_lowers_retention)
    qtbot.keyClick(due_window.question_list.question_view, Qt.Key.Key_Comma, CTRL)
    assert due_window.settings.desired_retention == pytest.approx(0.8)
    assert due_window.workspace.store.desired_retention == pytest.approx(0.8)
    assert due_window.workspace.store.review_states()[Q2].due > before


# -- history window and comparison ----------------------------------------------


@pytest.fixture
def history_window(
    qtbot: QtBot, open_window: WindowFactory, data_dir: Path, clock: FakeClock
) -> HistoryWindow:
    seed(
        data_dir,
        clock,
        [
            (Q4, 10, Rating.HARD, 1, "Precision is about being right.\nRecall is coverage."),
            (
                Q4,
                1,
                Rating.GOOD,
                3,
                "Precision is about being right when we flag.\nRecall is coverage.",
            ),
            (Q1, 0.5, None, 0, "Unrated answer"),
        ],
    )
    window = open_window()
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_H, CTRL)
    history = window.history.history_window
    assert history is not None
    qtbot.waitExposed(history)
    qtbot.waitUntil(history.isActiveWindow)
    qtbot.waitUntil(lambda: history.model.rowCount() == 3)
    return history


def test_history_lists_every_attempt_newest_first(history_window: HistoryWindow) -> None:
    proxy = history_window.proxy
    assert proxy.rowCount() == 3
    assert proxy.index(0, 4).data() == "Not rated"
    assert proxy.index(1, 4).data() == "Good"
    assert proxy.index(2, 1).data().startswith("4. ")
    assert proxy.index(1, 5).data() == "3/6"
    assert history_window.status.text() == "3 of 3 attempts"


def test_history_filters(history_window: HistoryWindow, clock: FakeClock) -> None:
    proxy = history_window.proxy
    history_window.show_question(Q4)
    assert proxy.rowCount() == 2
    history_window.rating_filter.setCurrentIndex(history_window.rating_filter.findData(3))
    assert proxy.rowCount() == 1
    history_window.rating_filter.setCurrentIndex(history_window.rating_filter.findData(4))
    assert proxy.rowCount() == 0
    assert history_window.empty.text() == NO_MATCH_TEXT
    assert history_window.stack.currentWidget() is history_window.empty

    history_window.clear_filters()
    assert proxy.rowCount() == 3
    today = clock.now().astimezone().date()
    history_window.set_date_range(today - timedelta(days=2), today)
    assert proxy.rowCount() == 2
    history_window.category_filter.setCurrentIndex(1)
    assert history_window.category_filter.currentText() == "Technical Depth"
    assert proxy.rowCount() == 2
    history_window.rating_filter.setCurrentIndex(history_window.rating_filter.findData(0))
    assert proxy.rowCount() == 1  # not rated


def test_return_opens_the_answer(
    qtbot: QtBot, history_window: HistoryWindow, opened: list[QDialog]
) -> None:
    view = history_window.view
    view.setFocus()
    view.setCurrentIndex(history_window.proxy.index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert len(opened) == 1
    dialog = opened[0]
    assert isinstance(dialog, AttemptDialog)
    assert dialog.answer_text.toPlainText().startswith("Precision is about being right when")


def test_compare_two_selected_attempts(
    qtbot: QtBot, history_window: HistoryWindow, opened: list[QDialog]
) -> None:
    view = history_window.view
    select_rows(history_window, [1, 2])
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL_SHIFT)
    assert len(opened) == 1
    dialog = opened[0]
    assert isinstance(dialog, CompareDialog)
    assert dialog.summary.text() == COMPARING  # the diff runs on a pool thread
    assert dialog.diff is None
    assert dialog.older_view.toPlainText().startswith("Precision is about being right.")
    assert "#ccffd8" not in dialog.newer_view.toHtml()  # nothing highlighted yet
    qtbot.waitUntil(lambda: dialog.diff is not None)
    assert dialog.diff is not None
    assert (dialog.diff.words_added, dialog.diff.words_removed) == (
        4,
        1,
    )  # "right." -> "right when we flag."
    assert "4 words added, 1 removed" in dialog.summary.text()
    assert dialog.older_view.toPlainText().startswith("Precision is about being right.")
    assert "when we flag" in dialog.newer_view.toPlainText()
    assert "#ccffd8" in dialog.newer_view.toHtml()  # the added words are highlighted
    assert "#ccffd8" not in dialog.older_view.toHtml()
    assert "ccffd8" in ADDED_STYLE

    # Read at the size answers are written at, and the struck-out words stay readable:
    # dark text on a tinted background, not a strike alone.
    window = history_window.parent()
    assert isinstance(window, MainWindow)
    editor_size = window.practice.editor.font().pointSizeF()
    for answer_view in (dialog.older_view, dialog.newer_view):
        assert answer_view.document().defaultFont().pointSizeF() == editor_size
    struck = [f for f in fragments(dialog.older_view) if f.charFormat().fontStrikeOut()]
    assert [f.text().strip() for f in struck] == ["right."]
    for fragment in struck:
        form = fragment.charFormat()
        assert form.background().style() != Qt.BrushStyle.NoBrush
        ink, paper = form.foreground().color(), form.background().color()
        assert contrast(ink, paper) >= 7


def test_compare_one_with_the_attempt_before(
    qtbot: QtBot, history_window: HistoryWindow, opened: list[QDialog]
) -> None:
    view = history_window.view
    select_rows(history_window, [2])  # the oldest: nothing before it
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL_SHIFT)
    assert "first attempt" in history_window.status.text()
    assert opened == []

    select_rows(history_window, [1])
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL_SHIFT)
    assert len(opened) == 1
    compare = opened[0]
    assert isinstance(compare, CompareDialog)
    qtbot.waitUntil(lambda: compare.diff is not None)
    assert compare.diff is not None
    assert compare.diff.words_added == 4

    select_rows(history_window, [0, 1, 2])
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL_SHIFT)
    assert "Select one attempt" in history_window.status.text()
    assert len(opened) == 1


def test_main_window_compares_the_selected_past_answer(
    qtbot: QtBot,
    open_window: WindowFactory,
    data_dir: Path,
    clock: FakeClock,
    opened: list[QDialog],
) -> None:
    seed(
        data_dir, clock, [(Q1, 3, Rating.HARD, 1, "one two"), (Q1, 1, Rating.GOOD, 2, "one three")]
    )
    window = open_window()
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_C, CTRL_SHIFT)
    assert len(opened) == 1
    dialog = opened[0]
    assert isinstance(dialog, CompareDialog)
    assert (dialog.older_view.toPlainText(), dialog.newer_view.toPlainText()) == (
        "one two",
        "one three",
    )


def test_history_empty_state(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_H, CTRL)
    history = window.history.history_window
    assert history is not None
    qtbot.waitUntil(lambda: history.status.text() != "Loading…")
    assert history.stack.currentWidget() is history.empty
    assert history.empty.text() == HISTORY_EMPTY


def test_history_follows_new_attempts(
    qtbot: QtBot, history_window: HistoryWindow, clock: FakeClock
) -> None:
    window = history_window.parent()
    assert isinstance(window, MainWindow)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    qtbot.keyClicks(window.practice.editor, "New answer")
    clock.advance(30)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: history_window.model.rowCount() == 4)


# -- statistics -------------------------------------------------------------------


def test_statistics_open_with_data(
    qtbot: QtBot, open_window: WindowFactory, data_dir: Path, clock: FakeClock
) -> None:
    seed(
        data_dir,
        clock,
        [
            (Q1, 3, Rating.AGAIN, 1, "a"),
            (Q1, 2, Rating.GOOD, 6, "b"),
            (Q2, 1, Rating.EASY, 1, "c"),
            (Q2, 0, None, 0, "d"),
            (Q3, 100, Rating.GOOD, 2, "e"),
        ],
    )
    window = open_window()
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_T, CTRL_SHIFT)
    dashboard = window.history.dashboard_window
    assert dashboard is not None
    qtbot.waitUntil(lambda: dashboard.dashboard is not None)
    assert dashboard.stack.currentWidget() is dashboard.charts_area
    assert all(dashboard.shows_chart(name) for name in dashboard.slots)
    summary = dashboard.summary.text()
    assert "<b>4</b> attempts in the last 30 days (5 in all)" in summary
    assert "streak <b>4</b> days" in summary
    attempts = dashboard.chart("attempts").series()[0]
    assert attempts.barSets()[0].count() == 30  # a bar a day, with its count on it
    assert attempts.isLabelsVisible()
    due = dashboard.chart("due").series()[0].barSets()[0]
    assert due.count() == 14
    assert sum(due.at(i) for i in range(14)) >= 1
    calibration = dashboard.chart("calibration").series()[0]
    assert len(calibration.barSets()) == 4
    assert dashboard.scores.rowCount() == 2  # rated questions in the last 30 days
    assert "Generous:" in dashboard.calibration_note.text()

    with qtbot.waitSignal(dashboard.loaded, timeout=10000):
        dashboard.set_range_days(365)
    assert "(5 in all)" in dashboard.summary.text()
    assert dashboard.scores.rowCount() == 3
    weeks = dashboard.chart("attempts").series()[0].barSets()[0]
    assert 52 <= weeks.count() <= 54  # a year: a bar a week
    assert sum(weeks.at(i) for i in range(weeks.count())) == 5

    # Return on the weakest question practises it in the main window.
    weakest = dashboard.scores.object_at(dashboard.scores.index(0, 0))
    assert weakest is not None
    dashboard.activateWindow()
    qtbot.waitUntil(dashboard.isActiveWindow)
    dashboard.score_view.setFocus()
    dashboard.score_view.setCurrentIndex(dashboard.scores.index(0, 0))
    qtbot.keyClick(dashboard.score_view, Qt.Key.Key_Return)
    assert window.current_question is not None
    assert window.current_question.id == weakest.key
    assert window.loop.is_running


def test_statistics_say_in_words_which_charts_have_too_little_data(
    qtbot: QtBot, open_window: WindowFactory, data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock, [(Q1, 0, None, 0, "a first answer, not rated yet")])
    window = open_window()
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_T, CTRL_SHIFT)
    dashboard = window.history.dashboard_window
    assert dashboard is not None
    qtbot.waitUntil(lambda: dashboard.dashboard is not None)
    assert dashboard.stack.currentWidget() is dashboard.charts_area
    assert dashboard.shows_chart("attempts")  # one answer today: one bar
    assert dashboard.views["attempts"].isVisible()
    for name in ("rating", "time", "categories", "calibration"):
        assert not dashboard.shows_chart(name), name
        note = dashboard.gap_notes[name]
        assert note.isVisible()
        assert "appears once" in note.text() or "Rate" in note.text() or "Tick" in note.text()
        assert not dashboard.views[name].isVisible()
    assert "two different days" in dashboard.gap_notes["time"].text()
    assert not dashboard.calibration_note.isVisible()  # the words say it already

    with qtbot.waitSignal(dashboard.loaded, timeout=10000):
        dashboard.set_range_days(90)
    assert dashboard.shows_chart("attempts")


def test_statistics_empty_state(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_T, CTRL_SHIFT)
    dashboard = window.history.dashboard_window
    assert dashboard is not None
    qtbot.waitUntil(lambda: dashboard.dashboard is not None)
    assert dashboard.stack.currentWidget() is dashboard.message
    assert "No statistics yet" in dashboard.message.text()


def test_qtcharts_is_not_loaded_at_start_up(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from aipm_desktop.core.clock import FakeClock\n"
        "from aipm_desktop.services.workspace import Workspace\n"
        "from aipm_desktop.ui.app.application import create_application\n"
        "from aipm_desktop.ui.main.window import MainWindow\n"
        "from aipm_desktop.ui.widgets.settings import AppSettings\n"
        "from pathlib import Path\n"
        "from aipm_desktop.services.pack_library import PackLibrary\n"
        "app = create_application()\n"
        f"ini = {str(tmp_path / 's.ini')!r}\n"
        "settings = AppSettings(QSettings(ini, QSettings.Format.IniFormat))\n"
        "window = MainWindow(workspace=Workspace.in_memory(), clock=FakeClock(),\n"
        "                    settings=settings,\n"
        f"                    questions=PackLibrary(Path({str(tmp_path)!r})).load().questions())\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print('PySide6.QtCharts' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "False"


# -- export ------------------------------------------------------------------------


def test_export_from_the_menu(
    qtbot: QtBot,
    open_window: WindowFactory,
    data_dir: Path,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(data_dir, clock, [(Q1, 1, Rating.GOOD, 2, 'Line 1, "quoted"\nLine 2 — ü 🎯')])
    window = open_window()
    target = tmp_path / "export" / "mine"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON (*.json)")
    )
    with qtbot.waitSignal(window.exported, timeout=10000) as signal:
        qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_X, CTRL_SHIFT)
    written = Path(signal.args[0])
    assert written == target.with_name("mine.json")
    attempts = json.loads(written.read_text(encoding="utf-8"))["attempts"]
    assert attempts[0]["answer"] == 'Line 1, "quoted"\nLine 2 — ü 🎯'
    assert attempts[0]["key_points_covered"] == 2
    assert "Exported 1 attempt" in window.statusBar().currentMessage()


def test_failed_export_says_so_and_writes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "no-such-folder" / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text, *a: warnings.append(text)
    )
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_X, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(warnings))
    assert "Nothing was written there" in warnings[0]
    assert not target.parent.exists()


def test_comparing_two_long_answers_shows_comparing_then_the_highlights(qtbot: QtBot) -> None:
    words = [f"w{i}" for i in range(3000)]
    older_text = " ".join(words)
    newer_text = " ".join(w if i % 500 else f"{w} inserted{i}" for i, w in enumerate(words))
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    older = Attempt(
        question_id=Q1,
        pack_id="p",
        pack_version="1",
        started_at=moment,
        ended_at=moment,
        seconds_used=60.0,
        time_limit_seconds=300,
        overtime_seconds=0.0,
        answer=older_text,
        revealed_before_submit=False,
        key_points_total=3,
        time_up_mode=TimeUpMode.SOFT,
        id=1,
    )
    dialog = CompareDialog(older, replace(older, id=2, answer=newer_text), "Long")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary.text() == COMPARING  # at once, before the diff is back
    assert dialog.newer_view.toPlainText() == newer_text
    assert "#ccffd8" not in dialog.newer_view.toHtml()
    with qtbot.waitSignal(dialog.compared):
        pass
    assert dialog.diff is not None
    assert (dialog.diff.words_added, dialog.diff.words_removed) == (6, 0)
    assert "6 words added, 0 removed" in dialog.summary.text()
    assert dialog.newer_view.toHtml().count("#ccffd8") == 6  # one highlight per insertion
    assert dialog.newer_view.toPlainText() == newer_text


def test_the_history_panel_shows_the_newest_attempts_and_says_how_many_in_all(
    qtbot: QtBot,
    open_window: WindowFactory,
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aipm_desktop.ui.history import feature

    monkeypatch.setattr(feature, "PANEL_ROWS", 3)
    seed(data_dir, clock, [(Q1, days, None, 0, f"answer {days} days ago") for days in range(5)])
    window = open_window()
    window.question_list.select_initial(Q1)

    panel = window.history.panel
    assert panel.model.rowCount() == 3
    assert [panel.model.attempt(r).answer for r in range(3)] == [
        "answer 0 days ago",
        "answer 1 days ago",
        "answer 2 days ago",
    ]
    assert panel.title.text() == "<b>History</b> (the newest 3 of 5)"
    assert "every attempt" in panel.title.toolTip()

    window.question_list.select_initial(Q2)
    assert panel.title.text() == "<b>History</b>"  # none yet
