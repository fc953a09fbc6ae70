"""The always-visible countdown."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from aipm_desktop.core.records import Attempt
from aipm_desktop.core.timer import AnswerTimer, ClockTone, describe_countdown, format_clock

_TONE_STYLE = {
    ClockTone.IDLE: "color: palette(mid);",
    ClockTone.NORMAL: "",
    ClockTone.WARNING: "color: #b35c00; font-weight: bold;",
    ClockTone.OVERTIME: "color: #c62828; font-weight: bold;",
    ClockTone.PAUSED: "color: palette(mid); font-style: italic;",
}


class CountdownLabel(QLabel):
    """Shows time left, the last-30-seconds warning, overtime and pauses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.setFont(font)
        self.setAccessibleName("Time left")
        self.tone: ClockTone | None = None
        self.show_timer(None)

    def show_timer(self, timer: AnswerTimer | None) -> None:
        """Refresh from the timer's current reading."""
        self._show(*describe_countdown(timer))

    def show_result(self, attempt: Attempt) -> None:
        """Show the time a submitted attempt took."""
        self._show(describe_result(attempt), ClockTone.NORMAL)

    def _show(self, text: str, tone: ClockTone) -> None:
        if text != self.text():
            self.setText(text)
        if tone != self.tone:
            self.tone = tone
            self.setStyleSheet(_TONE_STYLE[tone])
        self.setAccessibleDescription(text)


def describe_result(attempt: Attempt) -> str:
    """E.g. "Done in 3:32", or "Done in 5:40 (+0:40 over)"."""
    text = f"Done in {format_clock(attempt.seconds_used)}"
    if attempt.overtime_seconds > 0:
        text += f" (+{format_clock(attempt.overtime_seconds)} over)"
    return text
