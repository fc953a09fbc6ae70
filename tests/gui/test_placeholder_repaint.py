"""Bug 4 of issue 15: the editor's placeholder is repainted when the answer's state
changes, so a stale line ("… when you do.") never stays on screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.practice.controller import TYPING_PLACEHOLDER
from aipm_desktop.ui.practice.panel import IDLE_PLACEHOLDER, PAUSED_PLACEHOLDER

CTRL = Qt.KeyboardModifier.ControlModifier


class PaintedPlaceholder(QObject):
    """Remembers the placeholder the editor's viewport last painted."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.painted: str | None = None
        editor.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.editor.toPlainText():
            self.painted = self.editor.placeholderText()
        return False


def shown_placeholder(qtbot: QtBot, painted: PaintedPlaceholder) -> str | None:
    """The placeholder on screen once pending paints are done."""
    painted.painted = None
    for _ in range(3):
        QApplication.processEvents()
    return painted.painted


def test_the_placeholder_on_screen_follows_each_state(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.practice.editor
    painted = PaintedPlaceholder(editor)
    qtbot.waitUntil(lambda: editor.viewport().isVisible())
    assert editor.placeholderText() == IDLE_PLACEHOLDER

    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    assert shown_placeholder(qtbot, painted) == TYPING_PLACEHOLDER

    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL)
    assert shown_placeholder(qtbot, painted) == PAUSED_PLACEHOLDER

    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL)
    assert shown_placeholder(qtbot, painted) == TYPING_PLACEHOLDER


def test_switching_between_a_paused_answer_and_an_idle_question_repaints_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The editor is read-only and empty on both sides: only the placeholder changes,
    which Qt does not repaint by itself."""
    editor = window.practice.editor
    view = window.question_list.question_view
    painted = PaintedPlaceholder(editor)
    first = window.current_question
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL)  # paused with nothing typed: a draft
    assert shown_placeholder(qtbot, painted) == PAUSED_PLACEHOLDER

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.current_question != first
    assert shown_placeholder(qtbot, painted) == IDLE_PLACEHOLDER

    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert window.current_question == first
    assert shown_placeholder(qtbot, painted) == PAUSED_PLACEHOLDER


def test_a_new_idle_placeholder_from_the_host_is_repainted(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Nothing else changes (read-only, empty, same question): only the repaint the
    controller asks for puts the new line on screen."""
    editor = window.practice.editor
    painted = PaintedPlaceholder(editor)
    assert shown_placeholder(qtbot, painted) is None  # nothing pending
    window.loop.idle_placeholder = "Read the question first."
    window.loop.refresh_state()
    assert shown_placeholder(qtbot, painted) == "Read the question first."
