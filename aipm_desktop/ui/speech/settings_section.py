"""The Speak mode section of Settings: which recordings of spoken answers are kept."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from aipm_desktop.core.speech.audio_keeping import KEEP_LAST_RANGE, AudioKeeping
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.settings import AppSettings
from aipm_desktop.ui.widgets.settings_section import SettingsSection


class SpeechSection(SettingsSection):
    """Keep every recording, the most recent N, or none once transcribed."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__("Speak mode", parent)
        self.keeping = QComboBox()
        for keeping in AudioKeeping:
            self.keeping.addItem(keeping.label, keeping.value)
        self.keeping.setCurrentIndex(list(AudioKeeping).index(settings.audio_keeping))
        describe_control(
            self.keeping,
            "Recordings kept",
            "Recordings of spoken answers stay in the data folder's audio folder, on this "
            "computer only. Transcripts are always kept with the answer.",
        )
        self.keep_last = QSpinBox()
        self.keep_last.setRange(*KEEP_LAST_RANGE)
        self.keep_last.setSuffix(" recordings")
        self.keep_last.setValue(settings.audio_keep_last)
        describe_control(self.keep_last, "Recordings kept (most recent)", "How many to keep.")
        self.keeping.currentIndexChanged.connect(self._follow_choice)
        self._follow_choice()
        self.add_row("&Recordings:", self.keeping, "Never sent anywhere.")
        self.add_row("Keep the last:", self.keep_last)

    def _follow_choice(self) -> None:
        self.keep_last.setEnabled(self.choice() is AudioKeeping.LAST)

    def choice(self) -> AudioKeeping:
        """The choice shown."""
        return AudioKeeping(str(self.keeping.currentData()))

    def save(self, settings: AppSettings) -> None:
        settings.audio_keeping = self.choice()
        settings.audio_keep_last = self.keep_last.value()
