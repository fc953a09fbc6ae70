"""A spoken answer keeps its mode, its transcript as transcribed and its recording."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.storage import Store
from aipm_desktop.storage.migrations import MIGRATION_NAMES
from tests.unit.storage.test_store import new_attempt

TRANSCRIPT = Transcript(
    text="Um, precision first.",
    words=(Word("Um,", 0.2, 0.5), Word("precision", 1.2, 1.62), Word("first.", 1.7, 2.0)),
    seconds=3.5,
)


def spoken(minutes: int = 0, **changes: object) -> NewAttempt:
    fields: dict[str, object] = {
        "answer": "Precision first.",
        "answer_mode": AnswerMode.SPEAK,
        "transcript": TRANSCRIPT,
        "audio_file": "audio/attempt-1.wav",
    }
    return new_attempt(minutes=minutes, **(fields | changes))


def test_a_spoken_answer_keeps_transcript_corrected_text_and_audio() -> None:
    with Store.open_memory() as store:
        stored = store.record_attempt(spoken())
        again = store.attempt(stored.id)
    assert again.answer_mode is AnswerMode.SPEAK
    assert again.answer == "Precision first."  # the user's corrected text
    assert again.transcript == TRANSCRIPT  # as transcribed
    assert again.audio_file == "audio/attempt-1.wav"
    assert again.unreadable == ()


def test_a_typed_answer_has_no_transcript_or_audio() -> None:
    with Store.open_memory() as store:
        stored = store.record_attempt(new_attempt())
    assert stored.answer_mode is AnswerMode.TYPE
    assert stored.transcript is None
    assert stored.audio_file is None


def test_the_recording_can_be_forgotten_and_audio_files_are_listed_oldest_first() -> None:
    with Store.open_memory() as store:
        first = store.record_attempt(spoken(minutes=0))
        second = store.record_attempt(spoken(minutes=5, audio_file="audio/b.wav"))
        store.record_attempt(new_attempt(minutes=9))
        assert store.audio_files() == {first.id: "audio/attempt-1.wav", second.id: "audio/b.wav"}
        after = store.set_audio_file(first.id, None)
        assert after.audio_file is None
        assert after.transcript == TRANSCRIPT
        assert store.audio_files() == {second.id: "audio/b.wav"}


def test_an_unreadable_transcript_is_marked_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "aipm.sqlite3"
    with Store.open(path) as store:
        attempt_id = store.record_attempt(spoken()).id
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("update attempts set transcript = 'not json', answer_mode = 'sing'")
    with Store.open(path) as store:
        attempt = store.attempt(attempt_id)
    assert attempt.transcript is None
    assert attempt.unreadable == ("transcript",)
    assert attempt.answer_mode is AnswerMode.TYPE


def test_the_migration_keeps_older_attempts_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "aipm.sqlite3"
    with Store.open(path) as store:
        store.record_attempt(new_attempt())
    step = "0009_spoken_answers"
    with closing(sqlite3.connect(path)) as conn, conn:
        for column in ("answer_mode", "transcript", "audio_file"):
            conn.execute(f"alter table attempts drop column {column}")
        conn.execute("delete from _sqlite_migrations where name = ?", [step])
        conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(step)}")
    with Store.open(path) as store:
        (attempt,) = store.attempts_for("q1")
        assert attempt.answer_mode is AnswerMode.TYPE
        assert attempt.transcript is None
        assert store.record_attempt(spoken()).transcript == TRANSCRIPT
