"""Render the README screenshots offscreen: ``make screenshots``.

Writes docs/screenshots/*.png from the real main window, driven by keys,
against a temporary data folder and a fake clock.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.question_edit import QuestionFields
from aipm_desktop.pack_library import PackLibrary
from aipm_desktop.paths import database_path
from aipm_desktop.storage import Store
from aipm_desktop.ui.application import create_application
from aipm_desktop.ui.main_window import MainWindow
from aipm_desktop.ui.packs_dialog import PacksDialog
from aipm_desktop.ui.question_editor import QuestionEditorDialog
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
        library = PackLibrary(Path(folder))
        coach_file = Path(folder) / "product-sense.json"
        coach_file.write_text(json.dumps(COACH_PACK), encoding="utf-8")
        library.import_pack(coach_file)
        library.set_enabled(str(COACH_PACK["id"]), False)  # the main screenshots show the bundled
        window = MainWindow(
            store=store,
            questions=library.load().questions(),
            clock=clock,
            settings=settings,
            library=library,
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
        save(editor, "editor.png")
        editor.close()

        # The Packs dialog: bundled, imported (switched off) and own.
        library.save_own_question(
            QuestionFields(**{**OWN_QUESTION.__dict__, "key_points": OWN_QUESTION.key_points[:3]})
        )
        packs = PacksDialog(library, window)
        packs.show()
        QTest.qWaitForWindowExposed(packs)
        packs.view.setCurrentIndex(packs.model.index(1, 0))
        save(packs, "packs.png")
        packs.close()
        window.close()
        store.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
