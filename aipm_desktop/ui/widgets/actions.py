"""One way to make an action: its keys, and a tooltip and status tip that name them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(
    owner: QObject,
    text: str,
    keys: Sequence[str | QKeySequence.StandardKey],
    slot: Callable[[], object],
    tip: str,
) -> QAction:
    """An action with shortcuts and a tooltip naming them; a widget owner gets it added,
    so its keys work there."""
    action = QAction(text, owner)
    sequences = [QKeySequence(key) for key in keys]
    action.setShortcuts(sequences)
    shown = " or ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in sequences)
    action.setToolTip(f"{tip} ({shown})" if shown else tip)
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    if isinstance(owner, QWidget):
        owner.addAction(action)
    return action
