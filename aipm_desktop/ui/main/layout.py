"""Where things sit in the main window: the list and history on the left, answering on
the right, the pack-problems banner on top, and the keyboard's tab order through them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QToolButton, QVBoxLayout, QWidget

from aipm_desktop.ui.main.problems_banner import ProblemsBanner
from aipm_desktop.ui.main.question_list import QuestionListPane
from aipm_desktop.ui.practice.panel import PracticePanel


class MainLayout(QWidget):
    """The window's central widget, holding the features' widgets in two resizable columns."""

    def __init__(
        self,
        question_list: QuestionListPane,
        history_panel: QWidget,
        practice: PracticePanel,
        buttons: Sequence[QAction],
    ) -> None:
        super().__init__()
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.addWidget(question_list)
        self.left_splitter.addWidget(history_panel)
        self.left_splitter.setStretchFactor(0, 3)
        self.left_splitter.setStretchFactor(1, 2)
        self.left_splitter.setChildrenCollapsible(False)

        self.action_buttons: list[QToolButton] = []
        for action in buttons:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            _name_after_action(button)
            action.changed.connect(lambda b=button: _name_after_action(b))
            practice.add_button(button)
            self.action_buttons.append(button)
        practice.finish_buttons()

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(practice)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 5)
        self.main_splitter.setChildrenCollapsible(False)
        self.main_splitter.setSizes([460, 1000])

        self.problems_banner = ProblemsBanner()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problems_banner)
        layout.addWidget(self.main_splitter, 1)
        self._practice = practice

    def splitters(self) -> dict[str, QSplitter]:
        """Every splitter the user can move, by the name its position is saved under."""
        return {
            "main_splitter": self.main_splitter,
            "left_splitter": self.left_splitter,
            "answer_splitter": self._practice.splitter,
            "assess_splitter": self._practice.assess_splitter,
        }

    def set_tab_order(self, window: QWidget, left: Sequence[QWidget]) -> None:
        """Left to right, top to bottom: the list and history, then answering."""
        reveal = self._practice.reveal
        chain = [
            *left,
            *self.action_buttons,
            self._practice.editor,
            reveal.answer_view,
            reveal.checklist,
            *reveal.rating_buttons.values(),
        ]
        for first, second in itertools.pairwise(chain):
            window.setTabOrder(first, second)


def _name_after_action(button: QToolButton) -> None:
    """Screen readers announce the button as its action is now called."""
    action = button.defaultAction()
    button.setAccessibleName(action.text().replace("&", ""))
    button.setAccessibleDescription(action.statusTip())
