"""The first-run welcome: the practice loop in three steps (Help → Welcome, Shift+F1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop import APP_NAME
from aipm_desktop.ui.widgets.dialog_layout import settle_layout

WELCOME_STEPS = (
    (
        "Pick a question",
        "Choose one from the list on the left with the arrow keys, "
        "or type in the search box (Ctrl+F).",
    ),
    (
        "Answer against the clock",
        "Press Return and type your answer while the countdown runs. "
        "Ctrl+P pauses; your draft is saved as you type.",
    ),
    (
        "Compare and rate",
        "Press Ctrl+Return to submit. The model answer appears: tick the key points "
        "you covered (Space), then rate yourself from 1 (Again) to 4 (Easy).",
    ),
)


class WelcomeDialog(QDialog):
    """Explains the loop and offers to start the first question.

    ``exec()``/``open()`` end with ``Accepted`` when the user chose to start.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        heading = QLabel(f"Welcome to {APP_NAME}")
        heading_font = QFont(heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.5)
        heading_font.setBold(True)
        heading.setFont(heading_font)
        intro = QLabel(
            "Practise AI Product Manager interview answers against the clock, "
            "in three steps. Everything stays on this computer."
        )
        intro.setWordWrap(True)

        steps = QGridLayout()
        steps.setHorizontalSpacing(12)
        steps.setVerticalSpacing(14)
        number_font = QFont(heading_font)
        self.step_labels: list[QLabel] = []
        for row, (title, text) in enumerate(WELCOME_STEPS):
            number = QLabel(str(row + 1))
            number.setFont(number_font)
            number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            number.setMinimumWidth(28)
            number.setForegroundRole(QPalette.ColorRole.Link)  # an accent in either theme
            body = QLabel(f"<b>{title}</b><br>{text}")
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.RichText)
            self.step_labels.append(body)
            steps.addWidget(number, row, 0)
            steps.addWidget(body, row, 1)
        steps.setColumnStretch(1, 1)

        footer = QLabel(
            "Press F1 at any time for every keyboard shortcut, and Shift+F1 to see this again."
        )
        footer.setWordWrap(True)

        self.start_button = QPushButton("&Start the first question")
        self.start_button.setDefault(True)
        self.start_button.setAccessibleName("Start the first question")
        self.start_button.setAccessibleDescription(
            "Close this window and start the clock on the selected question."
        )
        self.close_button = QPushButton("&Look around first")
        self.close_button.setAccessibleName("Look around first")
        self.close_button.setAccessibleDescription("Close this window without starting.")
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(steps)
        layout.addWidget(footer)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.start_button.setFocus()
        settle_layout(self)
        self.resize(self.minimumWidth(), self.heightForWidth(self.minimumWidth()))
