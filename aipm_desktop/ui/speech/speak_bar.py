"""The line over the answer editor: the Type/Speak switch, and while speaking the input
level, the time recorded, or the transcription's progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QToolButton,
    QWidget,
)

from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.timer import format_clock
from aipm_desktop.ui.speech.recorder import level_in_decibels
from aipm_desktop.ui.widgets.accessible import describe_control


class SpeakBar(QWidget):
    """Type | Speak, then what the recording is doing.

    Signals:
        mode_chosen(AnswerMode): the user clicked Type or Speak.
    """

    mode_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_button = QToolButton()
        self.type_button.setText("Type")
        self.speak_button = QToolButton()
        self.speak_button.setText("Speak")
        self.type_button.setToolTip("Type your answer (Ctrl+Shift+V switches)")
        self.speak_button.setToolTip(
            "Say your answer: Return starts the recording, Ctrl+Return stops it and "
            "transcribes it on this computer (Ctrl+Shift+V switches)"
        )
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        for mode, button in (
            (AnswerMode.TYPE, self.type_button),
            (AnswerMode.SPEAK, self.speak_button),
        ):
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys switch: Ctrl+Shift+V
            describe_control(button, f"Answer mode: {button.text()}", button.toolTip())
            self._group.addButton(button)
            button.clicked.connect(lambda _=False, m=mode: self.mode_chosen.emit(m))
        self.level_meter = QProgressBar()
        self.level_meter.setRange(0, 60)
        self.level_meter.setTextVisible(False)
        self.level_meter.setFixedWidth(120)
        self.level_meter.setMaximumHeight(10)
        self.level_meter.setAccessibleName("Input level")
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setFixedWidth(120)
        self.progress_bar.setAccessibleName("Transcription progress")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Recording status")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(QLabel("Answer by:"))
        layout.addWidget(self.type_button)
        layout.addWidget(self.speak_button)
        layout.addSpacing(12)
        layout.addWidget(self.level_meter)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.show_idle()

    def set_mode(self, mode: AnswerMode) -> None:
        """Check the button of ``mode``."""
        button = self.speak_button if mode is AnswerMode.SPEAK else self.type_button
        button.setChecked(True)

    def set_switch_enabled(self, enabled: bool) -> None:
        """The mode can be changed only while no answer is being given."""
        self.type_button.setEnabled(enabled)
        self.speak_button.setEnabled(enabled)

    def show_idle(self, text: str = "") -> None:
        self.level_meter.hide()
        self.progress_bar.hide()
        self.status.setText(text)

    def show_recording(self, seconds: float, paused: bool) -> None:
        self.level_meter.show()
        self.progress_bar.hide()
        word = "Recording paused" if paused else "● Recording"
        self.status.setText(f"{word} · {format_clock(int(seconds))} · Ctrl+Return stops")

    def show_level(self, level: float) -> None:
        self.level_meter.setValue(round(60 + level_in_decibels(level)))

    def show_transcribing(self, share: float) -> None:
        self.level_meter.hide()
        self.progress_bar.show()
        self.progress_bar.setValue(round(100 * max(0.0, min(1.0, share))))
        self.status.setText("Transcribing on this computer…")
