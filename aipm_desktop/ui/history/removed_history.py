"""Attempts at questions that are no longer listed (their pack was removed or switched off)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.services.pack_history import PastAttempt
from aipm_desktop.ui.history.panel import AttemptDialog, describe_time_used
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.inert import tooltip_text
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel

_HEADERS = ("Date", "Question", "Pack", "Version", "Time used", "Rating")


class PastAttemptModel(RowTableModel[PastAttempt]):
    """One attempt per row, newest first."""

    def __init__(self, rows: Sequence[PastAttempt], parent: QObject | None = None) -> None:
        super().__init__(_HEADERS, rows, parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        past = self.object_at(index)
        if past is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return tooltip_text(past.prompt)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        attempt = past.attempt
        return (
            attempt.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            past.prompt,
            attempt.pack_id,
            attempt.pack_version,
            describe_time_used(attempt),
            attempt.rating.label if attempt.rating else "Not rated",
        )[index.column()]


class RemovedHistoryDialog(QDialog):
    """Lists attempts at questions no longer in the list; Return reads one."""

    def __init__(
        self,
        rows: Sequence[PastAttempt],
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
    ) -> None:
        """``data_dir``: where spoken answers' recordings are kept, to play them."""
        super().__init__(parent)
        self._data_dir = data_dir
        self.setWindowTitle("History of removed questions")
        self.model = PastAttemptModel(rows, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName("Attempts at removed questions")
        self.view.setToolTip("Press Return or double-click to read the answer")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(lambda index: self.open_attempt(index.row()))
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
        text = (
            "Your attempts at questions whose pack was removed or switched off. "
            "Press Return to read one."
            if rows
            else "There are no attempts at removed questions."
        )
        intro = QLabel(text)
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        describe_control(
            buttons.button(QDialogButtonBox.StandardButton.Close),
            "Close",
            "Close this list (Escape).",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        settle_layout(self)  # sized before it is shown, so showing it resizes nothing
        self.resize(900, 420)

    def open_attempt(self, row: int) -> AttemptDialog | None:
        """Show the attempt on ``row`` beside the model answer it was made against."""
        if not 0 <= row < self.model.rowCount():
            return None
        past = self.model.row_object(row)
        answer = past.question.model_answer if past.question else "(The model answer was not kept.)"
        dialog = AttemptDialog(past.attempt, past.prompt, answer, self, data_dir=self._data_dir)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
