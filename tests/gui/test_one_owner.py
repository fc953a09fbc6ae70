"""One owner of the data, one policy for writing it: restore, sessions and backups together.

Driven through the real window: a restore from the Backups dialog must reach the
session controller too, a session's answers must count as changes for the backup
on exit, and a failed write in a session must be handled like one in free practice.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.session_settings import RevealPolicy
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store, StoreError
from aipm_desktop.storage.backup import create_backup, list_backups
from aipm_desktop.ui.main.window import MainWindow

from .conftest import WindowFactory
from .test_backups import answer_one, open_backups
from .test_sessions import hand_picked, start_session, summary_of, type_and_submit

CTRL = Qt.KeyboardModifier.ControlModifier

Shown = list[tuple[str, str]]


def stored_rows(db_file: Path) -> list[tuple[str, int | None, int | None]]:
    """(answer, rating, session id) of every attempt, read straight from the file."""
    with closing(sqlite3.connect(db_file)) as conn:
        rows = conn.execute("select answer, rating, session_id from attempts order by id")
        return [(row[0], row[1], row[2]) for row in rows]


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> Shown:
    """Every warning and critical message box, as (title, text); the user presses Cancel."""
    shown: Shown = []

    def record(_parent: object, title: str, text: str, *_args: object) -> object:
        shown.append((title, text))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "critical", record)
    return shown


def test_after_a_restore_a_session_is_stored_and_reviewed_in_the_restored_file(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    data_dir: Path,
    warnings: Shown,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_file = database_path(data_dir)
    answer_one(qtbot, window, "Before the backup.")
    backup = create_backup(db_file, clock.now())
    clock.advance(3600)
    qtbot.keyClick(window, Qt.Key.Key_Right, CTRL)
    answer_one(qtbot, window, "After the backup.")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog = open_backups(qtbot, window)
    assert dialog.selected() == backup
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "Restored" in dialog.status.text()
    dialog.close()

    view = start_session(qtbot, window, monkeypatch, hand_picked(2, reveal=RevealPolicy.AT_END))
    for text in ("Session answer one.", "Session answer two."):
        clock.advance(40)
        type_and_submit(qtbot, view, text)
    summary = summary_of(qtbot, window)
    summary.reveal.checklist.focus_first()
    qtbot.keyClick(summary.reveal.checklist, Qt.Key.Key_4)  # review: rate the first Easy

    assert warnings == []
    assert "closed" not in window.statusBar().currentMessage()
    assert "closed" not in summary.status_label.text()
    session_id = view.session.session_id
    assert stored_rows(db_file) == [
        ("Before the backup.", None, None),
        ("Session answer one.", int(Rating.EASY), session_id),
        ("Session answer two.", None, session_id),
    ]
    assert window.workspace.store.session(session_id or 0).status.value == "finished"


def test_finishing_a_mock_session_then_quitting_makes_a_backup_on_exit(
    qtbot: QtBot,
    open_window: WindowFactory,
    clock: FakeClock,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    view = start_session(qtbot, window, monkeypatch, hand_picked(2, reveal=RevealPolicy.AT_END))
    for text in ("Only in a session.", "Also only in a session."):
        clock.advance(30)
        type_and_submit(qtbot, view, text)
    summary_of(qtbot, window).close()
    assert window.backups.scheduler.has_unsaved_changes
    window.close()
    window.backups.finish_exit()  # the app waits for the backup on exit before ending

    (info,) = list_backups(database_path(data_dir))
    assert info.reason == "on-exit"
    assert [row[0] for row in stored_rows(info.path)] == [
        "Only in a session.",
        "Also only in a session.",
    ]


def test_a_failed_write_in_a_session_is_handled_as_in_free_practice(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    tmp_path: Path,
    warnings: Shown,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rescue = tmp_path / "rescued"
    window.workspace.rescue_to = [rescue]

    def disk_full(_store: Store, _attempt: NewAttempt) -> None:
        raise StoreError("The disk is full (database or disk is full).")

    monkeypatch.setattr(Store, "record_attempt", disk_full)

    # Free practice.
    question = window.current_question
    assert question is not None
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    qtbot.keyClicks(window.practice.editor, "A practice answer the disk refused.")
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    assert window.loop.assessed is None
    (practice_file,) = rescue.glob("*.txt")
    practice_text = practice_file.read_text(encoding="utf-8")
    assert f"Question: {question.prompt}" in practice_text
    assert "A practice answer the disk refused." in practice_text

    # The same failure in a session, a minute later.
    clock.advance(60)
    view = start_session(qtbot, window, monkeypatch, hand_picked(2))
    session_question = view.session.question
    qtbot.keyClicks(view.editor, "A session answer the disk refused.")
    qtbot.keyClick(view.editor, Qt.Key.Key_Return, CTRL)
    assert view.session.item.attempt_id is None, "nothing was stored"
    assert view.editor.toPlainText() == "A session answer the disk refused."
    (session_file,) = set(rescue.glob("*.txt")) - {practice_file}
    session_text = session_file.read_text(encoding="utf-8")
    assert f"Question: {session_question.prompt}" in session_text
    assert "A session answer the disk refused." in session_text

    (practice_title, practice_message), (session_title, session_message) = warnings
    assert practice_title == session_title == "Could not save"
    assert "The disk is full" in practice_message
    assert "then press Retry" in practice_message
    same_practice = practice_message.replace(str(practice_file), "<rescue file>")
    same_session = session_message.replace(str(session_file), "<rescue file>")
    assert same_practice == same_session
    view.reject()
