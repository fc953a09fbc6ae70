"""Reading attempts for export, oldest first, without loading them all at once."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from aipm_desktop.core.export import ExportRow
from aipm_desktop.storage.errors import guarded_iterator

if TYPE_CHECKING:  # annotations only: this module does not load sqlite-utils
    from sqlite_utils import Database

_BATCH = 1000


@guarded_iterator
def export_rows(db: Database, prompts: Mapping[str, str]) -> Iterator[ExportRow]:
    """Every attempt as an `ExportRow`; ``prompts`` maps question ids to their prompt.

    The session column is filled from ``attempts.session_id`` where the data
    file has one.
    """
    has_session = "session_id" in db.table("attempts").columns_dict
    session = "session_id" if has_session else "null"
    cursor = db.execute(
        f"select id, question_id, {session}, started_at, seconds_used, time_limit_seconds, "
        "overtime_seconds, rating, key_points_ticked, key_points_total, answer "
        "from attempts order by started_at, id"
    )
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            (attempt_id, question_id, session_id, started, used, limit, over, rating) = row[:8]
            ticked, total, answer = row[8:]
            yield ExportRow(
                attempt_id=attempt_id,
                question_id=question_id,
                prompt=prompts.get(question_id, ""),
                session=None if session_id is None else str(session_id),
                started_at=started,
                seconds_used=used,
                time_limit_seconds=limit,
                overtime_seconds=over,
                rating=rating,
                key_points_ticked=tuple(json.loads(ticked)),
                key_points_total=total,
                answer=answer,
            )
