"""Exporting attempts as CSV or JSON, written atomically when going to a file."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

JSON_FORMAT_NAME = "aipm-desktop-attempts"
JSON_FORMAT_VERSION = 1

UNREADABLE = "unreadable"
"""A CSV cell whose stored value could not be read."""

CSV_FIELDS = (
    "attempt_id",
    "question_id",
    "prompt",
    "session",
    "started_at",
    "seconds_used",
    "time_limit_seconds",
    "overtime_seconds",
    "rating",
    "key_points_covered",
    "key_points_total",
    "answer",
    "answer_mode",
    "transcript",
    "words_per_minute",
    "long_pauses",
    "fillers",
)
"""The CSV header, in column order (a spoken answer's figures last, empty for a typed one)."""


class ExportFormat(StrEnum):
    """The file formats attempts can be exported to."""

    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True)
class ExportRow:
    """One attempt as exported."""

    attempt_id: int
    question_id: str
    prompt: str
    """The question's prompt, or "" when the question is no longer in any pack."""
    session: str | None
    """The practice session the attempt belongs to, if any."""
    started_at: str
    """UTC, ISO 8601."""
    seconds_used: float
    time_limit_seconds: int
    overtime_seconds: float
    rating: int | None
    key_points_ticked: tuple[str, ...]
    key_points_total: int
    answer: str
    answer_mode: str = "type"
    """"type" or "speak"; for a spoken answer ``answer`` is the corrected text."""
    transcript: str | None = None
    """A spoken answer's text as transcribed, before any correction."""
    words_per_minute: float | None = None
    long_pauses: int | None = None
    """Pauses of more than 2 s between words."""
    fillers: int | None = None
    unreadable: tuple[str, ...] = ()
    """The fields whose stored value could not be read; exported as "unreadable"."""

    @property
    def key_points_covered(self) -> int:
        """How many key points the user ticked."""
        return len(self.key_points_ticked)

    def csv_record(self) -> dict[str, object]:
        """The CSV columns; empty cells for missing values."""
        record: dict[str, object] = {
            "attempt_id": self.attempt_id,
            "question_id": self.question_id,
            "prompt": self.prompt,
            "session": "" if self.session is None else self.session,
            "started_at": self.started_at,
            "seconds_used": _number(self.seconds_used),
            "time_limit_seconds": self.time_limit_seconds,
            "overtime_seconds": _number(self.overtime_seconds),
            "rating": "" if self.rating is None else self.rating,
            "key_points_covered": self.key_points_covered,
            "key_points_total": self.key_points_total,
            "answer": self.answer,
            "answer_mode": self.answer_mode,
            "transcript": "" if self.transcript is None else self.transcript,
            "words_per_minute": _blank_or(self.words_per_minute),
            "long_pauses": _blank_or(self.long_pauses),
            "fillers": _blank_or(self.fillers),
        }
        for field in self.unreadable:
            shown = "key_points_covered" if field == "key_points_ticked" else field
            if shown == "started_at":
                record[shown] = f"{UNREADABLE}: {self.started_at}"
            elif shown in record:
                record[shown] = UNREADABLE
        return record

    def json_record(self) -> dict[str, Any]:
        """The JSON object: the CSV columns plus the ticked key points."""
        record: dict[str, Any] = dict(self.csv_record())
        record["session"] = self.session
        record["seconds_used"] = self.seconds_used
        record["overtime_seconds"] = self.overtime_seconds
        record["rating"] = self.rating
        record["key_points_ticked"] = list(self.key_points_ticked)
        record["words_per_minute"] = self.words_per_minute
        record["long_pauses"] = self.long_pauses
        record["fillers"] = self.fillers
        record["transcript"] = self.transcript  # None when there is none or it is unreadable
        if "key_points_ticked" in self.unreadable:
            record["key_points_covered"] = None
            record["key_points_ticked"] = None
        if self.unreadable:
            record["unreadable"] = list(self.unreadable)
        return record


def write_csv(rows: Iterable[ExportRow], out: TextIO) -> int:
    """Write a header and one row per attempt; returns the number of attempts.

    ``out`` should be opened with ``newline=""`` so that newlines inside
    answers are kept exactly.
    """
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({name: neutralise_cell(value) for name, value in row.csv_record().items()})
        count += 1
    return count


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection")."""


def neutralise_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, prefixed with a single quote.

    Numbers are left alone. JSON exports are never changed: this is for CSV only.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_json(rows: Iterable[ExportRow], out: TextIO) -> int:
    """Write ``{"format", "version", "attempts": [...]}``, one attempt at a time."""
    out.write(f'{{"format": "{JSON_FORMAT_NAME}", "version": {JSON_FORMAT_VERSION}, "attempts": [')
    count = 0
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(row.json_record(), ensure_ascii=False))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count


def write_export(rows: Iterable[ExportRow], export_format: ExportFormat, out: TextIO) -> int:
    """Write attempts in the chosen format; returns how many were written."""
    if export_format == ExportFormat.CSV:
        return write_csv(rows, out)
    return write_json(rows, out)


def format_for_path(path: Path) -> ExportFormat | None:
    """The format a file name asks for by its extension, if it names one."""
    suffix = path.suffix.lower().lstrip(".")
    return ExportFormat(suffix) if suffix in {f.value for f in ExportFormat} else None


def _blank_or(value: float | None) -> object:
    """An empty cell for None, a whole number as it is, else at most one decimal."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    return f"{value:.1f}"


def _number(value: float) -> str:
    """Seconds without a pointless ".0"; at most three decimals."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"
