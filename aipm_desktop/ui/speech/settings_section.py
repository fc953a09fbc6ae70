"""The Speak mode section of Settings: which recordings of spoken answers are kept, and
where they are (backups copy the data file only, not the recordings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from aipm_desktop.core.speech.audio_keeping import KEEP_LAST_RANGE, AudioKeeping
from aipm_desktop.services.recordings import AUDIO_FOLDER
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.settings import AppSettings
from aipm_desktop.ui.widgets.settings_section import SettingsSection


class SpeechSection(SettingsSection):
    """Keep every recording, the most recent N, or none once transcribed; and where."""

    NOT_BACKED_UP = "Backups copy the data file only: copy this folder to keep recordings."

    def __init__(
        self, settings: AppSettings, data_dir: Path | None = None, parent: QWidget | None = None
    ) -> None:
        """``data_dir``: the data folder, whose ``audio`` folder holds the recordings."""
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
        where = (
            str(data_dir / AUDIO_FOLDER)
            if data_dir is not None
            else f"The “{AUDIO_FOLDER}” folder of the data folder"
        )
        self.folder = QLabel(where)
        self.folder.setTextFormat(Qt.TextFormat.PlainText)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setAccessibleName("Where recordings are kept")
        self.folder.setAccessibleDescription(self.NOT_BACKED_UP)
        self.add_row("Kept in:", self.folder, self.NOT_BACKED_UP)

    def _follow_choice(self) -> None:
        self.keep_last.setEnabled(self.choice() is AudioKeeping.LAST)

    def choice(self) -> AudioKeeping:
        """The choice shown."""
        return AudioKeeping(str(self.keeping.currentData()))

    def save(self, settings: AppSettings) -> None:
        settings.audio_keeping = self.choice()
        settings.audio_keep_last = self.keep_last.value()
