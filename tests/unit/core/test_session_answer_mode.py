"""A session remembers whether its answers are typed or spoken."""

from __future__ import annotations

from aipm_desktop.core.session_settings import SessionSettings
from aipm_desktop.core.speech.answer_mode import AnswerMode


def test_the_answer_mode_round_trips_and_older_settings_are_typed() -> None:
    spoken = SessionSettings(answer_mode=AnswerMode.SPEAK)
    assert SessionSettings.from_dict(spoken.to_dict()) == spoken
    older = SessionSettings().to_dict()
    del older["answer_mode"]
    assert SessionSettings.from_dict(older).answer_mode is AnswerMode.TYPE


def test_a_spoken_session_says_so_and_a_typed_one_is_described_as_before() -> None:
    assert ("Answers", "Spoken, transcribed") in SessionSettings(
        answer_mode=AnswerMode.SPEAK
    ).describe()
    assert all(label != "Answers" for label, _ in SessionSettings().describe())
