"""Typed access to the user's preferences, kept in QSettings."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from aipm_desktop.core.backup_policy import (
    BACKUP_INTERVAL_MINUTES,
    BACKUP_INTERVAL_RANGE_MINUTES,
    DEFAULT_RETENTION,
    RetentionPolicy,
)
from aipm_desktop.core.questions import DEFAULT_TIME_LIMIT_SECONDS
from aipm_desktop.core.scheduling import DEFAULT_DESIRED_RETENTION, clamp_retention
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.audio_keeping import DEFAULT_KEEP_LAST, KEEP_LAST_RANGE, AudioKeeping
from aipm_desktop.core.timer import TimeUpMode


class Theme(StrEnum):
    """The colour scheme the user chose."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        """How the settings dialog names it."""
        return {"system": "Same as the system", "light": "Light", "dark": "Dark"}[self.value]


TIME_LIMIT_RANGE = (10, 7200)
"""Time limits the app accepts, in seconds."""
THINK_SECONDS_MAX = 600
"""Think time is off (0) or up to ten minutes."""
FONT_SIZE_RANGE = (6, 48)
"""Editor font sizes the settings dialog offers, in points."""
ZOOM_RANGE = (50, 300)
"""Text zoom in percent; Ctrl+Plus / Ctrl+Minus step by ``ZOOM_STEP``."""
ZOOM_STEP = 10
DEFAULT_EDITOR_FONT_SIZE = 11


def _int_value(raw: object, default: int, low: int, high: int) -> int:
    try:
        value = int(str(raw))
    except ValueError:
        return default
    return value if low <= value <= high else default


WELCOME_KEY = "first_run/welcome_shown"
LEGACY_WELCOME_KEYS = ("general/welcome_shown", "General/welcome_shown")
"""``General`` is Qt's name for an INI file's top level, so a group of that name
never reads back under the name it was written with."""


def _bool_value(raw: object) -> bool:
    """QSettings INI files give strings back: "true"/"false"."""
    if isinstance(raw, bool):
        return raw
    return str(raw).lower() in ("true", "1", "yes")


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
        return _int_value(raw, DEFAULT_TIME_LIMIT_SECONDS, *TIME_LIMIT_RANGE)

    @default_time_limit_seconds.setter
    def default_time_limit_seconds(self, seconds: int) -> None:
        self._qsettings.setValue("practice/default_time_limit", int(seconds))

    @property
    def think_seconds(self) -> int:
        """Reading time before the answer clock starts; 0 means none."""
        raw = self._qsettings.value("practice/think_seconds", 0)
        return _int_value(raw, 0, 0, THINK_SECONDS_MAX)

    @think_seconds.setter
    def think_seconds(self, seconds: int) -> None:
        self._qsettings.setValue("practice/think_seconds", int(seconds))

    @property
    def theme(self) -> Theme:
        """System, light or dark colours."""
        raw = self._qsettings.value("appearance/theme", Theme.SYSTEM.value)
        try:
            return Theme(str(raw))
        except ValueError:
            return Theme.SYSTEM

    @theme.setter
    def theme(self, theme: Theme) -> None:
        self._qsettings.setValue("appearance/theme", theme.value)

    @property
    def editor_font_family(self) -> str:
        """The answer editor's font family; empty means the system's usual font."""
        return str(self._qsettings.value("appearance/editor_font_family", "") or "")

    @editor_font_family.setter
    def editor_font_family(self, family: str) -> None:
        self._qsettings.setValue("appearance/editor_font_family", family)

    @property
    def editor_font_size(self) -> int:
        """The answer editor's font size in points, before zoom."""
        raw = self._qsettings.value("appearance/editor_font_size", DEFAULT_EDITOR_FONT_SIZE)
        return _int_value(raw, DEFAULT_EDITOR_FONT_SIZE, *FONT_SIZE_RANGE)

    @editor_font_size.setter
    def editor_font_size(self, points: int) -> None:
        self._qsettings.setValue("appearance/editor_font_size", int(points))

    @property
    def zoom_percent(self) -> int:
        """Text zoom of the editor and the reveal panel (100 = as set)."""
        raw = self._qsettings.value("appearance/zoom_percent", 100)
        return _int_value(raw, 100, *ZOOM_RANGE)

    @zoom_percent.setter
    def zoom_percent(self, percent: int) -> None:
        low, high = ZOOM_RANGE
        self._qsettings.setValue("appearance/zoom_percent", max(low, min(high, int(percent))))

    @property
    def timer_hidden(self) -> bool:
        """True when the countdown is hidden (time is still recorded)."""
        return _bool_value(self._qsettings.value("appearance/timer_hidden", False))

    @timer_hidden.setter
    def timer_hidden(self, hidden: bool) -> None:
        self._qsettings.setValue("appearance/timer_hidden", bool(hidden))

    @property
    def welcome_shown(self) -> bool:
        """True once the first-run welcome has been shown.

        Older versions wrote ``general/welcome_shown``, which an INI file stores as
        ``[%General]`` and reads back as ``General/welcome_shown``: that key counts too.
        """
        for key in (WELCOME_KEY, *LEGACY_WELCOME_KEYS):
            if _bool_value(self._qsettings.value(key, False)):
                return True
        return False

    @welcome_shown.setter
    def welcome_shown(self, shown: bool) -> None:
        self._qsettings.setValue(WELCOME_KEY, bool(shown))
        for key in LEGACY_WELCOME_KEYS:
            self._qsettings.remove(key)

    @property
    def desired_retention(self) -> float:
        """FSRS desired retention (0.70–0.97): higher means shorter intervals."""
        raw = self._qsettings.value("scheduling/desired_retention", DEFAULT_DESIRED_RETENTION)
        try:
            return clamp_retention(float(str(raw)))
        except ValueError:
            return DEFAULT_DESIRED_RETENTION

    @desired_retention.setter
    def desired_retention(self, value: float) -> None:
        self._qsettings.setValue("scheduling/desired_retention", clamp_retention(value))

    @property
    def last_question_id(self) -> str | None:
        """The question selected when the app was last closed."""
        raw = self._qsettings.value("window/last_question_id", "")
        return str(raw) or None

    @last_question_id.setter
    def last_question_id(self, question_id: str | None) -> None:
        self._qsettings.setValue("window/last_question_id", question_id or "")

    @property
    def report_model_answers(self) -> bool:
        """True when a session report puts each model answer under the user's answer."""
        return _bool_value(self._qsettings.value("session/report_model_answers", True))

    @report_model_answers.setter
    def report_model_answers(self, included: bool) -> None:
        self._qsettings.setValue("session/report_model_answers", bool(included))

    @property
    def last_session_settings(self) -> dict[str, Any] | None:
        """The New session dialog's last choices (a `SessionSettings.to_dict`), if any."""
        raw = self._qsettings.value("session/last_settings", "")
        try:
            value = json.loads(str(raw)) if raw else None
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    @last_session_settings.setter
    def last_session_settings(self, value: dict[str, Any]) -> None:
        self._qsettings.setValue("session/last_settings", json.dumps(value))

    @property
    def backup_interval_minutes(self) -> int:
        """While changes happen, back up at most this often (5–240 minutes)."""
        raw = self._qsettings.value("backups/interval_minutes", BACKUP_INTERVAL_MINUTES)
        try:
            value = int(str(raw))
        except ValueError:
            return BACKUP_INTERVAL_MINUTES
        low, high = BACKUP_INTERVAL_RANGE_MINUTES
        return value if low <= value <= high else BACKUP_INTERVAL_MINUTES

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

    @property
    def answer_mode(self) -> AnswerMode:
        """Type or Speak: how the last answer was given (the next one starts the same)."""
        return AnswerMode.from_text(self._qsettings.value("speech/answer_mode", "type"))

    @answer_mode.setter
    def answer_mode(self, mode: AnswerMode) -> None:
        self._qsettings.setValue("speech/answer_mode", AnswerMode(mode).value)

    @property
    def audio_keeping(self) -> AudioKeeping:
        """Which recordings of spoken answers are kept."""
        raw = self._qsettings.value("speech/audio_keeping", AudioKeeping.ALL.value)
        try:
            return AudioKeeping(str(raw))
        except ValueError:
            return AudioKeeping.ALL

    @audio_keeping.setter
    def audio_keeping(self, keeping: AudioKeeping) -> None:
        self._qsettings.setValue("speech/audio_keeping", AudioKeeping(keeping).value)

    @property
    def audio_keep_last(self) -> int:
        """How many recordings "keep the most recent" keeps."""
        raw = self._qsettings.value("speech/audio_keep_last", DEFAULT_KEEP_LAST)
        return _int_value(raw, DEFAULT_KEEP_LAST, *KEEP_LAST_RANGE)

    @audio_keep_last.setter
    def audio_keep_last(self, count: int) -> None:
        self._qsettings.setValue("speech/audio_keep_last", int(count))

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._qsettings.sync()
