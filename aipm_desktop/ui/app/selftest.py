"""``--self-test``: one full attempt through the real window, offscreen, in a temporary folder."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating

ANSWER = "Machine learning learns patterns from examples instead of rules."


class SelfTestError(Exception):
    """A step of the self-test did not do what it should."""


def run_self_test(out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Return 0 when a whole attempt could be made and was stored, 1 otherwise."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="aipm-self-test-") as folder:
        try:
            _exercise(Path(folder), out)
        except SelfTestError as failure:
            print(f"self-test FAILED: {failure}", file=err)
            return 1
    print("self-test passed", file=out)
    return 0


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


def _exercise(folder: Path, out: TextIO) -> None:
    from PySide6.QtCore import QSettings, Qt, QThreadPool
    from PySide6.QtTest import QTest

    from aipm_desktop.services.pack_library import PackLibrary
    from aipm_desktop.services.workspace import Workspace
    from aipm_desktop.ui.app.application import create_application
    from aipm_desktop.ui.main.window import MainWindow
    from aipm_desktop.ui.widgets.settings import AppSettings

    app = create_application()
    library = PackLibrary(folder)  # the production loader, on an empty data folder
    contents = library.load()
    problems = contents.problems
    _check(not problems, "bundled packs have problems: " + "; ".join(map(str, problems)))
    questions = contents.questions()
    _check(len(questions) > 0, "no bundled questions were found")
    print(f"loaded {len(questions)} questions", file=out)

    clock = FakeClock()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    workspace = Workspace.open(folder, library=library)
    window = MainWindow(
        workspace=workspace, questions=questions, clock=clock, settings=AppSettings(settings)
    )
    try:
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowExposed(window)
        app.processEvents()
        question = window.current_question
        _check(question is not None, "no question is selected at start")
        assert question is not None

        QTest.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
        _check(window.loop.attempt is not None, "Return on the list did not start an attempt")
        QTest.keyClicks(window.practice.editor, ANSWER)
        clock.advance(75)
        QTest.keyClick(
            window.practice.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        _check(window.loop.assessed is not None, "Ctrl+Return did not submit the answer")
        _check(window.practice.reveal.is_revealed, "the model answer was not revealed")

        checklist = window.practice.reveal.checklist
        _check(checklist.hasFocus(), "the key-point checklist did not get focus after submitting")
        QTest.keyClick(checklist, Qt.Key.Key_Space)
        QTest.keyClick(checklist, Qt.Key.Key_3)
        first_point = question.key_points[0]

        attempts = workspace.store.attempts_for(question.id)
        _check(len(attempts) == 1, f"expected 1 stored attempt, found {len(attempts)}")
        stored = attempts[0]
        _check(stored.answer == ANSWER, "the stored answer differs from what was typed")
        _check(stored.seconds_used == 75, f"time used is {stored.seconds_used}, expected 75")
        _check(stored.key_points_ticked == (first_point,), "the key point was not stored")
        _check(stored.rating == Rating.GOOD, f"rating is {stored.rating}, expected Good")
        print(f"stored attempt {stored.id} for {question.id}", file=out)
    finally:
        window.close()
        window.backups.finish_exit()  # the exit backup runs on a worker: wait for it
        QThreadPool.globalInstance().waitForDone()  # e.g. the key-point check
        workspace.close()
