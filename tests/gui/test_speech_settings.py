"""The Speak mode section of Settings keeps the recordings choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.audio_keeping import AudioKeeping
from aipm_desktop.ui.main.settings_dialog import SettingsDialog
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.speech.settings_section import SpeechSection
from aipm_desktop.ui.widgets.settings import AppSettings
from aipm_desktop.ui.widgets.settings_section import SettingsSection

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_recordings_choice_is_saved_and_n_only_counts_for_keep_last(
    qtbot: QtBot, settings: AppSettings
) -> None:
    section = SpeechSection(settings)
    qtbot.addWidget(section)
    assert section.choice() is AudioKeeping.ALL
    assert not section.keep_last.isEnabled()
    section.keeping.setCurrentIndex(list(AudioKeeping).index(AudioKeeping.LAST))
    assert section.keep_last.isEnabled()
    section.keep_last.setValue(3)
    section.save(settings)
    assert settings.audio_keeping is AudioKeeping.LAST
    assert settings.audio_keep_last == 3


def test_answer_mode_and_keeping_read_back_safely(settings: AppSettings) -> None:
    assert settings.answer_mode is AnswerMode.TYPE
    settings.answer_mode = AnswerMode.SPEAK
    assert settings.answer_mode is AnswerMode.SPEAK
    settings._qsettings.setValue("speech/audio_keeping", "bogus")
    settings._qsettings.setValue("speech/audio_keep_last", "-4")
    assert settings.audio_keeping is AudioKeeping.ALL
    assert settings.audio_keep_last == 20


def test_settings_say_where_recordings_are_and_that_backups_leave_them_out(
    qtbot: QtBot, window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[SpeechSection] = []

    def look(
        parent: MainWindow,
        settings: AppSettings,
        folder: Path | None,
        extra: list[SettingsSection],
    ) -> bool:
        dialog = SettingsDialog(settings, folder, parent, extra)
        qtbot.addWidget(dialog)
        shown.extend(s for s in dialog.sections if isinstance(s, SpeechSection))
        return False

    monkeypatch.setattr(SettingsDialog, "ask", look)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Comma, CTRL)
    (section,) = shown
    assert section.folder.text() == str(data_dir / "audio")
    assert section.folder.textFormat() == Qt.TextFormat.PlainText
    hints = [label.text() for label in section.findChildren(QLabel)]
    assert "Backups copy the data file only: copy this folder to keep recordings." in hints
