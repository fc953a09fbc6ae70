"""A spin box for durations that shows and accepts minutes:seconds, e.g. "5:00"."""

from __future__ import annotations

import re

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox, QWidget

from aipm_desktop.core.timer import format_clock

_PARTIAL = re.compile(r"^\s*\d{0,3}(:\d{0,2})?\s*$")


def parse_clock(text: str) -> int | None:
    """Seconds from "m:ss" or whole minutes ("5"); None when it isn't a duration."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}", text):
        return int(text) * 60
    match = re.fullmatch(r"(\d{1,3}):(\d{2})", text)
    if match is None or int(match.group(2)) >= 60:
        return None
    return int(match.group(1)) * 60 + int(match.group(2))


class ClockSpinBox(QSpinBox):
    """Seconds, shown as "m:ss"; the arrows step by ``step`` seconds."""

    def __init__(self, low: int, high: int, step: int = 30, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(low, high)
        self.setSingleStep(step)

    def textFromValue(self, value: int) -> str:  # noqa: N802
        return format_clock(value)

    def valueFromText(self, text: str) -> int:  # noqa: N802
        seconds = parse_clock(text)
        return self.value() if seconds is None else seconds

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        seconds = parse_clock(text)
        if seconds is not None and self.minimum() <= seconds <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        if _PARTIAL.match(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos
