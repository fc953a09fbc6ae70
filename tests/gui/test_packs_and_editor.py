"""Packs and own questions in the real window: import, update, remove, edit, practise, export."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.packs import load_pack
from aipm_desktop.core.question_edit import Field
from aipm_desktop.services.pack_library import OWN_PACK_ID, PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import list_backups
from aipm_desktop.ui.history.panel import AttemptDialog, HistoryColumn
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.packs.packs_dialog import PackColumn
from aipm_desktop.ui.widgets.settings import AppSettings

# The offscreen platform says this whenever a shown dialog's size hints change.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
PackWriter = Callable[..., Path]
Factory = Callable[[], MainWindow]


@pytest.fixture
def open_app(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: AppSettings
) -> Iterator[Factory]:
    """The real window over a pack library in ``data_dir``, as the app starts it."""
    stores: list[Store] = []

    def factory() -> MainWindow:
        library = PackLibrary(data_dir)
        store = Store.open(database_path(data_dir))
        stores.append(store)
        contents = library.load()
        window = MainWindow(
            workspace=Workspace(store, library=library),
            questions=contents.questions(),
            clock=clock,
            settings=settings,
            pack_problems=contents.problems,
            draft_save_delay_ms=50,
        )
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()
        return window

    yield factory
    for store in stores:
        store.close()


@pytest.fixture
def app(open_app: Factory) -> MainWindow:
    return open_app()


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    chosen = (str(path) if path else "", "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: chosen)


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def import_with_keys(qtbot: QtBot, window: MainWindow) -> bool:
    with qtbot.waitSignal(window.packs.import_finished, timeout=10000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_I, CTRL)
    return bool(blocker.args and blocker.args[0])


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """After a dialog closes, the window is active again (offscreen needs a nudge)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def practise(qtbot: QtBot, window: MainWindow, clock: FakeClock, text: str) -> None:
    back_to(qtbot, window)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    assert window.loop.attempt is not None
    qtbot.keyClicks(window.practice.editor, text)
    clock.advance(60)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    assert window.loop.assessed is not None


def type_lines(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type multi-line text as a user would: Return between lines."""
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def listed_prompts(window: MainWindow) -> list[str]:
    return [q.prompt for q in window.question_list.question_model.rows()]


def test_import_a_good_pack_from_the_menu(
    qtbot: QtBot,
    app: MainWindow,
    write_pack: PackWriter,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
) -> None:
    assert app.question_list.proxy.rowCount() == 10
    pack_file = write_pack("coach-pack", questions=3)
    choose_file(monkeypatch, pack_file)

    assert import_with_keys(qtbot, app)

    assert app.question_list.proxy.rowCount() == 13
    assert app.current_question is not None
    assert app.current_question.id == "coach-pack-q1"
    assert "Imported “Pack coach-pack” 1.0.0 (3 questions)" in app.statusBar().currentMessage()
    backups = list_backups(database_path(data_dir))
    assert [b.reason for b in backups] == ["before-pack-import"]
    pack_file.unlink()  # the copy in the data folder is what counts
    assert app.packs.library is not None
    assert len(app.packs.library.load().questions()) == 13


def test_import_a_bad_pack_lists_the_errors_and_changes_nothing(
    qtbot: QtBot, app: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "broken-pack.json"
    bad.write_text(
        json.dumps({"schema_version": 1, "id": "Broken!", "title": "", "questions": [{}]}),
        encoding="utf-8",
    )
    choose_file(monkeypatch, bad)

    assert not import_with_keys(qtbot, app)

    dialog = app.packs.problems_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    rows = [
        tuple(dialog.model.index(row, column).data() for column in range(3))
        for row in range(dialog.model.rowCount())
    ]
    assert ("broken-pack.json", "id", rows[[r[1] for r in rows].index("id")][2]) in rows
    assert ("broken-pack.json", "title", "must not be empty or only spaces") in rows
    assert ("broken-pack.json", "questions[0]", "missing required field 'prompt'") in rows
    assert "broken-pack.json: title: must not be empty or only spaces" in dialog.text()
    assert app.question_list.proxy.rowCount() == 10
    assert app.packs.library is not None
    assert not app.packs.library.imported_dir.exists()


def test_an_answer_in_progress_keeps_running_through_an_import(
    qtbot: QtBot,
    app: MainWindow,
    clock: FakeClock,
    write_pack: PackWriter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    qtbot.keyClick(app.question_list.question_view, Qt.Key.Key_Return)
    attempt = app.loop.attempt
    assert attempt is not None
    qtbot.keyClicks(app.practice.editor, "Half an answer")
    clock.advance(30)
    choose_file(monkeypatch, write_pack("coach-pack"))

    assert import_with_keys(qtbot, app)

    assert app.loop.attempt is attempt
    assert attempt.timer.is_running
    assert app.practice.editor.toPlainText() == "Half an answer"
    assert app.question_list.proxy.rowCount() == 12
    assert app.current_question is not None
    assert app.current_question.pack_id == "technical-depth-intermediate"


def test_dropping_pack_files_imports_them(
    qtbot: QtBot, app: MainWindow, write_pack: PackWriter
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(write_pack("dropped", questions=1)))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(app.packs.import_finished, timeout=10000):
        app.dropEvent(event)
    assert event.isAccepted()
    assert app.question_list.proxy.rowCount() == 11
    assert app.acceptDrops()


def test_escape_asks_before_an_editor_with_typed_work_is_closed(
    qtbot: QtBot, app: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClick(app, Qt.Key.Key_N, CTRL)
    editor = app.packs.editor
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def question(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.keyClicks(editor.prompt_edit, "A question I typed")
    type_lines(qtbot, editor.answer_edit, "An answer I typed")
    # Tab from the answer goes on to the key points, never into the read-only preview.
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.answer_edit.setFocus()
    qtbot.keyClick(editor.answer_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not editor.preview
    assert QApplication.focusWidget() is editor.key_points_edit

    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked == ["Discard your changes?"]
    assert editor.isVisible()
    assert editor.prompt_edit.toPlainText() == "A question I typed"
    editor.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert len(asked) == 2
    assert editor.isVisible()

    answer = QMessageBox.StandardButton.Discard
    editor.close()
    assert not editor.isVisible()


def test_an_untouched_editor_closes_without_asking(
    qtbot: QtBot, app: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClick(app, Qt.Key.Key_N, CTRL)
    editor = app.packs.editor
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: pytest.fail("asked"))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_create_edit_and_practise_an_own_question(
    qtbot: QtBot, app: MainWindow, clock: FakeClock
) -> None:
    qtbot.keyClick(app, Qt.Key.Key_N, CTRL)
    editor = app.packs.editor
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    # Empty prompt, and problems shown inline; Save is off until they are fixed.
    assert not editor.save_button.isEnabled()
    assert "cannot be empty" in editor.errors[editor_field("prompt")].text()

    qtbot.keyClicks(editor.prompt_edit, "How would you price an AI feature?")
    type_lines(
        qtbot,
        editor.answer_edit,
        "Start from value.\n\n| Model | When |\n|---|---|\n| Seat | B2B |",
    )
    qtbot.waitUntil(lambda: editor.preview.document().toPlainText().startswith("Start from value"))
    assert "Seat" in editor.preview.document().toPlainText()
    type_lines(qtbot, editor.key_points_edit, "Value-based pricing\nvalue-based pricing")
    assert "repeats key point 1" in editor.errors[editor_field("key_points")].text()
    editor.key_points_edit.setPlainText("Value-based pricing\nCost to serve per query")
    editor.time_limit_box.setValue(0)
    assert "more than zero" in editor.errors[editor_field("time_limit_seconds")].text()
    editor.time_limit_box.setValue(999_99)
    assert "At most 2 hours" in editor.errors[editor_field("time_limit_seconds")].text()
    editor.time_limit_box.setValue(180)
    assert editor.save_button.isEnabled()
    assert all(label.isHidden() for label in editor.errors.values())

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert not editor.isVisible()
    question = app.current_question
    assert question is not None
    assert question.pack_id == OWN_PACK_ID
    assert question.prompt == "How would you price an AI feature?"
    assert question.time_limit_seconds == 180
    assert app.question_list.proxy.rowCount() == 11

    practise(qtbot, app, clock, "I would price on value, not on cost.")
    [attempt] = app.workspace.store.attempts_for(question.id)
    assert (attempt.pack_id, attempt.pack_version) == (OWN_PACK_ID, "1")
    checklist = app.practice.reveal.checklist
    qtbot.waitUntil(lambda: all(checklist.hint_texts()))  # the check runs on a pool thread
    hints = checklist.hint_texts()
    assert len(hints) == 2
    assert all(h == "not found" or h.startswith("covered (") for h in hints)
    assert attempt.key_points_ticked == ()  # hints never tick anything
    qtbot.keyClick(app.practice.reveal.checklist, Qt.Key.Key_Space)
    [attempt] = app.workspace.store.attempts_for(question.id)
    assert attempt.key_points_ticked == ("Value-based pricing",)  # the point, not the hint

    qtbot.keyClick(app, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: app.packs.editor is not editor)
    editor = app.packs.editor
    assert editor is not None
    assert editor.prompt_edit.toPlainText() == "How would you price an AI feature?"
    editor.prompt_edit.setPlainText("How would you price a generative AI feature?")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert app.current_question is not None
    assert app.current_question.id == question.id
    assert app.current_question.prompt == "How would you price a generative AI feature?"
    assert app.current_question.pack_version == "2"
    history = app.history.panel.model
    assert history.rowCount() == 1
    assert history.index(0, HistoryColumn.PACK_VERSION).data() == "1"
    past = open_past_attempt(app)
    assert "How would you price an AI feature?" in dialog_text(past)


def test_bundled_questions_are_read_only_duplicate_then_delete(
    qtbot: QtBot, app: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = app.current_question
    assert bundled is not None
    qtbot.keyClick(app, Qt.Key.Key_E, CTRL)
    assert app.packs.editor is None
    assert "read-only" in app.statusBar().currentMessage()

    qtbot.keyClick(app, Qt.Key.Key_U, CTRL | SHIFT)
    copy = app.current_question
    assert copy is not None
    assert copy.pack_id == OWN_PACK_ID
    assert copy.prompt == bundled.prompt
    assert app.question_list.proxy.rowCount() == 11

    asked = answer_yes(monkeypatch)
    qtbot.keyClick(app, Qt.Key.Key_Delete, CTRL)
    assert asked == ["Delete this question?"]
    assert app.question_list.proxy.rowCount() == 10
    assert copy.id not in [q.id for q in app.question_list.question_model.rows()]


def test_updating_a_pack_keeps_history_and_shows_the_old_wording(
    qtbot: QtBot,
    app: MainWindow,
    clock: FakeClock,
    write_pack: PackWriter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choose_file(monkeypatch, write_pack("coach-pack", version="1.0", prompt_prefix="Old wording"))
    assert import_with_keys(qtbot, app)
    practise(qtbot, app, clock, "My first answer.")

    newer = write_pack("coach-pack", version="1.1", questions=3, prompt_prefix="New wording")
    choose_file(monkeypatch, newer)
    assert import_with_keys(qtbot, app)
    assert "from 1.0.0 to 1.1" in app.statusBar().currentMessage() or "to 1.1" in (
        app.statusBar().currentMessage()
    )

    assert app.current_question is not None
    assert app.current_question.id == "coach-pack-q1"
    assert app.current_question.prompt == "New wording 1?"
    [row] = [app.history.panel.model.index(0, c).data() for c in (HistoryColumn.PACK_VERSION,)]
    assert row == "1.0"
    assert app.history.panel.model.rowCount() == 1
    past = open_past_attempt(app)
    assert "Old wording 1?" in dialog_text(past)
    assert "version 1.0" in dialog_text(past)
    past.close()
    back_to(qtbot, app)

    older = write_pack("coach-pack", version="1.0", prompt_prefix="Older")
    choose_file(monkeypatch, older)
    assert not import_with_keys(qtbot, app)
    dialog = app.packs.problems_dialog
    assert dialog is not None
    assert "not newer than version 1.1" in dialog.text()
    assert "New wording 1?" in listed_prompts(app)


def test_switch_off_and_remove_packs_history_stays_readable(
    qtbot: QtBot,
    app: MainWindow,
    clock: FakeClock,
    write_pack: PackWriter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choose_file(monkeypatch, write_pack("coach-pack", questions=2))
    assert import_with_keys(qtbot, app)
    practise(qtbot, app, clock, "An answer to keep.")

    qtbot.keyClick(app, Qt.Key.Key_P, CTRL | SHIFT)
    dialog = app.packs.packs_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    rows = {
        dialog.model.index(r, PackColumn.NAME).data(): r for r in range(dialog.model.rowCount())
    }
    assert dialog.model.index(rows["Technical Depth"], PackColumn.SOURCE).data() == "Bundled"
    assert dialog.model.index(rows["Pack coach-pack"], PackColumn.QUESTIONS).data() == 2

    dialog.view.setCurrentIndex(dialog.model.index(rows["Technical Depth"], PackColumn.ENABLED))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # switch the bundled pack off
    assert app.question_list.proxy.rowCount() == 2
    assert dialog.model.index(rows["Technical Depth"], 0).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )

    dialog.view.setCurrentIndex(dialog.model.index(rows["Pack coach-pack"], 0))
    assert dialog.remove_button.isEnabled()
    asked = answer_yes(monkeypatch)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["Remove pack?"]
    assert app.question_list.proxy.rowCount() == 0
    assert app.current_question is None
    assert app.workspace.store.attempt_count() == 1

    history = app.packs.show_removed_history()
    assert history is not None
    assert history.model.rowCount() == 1
    assert history.model.index(0, 1).data() == "Coach question 1?"
    past = history.open_attempt(0)
    assert past is not None
    assert past.answer_text.toPlainText() == "An answer to keep."

    dialog.model.setData(
        dialog.model.index(0, PackColumn.ENABLED), Qt.CheckState.Checked,
        Qt.ItemDataRole.CheckStateRole,
    )  # fmt: skip
    assert app.question_list.proxy.rowCount() == 10


def test_export_then_another_user_imports(
    qtbot: QtBot, app: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClick(app, Qt.Key.Key_U, CTRL | SHIFT)  # a copy of the first bundled question
    target = tmp_path / "shared questions"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), ""))
    qtbot.keyClick(app, Qt.Key.Key_O, CTRL | SHIFT)

    exported = tmp_path / "shared questions.json"
    pack = load_pack(exported)
    assert pack.id == "shared-questions"
    assert len(pack.questions) == 1
    other = PackLibrary(tmp_path / "second-user")
    other.import_pack(exported)
    assert len(other.load().questions()) == 11
    assert "Exported 1 question" in app.statusBar().currentMessage()


def test_a_broken_own_questions_file_is_shown_and_left_alone(
    open_app: Factory, data_dir: Path
) -> None:
    own = data_dir / "packs" / "my-questions.json"
    own.parent.mkdir(parents=True)
    own.write_text("{ not json", encoding="utf-8")
    window = open_app()
    assert window.problems_label.isVisible()
    assert "my-questions.json" in window.problems_label.text()
    assert window.question_list.proxy.rowCount() == 10
    assert own.read_text(encoding="utf-8") == "{ not json"


def editor_field(name: str) -> Field:
    return Field(name)


def open_past_attempt(window: MainWindow) -> AttemptDialog:
    """Open the newest past attempt from the history, as Return on it does."""
    window.history.panel.view.setCurrentIndex(window.history.panel.model.index(0, 0))
    window.history.open_selected_attempt()
    dialog = window.findChildren(AttemptDialog)[-1]
    assert dialog.isVisible()
    return dialog


def dialog_text(dialog: QWidget) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_a_pack_imported_from_the_command_line_appears_in_the_running_app(
    qtbot: QtBot, app: MainWindow, write_pack: PackWriter, data_dir: Path
) -> None:
    import os
    import subprocess
    import sys

    assert app.question_list.proxy.rowCount() == 10
    pack = write_pack("from-terminal", questions=2)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "aipm_desktop", "--data-dir", str(data_dir)]
    result = subprocess.run(
        [*command, "import-pack", str(pack)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    # The folder watch notices the new file and rebuilds the list, no restart needed.
    qtbot.waitUntil(lambda: app.question_list.proxy.rowCount() == 12, timeout=10_000)
