"""Tools → Settings (Ctrl+,): the user's preferences, saved through AppSettings.

The dialog is a column of sections. Each section is a :class:`SettingsSection`
that shows the current values when built and writes them in ``save``. A feature
with settings of its own (backups, for one) adds a section without touching this
module: append a factory to ``MainWindow.settings_section_factories``; its section
appears between Appearance and the data folder, and is saved with the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.scheduling import MAX_DESIRED_RETENTION, MIN_DESIRED_RETENTION
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.clock_spin_box import ClockSpinBox
from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.settings import (
    FONT_SIZE_RANGE,
    THINK_SECONDS_MAX,
    TIME_LIMIT_RANGE,
    ZOOM_RANGE,
    ZOOM_STEP,
    AppSettings,
    Theme,
)
from aipm_desktop.ui.widgets.settings_section import SettingsSection

TIME_UP_LABELS = {
    TimeUpMode.SOFT: "Keep typing; overtime is counted",
    TimeUpMode.HARD: "Lock the editor and submit",
}


class PracticeSection(SettingsSection):
    """Time limit, time-up behaviour, think time and the spaced-repetition target."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__("Practice", parent)
        self.time_limit = ClockSpinBox(*TIME_LIMIT_RANGE)
        self.time_limit.setValue(settings.default_time_limit_seconds)
        describe_control(
            self.time_limit,
            "Default time limit",
            "Minutes:seconds to answer a question that suggests no time of its own.",
        )
        self.time_up = QComboBox()
        for mode, label in TIME_UP_LABELS.items():
            self.time_up.addItem(label, mode.value)
        self.time_up.setCurrentIndex(self.time_up.findData(settings.time_up_mode.value))
        describe_control(
            self.time_up,
            "When time is up",
            "Soft: keep typing and the overtime is counted. Hard: your answer is submitted.",
        )
        self.think_time = QSpinBox()
        self.think_time.setRange(0, THINK_SECONDS_MAX)
        self.think_time.setSingleStep(5)
        self.think_time.setSuffix(" s")
        self.think_time.setSpecialValueText("Off")
        self.think_time.setValue(settings.think_seconds)
        describe_control(
            self.think_time,
            "Think time",
            "Seconds to read a question in a mock interview before its answer clock starts.",
        )
        self.retention = QSpinBox()
        self.retention.setRange(
            round(MIN_DESIRED_RETENTION * 100), round(MAX_DESIRED_RETENTION * 100)
        )
        self.retention.setSuffix(" %")
        self.retention.setValue(round(settings.desired_retention * 100))
        describe_control(
            self.retention,
            "Desired retention",
            "How likely you should still remember an answer when it comes due again (FSRS). "
            "Higher brings questions back sooner.",
        )
        self.add_row("Default &time limit:", self.time_limit, "For questions that suggest no time.")
        self.add_row("&When time is up:", self.time_up)
        self.add_row(
            "Thin&k time:",
            self.think_time,
            "Reading time before the clock starts, in mock interviews.",
        )
        self.add_row(
            "Desired &retention:",
            self.retention,
            "Higher brings questions back sooner. 90 % suits most people.",
        )

    def save(self, settings: AppSettings) -> None:
        settings.default_time_limit_seconds = self.time_limit.value()
        settings.time_up_mode = TimeUpMode(self.time_up.currentData())
        settings.think_seconds = self.think_time.value()
        settings.desired_retention = self.retention.value() / 100


