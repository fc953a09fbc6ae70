"""Practice → My time limit…: the user's own time limit for one question, or the pack's."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.questions import Question
from aipm_desktop.core.timer import format_clock
from aipm_desktop.storage.own_time_limits import SECONDS_RANGE
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.clock_spin_box import ClockSpinBox
from aipm_desktop.ui.widgets.dialog_layout import settle_layout


@dataclass(frozen=True)
class LimitChoice:
    """What the user chose: their own limit in seconds, or None for the pack's."""

    seconds: int | None


class TimeLimitDialog(QDialog):
    """One question's time to answer, in m:ss; "Use the pack's limit" takes the user's away."""

    def __init__(self, question: Question, default_seconds: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("My time limit")
        self.choice: LimitChoice | None = None
        prompt = QLabel(question.prompt)
        prompt.setTextFormat(Qt.TextFormat.PlainText)  # pack text is never HTML
        prompt.setWordWrap(True)
        pack_seconds = question.time_limit_seconds or default_seconds
        whose = "the pack's limit" if question.time_limit_seconds else "your default limit"
        self.pack_note = QLabel(
            f"Without a limit of your own: {format_clock(pack_seconds)} ({whose}). "
            "Yours is kept with your data, never in the pack."
        )
        self.pack_note.setWordWrap(True)
        low, high = SECONDS_RANGE
        self.seconds = ClockSpinBox(low, high, step=30)
        self.seconds.setValue(question.effective_time_limit(default_seconds))
        describe_control(
            self.seconds,
            "Time to answer",
            "Minutes and seconds (m:ss) to answer this question, in free practice and sessions.",
        )
        form = QFormLayout()
        label = QLabel("&Time to answer:")
        label.setBuddy(self.seconds)
        form.addRow(label, self.seconds)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.reset_button = buttons.addButton(
            "Use the &pack's limit", QDialogButtonBox.ButtonRole.ResetRole
        )
        describe_control(
            self.reset_button,
            "Use the pack's limit",
            f"Forget your own limit for this question: {format_clock(pack_seconds)}.",
        )
        self.reset_button.setEnabled(question.own_time_limit_seconds is not None)
        for button, name, description in (
            (QDialogButtonBox.StandardButton.Ok, "OK", "Keep this time limit for the question."),
            (QDialogButtonBox.StandardButton.Cancel, "Cancel", "Change nothing (Escape)."),
        ):
            describe_control(buttons.button(button), name, description)
        self.reset_button.clicked.connect(self._use_pack_limit)
        buttons.accepted.connect(self._use_own_limit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addLayout(form)
        layout.addWidget(self.pack_note)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        settle_layout(self)
        self.seconds.setFocus(Qt.FocusReason.OtherFocusReason)
        self.seconds.selectAll()

    def _use_own_limit(self) -> None:
        self.choice = LimitChoice(self.seconds.value())
        self.accept()

    def _use_pack_limit(self) -> None:
        self.choice = LimitChoice(None)
        self.accept()

    @staticmethod
    def ask(question: Question, default_seconds: int, parent: QWidget | None) -> LimitChoice | None:
        """The user's choice for ``question``; None when they cancelled."""
        dialog = TimeLimitDialog(question, default_seconds, parent)
        dialog.exec()
        return dialog.choice
