"""A spoken answer's transcript as transcribed, word by word: clicking a word plays the
recording from there. Plain text only (the words are data)."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from aipm_desktop.core.speech.transcript import Transcript


class TranscriptView(QPlainTextEdit):
    """The transcript, read-only; ``word_clicked(float)`` gives the clicked word's start.

    Signals:
        word_clicked(float): the start, in seconds, of the word clicked.
    """

    word_clicked = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAccessibleName("Transcript as heard")
        self.setToolTip("Click a word to hear the recording from there")
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.viewport().installEventFilter(self)
        self.setTabChangesFocus(True)
        self._offsets: list[int] = []
        self._starts: list[float] = []

    def show_transcript(self, transcript: Transcript | None) -> None:
        """Show the words of ``transcript`` (nothing for None)."""
        words = transcript.words if transcript is not None else ()
        self._offsets, self._starts, parts, at = [], [], [], 0
        for word in words:
            text = word.text.strip()
            self._offsets.append(at)
            self._starts.append(word.start)
            parts.append(text)
            at += len(text) + 1
        self.setPlainText(" ".join(parts))

    def start_at(self, position: int) -> float | None:
        """The start of the word at character ``position``, if any."""
        index = bisect.bisect_right(self._offsets, position) - 1
        return self._starts[index] if 0 <= index < len(self._starts) else None

    def offset_of(self, index: int) -> int:
        """Where word ``index`` begins in the text."""
        return self._offsets[index]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.viewport()
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            start = self.start_at(self.cursorForPosition(event.position().toPoint()).position())
            if start is not None:
                self.word_clicked.emit(start)
        return super().eventFilter(watched, event)
