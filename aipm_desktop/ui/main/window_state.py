"""The main window's size and splitter positions: a first size that fits the screen, and
the user's own layout restored from the settings on the next start."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from aipm_desktop.ui.widgets.settings import AppSettings

DEFAULT_SIZE = (1280, 760)
MINIMUM_SIZE = (900, 560)


def fitting_size(
    wanted: tuple[int, int], available: tuple[int, int] | None = None
) -> tuple[int, int]:
    """``wanted``, shrunk to leave room for the frame on a screen with ``available``
    free space (default: the primary screen's), but never below the minimum size.
    """
    if available is None:
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            free = screen.availableGeometry()
            available = (free.width(), free.height())
    width, height = wanted
    if available is not None:
        width = min(width, available[0] - 40)
        height = min(height, available[1] - 60)
    return max(width, MINIMUM_SIZE[0]), max(height, MINIMUM_SIZE[1])


def restore_window_state(
    window: QMainWindow, splitters: Mapping[str, QSplitter], settings: AppSettings
) -> None:
    """The geometry and splitter positions saved last time, where there are any."""
    geometry = settings.window_state("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    for key, splitter in splitters.items():
        state = settings.window_state(key)
        if state is not None:
            splitter.restoreState(state)


def save_window_state(
    window: QMainWindow, splitters: Mapping[str, QSplitter], settings: AppSettings
) -> None:
    """Keep the geometry and splitter positions for the next start."""
    settings.set_window_state("geometry", window.saveGeometry())
    for key, splitter in splitters.items():
        settings.set_window_state(key, splitter.saveState())
