"""Render the README screenshots: ``make screenshots``.

Writes docs/screenshots/*.png from the real main window and its dialogs, driven by
keys, against a temporary data folder and a fake clock, at 1280×720: the main window
in the light and the dark theme, the reveal panel with a table, the welcome and the
settings, and a mock interview with its summary. ``--out DIR`` writes elsewhere (e.g. to
look at a QT_SCALE_FACTOR=2 run).

On a real display (``make screenshots`` runs it on Xvfb with openbox through
scripts/on_desktop.sh) each shot is the window as the screen shows it, title bar and
frame included. Offscreen (``make screenshots-offscreen``) each window is rendered on
its own, without a frame.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.question_edit import QuestionFields
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.session_settings import RevealPolicy, SelectionKind, SessionSettings
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import create_backup
from aipm_desktop.ui.app.application import create_application
from aipm_desktop.ui.backups.dialog import BackupsDialog
from aipm_desktop.ui.backups.settings_section import BackupSection
from aipm_desktop.ui.history.compare_dialog import CompareDialog
from aipm_desktop.ui.history.window import SUMMARY_ROLE
from aipm_desktop.ui.main.settings_dialog import SettingsDialog
from aipm_desktop.ui.main.welcome_dialog import WelcomeDialog
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.packs.packs_dialog import PacksDialog
from aipm_desktop.ui.packs.question_editor import QuestionEditorDialog
from aipm_desktop.ui.widgets.settings import AppSettings, Theme

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZE = (1280, 720)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

ANSWER_Q4 = """Precision: when the model flags something, how often is it right.
Recall: of everything that should be flagged, how much did we catch.

Which one matters depends on the cost of each kind of error:
- Spam filter: precision, because losing a real email destroys trust.
- Fraud: recall, because a missed fraud costs money; a review is a small annoyance.

