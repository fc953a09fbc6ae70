"""A scripted process for the kill test: it works until SIGKILLed, logging JSON lines.

``python crash_driver.py MODE DATA_DIR SEED [STOP_AFTER|- [LONGEST]]``, modes:

- ``gui``: the real start-up path (single-instance lock, `open_data` with its
  quick_check) and the real main window, offscreen. A timer types an answer a
  few keys at a time, submits it with Ctrl+Return, rates it and moves on, forever.
  Logs ``begin`` (question and the text restored into the editor), ``keys``
  (each chunk and when it was typed), ``submitting`` and ``submitted``. With
  STOP_AFTER, it closes the window (as Ctrl+Q does) after that many answers;
  LONGEST caps an answer's length in characters (default 320).
- ``backup``: records attempts and makes backups (create_backup, one page per
  step) in turn, forever. Logs ``submitted`` and ``backup-start``/``backup-done``.
- ``migrate``: opens the data file with one more (slow) migration step
  registered, as the next app version would: backup first, then the step.
  Logs ``start`` and ``migrated``, then exits.
- ``verify``: opens the file the same way as ``migrate`` and logs what it holds.

Nothing in the app reads any of this: the hook is this script, used only by tests.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store, backup, migrations, store
from aipm_desktop.storage.backup import create_backup

KILL_STEP = "9900_kill_test_step"
KILL_STEP_ROWS = 20_000
LETTERS = "abcdefghijklmnopqrstuvwxyz    "
"""What the typist types: letters and spaces (digits are the rating shortcuts)."""


def log(event: str, **fields: object) -> None:
    print(json.dumps({"e": event, "t": time.monotonic(), **fields}), flush=True)


def attempt(answer: str) -> NewAttempt:
    now = datetime.now(UTC)
    return NewAttempt(
        question_id="td-01-explain-ml-to-executives",
        pack_id="technical-depth-intermediate",
        pack_version="1.0.0",
        started_at=now,
        ended_at=now + timedelta(seconds=60),
        seconds_used=60.0,
        time_limit_seconds=300,
        overtime_seconds=0.0,
        answer=answer,
        revealed_before_submit=False,
        key_points_total=4,
        time_up_mode=TimeUpMode.SOFT,
    )


# -- gui ---------------------------------------------------------------------------


def run_gui(
    data_dir: Path, rng: random.Random, stop_after: int | None = None, longest: int = 320
) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtTest import QTest

    from aipm_desktop.core.clock import SystemClock
    from aipm_desktop.services.pack_library import PackLibrary
    from aipm_desktop.ui.app.application import create_application
    from aipm_desktop.ui.app.single_instance import SingleInstance
    from aipm_desktop.ui.app.startup import default_choice, open_data
    from aipm_desktop.ui.main.window import MainWindow
    from aipm_desktop.ui.widgets.settings import AppSettings

    app = create_application()
    data_dir.mkdir(parents=True, exist_ok=True)
    instance = SingleInstance(data_dir)
    if not instance.acquire():
        log("locked")
        return 3
    clock = SystemClock()
    opened = open_data(data_dir, now=clock.now, ask=default_choice)
    window = MainWindow(
        workspace=Workspace(opened.store),
        questions=PackLibrary(data_dir).load().questions(),
        clock=clock,
        settings=AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)),
    )
    window.show()
    QTest.qWaitForWindowExposed(window)
    state = {"target": 0}

    def begin() -> None:
        QTest.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
        assert window.current_question is not None
        text = window.practice.editor.toPlainText()
        state["target"] = len(text) + rng.randint(min(40, longest), longest)
        log("begin", q=window.current_question.id, text=text)

    def step() -> None:
        if window.loop.attempt is None:
            begin()
            return
        editor = window.practice.editor
        if len(editor.toPlainText()) < state["target"]:
            chunk = "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 3)))
            QTest.keyClicks(editor, chunk)
            log("keys", q=window.current_question.id if window.current_question else "", k=chunk)
            return
        question = window.current_question
        assert question is not None
        log("submitting", q=question.id, text=editor.toPlainText())
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assessed = window.loop.assessed
        assert assessed is not None
        log("submitted", q=question.id, id=assessed.id, text=assessed.answer)
        QTest.keyClick(window.practice.reveal.checklist, Qt.Key.Key_3)
        QTest.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
        if stop_after is not None and assessed.id >= stop_after:
            typist.stop()
            QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
            instance.release()
            app.quit()

    typist = QTimer()
    typist.setInterval(15)
    typist.timeout.connect(step)
    typist.start()
    log("ready")
    return app.exec()  # until killed


# -- storage only ------------------------------------------------------------------


def run_backups(data_dir: Path, rng: random.Random) -> int:
    data_file = database_path(data_dir)
    with Store.open(data_file) as opened:
        if opened.attempt_count() < 150:
            for i in range(150):
                opened.record_attempt(attempt(f"filler {i} " + "words " * 400))
        log("ready")
        n = 0
        while True:
            n += 1
            text = f"submitted {rng.random()} {n}"
            stored = opened.record_attempt(attempt(text))
            log("submitted", id=stored.id, text=text)
            log("backup-start")
            info = create_backup(
                data_file, datetime.now(UTC), reason="auto", on_progress=lambda _left, _t: None
            )
            log("backup-done", path=str(info.path))


def register_kill_step() -> None:
    """The next version's migration: one slow step that fills a table."""

    def fill(db: Database) -> None:
        table = db.table("kill_test")
        table.create({"id": int, "text": str}, pk="id")
        table.insert_all({"id": i, "text": "x" * 50} for i in range(KILL_STEP_ROWS))

    step = Migrations._Migration(KILL_STEP, fill, True)
    migrations.MIGRATIONS._migrations.append(step)
    migrations.MIGRATION_NAMES.append(KILL_STEP)
    for module in (migrations, store, backup):
        module.SCHEMA_VERSION = len(migrations.MIGRATION_NAMES)  # type: ignore[attr-defined]


def run_migrate(data_dir: Path, verify: bool) -> int:
    register_kill_step()
    log("start")
    with Store.open(database_path(data_dir)) as opened:
        rows = opened._database.table("kill_test").count
        log("verified" if verify else "migrated", attempts=opened.attempt_count(), rows=rows)
    return 0


def main() -> int:
    mode, data_dir, seed = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    if mode == "gui":
        stop_after = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] != "-" else None
        longest = int(sys.argv[5]) if len(sys.argv) > 5 else 320
        return run_gui(data_dir, rng, stop_after, longest)
    if mode == "backup":
        return run_backups(data_dir, rng)
    return run_migrate(data_dir, verify=mode == "verify")


if __name__ == "__main__":
    sys.exit(main())
