"""The Speak mode section of Settings keeps the recordings choice."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.audio_keeping import AudioKeeping
from aipm_desktop.ui.speech.settings_section import SpeechSection
from aipm_desktop.ui.widgets.settings import AppSettings


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
