"""A readable list of what is wrong with a pack: file, location, message."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.packs import PackProblem
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.inert import tooltip_text
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel

MAX_LISTED = 500
"""More problems than this are counted, not listed (Copy still copies them all)."""


class ProblemModel(RowTableModel[PackProblem]):
    """One problem per row: file, location, message."""

    def __init__(self, problems: Sequence[PackProblem], parent: QObject | None = None) -> None:
        super().__init__(("File", "Where", "What is wrong"), problems, parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        problem = self.object_at(index)
        if problem is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        text = (problem.file, problem.location, problem.message)[index.column()]
        return tooltip_text(text) if role == Qt.ItemDataRole.ToolTipRole else text


class ProblemsDialog(QDialog):
    """Lists pack problems; Copy puts them on the clipboard as ``FILE: location: message``."""

    def __init__(
        self,
        title: str,
        summary: str,
        problems: Sequence[PackProblem],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.problems = list(problems)
        if len(problems) > MAX_LISTED:
            summary += f" (the first {MAX_LISTED} of {len(problems)} are listed)"
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.model = ProblemModel(problems[:MAX_LISTED], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        describe_control(
            self.view,
            "Problems",
            "Each row: the file, where in the JSON, and what is wrong.",
            tooltip=False,
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy problems")
        copy.setAccessibleName("Copy problems")
        copy.setToolTip("Copy every problem as text, to send to whoever made the pack")
        copy.clicked.connect(self.copy_to_clipboard)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        describe_control(
            buttons.button(QDialogButtonBox.StandardButton.Close),
            "Close",
            "Close this list; nothing was changed (Escape).",
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        settle_layout(self)  # sized before it is shown, so showing it resizes nothing
        self.resize(820, 380)

    def text(self) -> str:
        """Every problem as ``FILE: location: message`` lines."""
        return "\n".join(str(problem) for problem in self.problems)

    def copy_to_clipboard(self) -> None:
        """Put :meth:`text` on the clipboard."""
        QGuiApplication.clipboard().setText(self.text())

    @classmethod
    def show_problems(
        cls, parent: QWidget, title: str, summary: str, problems: Sequence[PackProblem]
    ) -> ProblemsDialog:
        """Open the dialog (window-modal, not blocking) and return it."""
        dialog = cls(title, summary, problems, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
