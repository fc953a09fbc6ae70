"""Turning packs back into JSON data, comparing pack versions, and writing files atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from aipm_desktop.core.packs import SUPPORTED_SCHEMA_VERSION
from aipm_desktop.core.questions import Pack, Question


def question_to_data(question: Question) -> dict[str, Any]:
    """One question as the pack format stores it."""
    data: dict[str, Any] = {
        "id": question.id,
        "number": question.number,
        "prompt": question.prompt,
        "category": question.category,
        "level": question.level,
        "model_answer": question.model_answer,
        "key_points": list(question.key_points),
    }
    if question.time_limit_seconds is not None:
        data["time_limit_seconds"] = question.time_limit_seconds
    if question.tags:
        data["tags"] = list(question.tags)
    return data


def pack_to_data(pack: Pack) -> dict[str, Any]:
    """A pack as JSON-ready data that :func:`aipm_desktop.core.packs.parse_pack` accepts."""
    return {
        "schema_version": SUPPORTED_SCHEMA_VERSION,
        "id": pack.id,
        "title": pack.title,
        "description": pack.description,
        "version": pack.version,
        "questions": [question_to_data(question) for question in pack.questions],
    }


def pack_to_json(pack: Pack) -> str:
    """The pack as pretty-printed JSON text (UTF-8, non-ASCII kept readable)."""
    return json.dumps(pack_to_data(pack), ensure_ascii=False, indent=2) + "\n"


def version_key(version: str) -> tuple[int, int, int]:
    """``"1.2"`` -> ``(1, 2, 0)``: pack versions compare as numbers, missing parts are 0."""
    parts = [int(part) for part in version.split(".")[:3]]
    parts += [0] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so a crash leaves either the old file or the new one.

    The text goes to a temporary file in the same folder, is flushed and synced,
    then renamed over ``path`` with :func:`os.replace`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
