"""Typed access to the user's preferences, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from aipm_desktop.core.backup_policy import (
    BACKUP_INTERVAL_MINUTES,
    DEFAULT_RETENTION,
    RetentionPolicy,
)
from aipm_desktop.core.questions import DEFAULT_TIME_LIMIT_SECONDS
from aipm_desktop.core.timer import TimeUpMode


def open_qsettings(ini_file: Path | None) -> QSettings:
    """The platform's usual settings store, or an INI file when one is given."""
    if ini_file is None:
        return QSettings()
    return QSettings(str(ini_file), QSettings.Format.IniFormat)


class AppSettings:
    """The app's preferences. Pass a ``QSettings`` in; tests give an INI file in a tmp dir."""

    def __init__(self, qsettings: QSettings) -> None:
        self._qsettings = qsettings

    @property
    def time_up_mode(self) -> TimeUpMode:
        """Soft (overtime counted) or hard (submit at zero)."""
        raw = self._qsettings.value("practice/time_up_mode", TimeUpMode.SOFT.value)
        try:
            return TimeUpMode(str(raw))
        except ValueError:
            return TimeUpMode.SOFT

    @time_up_mode.setter
    def time_up_mode(self, mode: TimeUpMode) -> None:
        self._qsettings.setValue("practice/time_up_mode", mode.value)

    @property
    def default_time_limit_seconds(self) -> int:
        """The limit for questions that have none of their own."""
        raw = self._qsettings.value("practice/default_time_limit", DEFAULT_TIME_LIMIT_SECONDS)
        try:
            value = int(str(raw))
        except ValueError:
            return DEFAULT_TIME_LIMIT_SECONDS
        return value if 10 <= value <= 7200 else DEFAULT_TIME_LIMIT_SECONDS

    @default_time_limit_seconds.setter
    def default_time_limit_seconds(self, seconds: int) -> None:
        self._qsettings.setValue("practice/default_time_limit", int(seconds))

    @property
    def last_question_id(self) -> str | None:
        """The question selected when the app was last closed."""
        raw = self._qsettings.value("window/last_question_id", "")
        return str(raw) or None

    @last_question_id.setter
    def last_question_id(self, question_id: str | None) -> None:
        self._qsettings.setValue("window/last_question_id", question_id or "")

    @property
    def backup_interval_minutes(self) -> int:
        """While changes happen, back up at most this often (5–240 minutes)."""
        raw = self._qsettings.value("backups/interval_minutes", BACKUP_INTERVAL_MINUTES)
        try:
            value = int(str(raw))
        except ValueError:
            return BACKUP_INTERVAL_MINUTES
        return value if 5 <= value <= 240 else BACKUP_INTERVAL_MINUTES

    @backup_interval_minutes.setter
    def backup_interval_minutes(self, minutes: int) -> None:
        self._qsettings.setValue("backups/interval_minutes", int(minutes))

    @property
    def backup_retention(self) -> RetentionPolicy:
        """How many backups thinning keeps (fixed; shown read-only in the settings)."""
        return DEFAULT_RETENTION

    def window_state(self, key: str) -> QByteArray | None:
        """A saved geometry or splitter state."""
        raw = self._qsettings.value(f"window/{key}")
        return raw if isinstance(raw, QByteArray) else None

    def set_window_state(self, key: str, value: QByteArray) -> None:
        """Remember a geometry or splitter state."""
        self._qsettings.setValue(f"window/{key}", value)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._qsettings.sync()
