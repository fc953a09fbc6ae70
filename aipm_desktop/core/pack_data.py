"""Turning packs back into JSON data, comparing pack versions, and writing files atomically."""

from __future__ import annotations

import json
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
    data: dict[str, Any] = {
        "schema_version": SUPPORTED_SCHEMA_VERSION,
        "id": pack.id,
        "title": pack.title,
        "description": pack.description,
        "version": pack.version,
    }
    if pack.imported_from is not None:
        data["imported_from"] = {
            "file": pack.imported_from.file,
            "format": pack.imported_from.format,
        }
    data["questions"] = [question_to_data(question) for question in pack.questions]
    return data


def pack_to_json(pack: Pack) -> str:
    """The pack as pretty-printed JSON text (UTF-8, non-ASCII kept readable)."""
    return json.dumps(pack_to_data(pack), ensure_ascii=False, indent=2) + "\n"


def version_key(version: str) -> tuple[int, int, int]:
    """``"1.2"`` -> ``(1, 2, 0)``: pack versions compare as numbers, missing parts are 0."""
    parts = [int(part) for part in version.split(".")[:3]]
    parts += [0] * (3 - len(parts))
    return parts[0], parts[1], parts[2]
