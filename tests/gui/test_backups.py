"""Backups, restore, the database check and a full disk, driven through the real window."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from aipm_desktop.core.backup_policy import BACKUP_INTERVAL_MINUTES
from aipm_desktop.core.clock import FakeClock
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import create_backup, integrity_problems, list_backups
from aipm_desktop.ui.backups import scheduler as backup_scheduler
from aipm_desktop.ui.backups.dialog import BackupsDialog, human_size
from aipm_desktop.ui.backups.feature import CHECKING
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.settings import AppSettings

from .conftest import WindowFactory

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def answer_one(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Start the selected question, type ``text`` and submit it."""
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    qtbot.keyClicks(window.practice.editor, text)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    assert window.loop.assessed is not None


def answers(db_file: Path) -> list[str]:
    with closing(sqlite3.connect(db_file)) as conn:
        return [row[0] for row in conn.execute("select answer from attempts order by id")]


# -- automatic backups -------------------------------------------------------


def test_backup_every_30_minutes_while_changes_happen(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, data_dir: Path
) -> None:
    db_file = database_path(data_dir)
    assert not window.backups.scheduler.check(), "nothing changed yet"
    answer_one(qtbot, window, "First answer.")
    clock.advance(BACKUP_INTERVAL_MINUTES * 60 - 1)
    assert not window.backups.scheduler.check(), "not yet 30 minutes"

    clock.advance(1)
    with qtbot.waitSignal(window.backups.scheduler.backup_made, timeout=10_000) as made:
        assert window.backups.scheduler.check()

    (info,) = list_backups(db_file)
    assert made.args == [info]
    assert info.reason == "auto"
    assert integrity_problems(info.path) == []
    assert answers(info.path) == ["First answer."]
    clock.advance(BACKUP_INTERVAL_MINUTES * 60)
    assert not window.backups.scheduler.check(), "no change since the last backup"


def test_closing_backs_up_only_when_something_changed(
    qtbot: QtBot, open_window: WindowFactory, data_dir: Path
) -> None:
    db_file = database_path(data_dir)
    untouched = open_window()
    untouched.close()
    assert list_backups(db_file) == []

    window = open_window()
    answer_one(qtbot, window, "Kept by the backup on exit.")
    made: list[object] = []
    window.backups.scheduler.backup_made.connect(made.append)
    window.close()
    assert not window.isVisible()  # at once: the backup runs on the worker
    assert window.backups.scheduler.is_busy
    window.backups.finish_exit()  # what the app does before the process ends

    (info,) = list_backups(db_file)
    assert made == [info]  # handed over without an event loop
    assert not window.backups.scheduler.is_busy
    assert info.reason == "on-exit"
    assert answers(info.path) == ["Kept by the backup on exit."]


# -- the Backups dialog ----------------------------------------------------------


def open_backups(qtbot: QtBot, window: MainWindow) -> BackupsDialog:
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL_SHIFT)
    dialog = window.findChild(BackupsDialog)
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def test_backups_dialog_backs_up_now_and_lists_date_and_size(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    answer_one(qtbot, window, "Something to back up.")
    dialog = open_backups(qtbot, window)
    assert dialog.model.rowCount() == 0

    with qtbot.waitSignal(window.backups.scheduler.backup_made, timeout=10_000):
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)

    assert dialog.model.rowCount() == 1
    (info,) = list_backups(database_path(data_dir))
    assert dialog.model.index(0, 0).data() == f"{info.created_at.astimezone():%Y-%m-%d %H:%M:%S}"
    assert dialog.model.index(0, 1).data() == "Made by you"
    assert dialog.model.index(0, 2).data() == human_size(info.size)
    assert "checked" in dialog.status.text()
    assert "12 days" in dialog.summary.text()


def test_restore_from_the_dialog_asks_then_backs_up_and_replaces(
    qtbot: QtBot, window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = database_path(data_dir)
    answer_one(qtbot, window, "Before the backup.")
    old = create_backup(db_file, window.clock.now())
    window.clock.advance(3600)  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_Right, CTRL)
    answer_one(qtbot, window, "After the backup.")
    asked: list[str] = []

    def confirm(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    dialog = open_backups(qtbot, window)
    assert dialog.selected() == old
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert "backed up first" in asked[0]
    assert window.workspace.store.attempt_count() == 1
    assert answers(db_file) == ["Before the backup."]
    saved = [b for b in list_backups(db_file) if b.reason == "before-restore"]
    assert len(saved) == 1
    assert answers(saved[0].path) == ["Before the backup.", "After the backup."]
    assert window.question_list.question_model.index(0, 0).isValid()
    assert "Restored" in dialog.status.text()


def test_restore_declined_changes_nothing(
    qtbot: QtBot, window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = database_path(data_dir)
    answer_one(qtbot, window, "Kept.")
    create_backup(db_file, window.clock.now())
    answer_one(qtbot, window, "Also kept.")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    dialog = open_backups(qtbot, window)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert window.workspace.store.attempt_count() == 2


# -- Tools → Check database --------------------------------------------------------


def damage_an_index(db_file: Path) -> None:
    """Change one key inside the attempts index's page: rows intact, the index wrong."""
    with closing(sqlite3.connect(db_file)) as conn:
        root = conn.execute(
            "select rootpage from sqlite_master where name = 'idx_attempts_question_started'"
        ).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with db_file.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        page = bytearray(handle.read(page_size))
        at = page.index(b"td-01")
        page[at : at + 5] = b"td-00"
        handle.seek((root - 1) * page_size)
        handle.write(page)


def test_check_database_reports_a_sound_file(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(str(a[2])))
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    checking = window.backups.checking  # the check runs on a pool thread
    assert checking is not None
    assert checking.isVisible()
    assert checking.labelText() == CHECKING
    assert shown == []  # the key returned to the event loop before the check ended
    qtbot.waitUntil(lambda: shown != [])
    assert shown == ["The integrity check found no problems. Your data is sound."]
    assert window.backups.checking is None
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowTitle() == "Check database"
    ]


def test_check_database_repairs_a_damaged_index(
    qtbot: QtBot,
    open_window: WindowFactory,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    answer_one(qtbot, window, "An answer indexed by its question.")
    window.close()
    for store in [window.workspace.store]:
        store.close()
    damage_an_index(database_path(data_dir))
    assert integrity_problems(database_path(data_dir)) != []

    window = open_window()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(str(a[2])))
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: shown != [])

    (report,) = shown
    assert "found:" in report
    assert "REINDEX" in report
    assert "now finds no problems" in report
    assert window.workspace.store.integrity_problems() == []
    assert window.workspace.store.attempt_count() == 1


