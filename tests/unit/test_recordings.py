"""The recordings folder's notes: which session a recording was made in, its transcript
once transcribed, and which left recording a resumed session takes up."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.services.recordings import (
    finish_note,
    keep_transcript,
    new_recording,
    session_recording,
    unfinished_recordings,
)

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
HEARD = Transcript("Recall first.", (Word("Recall", 0.1, 0.4), Word("first.", 0.5, 0.9)), 1.5)


def recorded(data_dir: Path, question: str, minutes: int = 0, session: int | None = None) -> str:
    recording = new_recording(
        data_dir, question, "pack", NOW + timedelta(minutes=minutes), session_id=session
    )
    recording.path.write_bytes(b"RIFF")
    return recording.relative_name


def test_a_note_keeps_the_session_and_once_transcribed_the_transcript(tmp_path: Path) -> None:
    recorded(tmp_path, "q1", session=7)
    recorded(tmp_path, "q2", minutes=1)

    in_session, free = unfinished_recordings(tmp_path)
    assert (in_session.session_id, in_session.in_session, in_session.transcript) == (7, True, None)
    assert (free.session_id, free.in_session) == (None, False)

    kept = keep_transcript(in_session, HEARD)
    assert kept.transcript == HEARD
    (again, _) = unfinished_recordings(tmp_path)
    assert again == kept

    finish_note(tmp_path, kept.relative_name)
    assert keep_transcript(kept, HEARD) == kept  # the answer was stored: no note again
    assert [r.question_id for r in unfinished_recordings(tmp_path)] == ["q2"]


def test_an_unreadable_transcript_in_a_note_is_left_out(tmp_path: Path) -> None:
    name = recorded(tmp_path, "q1", session=7)
    note = (tmp_path / name).with_suffix(".json")
    data = json.loads(note.read_text("utf-8"))
    note.write_text(json.dumps(dict(data, transcript="{broken", session_id="7")), "utf-8")

    (recording,) = unfinished_recordings(tmp_path)
    assert (recording.transcript, recording.session_id) == (None, None)


def test_the_session_takes_up_its_open_answers_newest_recording(tmp_path: Path) -> None:
    recorded(tmp_path, "q1", minutes=0, session=7)
    newest = recorded(tmp_path, "q1", minutes=2, session=7)
    recorded(tmp_path, "q1", minutes=3, session=8)  # another session
    recorded(tmp_path, "q2", minutes=4, session=7)  # another question
    recorded(tmp_path, "q1", minutes=5)  # free practice
    left = unfinished_recordings(tmp_path)

    taken = session_recording(left, 7, "q1")
    assert taken is not None
    assert taken.relative_name == newest
    assert session_recording(left, 9, "q3") is None


def test_a_note_from_before_notes_named_their_session_still_counts(tmp_path: Path) -> None:
    name = recorded(tmp_path, "q1", session=7)
    note = (tmp_path / name).with_suffix(".json")
    data = json.loads(note.read_text("utf-8"))
    del data["session_id"]
    note.write_text(json.dumps(data), "utf-8")

    taken = session_recording(unfinished_recordings(tmp_path), 3, "q1")
    assert taken is not None
    assert taken.relative_name == name
