"""Help for the main window: the welcome, the keyboard shortcuts and About."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from aipm_desktop import APP_NAME, __version__
from aipm_desktop.core.coverage.model_files import MODEL_DESCRIPTION
from aipm_desktop.ui.widgets.settings import AppSettings

if TYPE_CHECKING:
    # The dialogs are imported when first opened, not at start-up.
    from aipm_desktop.ui.main.shortcuts_dialog import Shortcut, ShortcutsDialog
    from aipm_desktop.ui.main.welcome_dialog import WelcomeDialog

CREDITS = (
    "Qt 6 and PySide6 (LGPL-3.0), The Qt Company",
    "FSRS, the Free Spaced Repetition Scheduler (py-fsrs, MIT), Open Spaced Repetition",
    "sqlite-utils (Apache-2.0), Simon Willison; SQLite (public domain)",
    "jsonschema (MIT), Julian Berman",
    "all-MiniLM-L6-v2 (Apache-2.0), sentence-transformers; onnxruntime (MIT), Microsoft;"
    " NumPy (BSD-3-Clause)",
    "zstandard (BSD-3-Clause) and charset-normalizer (MIT), for importing other tools' files",
)
"""The libraries the app is built on and their licences, for About."""

LIST_RETURN_SHORTCUT = (
    "Start answering the selected question",
    "Return (in the list)",
    "Practice",
)
"""The one shortcut with no action of its own: (what it does, the keys)."""


class HelpDialogs(QObject):
    """Opens the welcome, the shortcuts table and About for one window."""

    def __init__(
        self,
        window: QMainWindow,
        settings: AppSettings,
        *,
        data_dir: Callable[[], Path | None],
        start_first_question: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._data_dir = data_dir
        self._start_first_question = start_first_question
        self.welcome: WelcomeDialog | None = None

    def show_welcome(self) -> WelcomeDialog:
        """Open the welcome (non-blocking); "Start the first question" starts answering."""
        from aipm_desktop.ui.main.welcome_dialog import WelcomeDialog

        self._settings.welcome_shown = True
        dialog = WelcomeDialog(self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._start_first_question)
        dialog.destroyed.connect(lambda: setattr(self, "welcome", None))
        self.welcome = dialog
        dialog.open()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        """List every action with its keys (non-blocking)."""
        from aipm_desktop.ui.main.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self._shortcut_rows(), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(action, keys) for every action: its shortcut, or its menu route."""
        return [(row.action, row.keys) for row in self._shortcut_rows()]

    def _shortcut_rows(self) -> list[Shortcut]:
        from aipm_desktop.ui.main.shortcuts_dialog import Shortcut, shortcut_rows

        return shortcut_rows(self._window, [Shortcut(*LIST_RETURN_SHORTCUT)])

    def show_about(self) -> None:
        """Version, data folder, the key-point model, and the libraries with their licences."""
        where = self._data_dir() or "memory"
        credits = "".join(f"<li>{html.escape(line)}</li>" for line in CREDITS)
        QMessageBox.about(
            self._window,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><br>Practise AI PM interview questions "
            f"offline, against the clock.<br><br>Your data folder: {html.escape(str(where))}"
            f"<br><br>Key points are checked by "
            f"{html.escape(MODEL_DESCRIPTION)}.<br><br>Built with:<ul>{credits}</ul>",
        )
