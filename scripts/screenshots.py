"""Render the README screenshots offscreen: ``make screenshots``.

Writes docs/screenshots/*.png from the real main window, driven by keys,
against a temporary data folder and a fake clock.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.paths import database_path
from aipm_desktop.question_bank import all_questions, load_question_bank
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import create_backup
from aipm_desktop.ui.application import create_application
from aipm_desktop.ui.backups_dialog import BackupsDialog
from aipm_desktop.ui.main_window import MainWindow
from aipm_desktop.ui.settings import AppSettings

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZE = (1280, 760)

ANSWER_Q4 = """Precision: when the model flags something, how often is it right.
Recall: of everything that should be flagged, how much did we catch.

Which one matters depends on the cost of each kind of error:
- Spam filter: precision, because losing a real email destroys trust.
- Fraud: recall, because a missed fraud costs money; a review is a small annoyance.

As PM I don't tune the threshold myself, but I define the business context
with users, legal and the business, so the team knows which way to lean."""


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    path = OUT / name
    widget.grab().save(str(path))
    print(f"wrote {path}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        settings = AppSettings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        store = Store.open(database_path(Path(folder)))
        clock = FakeClock()
        window = MainWindow(
            store=store,
            questions=all_questions(load_question_bank()),
            clock=clock,
            settings=settings,
        )
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowExposed(window)

        # A short practice history so the list and history columns have something to show.
        for _ in range(2):
            QTest.keyClick(window.question_view, Qt.Key.Key_Return)
            QTest.keyClicks(window.practice.editor, "Like training a new employee with examples.")
            clock.advance(150)
            QTest.keyClick(
                window.practice.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
            )
            QTest.keyClick(window.practice.reveal.checklist, Qt.Key.Key_Space)
            QTest.keyClick(window.practice.reveal.checklist, Qt.Key.Key_3)
            clock.advance(86400)

        # Q4, answering: the clock is running.
        for _ in range(3):
            QTest.keyClick(window.question_view, Qt.Key.Key_Down)
        QTest.keyClick(window.question_view, Qt.Key.Key_Return)
        window.practice.editor.setPlainText(ANSWER_Q4)
        clock.advance(212)
        window.refresh_clock()
        save(window, "main-window.png")

        # Submitted: the model answer with its table, two key points ticked.
        QTest.keyClick(
            window.practice.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        checklist = window.practice.reveal.checklist
        for _ in range(3):
            QTest.keyClick(checklist, Qt.Key.Key_Space)
            QTest.keyClick(checklist, Qt.Key.Key_Down)
        QTest.keyClick(checklist, Qt.Key.Key_3)
        save(window, "reveal.png")

        # File → Backups, with a few weeks of backups of different kinds.
        assert store.path is not None
        for days, reason in ((0, "manual"), (1, "on-exit"), (2, "auto"), (9, "before-migration")):
            create_backup(store.path, clock.now() - timedelta(days=days, hours=days), reason=reason)
        dialog = BackupsDialog(window.backups, window.restore_backup_file, parent=window)
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        save(dialog, "backups.png")
        dialog.close()
        window.close()
        store.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
