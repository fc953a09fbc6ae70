"""When the data file cannot be written, the answer on screen is also saved as a text file."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from aipm_desktop.core.atomic_file import write_text_atomically

RESCUE_FOLDER_NAME = "AIPM Desktop rescued answers"


def rescue_folders() -> list[Path]:
    """Where rescue files may go, best first: the home folder, then the temp folder."""
    return [Path.home() / RESCUE_FOLDER_NAME, Path(tempfile.gettempdir()) / RESCUE_FOLDER_NAME]


def write_rescue_file(
    folders: Sequence[Path], question_id: str, prompt: str, answer: str, now: datetime
) -> Path | None:
    """Write the answer to the first folder that takes it; None when none does."""
    stamp = now.astimezone(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")
    safe_id = "".join(c if c.isalnum() or c in "-_." else "_" for c in question_id)
    text = (
        f"Question: {prompt}\n"
        f"Question id: {question_id}\n"
        f"Saved at: {now.astimezone(UTC).isoformat(timespec='seconds')}\n"
        "This answer could not be written to the AIPM Desktop data file.\n"
        "---\n"
        f"{answer}\n"
    )
    for folder in folders:
        target = folder / f"{stamp}-{safe_id}.txt"
        try:
            write_text_atomically(target, text)
        except OSError:
            continue
        return target
    return None
