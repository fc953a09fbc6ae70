"""The user's preferences in the main window: the Settings dialog, soft or hard time-up,
FSRS's desired retention, and the theme, fonts and zoom."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QWidget

from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.workspace import Change
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.widgets.settings import AppSettings
from aipm_desktop.ui.widgets.theme import apply_theme

if TYPE_CHECKING:
    from aipm_desktop.ui.widgets.settings_section import SettingsSection


class Preferences(QObject):
    """Applies the settings to the window, and offers the choices that change them.

    Signals:
        applied(): the settings changed (the window follows: theme, fonts, limits).
        retention_changed(): every due date was recomputed for a new desired retention.
        message(str): something to show in the status bar.
    """

    applied = Signal()
    retention_changed = Signal()
    message = Signal(str)

    def __init__(self, settings: AppSettings, operations: Operations, *, window: QWidget) -> None:
        super().__init__(window)
        self.settings = settings
        self._operations = operations
        self._window = window
        self.section_factories: list[Callable[[], SettingsSection]] = []
        """Features with settings of their own (e.g. backups) add a section here."""
        self.soft_action, self.hard_action = self._time_up_actions()

    def _time_up_actions(self) -> tuple[QAction, QAction]:
        group = QActionGroup(self)
        soft = QAction("&Soft: keep typing, count overtime", self, checkable=True)
        hard = QAction("&Hard: lock and submit at zero", self, checkable=True)
        for action, mode in ((soft, TimeUpMode.SOFT), (hard, TimeUpMode.HARD)):
            group.addAction(action)
            action.setChecked(self.settings.time_up_mode == mode)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_time_up_mode(m))
        return soft, hard

    def set_time_up_mode(self, mode: TimeUpMode) -> None:
        """Soft or hard time-up for free practice, remembered."""
        self.settings.time_up_mode = mode
        self.message.emit(
            "When time is up, the answer is submitted."
            if mode == TimeUpMode.HARD
            else "When time is up, you can keep typing; overtime is counted."
        )

    def use_desired_retention(self) -> None:
        """Make the data file's due dates follow the remembered desired retention."""
        in_use = self._operations.read(lambda store: store.desired_retention)
        if in_use is None or in_use != self.settings.desired_retention:
            self.set_desired_retention(self.settings.desired_retention)

    def set_desired_retention(self, retention: float) -> None:
        """Remember a new FSRS desired retention and recompute every due date with it."""
        self.settings.desired_retention = retention
        value = self.settings.desired_retention  # clamped to 0.70–0.97
        recomputed = self._operations.write(
            lambda store: store.set_desired_retention(value), change=None
        )
        if recomputed:
            self._operations.workspace.announce(Change.SETTINGS)
        if recomputed is not None:
            self.retention_changed.emit()

    def open_dialog(self, data_dir: Path | None) -> None:
        """Show the settings; apply them when saved."""
        from aipm_desktop.ui.main.settings_dialog import SettingsDialog

        sections = [make() for make in self.section_factories]
        if SettingsDialog.ask(self._window, self.settings, data_dir, sections):
            self.apply()
            self.message.emit("Settings saved.")

    def apply(self) -> None:
        """Bring the window in line with the saved settings."""
        mode = self.settings.time_up_mode
        self.soft_action.setChecked(mode == TimeUpMode.SOFT)
        self.hard_action.setChecked(mode == TimeUpMode.HARD)
        self.use_desired_retention()
        self.apply_theme()
        self.applied.emit()

    def apply_theme(self) -> None:
        """The chosen light, dark or system theme."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.settings.theme)
