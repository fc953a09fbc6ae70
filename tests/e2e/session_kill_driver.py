"""Run a mock-interview session in a process of its own, for test_session_kill.py.

``python session_kill_driver.py start DATA_DIR``: start a 3-question session,
submit the first answer, type part of the second, print ``SAVED`` once that
snapshot is stored, then keep running until SIGKILL.

``python session_kill_driver.py resume DATA_DIR``: start the app as a user
would, answer Yes to "Resume your session?", print what the session view shows
as one JSON line, and quit.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from aipm_desktop.core.clock import SystemClock
from aipm_desktop.core.session_settings import RevealPolicy, SelectionKind, SessionSettings
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.ui.app.application import create_application
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.settings import AppSettings

FIRST = "The first answer, submitted before the crash."
SECOND = "The second answer, only typed."


def open_window(data_dir: Path) -> MainWindow:
    questions = PackLibrary(data_dir).load().questions()
    window = MainWindow(
        workspace=Workspace.open(data_dir),
        questions=questions,
        clock=SystemClock(),
        settings=AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)),
    )
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    return window


def start(data_dir: Path) -> int:
    app = create_application()
    window = open_window(data_dir)
    ids = tuple(q.id for q in window.sessions.questions[:3])
    settings = SessionSettings(
        selection=SelectionKind.HAND_PICKED, hand_picked=ids, reveal=RevealPolicy.AT_END
    )
    view = window.sessions.start_session(settings)
    assert view is not None
    QTest.qWaitForWindowExposed(view)
    QTest.keyClicks(view.editor, FIRST)
    QTest.keyClick(view.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(view.editor, SECOND)
    view.saved.connect(lambda: print("SAVED", flush=True))
    return app.exec()  # until killed


def resume(data_dir: Path) -> int:
    app = create_application()
    QMessageBox.question = lambda *args: QMessageBox.StandardButton.Yes  # type: ignore[method-assign,assignment]
    window = open_window(data_dir)

    def report() -> None:
        view = window.sessions.window
        if view is None:
            return
        timer = view.session.timer
        print(
            json.dumps(
                {
                    "progress": view.progress_label.text(),
                    "answer": view.editor.toPlainText(),
                    "paused": view.session.paused,
                    "question_seconds": None if timer is None else timer.elapsed_seconds,
                    "overall_seconds": view.session.overall_seconds,
                    "phase": view.phase_label.text(),
                }
            ),
            flush=True,
        )
        app.quit()

    poll = QTimer()
    poll.timeout.connect(report)
    poll.start(50)
    QTimer.singleShot(20000, app.quit)
    return app.exec()


if __name__ == "__main__":
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    mode, folder = sys.argv[1], Path(sys.argv[2])
    sys.exit(start(folder) if mode == "start" else resume(folder))