# -- a full disk -------------------------------------------------------------------


def test_full_disk_keeps_the_answer_in_a_text_file_and_retry_saves_it(
    qtbot: QtBot,
    data_dir: Path,
    tmp_path: Path,
    clock: FakeClock,
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SQLite's own "database or disk is full", from a page limit on the real file."""
    store = Store.open(database_path(data_dir))
    rescue = tmp_path / "rescued"
    window = MainWindow(
        workspace=Workspace(store, rescue_to=[tmp_path / "not-a-folder" / "x", rescue]),
        questions=PackLibrary(data_dir).load().questions(),
        clock=clock,
        settings=settings,
        draft_save_delay_ms=50,
    )
    (tmp_path / "not-a-folder").write_text("a file, so the first choice fails")
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    db = store._database
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    text = "A long answer that needs new pages. " * 400
    warnings: list[str] = []

    def disk_freed_then_retry(*args: object) -> QMessageBox.StandardButton:
        warnings.append(str(args[2]))
        db.execute("PRAGMA max_page_count = 1000000")  # the user frees some space
        return QMessageBox.StandardButton.Retry

    monkeypatch.setattr(QMessageBox, "warning", disk_freed_then_retry)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    window.practice.editor.insertPlainText(text)
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)

    assert len(warnings) == 1
    assert "full" in warnings[0]
    (saved,) = rescue.glob("*.txt")
    assert str(saved) in warnings[0]
    assert text in saved.read_text(encoding="utf-8")
    assert store.attempt_count() == 1
    assert window.loop.assessed is not None
    assert window.loop.assessed.answer == text
    window.close()
    store.close()
    QApplication.processEvents()


def test_automatic_backup_runs_off_the_ui_thread(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = backup_scheduler.run_backup

    def recording(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_scheduler, "run_backup", recording)
    received: list[threading.Thread] = []
    window.backups.scheduler.backup_made.connect(
        lambda _info: received.append(threading.current_thread())
    )
    answer_one(qtbot, window, "Changed.")
    clock.advance(BACKUP_INTERVAL_MINUTES * 60)
    with qtbot.waitSignal(window.backups.scheduler.backup_made, timeout=10_000):
        window.backups.scheduler.check()
    assert threads[0] is not threading.main_thread()
    assert received == [threading.main_thread()]


def test_a_failed_automatic_backup_is_reported_and_retried_later(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, data_dir: Path
) -> None:
    (data_dir / "backups").write_text("a file where the backups folder should be")
    answer_one(qtbot, window, "Changed.")
    clock.advance(BACKUP_INTERVAL_MINUTES * 60)

    with qtbot.waitSignal(window.backups.scheduler.backup_failed, timeout=10_000):
        assert window.backups.scheduler.check()

    assert "Backup failed" in window.statusBar().currentMessage()
    assert window.backups.scheduler.has_unsaved_changes, "the change still needs a backup"
    (data_dir / "backups").unlink()
    clock.advance(BACKUP_INTERVAL_MINUTES * 60)
    with qtbot.waitSignal(window.backups.scheduler.backup_made, timeout=10_000):
        assert window.backups.scheduler.check()
    assert len(list_backups(database_path(data_dir))) == 1


def test_check_database_shows_the_seconds_and_cancel_stops_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    for box in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, box, lambda *a: shown.append(str(a[2])))
    messages: list[str] = []
    window.backups.message.connect(messages.append)
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    checking = window.backups.checking
    assert checking is not None
    ticks = checking.findChild(QTimer, "checkSeconds")
    assert ticks is not None
    assert ticks.isActive()
    ticks.timeout.emit()  # a second went by
    assert checking.labelText() == f"{CHECKING} 1 s"

    (cancel,) = checking.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    assert window.backups.checking is None
    assert messages == ["Check database cancelled: nothing was changed."]
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()
    assert shown == []  # a check that ended anyway is not reported
    assert "Check database cancelled" in window.statusBar().currentMessage()


def test_a_cancelled_check_stops_before_and_during_the_pragma(data_dir: Path) -> None:
    from aipm_desktop.storage.check import (
        CheckCancellation,
        CheckCancelledError,
        integrity_problems_in,
    )

    with Store.open(database_path(data_dir)) as store:
        cancellation = CheckCancellation()
        with store.reader() as db:
            assert integrity_problems_in(db, cancellation) == []
        cancellation.cancel()
        with store.reader() as db, pytest.raises(CheckCancelledError):
            integrity_problems_in(db, cancellation)


def test_escape_cancels_the_check_too(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(str(a[2])))
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    checking = window.backups.checking
    assert checking is not None

    qtbot.keyClick(checking, Qt.Key.Key_Escape)

    assert window.backups.checking is None
    assert "Check database cancelled" in window.statusBar().currentMessage()
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()
    assert shown == []