As PM I don't tune the threshold myself, but I define the business context
with users, legal and the business, so the team knows which way to lean."""


HISTORY_END = datetime(2026, 6, 1, 17, 30, tzinfo=UTC)
"""The fake "now" of the generated history."""
DRAFTS = [
    "Precision is how often a flag is right; recall is how much we catch.",
    "Precision: of the items flagged, how many are right. Recall: of everything that "
    "should be flagged, how much we caught.",
    "Precision: of the items flagged, how many are right. Recall: of everything that "
    "should be flagged, how much we caught.\n\nWhich one matters depends on the cost of "
    "each error: spam favours precision, fraud favours recall.",
    "Precision: of the items we flag, how many are right. Recall: of everything that "
    "should be flagged, how much we caught.\n\nWhich one to favour depends on the cost "
    "of each kind of error: a spam filter favours precision (a lost real email destroys "
    "trust), fraud detection favours recall (a missed fraud costs money).\n\nAs PM I set "
    "the business context with legal and the business; the team tunes the threshold.",
]


def generate_history(store: Store, questions: list[Question], days: int = 90) -> None:
    """A plausible few months of practice that slowly improves, with some over-confidence.

    Each practice day the user answers what FSRS says is due (oldest first), else a
    random question, so the schedule looks like one that was followed.
    """
    rng = random.Random(7)
    first_day = (HISTORY_END - timedelta(days=days)).replace(hour=0, minute=0)
    strength = {q.id: rng.uniform(0.1, 0.4) for q in questions}
    for day in range(days):
        if rng.random() < 0.3 and day < days - 6:
            continue  # a day off; the last week is a streak
        today = first_day + timedelta(days=day)
        due = sorted(
            (state.due, qid)
            for qid, state in store.review_states().items()
            if state.due <= today + timedelta(hours=23)
        )
        picks = [qid for _due, qid in due][: rng.choice((1, 2, 3))] or [rng.choice(questions).id]
        for number, qid in enumerate(picks):
            q = next(q for q in questions if q.id == qid)
            progress = day / days
            skill = min(0.95, strength[q.id] + 0.45 * progress + rng.gauss(0, 0.15))
            total = len(q.key_points)
            ticked = max(0, min(total, round(skill * total)))
            limit = q.effective_time_limit()
            used = max(45.0, rng.gauss(limit * (1.05 - 0.25 * progress), limit * 0.15))
            started = today + timedelta(hours=rng.uniform(8, 20), minutes=15 * number)
            draft = DRAFTS[max(0, min(len(DRAFTS) - 1, int(skill * len(DRAFTS))))]
            attempt = store.record_attempt(
                NewAttempt(
                    question_id=q.id,
                    pack_id=q.pack_id,
                    pack_version=q.pack_version,
                    started_at=started,
                    ended_at=started + timedelta(seconds=used),
                    seconds_used=used,
                    time_limit_seconds=limit,
                    overtime_seconds=max(0.0, used - limit),
                    answer=draft,
                    revealed_before_submit=False,
                    key_points_total=total,
                    time_up_mode=TimeUpMode.SOFT,
                )
            )
            store.set_key_points(attempt.id, list(q.key_points[:ticked]))
            confidence = skill + 0.08 + rng.gauss(0, 0.18)  # a little generous
            rating = Rating(min(4, max(1, round(1 + 3 * confidence))))
            store.set_rating(attempt.id, rating, attempt.ended_at + timedelta(seconds=40))


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Process events until ``condition()`` holds (work done on pool threads)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        QApplication.processEvents()
        time.sleep(0.01)


def history_screenshots(app: QApplication, out: Path) -> None:
    """Statistics, history and comparison windows over a generated history."""
    with tempfile.TemporaryDirectory() as folder:
        settings = AppSettings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        store = Store.open(database_path(Path(folder)))
        questions = PackLibrary(Path(folder)).load().questions()
        generate_history(store, questions)
        window = MainWindow(
            workspace=Workspace(store),
            questions=questions,
            clock=FakeClock(HISTORY_END),
            settings=settings,
        )
        window.resize(*SIZE)
        window.show()
        QTest.qWaitForWindowExposed(window)

        window.history.show_statistics()
        dashboard = window.history.dashboard_window
        assert dashboard is not None
        dashboard.set_range_days(90)
        wait_until(lambda: dashboard.dashboard is not None and dashboard.dashboard.range_days == 90)
        dashboard.resize(1280, 1500)
        save(dashboard, out, "statistics.png")
        dashboard.close()

        window.history.show_history()
        history = window.history.history_window
        assert history is not None
        history.resize(1280, 600)
        wait_until(lambda: history.model.rowCount() > 0)
        history.show_question("td-04-precision-recall-trade-off")
        history.view.selectRow(0)
        save(history, out, "history.png")

        shown = [
            history.proxy.index(r, 0).data(SUMMARY_ROLE) for r in range(history.proxy.rowCount())
        ]
        window.history.compare_attempts(
            shown[-1].id, shown[0].id
        )  # the first and the latest answer
        compare = next(w for w in app.topLevelWidgets() if isinstance(w, CompareDialog))
        wait_until(lambda: compare.diff is not None)
        compare.resize(1280, 560)
        save(compare, out, "compare.png")
        compare.close()
        history.close()
        window.close()
        window.backups.finish_exit()  # the exit backup runs on a worker
        store.close()


OWN_QUESTION = QuestionFields(
    prompt="How would you price a generative AI feature in a B2B product?",
    model_answer=(
        "Start from the **value** to the customer, then check the **cost to serve**: "
        "every query costs money.\n\n"
        "| Model | Fits when | Watch out for |\n"
        "| --- | --- | --- |\n"
        "| Per seat | Usage is even across users | Heavy users cost more than they pay |\n"
        "| Per use | Value grows with each query | Customers ration usage |\n"
        "| Bundled tier | The feature drives upgrades | Hard to see its own margin |\n\n"
        "- Price on value, keep a margin floor on cost\n"
        "- Test willingness to pay with design partners"
    ),
    key_points=(
        "Prices on customer value, not on cost",
        "Knows the cost to serve per query",
        "Compares per-seat, per-use and tiered models",
        "prices on customer value, not on cost",
    ),
    category="Strategy",
    level="Senior",
    tags=("pricing", "genai"),
    time_limit_seconds=300,
)

COACH_PACK = {
    "schema_version": 1,
    "id": "product-sense-coach",
    "title": "Product Sense (from a coach)",
    "description": "Questions a coach shares with students.",
    "version": "1.2",
    "questions": [
        {
            "id": f"ps-{number}",
            "number": number,
            "prompt": prompt,
            "category": "Product Sense",
            "level": "Senior",
            "model_answer": "Clarify the goal, the users and the constraints first.",
            "key_points": ["Clarifies the goal", "Names the users"],
        }
        for number, prompt in enumerate(
            [
                "Design an AI feature for a note-taking app.",
                "How would you improve search with LLMs?",
                "Which AI feature would you cut first, and why?",
            ],
            start=1,
        )
    ],
}


def save(widget: QWidget, out: Path, name: str) -> None:
    for _ in range(3):  # palette changes reach widgets through posted events
        QApplication.processEvents()
    path = out / name
    on_screen = QGuiApplication.platformName() != "offscreen"
    image = framed_grab(widget) if on_screen else widget.grab()
    image.save(str(path))
    print(f"wrote {path}")


def framed_grab(widget: QWidget) -> QPixmap:
    """The window as the screen shows it, with the window manager's frame: raised and
    active, once the window manager has placed it and everything is painted."""
    window = widget.window()
    window.raise_()
    window.activateWindow()
    deadline = time.monotonic() + 0.6
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    frame = window.frameGeometry()
    screen = window.screen()
    return screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())


SESSION_ANSWERS = [
    "Spam: precision first, a lost real email costs trust.\n"
    "Fraud: recall first, a missed fraud costs money.",
    "Rules when the logic is known and stable; ML when patterns are too many to write down.",
    "",  # skipped
    "Start with the user problem and a baseline, then add data and evaluation.",
    "Hallucinations: ground answers in sources, measure, and keep a human in the loop.",
]


def mock_interview(window: MainWindow, clock: FakeClock, out: Path) -> None:
    """Two sessions: the second is shown mid-way (session.png) and at its end (summary.png)."""
    ids = [
        window.question_list.question_model.question(row).id
        for row in range(window.question_list.question_model.rowCount())
    ]
    for attempt in range(2):
        settings = SessionSettings(
            selection=SelectionKind.HAND_PICKED,
            hand_picked=tuple(ids[3:8]),
            think_seconds=20,
            budget_seconds=25 * 60,
            reveal=RevealPolicy.AT_END,
            seed=1,
        )
        view = window.sessions.start_session(settings)
        assert view is not None
        view.resize(*SIZE)
        QTest.qWaitForWindowExposed(view)
        for n, text in enumerate(SESSION_ANSWERS):
            clock.advance(20)
            view.tick()
            if n == 2:
                QTest.keyClick(view, Qt.Key.Key_S, CTRL_SHIFT)
                continue
            view.editor.setPlainText(text)
            clock.advance(150 + 30 * n - 40 * attempt)
            view.tick()
            if attempt == 1 and n == 3:
                save(view, out, "session.png")
            QTest.keyClick(view.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        summary = window.sessions.summary
        assert summary is not None
        summary.resize(*SIZE)
        QTest.qWaitForWindowExposed(summary)
        for row in range(summary.model.rowCount()):
            summary.view.setCurrentIndex(summary.model.index(row, 1))
            if summary.summary.rows[row].attempt is None:
                continue
            checklist = summary.reveal.checklist
            checklist.focus_first()
            for _ in range(row % 3 + attempt):
                QTest.keyClick(checklist, Qt.Key.Key_Space)
                QTest.keyClick(checklist, Qt.Key.Key_Down)
            summary.rate(Rating(2 + (row + attempt) % 3))
        summary.view.setCurrentIndex(summary.model.index(0, 1))
        if attempt == 1:
            save(summary, out, "summary.png")
        summary.close()
        clock.advance(86400)


def set_theme(window: MainWindow, theme: Theme) -> None:
    window.settings.theme = theme
    window.apply_appearance()


def show_dialog(dialog: QWidget) -> None:
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    out: Path = parser.parse_args(argv).out
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TZ"] = "UTC"  # dates on screen do not depend on where this runs
    time.tzset()
    app = create_application()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aipm-desktop-") as folder:
        settings = AppSettings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        settings.theme = Theme.LIGHT
        store = Store.open(database_path(Path(folder)))
        clock = FakeClock()
        library = PackLibrary(Path(folder))
        coach_file = Path(folder) / "product-sense.json"
        coach_file.write_text(json.dumps(COACH_PACK), encoding="utf-8")
        library.import_pack(coach_file)
        library.set_enabled(str(COACH_PACK["id"]), False)  # the main screenshots show the bundled
        window = MainWindow(
            workspace=Workspace(store, library=library),
            questions=library.load().questions(),
            clock=clock,
            settings=settings,
        )
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowExposed(window)

        # A short practice history so the list and history columns have something to show.
        for _ in range(2):
            QTest.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
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
            QTest.keyClick(window.question_list.question_view, Qt.Key.Key_Down)
        QTest.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
        window.practice.editor.setPlainText(ANSWER_Q4)
        clock.advance(212)
        window.loop.refresh_clock()
        save(window, out, "main-window.png")
        set_theme(window, Theme.DARK)
        save(window, out, "main-window-dark.png")
        set_theme(window, Theme.LIGHT)

        # Submitted: the model answer with its table, two key points ticked.
        QTest.keyClick(
            window.practice.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        checklist = window.practice.reveal.checklist
        for _ in range(3):
            QTest.keyClick(checklist, Qt.Key.Key_Space)
            QTest.keyClick(checklist, Qt.Key.Key_Down)
        QTest.keyClick(checklist, Qt.Key.Key_3)
        save(window, out, "reveal.png")
        set_theme(window, Theme.DARK)
        save(window, out, "reveal-dark.png")
        set_theme(window, Theme.LIGHT)

        welcome = WelcomeDialog(window)
        show_dialog(welcome)
        save(welcome, out, "welcome.png")
        welcome.close()
        settings_dialog = SettingsDialog(
            settings,
            Path("/home/you/.local/share/aipm/aipm-desktop"),
            extra_sections=[BackupSection(settings)],
        )
        show_dialog(settings_dialog)
        save(settings_dialog, out, "settings.png")
        settings_dialog.close()
        mock_interview(window, clock, out)

        # File → Backups, with a few weeks of backups of different kinds.
        assert store.path is not None
        for days, reason in ((0, "manual"), (1, "on-exit"), (2, "auto"), (9, "before-migration")):
            create_backup(store.path, clock.now() - timedelta(days=days, hours=days), reason=reason)
        dialog = BackupsDialog(window.backups.scheduler, window.backups.restore, parent=window)
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        save(dialog, out, "backups.png")
        dialog.close()

        # Your own question in the editor, with one inline problem showing.
        editor = QuestionEditorDialog(
            "New question",
            OWN_QUESTION,
            categories=["Strategy", "Technical Depth"],
            levels=["Intermediate", "Senior"],
            parent=window,
        )
        editor.resize(1000, 760)
        editor.show()
        QTest.qWaitForWindowExposed(editor)
        save(editor, out, "editor.png")
        editor.close()

        # The Packs dialog: bundled, imported (switched off) and own.
        library.save_own_question(
            QuestionFields(**{**OWN_QUESTION.__dict__, "key_points": OWN_QUESTION.key_points[:3]})
        )
        packs = PacksDialog(library, window)
        packs.show()
        QTest.qWaitForWindowExposed(packs)
        packs.view.setCurrentIndex(packs.model.index(1, 0))
        save(packs, out, "packs.png")
        packs.close()
        window.close()
        window.backups.finish_exit()  # the exit backup runs on a worker
        store.close()
    history_screenshots(app, out)
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
