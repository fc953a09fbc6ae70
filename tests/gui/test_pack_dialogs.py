"""The problems list and the editor's preview, on their own."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QTextTable
from pytestqt.qtbot import QtBot

from aipm_desktop.core.packs import PackProblem
from aipm_desktop.core.question_edit import QuestionFields
from aipm_desktop.ui.packs.problems_dialog import MAX_LISTED, ProblemsDialog
from aipm_desktop.ui.packs.question_editor import QuestionEditorDialog


def test_a_long_problem_list_is_capped_but_copied_whole(qtbot: QtBot) -> None:
    problems = [PackProblem("big.json", f"questions[{i}]", "missing field") for i in range(600)]
    dialog = ProblemsDialog("Not imported", "big.json was not imported.", problems)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == MAX_LISTED
    assert f"the first {MAX_LISTED} of 600 are listed" in dialog.summary.text()
    dialog.copy_to_clipboard()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert len(copied) == 600
    assert copied[599] == "big.json: questions[599]: missing field"


def test_editor_preview_follows_typing_and_renders_tables(qtbot: QtBot) -> None:
    editor = QuestionEditorDialog("New question", QuestionFields())
    qtbot.addWidget(editor)
    editor.answer_edit.setPlainText("Intro\n\n| a | b |\n| --- | --- |\n| 1 | 2 |")
    qtbot.waitUntil(lambda: "Intro" in editor.preview.document().toPlainText())
    frames = editor.preview.document().rootFrame().childFrames()
    assert any(isinstance(frame, QTextTable) for frame in frames)


def test_editor_emits_fields_only_when_valid(qtbot: QtBot) -> None:
    editor = QuestionEditorDialog("New question", QuestionFields())
    qtbot.addWidget(editor)
    emitted: list[object] = []
    editor.save_requested.connect(emitted.append)
    editor.request_save()
    assert emitted == []
    editor.prompt_edit.setPlainText("  Why?  ")
    editor.answer_edit.setPlainText("Because.")
    editor.key_points_edit.setPlainText("One\n\n  Two  \n")
    editor.category_box.setCurrentText("Strategy")
    editor.level_box.setCurrentText("Senior")
    editor.tags_edit.setText("a, b,, ")
    editor.time_limit_box.setValue(90)
    editor.request_save()
    assert emitted == [
        QuestionFields(
            prompt="Why?",
            model_answer="Because.",
            key_points=("One", "Two"),
            category="Strategy",
            level="Senior",
            tags=("a", "b"),
            time_limit_seconds=90,
        )
    ]
