"""The Backups section of Settings: how often to back up, and what thinning keeps."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from aipm_desktop.core.backup_policy import (
    BACKUP_INTERVAL_RANGE_MINUTES,
    RetentionPolicy,
)
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.settings import AppSettings
from aipm_desktop.ui.widgets.settings_section import SettingsSection


class BackupSection(SettingsSection):
    """Backup interval (saved) and the fixed thinning rule (shown)."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__("Backups", parent)
        self.interval = QSpinBox()
        self.interval.setRange(*BACKUP_INTERVAL_RANGE_MINUTES)
        self.interval.setSingleStep(5)
        self.interval.setSuffix(" min")
        self.interval.setValue(settings.backup_interval_minutes)
        describe_control(
            self.interval,
            "Backup interval",
            "While you practise, a checked backup is made at most this often; "
            "one is also made on exit and before every upgrade or restore.",
        )
        retention: RetentionPolicy = settings.backup_retention
        # Two fixed lines: a word-wrapped label would make the form under-size its rows.
        lines = (
            retention.describe()
            .replace(", then ", ",\nthen ")
            .replace(" and one a ", "\nand one a ")
        )
        self.kept = QLabel(lines)
        describe_control(self.kept, "Backups kept", retention.describe())
        self.add_row("&Back up every:", self.interval, "Also on exit and before upgrades.")
        self.add_row("Kept:", self.kept)

    def save(self, settings: AppSettings) -> None:
        settings.backup_interval_minutes = self.interval.value()
