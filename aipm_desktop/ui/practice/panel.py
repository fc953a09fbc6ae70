"""The right-hand side: the question, the countdown, the answer editor and the reveal panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.questions import Question
from aipm_desktop.core.timer import format_clock
from aipm_desktop.ui.practice.countdown_label import CountdownLabel
from aipm_desktop.ui.practice.reveal_panel import RevealPanel
from aipm_desktop.ui.widgets.dialog_layout import titled

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
        self.word_count = QLabel()
        self.word_count.setAccessibleName("Word count")
        self.word_count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.word_count.setMinimumWidth(
            self.word_count.fontMetrics().horizontalAdvance("0000 words")
        )
        self.editor.textChanged.connect(self.count_words)
        self.count_words()
        self._answer_header = answer_header = QHBoxLayout()
        answer_header.setContentsMargins(0, 0, 0, 0)
        answer_header.addWidget(self.editor_title, 0, Qt.AlignmentFlag.AlignBottom)
        answer_header.addStretch(1)
        answer_header.addWidget(self.word_count, 0, Qt.AlignmentFlag.AlignBottom)
        answer_box = QWidget()
        answer_layout = self._answer_layout = QVBoxLayout(answer_box)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        answer_layout.addLayout(answer_header)
        answer_layout.addWidget(self.editor, 1)
        answer_layout.addWidget(self.limit_note)

        # The reveal panel's parts are laid out here: while answering, the editor has the
        # whole width (the model answer's column is hidden, a line says why); after
        # submitting, the answer and the model answer sit side by side, the key points and
        # the rating under both.
        self.reveal = RevealPanel(self, own_layout=False)
        self.reveal.hide()
        self.reveal.hidden_hint.setAlignment(Qt.AlignmentFlag.AlignLeft)
        answer_layout.addWidget(self.reveal.hidden_hint)
        self.model_answer_column = titled(QLabel("<b>Model answer</b>"), self.reveal.model_answer)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(answer_box)
        self.splitter.addWidget(self.model_answer_column)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([500, 500])
        self._divider_moved = False
        self.splitter.splitterMoved.connect(self._on_divider_moved)
        self.assess_splitter = QSplitter(Qt.Orientation.Vertical)
        self.assess_splitter.addWidget(self.splitter)
        self.assess_splitter.addWidget(self.reveal.assessment)
        self.assess_splitter.setStretchFactor(0, 3)
        self.assess_splitter.setStretchFactor(1, 2)
        self.assess_splitter.setChildrenCollapsible(False)
        self.reveal.revealed_changed.connect(self._show_revealed)
        self._show_revealed(self.reveal.is_revealed)

        header = QVBoxLayout()
        header.addWidget(self.meta_label)
        header.addWidget(self.prompt_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addLayout(header)
        layout.addLayout(self.button_row)
        layout.addWidget(self.assess_splitter, 1)

    def count_words(self) -> None:
        """Show the number of words in the editor."""
        count = len(self.editor.toPlainText().split())
        self.word_count.setText(f"{count} word{'' if count == 1 else 's'}")

    def _show_revealed(self, revealed: bool) -> None:
        """The model answer's column only when there is something to show in it."""
        self.model_answer_column.setVisible(revealed)
        # The word count keeps apart from "Model answer"; alone, it lines up under the clock.
        self._answer_header.setContentsMargins(0, 0, 10 if revealed else 0, 0)
        if revealed:
            self._share_width()
            self._fit_key_points()
            # Once the column is laid out (a shown widget's size settles through events).
            QTimer.singleShot(0, self._share_width)

    def _on_divider_moved(self) -> None:
        self._divider_moved = True

    def _share_width(self) -> None:
        """Side by side, the answer and the model answer share the width equally, unless
        the user has moved the divider since the window opened: a column shown again
        after hiding comes back at whatever width the splitter last gave it."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if not self.model_answer_column.isVisible() or total <= 0 or self._divider_moved:
            return
        if abs(sizes[0] - sizes[1]) > 2:
            self.splitter.setSizes([total - total // 2, total // 2])

    def _fit_key_points(self) -> None:
        """Give the key points the height they need to show every point, if they have
        less (up to half the space): none should be hidden below a scroll bar."""
        sizes = self.assess_splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        need = self.reveal.assessment_height()
        if sizes[1] < need:
            bottom = min(need, total // 2)
            self.assess_splitter.setSizes([total - bottom, bottom])

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

    def add_answer_bar(self, bar: QWidget) -> None:
        """A line between the answer's title and the editor (Speak mode's switch)."""
        self._answer_layout.insertWidget(1, bar)

    def add_under_answer(self, widget: QWidget) -> None:
        """A part under the answer editor (the delivery figures of a spoken answer)."""
        self._answer_layout.addWidget(widget)

    def add_button(self, button: QToolButton) -> None:
        """Append an action button to the row under the question."""
        self.button_row.addWidget(button)

    def finish_buttons(self) -> None:
        """Push the buttons to the left; the clock closes the row, over the editor's right
        edge. It has a fixed width, so its text changing ("Paused · …", "Over time …")
        never moves anything, and the row spans both columns, so it never makes the
        answer's column wider than it needs to be."""
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_question(
        self, question: Question | None, limit_seconds: int, empty_text: str = NO_QUESTIONS
    ) -> None:
        """Show a question's prompt and details (``limit_seconds``: its time to answer),
        or, with no question, ``empty_text`` saying why there is none."""
        if question is None:
            self.prompt_label.setText(empty_text)
        else:
            self.prompt_label.setText(question.prompt)
        self.show_meta(question, limit_seconds)
        self.reveal.show_question(question)

    def show_meta(self, question: Question | None, limit_seconds: int) -> None:
        """The line above the prompt: number, category, level and time to answer."""
        if question is None:
            self.meta_label.setText("")
            return
        own = " (your own limit)" if question.own_time_limit_seconds else ""
        self.meta_label.setText(
            f"Q{question.number} · {question.category} · {question.level} · "
            f"{format_clock(limit_seconds)} to answer{own}"
        )
