"""Small helpers shared by the app's dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


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
