"""Beside the model answer: what a spoken answer's recording shows about delivery.

Observations only (pace with the usual band as a guide, long pauses and where, fillers,
time per part), never a grade. :func:`delivery_lines` is the one place that reads the
speech part's ``Delivery`` (``core/speech/delivery.py``); every line is plain text.
"""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from aipm_desktop.core.speech.transcript import Transcript
from aipm_desktop.core.timer import format_clock
from aipm_desktop.ui.speech.player import Player, SpeakerPlayer
from aipm_desktop.ui.speech.transcript_view import TranscriptView
from aipm_desktop.ui.widgets.accessible import describe_control

USUAL_PACE = (130, 160)
MAX_PAUSES_LISTED = 5
MAX_PARTS_LISTED = 6


def _at(seconds: float) -> str:
    return format_clock(int(seconds))


def _delivery_module() -> Any:
    """The speech part's ``core/speech/delivery.py``, or None where it is missing."""
    try:
        return importlib.import_module("aipm_desktop.core.speech.delivery")
    except ImportError:
        return None


def pace_of(transcript: Transcript) -> tuple[float | None, float | None] | None:
    """Words and fillers per minute of a transcript; None without the speech part."""
    delivery_module = _delivery_module()
    if delivery_module is None:
        return None
    delivery = delivery_module.analyse(transcript)
    return delivery.words_per_minute, delivery.fillers_per_minute


def delivery_lines(transcript: Transcript) -> list[tuple[str, str]] | None:
    """(label, text) lines of the delivery figures; None without the speech part."""
    delivery_module = _delivery_module()
    if delivery_module is None:
        return None
    delivery = delivery_module.analyse(transcript)
    low, high = getattr(delivery_module, "USUAL_WORDS_PER_MINUTE", USUAL_PACE)
    wpm = delivery.words_per_minute
    pace = (
        "no words heard"
        if wpm is None
        else f"{wpm:.0f} words a minute ({low}–{high} is the usual range: a guide, not a grade)"
    )
    pauses = delivery.long_pauses
    pause_text = (
        "none over 2 s"
        if not pauses
        else f"{len(pauses)}: "
        + "; ".join(
            f"{p.seconds:.1f} s at {_at(p.start)} (after “{p.word_before.strip()}”)"
            for p in pauses[:MAX_PAUSES_LISTED]
        )
    )
    fillers = delivery.fillers
    counts = Counter(f.text for f in fillers)
    filler_text = (
        "none heard"
        if not fillers
        else f"{len(fillers)}: " + ", ".join(f"“{t}” ×{n}" for t, n in counts.most_common())
    )
    if delivery.fillers_per_minute is not None and fillers:
        filler_text += f" ({delivery.fillers_per_minute:.1f} a minute)"
    parts = delivery.parts
    part_text = "; ".join(
        f"{i}) {p.seconds:.0f} s, {p.words} words"
        for i, p in enumerate(parts[:MAX_PARTS_LISTED], 1)
    )
    if len(parts) > MAX_PARTS_LISTED:
        part_text += f"; {len(parts) - MAX_PARTS_LISTED} more"
    return [
        ("Pace", pace),
        ("Long pauses", pause_text),
        ("Fillers", filler_text),
        ("Time per part", part_text or "—"),
        ("Recording", f"{_at(transcript.seconds)} long"),
    ]


class DeliveryView(QWidget):
    """The delivery figures of the attempt under review, its transcript as heard and its
    recording (hidden for a typed answer). Clicking a word plays the recording from it.

    Signals:
        message(str): something to tell the user (a recording that can't be played).
    """

    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Delivery")
        self.title = QLabel("<b>Delivery</b> (from the recording)")
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # transcript words are data
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAccessibleName("Delivery figures")
        self.player: Player = SpeakerPlayer(self)
        """Plays the recording (tests give their own)."""
        self.player.failed.connect(self.message.emit)
        self.play_button = QPushButton("Play recording")
        describe_control(
            self.play_button,
            "Play recording",
            "Play the recording of this answer (click a word below to start from there)",
        )
        self.play_button.clicked.connect(lambda: self.play_from(0.0))
        self.stop_button = QPushButton("Stop")
        self.stop_button.clicked.connect(self.stop)
        describe_control(self.stop_button, "Stop playing", "Stop playing the recording")
        self.transcript_view = TranscriptView()
        self.transcript_view.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.transcript_view.word_clicked.connect(self.play_from)
        self.audio: Path | None = None
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.play_button)
        header.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.body)
        self.transcript_title = QLabel("As transcribed, before any correction:")
        layout.addWidget(self.transcript_title)
        layout.addWidget(self.transcript_view)
        self.has_figures = False
        self.hide()

    def show_attempt(self, transcript: Transcript | None, audio: Path | None) -> None:
        """A spoken answer's figures, words and recording (``audio``: None if not kept)."""
        self.stop()
        self.audio = audio if audio is not None and audio.exists() else None
        self.play_button.setVisible(self.audio is not None)
        self.stop_button.setVisible(self.audio is not None)
        self.transcript_view.show_transcript(transcript)
        self.transcript_view.setToolTip(
            "Click a word to hear the recording from there"
            if self.audio is not None
            else "The transcript as heard (the recording is not kept)"
        )
        self.show_transcript(transcript)

    def play_from(self, seconds: float) -> None:
        """Play the recording from ``seconds``."""
        if self.audio is not None:
            self.player.play(self.audio, seconds)

    def stop(self) -> None:
        self.player.stop()

    def show_transcript(self, transcript: Transcript | None) -> None:
        """Show the figures of a spoken answer's transcript; None hides the view."""
        lines = None if transcript is None else delivery_lines(transcript)
        if transcript is not None and lines is None:
            lines = [("Delivery", "Add the speech part to see pace, pauses and fillers.")]
        self.has_figures = lines is not None
        self.body.setText("\n".join(f"{label}: {text}" for label, text in lines or []))
        self.setVisible(self.has_figures)
