"""The right-hand side: the question, the countdown, the answer editor and the reveal panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.questions import Question
from aipm_desktop.core.timer import format_clock
from aipm_desktop.ui.practice.countdown_label import CountdownLabel
from aipm_desktop.ui.practice.reveal_panel import RevealPanel
from aipm_desktop.ui.widgets.dialog_layout import answer_beside_model_answer, titled

IDLE_PLACEHOLDER = "Press Return (or Start) to begin. The clock starts when you do."
PAUSED_PLACEHOLDER = "Paused. Press Ctrl+P to carry on."
NO_QUESTIONS = (
    "No questions are loaded. Check the problems listed above, "
    "or put a question pack in the questions folder and start the app again."
)


class PracticePanel(QWidget):
    """Widgets for answering one question; the main window wires them to the domain."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt_label = QLabel()
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)  # pack text is never HTML
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        prompt_font = QFont(self.prompt_label.font())
        prompt_font.setPointSizeF(prompt_font.pointSizeF() * 1.3)
        prompt_font.setBold(True)
        self.prompt_label.setFont(prompt_font)
        self.prompt_label.setAccessibleName("Question")
        self.meta_label = QLabel()
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meta_label.setAccessibleName("Question details")
        self.meta_label.setWordWrap(True)
        self.countdown = CountdownLabel()

        self.button_row = QHBoxLayout()
        self.button_row.setSpacing(6)

        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Your answer")
        self.editor.setAccessibleDescription(
            "Type your answer here while the clock runs. Ctrl+Return submits; Tab leaves."
        )
        self.editor.setTabChangesFocus(True)
        self.editor.setReadOnly(True)
        self.editor.setPlaceholderText(IDLE_PLACEHOLDER)
        self.editor_title = QLabel("<b>Your answer</b>")
        self.limit_note = QLabel()
        """Shown while the answer is over the length limit: what to trim."""
        self.limit_note.setTextFormat(Qt.TextFormat.PlainText)
        self.limit_note.setWordWrap(True)
        self.limit_note.setAccessibleName("Answer too long")
        self.limit_note.setStyleSheet("color: #a40e26; font-weight: bold;")
        self.limit_note.hide()
        answer_box = titled(self.editor_title, self.editor)
        answer_layout = answer_box.layout()
        assert answer_layout is not None
        answer_layout.addWidget(self.limit_note)
        self.reveal = RevealPanel()
        self.splitter = answer_beside_model_answer(answer_box, self.reveal)
        self.splitter.setSizes([500, 600])

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.meta_label)
        titles.addWidget(self.prompt_label)
        header.addLayout(titles, 1)
        header.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addLayout(header)
        layout.addLayout(self.button_row)
        layout.addWidget(self.splitter, 1)

    def answer_length(self) -> int:
        """Characters in the editor, without copying its text."""
        return self.editor.document().characterCount() - 1  # less the closing separator

    def show_limit(self, note: str | None) -> None:
        """Show what is over the length limit, or hide the note."""
        if note is None:
            self.limit_note.hide()
        else:
            self.limit_note.setText(note)
            self.limit_note.show()

    def add_button(self, button: QToolButton) -> None:
        """Append an action button to the row under the question."""
        self.button_row.addWidget(button)

    def finish_buttons(self) -> None:
        """Push the buttons to the left."""
        self.button_row.addStretch(1)

    def show_question(self, question: Question | None, limit_seconds: int) -> None:
        """Show a question's prompt and details (``limit_seconds``: its time to answer)."""
        if question is None:
            self.prompt_label.setText(NO_QUESTIONS)
        else:
            self.prompt_label.setText(question.prompt)
        self.show_meta(question, limit_seconds)
        self.reveal.show_question(question)

    def show_meta(self, question: Question | None, limit_seconds: int) -> None:
        """The line above the prompt: number, category, level and time to answer."""
        if question is None:
            self.meta_label.setText("")
            return
        limit = limit_seconds
        self.meta_label.setText(
            f"Q{question.number} · {question.category} · {question.level} · "
            f"{format_clock(limit)} to answer"
        )
