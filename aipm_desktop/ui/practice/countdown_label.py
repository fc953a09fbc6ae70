"""The countdown: time left, the last-30-seconds warning, overtime and pauses."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from aipm_desktop.core.records import Attempt
from aipm_desktop.core.timer import (
    AnswerTimer,
    ClockTone,
    describe_countdown,
    format_elapsed,
    format_overtime,
)
from aipm_desktop.ui.widgets.theme import is_dark

HIDDEN_TEXT = "Timer hidden"
HIDDEN_DESCRIPTION = "The countdown is hidden; your time is still recorded. Ctrl+T shows it."

WIDEST_TEXTS = (
    "Paused · ⚠ 44:44 left",
    "Paused · Over time +44:44",
    "Over time +44:44",
    "Done in 44:44 (+44:44 over)",
    HIDDEN_TEXT,
    "Not started",
)
"""The longest texts the clock shows (a limit under an hour), which set its width."""

# Warning colours per theme; each keeps at least 4.5:1 contrast on the window colour.
# Colour is never the only signal: the texts say "⚠ … left", "Over time" and "Paused".
_LIGHT_TONES = {ClockTone.WARNING: "#9a4a00", ClockTone.OVERTIME: "#b71c1c"}
_DARK_TONES = {ClockTone.WARNING: "#ffb74d", ClockTone.OVERTIME: "#ff8a80"}
_MUTED_TONES = frozenset({ClockTone.IDLE, ClockTone.PAUSED})


class CountdownLabel(QLabel):
    """Shows time left, the last-30-seconds warning, overtime and pauses; or hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base_font = QFont(self.font())
        self._base_font.setPointSizeF(self._base_font.pointSizeF() * 1.5)
        self.setFont(self._base_font)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._fix_width()
        self.setAccessibleName("Time left")
        self.tone: ClockTone | None = None
        self.timer_hidden = False
        self.show_timer(None)

    def set_timer_hidden(self, hidden: bool) -> None:
        """Hide the countdown (the clock keeps running and is recorded)."""
        self.timer_hidden = hidden

    def show_timer(self, timer: AnswerTimer | None) -> None:
        """Refresh from the timer's current reading."""
        if self.timer_hidden and timer is not None:
            self._show(HIDDEN_TEXT, ClockTone.IDLE, HIDDEN_DESCRIPTION)
            return
        text, tone = describe_countdown(timer)
        self._show(text, tone, text)

    def show_result(self, attempt: Attempt) -> None:
        """Show the time a submitted attempt took."""
        text = describe_result(attempt)
        self._show(text, ClockTone.NORMAL, text)

    def _show(self, text: str, tone: ClockTone, description: str) -> None:
        if text != self.text():
            self.setText(text)
        if tone != self.tone:
            self.tone = tone
            self._apply_tone()
        self.setAccessibleDescription(description)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._apply_tone()
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.StyleChange):
            self._fix_width()

    def _fix_width(self) -> None:
        """As wide as the widest text it can show, in its boldest and its italic font, so
        a change of text ("Paused · …", "Over time …") never moves what is around it."""
        widest = 0
        for bold, italic in ((True, False), (False, True), (True, True)):
            font = QFont(self._base_font)
            font.setBold(bold)
            font.setItalic(italic)
            metrics = QFontMetrics(font)
            widest = max(widest, *(metrics.horizontalAdvance(text) for text in WIDEST_TEXTS))
        self.setFixedWidth(widest + 2 * self.margin() + 8)

    def tone_color(self) -> QColor:
        """The text colour for the current tone in the current theme."""
        app_palette = QApplication.palette()
        text = app_palette.color(QPalette.ColorRole.WindowText)
        if self.tone in _MUTED_TONES:
            window = app_palette.color(QPalette.ColorRole.Window)
            return _mix(text, window, 0.3)
        tones = _DARK_TONES if is_dark(app_palette) else _LIGHT_TONES
        colour = tones.get(self.tone) if self.tone else None
        return QColor(colour) if colour else text

    def _apply_tone(self) -> None:
        colour = self.tone_color()
        palette = self.palette()
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)
        font = QFont(self._base_font)
        font.setBold(self.tone in (ClockTone.WARNING, ClockTone.OVERTIME))
        font.setItalic(self.tone == ClockTone.PAUSED)
        if font != self.font():
            self.setFont(font)


def _mix(first: QColor, second: QColor, amount: float) -> QColor:
    """``first`` moved ``amount`` (0–1) of the way towards ``second``."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * amount,
        first.greenF() + (second.greenF() - first.greenF()) * amount,
        first.blueF() + (second.blueF() - first.blueF()) * amount,
    )


def describe_result(attempt: Attempt) -> str:
    """E.g. "Done in 3:32", or "Done in 5:40 (+0:40 over)"."""
    text = f"Done in {format_elapsed(attempt.seconds_used)}"
    if over := format_overtime(attempt.overtime_seconds):
        text += f" ({over} over)"
    return text