class AppearanceSection(SettingsSection):
    """Theme, the editor's font and the text zoom."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__("Appearance", parent)
        self.theme = QComboBox()
        for theme in Theme:
            self.theme.addItem(theme.label, theme.value)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme.value))
        describe_control(
            self.theme,
            "Theme",
            "Light or dark colours, or follow the system's setting.",
        )
        self._saved_family = settings.editor_font_family
        self.font_family = QFontComboBox()
        self.font_family.setCurrentFont(
            QFont(self._saved_family) if self._saved_family else QFont(self.font().family())
        )
        self._shown_family = self.font_family.currentFont().family()
        describe_control(self.font_family, "Editor font", "The font of your answer.")
        self.font_size = QSpinBox()
        self.font_size.setRange(*FONT_SIZE_RANGE)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.editor_font_size)
        describe_control(
            self.font_size, "Editor font size", "The text size of your answer and the model answer."
        )
        self.zoom = QSpinBox()
        self.zoom.setRange(*ZOOM_RANGE)
        self.zoom.setSingleStep(ZOOM_STEP)
        self.zoom.setSuffix(" %")
        self.zoom.setValue(settings.zoom_percent)
        describe_control(
            self.zoom,
            "Text zoom",
            "Enlarges your answer and the model answer. Ctrl+Plus, Ctrl+Minus and Ctrl+0 "
            "change it from the main window.",
        )
        self.add_row("T&heme:", self.theme)
        self.add_row("Editor &font:", self.font_family)
        self.add_row("Editor font &size:", self.font_size)
        self.add_row(
            "Text &zoom:",
            self.zoom,
            "Ctrl+Plus, Ctrl+Minus and Ctrl+0 change it as you practise.",
        )

    def save(self, settings: AppSettings) -> None:
        settings.theme = Theme(self.theme.currentData())
        family = self.font_family.currentFont().family()
        if family != self._shown_family:
            settings.editor_font_family = family
        settings.editor_font_size = self.font_size.value()
        settings.zoom_percent = self.zoom.value()


class DataSection(SettingsSection):
    """Where attempts and drafts are kept, and a button that opens the folder."""

    def __init__(self, data_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__("Your data", parent)
        self.data_dir = data_dir
        self.folder = QLineEdit(str(data_dir) if data_dir else "Not saved (kept in memory)")
        self.folder.setReadOnly(True)
        self.folder.setCursorPosition(0)
        describe_control(
            self.folder,
            "Data folder",
            "The folder holding your attempts, drafts and ratings.",
        )
        self.open_button = QPushButton("&Open folder")
        self.open_button.setEnabled(data_dir is not None)
        self.open_button.setAutoDefault(False)
        describe_control(
            self.open_button,
            "Open data folder",
            "Show the data folder in your file manager.",
        )
        self.open_button.clicked.connect(self.open_folder)
        self.add_row(
            "&Data folder:",
            self.folder,
            "Start the app with --data-dir to use another folder.",
            extra=self.open_button,
        )

    def open_folder(self) -> bool:
        """Open the data folder in the system's file manager."""
        if self.data_dir is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def save(self, settings: AppSettings) -> None:
        """Nothing to write: the folder is chosen at start-up (--data-dir)."""


class SettingsDialog(QDialog):
    """The preferences. Save writes every section; Cancel writes nothing."""

    def __init__(
        self,
        settings: AppSettings,
        data_dir: Path | None,
        parent: QWidget | None = None,
        extra_sections: Sequence[SettingsSection] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        self.practice = PracticeSection(settings)
        self.appearance = AppearanceSection(settings)
        self.data = DataSection(data_dir)
        self.sections: list[SettingsSection] = [
            self.practice,
            self.appearance,
            *extra_sections,
            self.data,
        ]
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for role, name, description in (
            (QDialogButtonBox.StandardButton.Save, "Save", "Save these settings and close."),
            (QDialogButtonBox.StandardButton.Cancel, "Cancel", "Close without saving."),
        ):
            describe_control(self.buttons.button(role), name, description)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        caption_width = max(c.sizeHint().width() for s in self.sections for c in s.captions)
        for section in self.sections:
            for caption in section.captions:
                caption.setMinimumWidth(caption_width)  # one label column for every section
            layout.addWidget(section)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        settle_layout(self)

    def accept(self) -> None:
        """Save every section, then close."""
        for section in self.sections:
            section.save(self.settings)
        self.settings.sync()
        super().accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        settings: AppSettings,
        data_dir: Path | None,
        extra_sections: Sequence[SettingsSection] = (),
    ) -> bool:
        """Show the dialog modally; True when the user saved (tests replace this)."""
        dialog = cls(settings, data_dir, parent, extra_sections)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
