"""Small helpers shared by the app's dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget


def settle_layout(dialog: QWidget) -> None:
    """Polish and lay out ``dialog`` before it is first shown.

    Its minimum size is then known before the native window exists, so showing it
    doesn't resize it again (and platforms without size hints, such as offscreen,
    have nothing to warn about).
    """
    dialog.ensurePolished()
    layout = dialog.layout()
    if layout is not None:
        layout.activate()


def titled(title: QLabel, body: QWidget) -> QWidget:
    """``body`` under its ``title`` label, with no margins of its own."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title)
    layout.addWidget(body)
    return box


def answer_beside_model_answer(answer: QWidget, model_answer: QWidget) -> QSplitter:
    """The user's answer (already titled) on the left, the model answer on the right."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(answer)
    splitter.addWidget(titled(QLabel("<b>Model answer</b>"), model_answer))
    splitter.setChildrenCollapsible(False)
    return splitter
