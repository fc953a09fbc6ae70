"""Showing the app's secondary windows."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_NO_WINDOW_STACK = frozenset({"offscreen", "minimal"})
"""Platforms without a window stack: raising a window there only prints a warning."""


def bring_to_front(window: QWidget) -> None:
    """Show a window, put it above the others and give it the keyboard."""
    window.show()
    if QGuiApplication.platformName() not in _NO_WINDOW_STACK:
        window.raise_()
    window.activateWindow()
