"""Which recordings the Settings choice lets go."""

from __future__ import annotations

from aipm_desktop.core.speech.audio_keeping import AudioKeeping, recordings_to_delete

KEPT = {1: "audio/a.wav", 4: "audio/b.wav", 9: "audio/c.wav"}  # oldest first


def test_keep_all_deletes_nothing() -> None:
    assert recordings_to_delete(KEPT, AudioKeeping.ALL, 1) == {}


def test_keep_none_deletes_every_one() -> None:
    assert recordings_to_delete(KEPT, AudioKeeping.NONE, 5) == KEPT


def test_keep_last_deletes_the_oldest_beyond_n() -> None:
    assert recordings_to_delete(KEPT, AudioKeeping.LAST, 2) == {1: "audio/a.wav"}
    assert recordings_to_delete(KEPT, AudioKeeping.LAST, 3) == {}
    assert recordings_to_delete(KEPT, AudioKeeping.LAST, 0) == {1: "audio/a.wav", 4: "audio/b.wav"}
