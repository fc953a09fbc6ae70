"""Two attempts side by side, with the words that changed highlighted."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.compare import Change, Segment, word_diff
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.timer import format_clock, format_elapsed
from aipm_desktop.ui.widgets.accessible import describe_control

REMOVED_STYLE = "background-color:#ffd7d5; color:#67060c; text-decoration:line-through;"
ADDED_STYLE = "background-color:#ccffd8; color:#044317; text-decoration:underline;"


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
    when = attempt.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    rating = f"rated {attempt.rating.label}" if attempt.rating else "not rated"
    return (
        f"{when} · {rating} · key points {attempt.coverage} · "
        f"{format_elapsed(attempt.seconds_used)} of {format_clock(attempt.time_limit_seconds)}"
    )


class CompareDialog(QDialog):
    """An older and a newer answer, the older on the left."""

    def __init__(
        self, older: Attempt, newer: Attempt, prompt: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare attempts")
        self.diff = word_diff(older.answer, newer.answer)
        title = QLabel(f"<b>{html.escape(prompt)}</b>")
        title.setWordWrap(True)
        summary = QLabel(
            f"{self.diff.words_added} words added, {self.diff.words_removed} removed · "
            f"{round(self.diff.similarity * 100)} % the same. "
            f'<span style="{REMOVED_STYLE}">Struck out</span>: only in the older answer. '
            f'<span style="{ADDED_STYLE}">Underlined</span>: new in the later one.'
        )
        summary.setWordWrap(True)
        self.older_view = self._view(
            "Older answer",
            f"Your answer of {describe_attempt(older)}. Struck-out words are only in this one.",
            segments_html(self.diff.older),
        )
        self.newer_view = self._view(
            "Newer answer",
            f"Your answer of {describe_attempt(newer)}. Underlined words are new in this one.",
            segments_html(self.diff.newer),
        )
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
        layout.addWidget(summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.setMinimumSize(760, 420)  # fixed: contents never resize a shown window
        self.resize(1100, 640)

    @staticmethod
    def _view(name: str, description: str, content: str) -> QTextEdit:
        view = QTextEdit()
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
