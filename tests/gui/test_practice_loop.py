"""Drive the real main window by keys and clicks through the whole practice loop."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor, QTextTable
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from aipm_desktop.core.answer_flow import MAX_ANSWER_CHARS
from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.timer import ClockTone, TimeUpMode
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.ui.main.question_list import NO_MATCH
from aipm_desktop.ui.main.question_model import Column
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.settings import AppSettings

from .conftest import WindowFactory

REPO_ROOT = Path(__file__).resolve().parents[2]

CTRL = Qt.KeyboardModifier.ControlModifier


def start(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    assert window.loop.attempt is not None


def submit(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)


def list_cell(window: MainWindow, row: int, column: Column) -> object:
    return window.question_list.proxy.index(row, column).data()


def test_starts_with_the_list_focused_and_a_question_selected(window: MainWindow) -> None:
    assert window.question_list.proxy.rowCount() == 10
    assert QApplication.focusWidget() is window.question_list.question_view
    assert window.question_list.question_view.currentIndex().row() == 0
    assert window.current_question is not None
    assert window.current_question.number == 1
    assert window.practice.prompt_label.text() == window.current_question.prompt
    assert window.practice.editor.isReadOnly()
    assert not window.practice.reveal.is_revealed


def test_whole_loop_from_the_keyboard(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    question = window.current_question
    assert question is not None

    start(qtbot, window)
    assert QApplication.focusWidget() is window.practice.editor
    qtbot.keyClicks(window.practice.editor, "It learns from data, not rules.")
    clock.advance(95)
    submit(qtbot, window)

    stored = window.workspace.store.attempts_for(question.id)
    assert len(stored) == 1
    assert stored[0].answer == "It learns from data, not rules."
    assert stored[0].seconds_used == 95
    assert stored[0].revealed_before_submit is False
    assert window.practice.reveal.is_revealed
    assert window.practice.editor.isReadOnly()
    assert window.practice.editor.toPlainText() == "It learns from data, not rules."

    checklist = window.practice.reveal.checklist
    assert QApplication.focusWidget() is checklist
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    qtbot.keyClick(checklist, Qt.Key.Key_Down)
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    qtbot.keyClick(checklist, Qt.Key.Key_3)

    attempt = window.workspace.store.attempts_for(question.id)[0]
    assert attempt.key_points_ticked == (question.key_points[0], question.key_points[1])
    assert attempt.rating is Rating.GOOD
    assert window.practice.reveal.rating_buttons[Rating.GOOD].isChecked()
    assert list_cell(window, 0, Column.ATTEMPTS) == 1
    assert list_cell(window, 0, Column.LAST_RATING) == "Good"
    assert window.history.panel.model.rowCount() == 1
    assert window.history.panel.model.index(0, 2).data() == "Good"
    assert window.history.panel.model.index(0, 3).data() == f"2/{len(question.key_points)}"

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, CTRL)
    assert window.current_question is not None
    assert window.current_question.number == 2
    assert QApplication.focusWidget() is window.question_list.question_view
    assert not window.practice.reveal.is_revealed
    assert window.history.panel.model.rowCount() == 0


def test_rating_can_be_changed_and_clicked(qtbot: QtBot, window: MainWindow) -> None:
    start(qtbot, window)
    submit(qtbot, window)
    qtbot.keyClick(window.practice.reveal.checklist, Qt.Key.Key_1)
    assert window.loop.assessed is not None
    assert window.loop.assessed.rating is Rating.AGAIN
    easy = window.practice.reveal.rating_buttons[Rating.EASY]
    qtbot.waitUntil(lambda: easy.height() > 0)  # laid out, as the user sees it
    qtbot.mouseClick(easy, Qt.MouseButton.LeftButton)
    assert window.workspace.store.attempt(window.loop.assessed.id).rating is Rating.EASY
    assert list_cell(window, 0, Column.LAST_RATING) == "Easy"


def test_number_keys_type_text_while_answering(qtbot: QtBot, window: MainWindow) -> None:
    start(qtbot, window)
    qtbot.keyClicks(window.practice.editor, "1234")
    assert window.practice.editor.toPlainText() == "1234"
    assert window.workspace.store.attempt_count() == 0


def test_alt_n_and_ctrl_left_move_between_questions(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(
        window.question_list.question_view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier
    )
    assert window.current_question is not None
    assert window.current_question.number == 2
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Left, CTRL)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Left, CTRL)
    assert window.current_question.number == 10


def test_search_filters_on_prompt_and_answer_text(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.question_list.search_box
    qtbot.keyClicks(window.question_list.search_box, "precision")
    numbers = {
        list_cell(window, row, Column.NUMBER)
        for row in range(window.question_list.proxy.rowCount())
    }
    assert 4 in numbers  # in the prompt
    assert 10 in numbers  # only in the model answer ("Accuracy, precision, recall, F1")
    assert 1 not in numbers

    window.question_list.search_box.clear()
    qtbot.keyClicks(window.question_list.search_box, "catastrophic forgetting")
    assert window.question_list.proxy.rowCount() == 1
    assert list_cell(window, 0, Column.NUMBER) == 7

    window.question_list.search_box.clear()
    qtbot.keyClicks(window.question_list.search_box, "zebra crossing")
    assert window.question_list.proxy.rowCount() == 0
    assert window.question_list.empty_list_label.isVisible()
    window.question_list.search_box.clear()
    assert window.question_list.proxy.rowCount() == 10
    assert not window.question_list.empty_list_label.isVisible()


def test_a_search_with_no_hits_shows_no_question(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    """Issue 15: no question is shown that is not in the list; the question shown before
    comes back, its answer kept, when the search is cleared."""
    listing = window.question_list
    qtbot.keyClick(listing.question_view, Qt.Key.Key_Down)
    qtbot.keyClick(listing.question_view, Qt.Key.Key_Down)
    shown = window.current_question
    assert shown is not None
    qtbot.keyClick(listing.question_view, Qt.Key.Key_Return)
    qtbot.keyClicks(window.practice.editor, "half an answer")
    clock.advance(20)

    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(listing.search_box, "zebra crossing")
    assert listing.proxy.rowCount() == 0
    assert window.current_question is None
    assert window.practice.prompt_label.text() == NO_MATCH
    assert window.practice.meta_label.text() == ""
    assert window.practice.editor.toPlainText() == ""
    assert not window.named_actions["start"].isEnabled()
    assert window.loop.flow is None  # the answer was paused and kept as a draft

    listing.search_box.clear()
    assert window.current_question is not None
    assert window.current_question.id == shown.id
    assert window.practice.editor.toPlainText() == "half an answer"


def test_category_level_and_status_filters(qtbot: QtBot, window: MainWindow) -> None:
    assert window.question_list.category_filter.findText("Technical Depth") > 0
    window.question_list.category_filter.setCurrentIndex(
        window.question_list.category_filter.findText("Technical Depth")
    )
    window.question_list.level_filter.setCurrentIndex(
        window.question_list.level_filter.findText("Intermediate")
    )
    assert window.question_list.proxy.rowCount() == 10

    start(qtbot, window)
    submit(qtbot, window)
    window.question_list.status_filter.setCurrentIndex(
        window.question_list.status_filter.findText("Attempted")
    )
    assert window.question_list.proxy.rowCount() == 1
    assert list_cell(window, 0, Column.NUMBER) == 1
    window.question_list.status_filter.setCurrentIndex(
        window.question_list.status_filter.findText("New")
    )
    assert window.question_list.proxy.rowCount() == 9
    assert 1 not in {list_cell(window, r, Column.NUMBER) for r in range(9)}


def test_soft_time_up_counts_overtime(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    window.settings.time_up_mode = TimeUpMode.SOFT
    question = window.current_question
    assert question is not None
    assert question.time_limit_seconds is not None
    start(qtbot, window)
    clock.advance(question.time_limit_seconds - 20)
    with qtbot.waitSignal(window.loop._clock_timer.timeout, timeout=2000):
        pass
    assert window.practice.countdown.tone is ClockTone.WARNING
    assert window.practice.countdown.text() == "⚠ 0:20 left"

    clock.advance(45)
    qtbot.waitUntil(lambda: window.practice.countdown.tone is ClockTone.OVERTIME)
    assert window.practice.countdown.text() == "Over time +0:25"
    assert not window.practice.editor.isReadOnly()
    qtbot.keyClicks(window.practice.editor, "still typing")
    submit(qtbot, window)
    stored = window.workspace.store.attempts_for(question.id)[0]
    assert stored.overtime_seconds == 25
    assert stored.answer == "still typing"
    assert stored.auto_submitted is False
    assert window.practice.countdown.text() == "Done in 4:25 (+0:25 over)"


def test_hard_time_up_locks_and_submits(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Down)
    window.preferences.hard_action.trigger()
    assert window.settings.time_up_mode is TimeUpMode.HARD
    question = window.current_question
    assert question is not None
    assert question.time_limit_seconds is not None
    start(qtbot, window)
    qtbot.keyClicks(window.practice.editor, "half an answer")
    clock.advance(question.time_limit_seconds + 1)
    qtbot.waitUntil(lambda: window.loop.assessed is not None)
    assert window.practice.editor.isReadOnly()
    assert window.practice.reveal.is_revealed
    stored = window.workspace.store.attempts_for(question.id)[0]
    assert stored.auto_submitted is True
    assert stored.answer == "half an answer"
    assert stored.time_up_mode is TimeUpMode.HARD
    assert "Time is up" in window.statusBar().currentMessage()


def test_typing_on_after_a_hard_time_up_neither_ticks_nor_rates(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.preferences.hard_action.trigger()
    question = window.current_question
    assert question is not None
    limit = question.effective_time_limit(window.settings.default_time_limit_seconds)
    start(qtbot, window)
    editor = window.practice.editor
    qtbot.keyClicks(editor, "still typing when")
    clock.advance(limit + 1)
    window.loop.refresh_clock()  # time is up: submitted
    assert window.loop.assessed is not None
    qtbot.keyClicks(QApplication.focusWidget(), " the clock ran out 1 2 3 4 x")
    stored = window.workspace.store.attempts_for(question.id)[0]
    assert stored.rating is None
    assert stored.key_points_ticked == ()
    assert stored.answer == "still typing when"
    assert QApplication.focusWidget() is editor
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # on to the checklist, on purpose
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not editor)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    rated = window.workspace.store.attempts_for(question.id)[0]
    assert rated.rating is Rating.GOOD


def test_pause_stops_the_clock_and_locks_the_editor(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    start(qtbot, window)
    clock.advance(30)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_P, CTRL)
    assert window.practice.editor.isReadOnly()
    assert window.practice.countdown.text().startswith("Paused")
    assert window.loop.pause_action.text().replace("&", "") == "Resume"
    clock.advance(600)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_P, CTRL)
    assert not window.practice.editor.isReadOnly()
    clock.advance(10)
    submit(qtbot, window)
    assert window.current_question is not None
    stored = window.workspace.store.attempts_for(window.current_question.id)[0]
    assert stored.seconds_used == 40
    assert stored.pause_count == 1
    assert stored.paused_seconds == 600


@pytest.mark.parametrize("confirm", [True, False])
def test_peek_asks_and_is_recorded(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, confirm: bool
) -> None:
    asked: list[str] = []

    def fake_question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.Yes if confirm else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", fake_question)
    start(qtbot, window)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert asked == ["Peek at the model answer?"]
    assert window.practice.reveal.is_revealed is confirm
    assert window.loop.peek_action.isEnabled() is not confirm
    submit(qtbot, window)
    assert window.loop.assessed is not None
    assert window.loop.assessed.revealed_before_submit is confirm


def test_model_answer_hidden_until_submit(qtbot: QtBot, window: MainWindow) -> None:
    assert not window.practice.reveal.is_revealed
    start(qtbot, window)
    assert not window.practice.reveal.is_revealed
    assert not window.loop.rate_actions[Rating.GOOD].isEnabled()
    submit(qtbot, window)
    assert window.practice.reveal.is_revealed


def test_the_answer_is_rendered_only_when_revealed(qtbot: QtBot, window: MainWindow) -> None:
    view = window.practice.reveal.answer_view
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Down)
    assert view.markdown() == ""  # browsing the list renders nothing hidden
    start(qtbot, window)
    submit(qtbot, window)
    assert window.current_question is not None
    assert view.markdown() == window.current_question.model_answer
    assert view.isVisible()


def test_tables_render_as_tables(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(3):
        qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Down)
    assert window.current_question is not None
    assert window.current_question.number == 4
    window.practice.reveal.set_revealed(True)
    document = window.practice.reveal.answer_view.document()
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1
    assert (tables[0].rows(), tables[0].columns()) == (5, 3)
    assert tables[0].cellAt(1, 0).firstCursorPosition().block().text() == "Spam filter"


def test_draft_survives_a_kill(qtbot: QtBot, open_window: WindowFactory, clock: FakeClock) -> None:
    first = open_window()
    question = first.current_question
    assert question is not None
    start(qtbot, first)
    clock.advance(50)
    with qtbot.waitSignal(first.draft_saved) as saved:
        qtbot.keyClicks(first.practice.editor, "Draft before the crash")
    assert saved.args == [question.id]
    draft = first.workspace.store.draft_for(question.id)
    assert draft is not None
    assert draft.text == "Draft before the crash"

    # No closeEvent: the first window is abandoned as if the process died.
    second = open_window()
    assert second.current_question == question
    assert second.practice.editor.toPlainText() == "Draft before the crash"
    assert second.loop.attempt is not None
    assert second.loop.attempt.timer.is_paused
    assert second.loop.attempt.timer.elapsed_seconds == pytest.approx(50)
    assert second.practice.editor.isReadOnly()
    qtbot.keyClick(second.question_list.question_view, Qt.Key.Key_Return)
    assert not second.practice.editor.isReadOnly()
    qtbot.keyClicks(second.practice.editor, ", and after.")
    clock.advance(10)
    submit(qtbot, second)
    stored = second.workspace.store.attempts_for(question.id)[0]
    assert stored.answer == "Draft before the crash, and after."
    assert stored.seconds_used == pytest.approx(60)
    assert second.workspace.store.draft_for(question.id) is None


def test_draft_saved_on_close_and_when_switching(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    question = window.current_question
    assert question is not None
    start(qtbot, window)
    qtbot.keyClicks(window.practice.editor, "switching away")
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert window.current_question is not None
    assert window.current_question.number == 2
    draft = window.workspace.store.draft_for(question.id)
    assert draft is not None
    assert draft.text == "switching away"

    qtbot.keyClick(
        window.question_list.question_view, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier
    )
    assert window.practice.editor.toPlainText() == "switching away"
    start(qtbot, window)
    qtbot.keyClicks(window.practice.editor, " and closing")
    window.close()
    reopened = open_window()
    assert reopened.current_question == question
    assert reopened.practice.editor.toPlainText() == "switching away and closing"


def test_restart_shows_the_history(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    start(qtbot, window)
    qtbot.keyClicks(window.practice.editor, "first go")
    submit(qtbot, window)
    qtbot.keyClick(window.practice.reveal.checklist, Qt.Key.Key_2)
    window.close()

    reopened = open_window()
    assert list_cell(reopened, 0, Column.ATTEMPTS) == 1
    assert list_cell(reopened, 0, Column.LAST_RATING) == "Hard"
    assert reopened.history.panel.model.rowCount() == 1
    assert reopened.history.panel.model.index(0, 2).data() == "Hard"

    opened: list[str] = []
    monkeypatch.setattr(
        "aipm_desktop.ui.history.panel.AttemptDialog.open",
        lambda dialog: opened.append(dialog.answer_text.toPlainText()),
    )
    reopened.history.panel.view.setCurrentIndex(reopened.history.panel.model.index(0, 0))
    qtbot.keyClick(reopened.history.panel.view, Qt.Key.Key_Return)
    assert opened == ["first go"]


def test_pack_problems_are_shown_and_the_rest_works(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, settings: AppSettings
) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    shutil.copy(REPO_ROOT / "questions" / "technical_depth.json", packs)
    (packs / "broken.json").write_text('{"schema_version": 1, "questions": []}', "utf-8")
    contents = PackLibrary(tmp_path / "data", bundled_dir=packs).load()
    window = MainWindow(
        workspace=Workspace.in_memory(),
        questions=contents.questions(),
        clock=clock,
        settings=settings,
        pack_problems=contents.problems,
    )
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.problems_label.isVisible()
    assert "broken.json: $: missing required field 'id'" in window.problems_label.text()
    assert "broken.json: questions:" in window.problems_label.text()
    assert window.question_list.proxy.rowCount() == 10
    start(qtbot, window)
    submit(qtbot, window)
    assert window.workspace.store.attempt_count() == 1


def test_every_action_tooltip_shows_its_shortcut(window: MainWindow) -> None:
    for action in window.actions():
        for key in action.shortcuts():
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in action.toolTip()


def test_shortcut_list_matches_registered_actions(window: MainWindow) -> None:
    listed = dict(window.help.shortcut_table())
    registered = {a.text().replace("&", "") for a in window.actions() if a.shortcuts()}
    assert registered <= set(listed)
    assert listed["Submit"] == "Ctrl+Return or Ctrl+Enter"
    assert listed["Rate Good"] == "3"


def test_ctrl_q_quits_and_keeps_the_draft(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    question = window.current_question
    assert question is not None
    start(qtbot, window)
    qtbot.keyClicks(window.practice.editor, "typed just before quitting")
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
    draft = window.workspace.store.draft_for(question.id)
    assert draft is not None
    assert draft.text == "typed just before quitting"


def test_typing_a_search_selects_the_first_match_once_the_typing_pauses(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = window.current_question
    assert before is not None
    assert before.number == 1
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.question_list.search_box, "catastrophic forgetting")
    # The list is filtered at once; the question on the right waits for a pause
    # in the typing, so no keystroke pays for reading a history.
    assert window.question_list.proxy.rowCount() == 1
    assert window.current_question is before
    qtbot.waitUntil(lambda: window.question_list.question_view.currentIndex().isValid())
    assert window.current_question is not None
    assert window.current_question.number == 7
    assert QApplication.focusWidget() is window.question_list.search_box  # typing can go on


def test_status_messages_do_not_outlive_what_they_describe(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    start(qtbot, window)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_P, CTRL)
    assert window.statusBar().currentMessage().startswith("Paused")
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_P, CTRL)
    assert not window.statusBar().currentMessage().startswith("Paused")
    qtbot.keyClicks(window.practice.editor, "An answer.")
    clock.advance(30)
    submit(qtbot, window)
    qtbot.keyClick(window.practice.reveal.checklist, Qt.Key.Key_2)
    assert window.statusBar().currentMessage().startswith("Rated Hard")
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Down)
    assert "Rated" not in window.statusBar().currentMessage()


def test_a_past_answer_shows_which_key_points_were_ticked(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    from aipm_desktop.ui.history.panel import AttemptDialog

    question = window.current_question
    assert question is not None
    start(qtbot, window)
    qtbot.keyClicks(window.practice.editor, "An answer.")
    clock.advance(20)
    submit(qtbot, window)
    checklist = window.practice.reveal.checklist
    qtbot.keyClick(checklist, Qt.Key.Key_Space)  # the first point
    history = window.history.panel
    history.view.setFocus()
    history.view.setCurrentIndex(history.model.index(0, 0))
    qtbot.keyClick(history.view, Qt.Key.Key_Return)
    dialog = window.findChildren(AttemptDialog)[-1]
    text = dialog.ticked_label.text()
    assert f"✓ {question.key_points[0]}" in text
    assert f"✗ {question.key_points[1]}" in text


def test_an_answer_over_the_cap_stays_in_the_editor_until_trimmed(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []

    def fake_warning(parent: object, title: str, text: str) -> QMessageBox.StandardButton:
        warnings.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    question = window.current_question
    assert question is not None
    start(qtbot, window)
    editor = window.practice.editor
    big = "word " * (MAX_ANSWER_CHARS // 5) + "xyz"  # three characters over the cap
    QApplication.clipboard().setText(big)
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert editor.toPlainText() == big
    note = window.practice.limit_note
    assert not note.isHidden()
    assert "over the limit of 200,000" in note.text()
    assert "Remove 3 characters" in note.text()

    clock.advance(60)
    submit(qtbot, window)  # refused, not cut
    assert len(warnings) == 1
    assert "Remove 3 characters" in warnings[0]
    assert window.workspace.store.attempts_for(question.id) == []
    assert editor.toPlainText() == big
    assert window.loop.is_running

    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL)  # pause: the draft is saved
    draft = window.workspace.store.draft_for(question.id)
    assert draft is not None
    assert draft.text == big[:MAX_ANSWER_CHARS]
    assert editor.toPlainText() == big  # the editor keeps the excess
    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL)  # resume

    editor.moveCursor(QTextCursor.MoveOperation.End)
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert note.isHidden()
    submit(qtbot, window)
    (stored,) = window.workspace.store.attempts_for(question.id)
    assert stored.answer == big[:MAX_ANSWER_CHARS]
    assert len(warnings) == 1


def test_a_hard_time_up_waits_for_an_answer_over_the_cap_to_be_trimmed(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.settings.time_up_mode = TimeUpMode.HARD
    question = window.current_question
    assert question is not None
    start(qtbot, window)
    editor = window.practice.editor
    big = "a" * (MAX_ANSWER_CHARS + 1)
    QApplication.clipboard().setText(big)
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    clock.advance(window.loop.flow.timer.limit_seconds + 1)  # type: ignore[union-attr]
    window.loop.refresh_clock()  # the time-up tick: refused, said once
    window.loop.refresh_clock()
    assert window.workspace.store.attempts_for(question.id) == []
    assert editor.toPlainText() == big
    assert "too long to save" in window.statusBar().currentMessage()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    window.loop.refresh_clock()  # the next tick submits the trimmed answer
    (stored,) = window.workspace.store.attempts_for(question.id)
    assert stored.answer == big[:MAX_ANSWER_CHARS]
    assert stored.auto_submitted
