"""Two attempts side by side, with the words that changed highlighted."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.compare import Change, Segment, WordDiff, word_diff
from aipm_desktop.core.rating import moment_label, rating_label
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.timer import format_clock, format_elapsed
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.background import run_in_background
from aipm_desktop.ui.widgets.inert import InertDocument

REMOVED_STYLE = "background-color:#ffd7d5; color:#67060c; text-decoration:line-through;"
ADDED_STYLE = "background-color:#ccffd8; color:#044317; text-decoration:underline;"
COMPARING = "Comparing…"


def segments_html(segments: list[Segment]) -> str:
    """The answer as HTML, changed words wrapped in a highlighted span."""
    parts = []
    for segment in segments:
        text = html.escape(segment.text).replace("\n", "<br>")
        if segment.change == Change.REMOVED:
            parts.append(f'<span style="{REMOVED_STYLE}">{text}</span>')
        elif segment.change == Change.ADDED:
            parts.append(f'<span style="{ADDED_STYLE}">{text}</span>')
        else:
            parts.append(text)
    body = "".join(parts) or "<i>(empty answer)</i>"
    return f'<div style="white-space: pre-wrap;">{body}</div>'


def describe_attempt(attempt: Attempt) -> str:
    """Date, rating, key points and time of an attempt, on one line."""
    when = moment_label(attempt.started_at, "started_at", attempt.unreadable)
    rating = rating_label(attempt.rating, attempt.unreadable).lower()
    rating = f"rated {attempt.rating.label}" if attempt.rating else rating
    return (
        f"{when} · {rating} · key points {attempt.coverage} · "
        f"{format_elapsed(attempt.seconds_used)} of {format_clock(attempt.time_limit_seconds)}"
    )


class CompareDialog(QDialog):
    """An older and a newer answer, the older on the left.

    The word diff runs on a pool thread: the dialog opens at once showing both answers
    plainly and "Comparing…", then highlights the changes when the diff arrives.

    Signals:
        compared(): the diff is shown (or its failure is).
    """

    compared = Signal()

    def __init__(
        self,
        older: Attempt,
        newer: Attempt,
        prompt: str,
        parent: QWidget | None = None,
        *,
        text_font: QFont | None = None,
    ) -> None:
        """``text_font``: the answers' font, the size they are read at in the editor."""
        super().__init__(parent)
        self.setWindowTitle("Compare attempts")
        self.diff: WordDiff | None = None
        title = QLabel(f"<b>{html.escape(prompt)}</b>")
        title.setWordWrap(True)
        self.summary = QLabel(COMPARING)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.older_view = self._view(
            "Older answer",
            f"Your answer of {describe_attempt(older)}. Struck-out words are only in this one.",
            segments_html([Segment(older.answer, Change.SAME)] if older.answer else []),
        )
        self.newer_view = self._view(
            "Newer answer",
            f"Your answer of {describe_attempt(newer)}. Underlined words are new in this one.",
            segments_html([Segment(newer.answer, Change.SAME)] if newer.answer else []),
        )
        if text_font is not None:
            for view in (self.older_view, self.newer_view):
                view.setFont(text_font)
                view.document().setDefaultFont(text_font)
        splitter = QSplitter()
        splitter.addWidget(_titled(f"<b>Older</b> — {describe_attempt(older)}", self.older_view))
        splitter.addWidget(_titled(f"<b>Newer</b> — {describe_attempt(newer)}", self.newer_view))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        describe_control(
            buttons.button(QDialogButtonBox.StandardButton.Close),
            "Close",
            "Close the comparison (Escape).",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.setMinimumSize(760, 420)  # fixed: contents never resize a shown window
        self.resize(1100, 640)
        older_text, newer_text = older.answer, newer.answer
        run_in_background(
            lambda: word_diff(older_text, newer_text), self._show_diff, self._show_failure, self
        )

    def _show_diff(self, result: object) -> None:
        assert isinstance(result, WordDiff)
        self.diff = result
        self.summary.setText(
            f"{result.words_added} words added, {result.words_removed} removed · "
            f"{round(result.similarity * 100)} % the same. "
            f'<span style="{REMOVED_STYLE}">Struck out</span>: only in the older answer. '
            f'<span style="{ADDED_STYLE}">Underlined</span>: new in the later one.'
        )
        self.older_view.setHtml(segments_html(result.older))
        self.newer_view.setHtml(segments_html(result.newer))
        self.compared.emit()

    def _show_failure(self, message: str) -> None:
        self.summary.setText(f"The answers could not be compared: {html.escape(message)}")
        self.compared.emit()

    @staticmethod
    def _view(name: str, description: str, content: str) -> QTextEdit:
        view = QTextEdit()
        view.setDocument(InertDocument(view))
        view.setReadOnly(True)
        view.setAcceptRichText(False)
        view.setHtml(content)
        describe_control(view, name, description, tooltip=False)
        return view


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
