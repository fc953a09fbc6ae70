"""Drive the real main window in a process of its own, then wait to be killed.

Used by test_kill.py: ``python kill_driver.py DATA_DIR``. It submits one attempt,
starts another, types, and prints ``DRAFT <seconds>`` once the draft is stored
(seconds from the last keystroke to the save). Then it keeps running until SIGKILL.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from aipm_desktop.core.clock import SystemClock
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store
from aipm_desktop.ui.app.application import create_application
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.settings import AppSettings

SUBMITTED = "An answer that was submitted before the crash."
DRAFT = "A draft that was only typed, never submitted."


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    data_dir = Path(sys.argv[1])
    app = create_application()
    store = Store.open(database_path(data_dir))
    window = MainWindow(
        workspace=Workspace(store),
        questions=PackLibrary(data_dir).load().questions(),
        clock=SystemClock(),
        settings=AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)),
    )
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)

    QTest.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    QTest.keyClicks(window.practice.editor, SUBMITTED)
    QTest.keyClick(window.practice.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window.practice.reveal.checklist, Qt.Key.Key_3)
    print("SUBMITTED", flush=True)

    QTest.keyClick(window.question_list.question_view, Qt.Key.Key_Down)
    QTest.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    QTest.keyClicks(window.practice.editor, DRAFT)
    last_key = time.monotonic()
    window.draft_saved.connect(
        lambda _question_id: print(f"DRAFT {time.monotonic() - last_key:.3f}", flush=True)
    )
    return app.exec()  # until killed


if __name__ == "__main__":
    sys.exit(main())
