"""Past attempts at the selected question, and a dialog to read one."""

from __future__ import annotations

import html
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.rating import moment_label, rating_label
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.timer import format_clock, format_elapsed, format_overtime
from aipm_desktop.ui.speech.delivery_view import DeliveryView
from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.markdown_view import MarkdownView
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel


class HistoryColumn(IntEnum):
    """The history table's columns."""

    DATE = 0
    TIME_USED = 1
    RATING = 2
    COVERAGE = 3
    PACK_VERSION = 4


_HEADERS = ("Date", "Time used", "Rating", "Key points", "Version")


def describe_time_used(attempt: Attempt) -> str:
    """E.g. "3:12 of 5:00", or "5:40 of 5:00 (+0:40)" when over time."""
    text = f"{format_elapsed(attempt.seconds_used)} of {format_clock(attempt.time_limit_seconds)}"
    if over := format_overtime(attempt.overtime_seconds):
        text += f" ({over})"
    return text


class HistoryModel(RowTableModel[Attempt]):
    """Attempts at one question, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_HEADERS, parent=parent)

    def set_attempts(self, attempts: Sequence[Attempt]) -> None:
        """Replace the rows."""
        self.set_rows(attempts)

    def attempt(self, row: int) -> Attempt:
        """The attempt on ``row``."""
        return self.row_object(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        attempt = self.object_at(index)
        if attempt is None:
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == HistoryColumn.DATE:
            return moment_label(attempt.started_at, "started_at", attempt.unreadable)
        if column == HistoryColumn.TIME_USED:
            return describe_time_used(attempt)
        if column == HistoryColumn.RATING:
            return rating_label(attempt.rating, attempt.unreadable)
        if column == HistoryColumn.COVERAGE:
            return attempt.coverage
        if column == HistoryColumn.PACK_VERSION:
            return attempt.pack_version
        return None


HISTORY_SIZING_ROWS = 0
"""Rows the history's column widths come from besides those in view (0: only those)."""


class HistoryPanel(QWidget):
    """The selected question's past attempts.

    Signals:
        open_requested(int): the user asked to read the attempt on this row.
    """

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Size columns from the rows in view (all rows share one format): a question
        # with hundreds of attempts must not make every selection read them all.
        header.setResizeContentsPrecision(HISTORY_SIZING_ROWS)
        header.setStretchLastSection(True)
        self.view.setAccessibleName("Past attempts")
        self.view.setToolTip("Press Return or double-click to read a past answer")
        self.view.setAccessibleDescription("Your earlier answers; Return opens the selected one.")
        self.view.activated.connect(lambda index: self.open_requested.emit(index.row()))

        self._empty = QLabel(
            "No attempts yet. Press Return on a question to start answering; "
            "your attempts will be listed here."
        )
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedWidget()
        self._stack.addWidget(self._empty)
        self._stack.addWidget(self.view)

        self.title = QLabel("<b>History</b>")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self._stack)

    def set_attempts(self, attempts: Sequence[Attempt], *, total: int | None = None) -> None:
        """Show these attempts (newest first); ``total``: how many there are in all, when
        these are only the newest of them."""
        self.model.set_attempts(attempts)
        # The pack version tells attempts apart only when it differs between them (an
        # answer to an older wording); otherwise the column would just take the room
        # the others need. The attempt's window always says it.
        one_version = len({attempt.pack_version for attempt in attempts}) < 2
        self.view.setColumnHidden(HistoryColumn.PACK_VERSION, one_version)
        count = len(attempts)
        if not attempts:
            self.title.setText("<b>History</b>")
        elif total is not None and total > count:
            self.title.setText(f"<b>History</b> (the newest {count:,} of {total:,})")
            self.title.setToolTip("View → History (Ctrl+H) lists every attempt.")
        else:
            self.title.setText(f"<b>History</b> ({count})")
            self.title.setToolTip("")
        self._stack.setCurrentWidget(self.view if attempts else self._empty)


class AttemptDialog(QDialog):
    """A past answer beside the model answer; a spoken one also with its delivery
    figures, its transcript as transcribed and (if still kept) its recording."""

    def __init__(
        self,
        attempt: Attempt,
        prompt: str,
        model_answer: str,
        parent: QWidget | None = None,
        *,
        key_points: Sequence[str] = (),
        data_dir: Path | None = None,
    ) -> None:
        """``key_points``: the question's rubric, to show which points were ticked;
        ``data_dir``: where a spoken answer's recording is kept."""
        super().__init__(parent)
        when = moment_label(attempt.started_at, "started_at", attempt.unreadable)
        self.setWindowTitle(f"Attempt of {when}")
        rating = rating_label(attempt.rating, attempt.unreadable).lower()
        peeked = " · peeked before submitting" if attempt.revealed_before_submit else ""
        summary = QLabel(
            f"<b>{html.escape(prompt)}</b><br>{when} · {describe_time_used(attempt)} · "
            f"rated {rating} · key points {attempt.coverage}{peeked} · "
            f"pack {html.escape(attempt.pack_id)} version {html.escape(attempt.pack_version)}"
        )
        summary.setWordWrap(True)
        self.ticked_label = QLabel(ticked_text(attempt.key_points_ticked, key_points))
        self.ticked_label.setTextFormat(Qt.TextFormat.PlainText)  # key points are pack text
        self.ticked_label.setWordWrap(True)
        self.ticked_label.setAccessibleName("Key points ticked")
        self.answer_text = QPlainTextEdit(attempt.answer)
        self.answer_text.setReadOnly(True)
        self.answer_text.setAccessibleName("Your answer")
        self.answer_text.setAccessibleDescription("The answer you gave in this attempt.")
        self.delivery_view = DeliveryView()
        """A spoken answer's figures, transcript and recording (hidden for a typed one)."""
        spoken = attempt.transcript is not None
        if spoken:
            audio = data_dir / attempt.audio_file if data_dir and attempt.audio_file else None
            self.delivery_view.show_attempt(attempt.transcript, audio)
            self.delivery_view.transcript_view.setMaximumHeight(16777215)
        self.finished.connect(self.delivery_view.stop)
        answer_side = _titled(
            "Your answer, as corrected" if spoken else "Your answer",
            self.answer_text,
            *([self.delivery_view] if spoken else []),
        )
        model_view = MarkdownView()
        model_view.set_markdown(model_answer)
        model_view.setAccessibleName("Model answer")
        model_view.setAccessibleDescription("The model answer to compare with.")
        splitter = QSplitter()
        splitter.addWidget(answer_side)
        splitter.addWidget(_titled("Model answer", model_view))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleDescription(
            "Close this attempt."
        )
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.ticked_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        settle_layout(self)  # sized before it is shown: nothing resizes it afterwards
        self.resize(1000, 640)


def ticked_text(ticked: Sequence[str], key_points: Sequence[str]) -> str:
    """Which key points an attempt ticked (✓) and which it did not (✗), in rubric order."""
    if not key_points and not ticked:
        return "No key points were ticked."
    chosen = set(ticked)
    rows = [f"✓ {point}" for point in key_points if point in chosen]
    rows += [f"✓ {point}" for point in ticked if point not in set(key_points)]
    rows += [f"✗ {point}" for point in key_points if point not in chosen]
    return "Key points:  " + "   ".join(rows)


def _titled(title: str, widget: QWidget, *below: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(f"<b>{title}</b>"))
    layout.addWidget(widget, 1)
    for extra in below:
        layout.addWidget(extra)
    return box
