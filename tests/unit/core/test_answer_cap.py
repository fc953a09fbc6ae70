"""The answer length cap: what is said about an answer over it."""

from __future__ import annotations

from aipm_desktop.core.answer_flow import MAX_ANSWER_CHARS, answer_over_cap


def test_up_to_the_cap_nothing_is_said() -> None:
    assert MAX_ANSWER_CHARS == 200_000
    assert answer_over_cap(0) is None
    assert answer_over_cap(MAX_ANSWER_CHARS) is None


def test_over_the_cap_the_note_says_how_much_to_trim() -> None:
    note = answer_over_cap(MAX_ANSWER_CHARS + 1_234)
    assert note is not None
    assert "201,234 characters" in note
    assert "Remove 1,234 characters" in note
