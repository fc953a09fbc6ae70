"""The banner above the window that lists question packs that could not be loaded."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from aipm_desktop.core.packs import PackProblem
from aipm_desktop.ui.widgets.theme import is_dark, notice_style

MOST_LISTED = 20


class ProblemsBanner(QLabel):
    """Hidden while every pack loads; otherwise names each problem (escaped: pack text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("packProblems")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restyle()
        self.hide()

    def show_problems(self, problems: Sequence[PackProblem]) -> None:
        """List packs that could not be loaded, or hide when there are none."""
        if not problems:
            self.hide()
            return
        shown = problems[:MOST_LISTED]
        lines = "".join(f"<li>{html.escape(str(p), quote=False)}</li>" for p in shown)
        more = len(problems) - len(shown)
        rest = f"<li>… and {more} more</li>" if more > 0 else ""
        self.setText(
            "<b>Some question packs could not be loaded.</b> "
            f"The other questions work as usual.<ul>{lines}{rest}</ul>"
        )
        self.show()

    def restyle(self) -> None:
        """The notice colours of the application's current theme."""
        self._set_style(notice_style(is_dark(QApplication.palette())))

    def _set_style(self, style: str) -> None:
        if style != self.styleSheet():  # a style sheet change is itself a palette change
            self.setStyleSheet(style)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:  # e.g. the system turned dark
            self.restyle()
