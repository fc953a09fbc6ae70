"""The start-up floor of the app's layout: its window drawn in plain PySide6, no app code.

A menu bar of six menus, the question list (a table over a model behind a
``QSortFilterProxyModel``, ten rows), its search box and filters, the practice
panel's prompt, answer editor, buttons and model-answer view, in a splitter, with a
status bar. It says it is ready at the same moment as the app and the bare window
(``launch.py``), then quits. ``startup.py`` times it beside them: the gap between
this window and the app is the app's own code (its imports, the widgets it builds
that are not shown yet, opening the data), not the toolkit.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

READY_LINE = "startup: first paint, list ready"
NO_PARENT = QModelIndex()


class QuestionRows(QAbstractTableModel):
    """Ten rows of five columns, as the app's list shows them."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = [[str(i), f"Question {i}", "0", "", "—"] for i in range(1, 11)]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 5

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


def build() -> QMainWindow:
    """The window, not yet shown."""
    window = QMainWindow()
    for title in ("&File", "&Practice", "&Session", "&Tools", "&View", "&Help"):
        menu = window.menuBar().addMenu(title)
        for number in range(6):
            menu.addAction(f"Action {number}")
    questions = QWidget()
    left = QVBoxLayout(questions)
    left.addWidget(QLineEdit())
    filters = QHBoxLayout()
    for _ in range(3):
        filters.addWidget(QComboBox())
    left.addLayout(filters)
    proxy = QSortFilterProxyModel(window)
    proxy.setSourceModel(QuestionRows())
    view = QTableView()
    view.setModel(proxy)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    left.addWidget(view)
    practice = QWidget()
    right = QVBoxLayout(practice)
    right.addWidget(QLabel("How would you explain machine learning to a non-technical executive?"))
    right.addWidget(QPlainTextEdit())
    buttons = QHBoxLayout()
    for text in ("Start", "Pause", "Peek", "Submit", "Next"):
        buttons.addWidget(QPushButton(text))
    right.addLayout(buttons)
    right.addWidget(QTextBrowser())
    splitter = QSplitter()
    splitter.addWidget(questions)
    splitter.addWidget(practice)
    window.setCentralWidget(splitter)
    window.statusBar().showMessage("Pick a question and press Return to start answering.")
    window.resize(1200, 800)
    return window


def main() -> int:
    """Show the window, say it is ready, quit."""
    app = QApplication(sys.argv[:1])
    window = build()
    window.show()

    def ready() -> None:
        print(READY_LINE, file=sys.stderr, flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
