"""The font answers are read and written in: the editor's family and size, times the zoom."""

from __future__ import annotations

from PySide6.QtGui import QFont

from aipm_desktop.ui.widgets.settings import AppSettings


def reading_font(settings: AppSettings, base: QFont, *, family: bool = True) -> QFont:
    """``base`` at the editor's size and zoom (and, with ``family``, in the editor's
    font family): the answer editor, the model answer and the comparison share it."""
    font = QFont(base)
    if family and settings.editor_font_family:
        font.setFamily(settings.editor_font_family)
    font.setPointSizeF(settings.editor_font_size * settings.zoom_percent / 100)
    return font
