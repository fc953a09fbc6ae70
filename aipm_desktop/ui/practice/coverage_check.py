"""Check a submitted answer's key-point coverage off the UI thread, then show it.

The main window keeps one :class:`CoverageChecker` and calls :func:`check_answer` after
a submit (instead of ``reveal.show_hints(hint_key_points(...))``), and
:func:`load_in_background` once after start-up so the model is ready by the first submit.
Connecting ``reveal.evidence_chosen`` to :func:`highlight_span` on the answer editor
highlights the sentence that makes the chosen point.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from aipm_desktop.core.coverage import LexicalMatcher, LoadedMatcher
from aipm_desktop.core.questions import Question
from aipm_desktop.services.coverage import CoverageChecker, CoverageReport
from aipm_desktop.ui.practice.reveal_panel import RevealPanel
from aipm_desktop.ui.widgets.background import TaskRelay, run_in_background
from aipm_desktop.ui.widgets.theme import contrast


def check_answer(
    reveal: RevealPanel, checker: CoverageChecker, question: Question, answer: str
) -> TaskRelay:
    """Show "Checking…" now, and the result when the pool thread has it.

    A result that arrives after the panel moved to another question is dropped. If the
    check itself fails, the word match is shown instead, saying why.
    """
    ticket = reveal.begin_coverage()

    def show(result: object) -> None:
        if isinstance(result, CoverageReport):
            reveal.show_coverage(result, ticket)

    def fall_back(message: str) -> None:
        reason = f"Word match only: the check failed ({message})."
        lexical = CoverageChecker(lambda: LoadedMatcher(LexicalMatcher(), reason))
        reveal.show_coverage(lexical.check(question, answer), ticket)

    return run_in_background(lambda: checker.check(question, answer), show, fall_back, reveal)


def load_in_background(checker: CoverageChecker, parent: QObject) -> TaskRelay:
    """Load the matcher (the model, about a second) on a pool thread; nothing is shown."""
    return run_in_background(checker.loaded, lambda _loaded: None, lambda _message: None, parent)


def highlight_span(editor: QPlainTextEdit, span: object) -> None:
    """Highlight ``span`` ((start, end) in the editor's text, as Python counts characters)
    with a tint of the palette's highlight colour and readable text on it, without moving
    the cursor; None clears it."""
    if not isinstance(span, tuple) or len(span) != 2:
        editor.setExtraSelections([])
        return
    text = editor.toPlainText()
    start, end = (_qt_position(text, int(offset)) for offset in span)
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(editor.document())
    last = editor.document().characterCount() - 1
    cursor.setPosition(min(start, last))
    cursor.setPosition(min(end, last), QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    highlight = QTextCharFormat()
    background = editor.palette().color(QPalette.ColorRole.Highlight).lighter(160)
    highlight.setBackground(background)
    # Dark text on the light tint, whatever the theme's text colour (light in dark themes).
    ink = max((QColor("#000000"), QColor("#ffffff")), key=lambda c: contrast(c, background))
    highlight.setForeground(ink)
    selection.format = highlight
    editor.setExtraSelections([selection])


def _qt_position(text: str, offset: int) -> int:
    """Qt counts UTF-16 code units: a character outside the BMP (an emoji) counts twice."""
    return len(text[: max(0, offset)].encode("utf-16-le")) // 2
