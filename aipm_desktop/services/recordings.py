"""The recordings folder: where a spoken answer's audio goes, and what a crash left there.

A recording is ``audio/answer-<time>.wav`` in the data folder. While its answer is not
stored yet, a note beside it (``.json``: the question and when it started) marks it as
unfinished (and which mock-interview session it was made in, if any; once transcribed,
the transcript); the note is removed once the attempt is stored. A recording whose note
is still there when the app starts was left by a crash (or a closed window): a session
that can be resumed takes it up again (:func:`session_recording`), else it is offered
for transcription into the question's draft.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from aipm_desktop.core.speech.transcript import Transcript, TranscriptFormatError

AUDIO_FOLDER = "audio"


@dataclass(frozen=True)
class Recording:
    """One recording: its file, its name relative to the data folder, and its question."""

    path: Path
    relative_name: str
    question_id: str
    pack_id: str
    started_at: datetime
    in_session: bool = False
    """Made during a mock-interview session."""
    prompt: str = ""
    """The question's prompt when it was recorded (pack text: data), to say which it was."""
    session_id: int | None = None
    """The session it was made in (None: free practice, or a note older than this field)."""
    transcript: Transcript | None = None
    """Its transcript, once it was transcribed (its text went into the answer then)."""

    @property
    def note(self) -> Path:
        return self.path.with_suffix(".json")


def new_recording(
    data_dir: Path,
    question_id: str,
    pack_id: str,
    now: datetime,
    *,
    session_id: int | None = None,
    prompt: str = "",
) -> Recording:
    """A new, unfinished recording's place (its note is written; the audio comes next)."""
    folder = data_dir / AUDIO_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stem = "answer-" + now.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stem}.wav"
    number = 1
    while path.exists() or path.with_suffix(".json").exists():
        number += 1
        path = folder / f"{stem}-{number}.wav"
    name = f"{AUDIO_FOLDER}/{path.name}"
    in_session = session_id is not None
    recording = Recording(
        path, name, question_id, pack_id, now, in_session, prompt, session_id=session_id
    )
    _write_note(recording)
    return recording


def _write_note(recording: Recording) -> None:
    note = {
        "question_id": recording.question_id,
        "pack_id": recording.pack_id,
        "started_at": recording.started_at.isoformat(),
        "in_session": recording.in_session,
        "session_id": recording.session_id,
        "prompt": recording.prompt,
    }
    if recording.transcript is not None:
        note["transcript"] = recording.transcript.to_json()
    recording.note.write_text(json.dumps(note), "utf-8")


def keep_transcript(recording: Recording, transcript: Transcript) -> Recording:
    """The recording's note keeps its transcript (its text is in the answer now), so a
    session resumed after a crash links the recording again without adding the text twice.
    Nothing happens when the note is gone (the answer was stored)."""
    kept = replace(recording, transcript=transcript)
    if recording.note.exists():
        _write_note(kept)
    return kept


def session_recording(
    left: Sequence[Recording], session_id: int, question_id: str
) -> Recording | None:
    """The newest recording left unfinished in this session's answer to ``question_id``:
    the one the resumed session takes up again (older ones go to free practice). A note
    made before notes named their session counts as this session's if it was made in one."""
    mine = [
        r
        for r in left
        if r.question_id == question_id
        and (r.session_id == session_id or (r.session_id is None and r.in_session))
    ]
    return max(mine, key=lambda r: r.started_at) if mine else None


def finish_note(data_dir: Path, relative_name: str) -> None:
    """The answer is stored: its recording is no longer unfinished."""
    (data_dir / relative_name).with_suffix(".json").unlink(missing_ok=True)


def unfinished_recordings(data_dir: Path) -> list[Recording]:
    """Recordings whose answer was never stored, oldest first (notes without audio are
    dropped)."""
    folder = data_dir / AUDIO_FOLDER
    found: list[Recording] = []
    for note in sorted(folder.glob("answer-*.json")) if folder.is_dir() else []:
        audio = note.with_suffix(".wav")
        try:
            data = json.loads(note.read_text("utf-8"))
            question_id, pack_id = str(data["question_id"]), str(data["pack_id"])
            started_at = datetime.fromisoformat(str(data["started_at"]))
            in_session = data.get("in_session") is True
            prompt = data.get("prompt")
            prompt = prompt if isinstance(prompt, str) else ""
            session_id = data.get("session_id")
            session_id = session_id if type(session_id) is int else None
            transcript = _transcript(data.get("transcript"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        if not audio.exists():
            note.unlink(missing_ok=True)
            continue
        name = f"{AUDIO_FOLDER}/{audio.name}"
        found.append(
            Recording(
                audio,
                name,
                question_id,
                pack_id,
                started_at,
                in_session,
                prompt,
                session_id,
                transcript,
            )
        )
    return found


def _transcript(value: object) -> Transcript | None:
    if not isinstance(value, str):
        return None
    try:
        return Transcript.from_json(value)
    except TranscriptFormatError:
        return None


def delete_recording(data_dir: Path, relative_name: str) -> bool:
    """Delete a recording (and any note); False if it could not be removed."""
    path = data_dir / relative_name
    if path.parent != data_dir / AUDIO_FOLDER:  # only ever inside the audio folder
        return False
    try:
        path.unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)
    except OSError:
        return False
    return True
