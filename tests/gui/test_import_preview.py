"""Dropping a CSV or Anki deck on the window: preview, change the mapping, import, practise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.importers import Target
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.packs.import_preview import ImportPreviewDialog
from aipm_desktop.ui.widgets.settings import AppSettings

from ..unit.importers.anki_files import genanki_deck
from .accessibility import assert_accessible

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CSV = (
    "Question,Answer,Key points,Category\n"
    '"How do you measure a <b>chatbot</b>?","Task success, then CSAT.",'
    '"task success; CSAT",Metrics\n'
    "What is a golden set?,A fixed labelled set.,,Evaluation\n"
)


@pytest.fixture
def app(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: AppSettings
) -> Iterator[MainWindow]:
    library = PackLibrary(data_dir)
    workspace = Workspace.open(data_dir, library=library)
    contents = library.load()
    window = MainWindow(
        workspace=workspace,
        questions=contents.questions(),
        clock=clock,
        settings=settings,
        pack_problems=contents.problems,
        draft_save_delay_ms=50,
    )
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    yield window
    workspace.close()


def drop(window: MainWindow, path: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def preview_of(qtbot: QtBot, window: MainWindow) -> ImportPreviewDialog:
    previews = window.packs.previews
    assert previews is not None
    qtbot.waitUntil(lambda: previews.dialog is not None)  # converted in a worker thread
    dialog = previews.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_drop_a_csv_preview_and_import(qtbot: QtBot, app: MainWindow, tmp_path: Path) -> None:
    table = tmp_path / "interview bank.csv"
    table.write_text(CSV, encoding="utf-8")

    event = drop(app, table)
    dialog = preview_of(qtbot, app)

    assert event.isAccepted()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "How do you measure a <b>chatbot</b>?"
    assert "Questions: 2" in dialog.counts_label.text()
    assert dialog.counts_label.textFormat() == Qt.TextFormat.PlainText
    assert "Task success, then CSAT." in dialog.details.toPlainText()
    assert dialog.mapping()["Answer"] is Target.ANSWER
    dialog.title_edit.setText("Interview bank")
    dialog.id_edit.setText("interview-bank")
    with qtbot.waitSignal(app.packs.import_finished, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert blocker.args == [True]
    prompts = [q.prompt for q in app.question_list.question_model.rows()]
    assert "How do you measure a <b>chatbot</b>?" in prompts
    assert "What is a golden set?" in prompts
    assert app.current_question is not None
    assert app.current_question.pack_id == "interview-bank"
    stored = app.packs.library.imported_dir / "interview-bank.json"  # type: ignore[union-attr]
    assert '"file": "interview bank.csv"' in stored.read_text(encoding="utf-8")


def test_changing_the_mapping_updates_the_preview(
    qtbot: QtBot, app: MainWindow, tmp_path: Path
) -> None:
    table = tmp_path / "swap.csv"
    table.write_text(CSV, encoding="utf-8")
    drop(app, table)
    dialog = preview_of(qtbot, app)

    assert_accessible(dialog)
    combo = dialog.mapping_combos["Category"]
    combo.setCurrentIndex(combo.findData(Target.PROMPT))
    question = dialog.mapping_combos["Question"]
    question.setCurrentIndex(question.findData(Target.IGNORE))

    assert dialog.table.item(0, 1).text() == "Metrics"
    dialog.reject()


def test_anki_deck_through_the_file_dialog(
    qtbot: QtBot, app: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = genanki_deck(
        tmp_path / "deck.apkg",
        {"AI PM": [(["What is <i>RAG</i>?", "Retrieval, then generation", ""], ["llm"])]},
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(deck), ""))

    app.packs.import_from_dialog()
    dialog = preview_of(qtbot, app)
    assert "Anki deck package" in dialog.source_label.text()
    with qtbot.waitSignal(app.packs.import_finished, timeout=10000):
        dialog.buttons.accepted.emit()

    assert "What is RAG?" in [q.prompt for q in app.question_list.question_model.rows()]


def test_a_refused_file_lists_the_problem(qtbot: QtBot, app: MainWindow, tmp_path: Path) -> None:
    broken = tmp_path / "broken.apkg"
    broken.write_bytes(b"PK\x03\x04 truncated")

    drop(app, broken)

    qtbot.waitUntil(lambda: app.packs.problems_dialog is not None)
    problems = app.packs.problems_dialog
    assert problems is not None
    assert "not a readable zip archive" in problems.problems[0].message
    assert any("broken.apkg" in label.text() for label in problems.findChildren(QLabel))
    problems.close()
