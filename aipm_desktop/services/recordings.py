"""The recordings folder: where a spoken answer's audio goes, and what a crash left there.

A recording is ``audio/answer-<time>.wav`` in the data folder. While its answer is not
stored yet, a note beside it (``.json``: the question and when it started) marks it as
unfinished (and whether it was made in a mock-interview session); the note is removed
once the attempt is stored. A recording whose note is
still there when the app starts was left by a crash (or a closed window): it is offered
for transcription.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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
    """Made during a mock-interview session (which cannot take it up mid-answer)."""
    prompt: str = ""
    """The question's prompt when it was recorded (pack text: data), to say which it was."""

    @property
    def note(self) -> Path:
        return self.path.with_suffix(".json")


def new_recording(
    data_dir: Path,
    question_id: str,
    pack_id: str,
    now: datetime,
    *,
    in_session: bool = False,
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
    recording = Recording(path, name, question_id, pack_id, now, in_session, prompt)
    note = {
        "question_id": question_id,
        "pack_id": pack_id,
        "started_at": now.isoformat(),
        "in_session": in_session,
        "prompt": prompt,
    }
    recording.note.write_text(json.dumps(note), "utf-8")
    return recording


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
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not audio.exists():
            note.unlink(missing_ok=True)
            continue
        name = f"{AUDIO_FOLDER}/{audio.name}"
        found.append(Recording(audio, name, question_id, pack_id, started_at, in_session, prompt))
    return found


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
