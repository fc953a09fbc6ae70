"""Reading attempts for export, oldest first, without loading them all at once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from aipm_desktop.core.export import ExportRow
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.delivery import analyse
from aipm_desktop.storage.errors import guarded_iterator
from aipm_desktop.storage.values import (
    rating_or_none,
    read_moment,
    ticked_or_empty,
    transcript_or_none,
)

if TYPE_CHECKING:  # annotations only: this module does not load sqlite-utils
    from sqlite_utils import Database

_BATCH = 1000


@guarded_iterator
def export_rows(db: Database, prompts: Mapping[str, str]) -> Iterator[ExportRow]:
    """Every attempt as an `ExportRow`; ``prompts`` maps question ids to their prompt.

    The session column is filled from ``attempts.session_id`` where the data
    file has one, and a spoken answer's mode, transcript and delivery figures from its
    stored transcript where the file has them (typed answers leave them empty).
    """
    columns = db.table("attempts").columns_dict
    session = "session_id" if "session_id" in columns else "null"
    mode = "answer_mode" if "answer_mode" in columns else "null"
    transcript = "transcript" if "transcript" in columns else "null"
    cursor = db.execute(
        f"select id, question_id, {session}, started_at, seconds_used, time_limit_seconds, "
        "overtime_seconds, rating, key_points_ticked, key_points_total, answer, "
        f"{mode}, {transcript} from attempts order by started_at, id"
    )
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            (attempt_id, question_id, session_id, started, used, limit, over, rating) = row[:8]
            ticked, total, answer, answer_mode, stored_transcript = row[8:]
            unreadable: list[str] = []
            if read_moment(started) is None:
                unreadable.append("started_at")  # exported as stored
            checked_rating = rating_or_none(rating, unreadable)
            ticked_points = ticked_or_empty(ticked, unreadable)
            spoken = transcript_or_none(stored_transcript, unreadable)
            delivery = analyse(spoken) if spoken is not None else None
            yield ExportRow(
                attempt_id=attempt_id,
                question_id=question_id,
                prompt=prompts.get(question_id, ""),
                session=None if session_id is None else str(session_id),
                started_at=str(started),
                seconds_used=used,
                time_limit_seconds=limit,
                overtime_seconds=over,
                rating=None if checked_rating is None else int(checked_rating),
                key_points_ticked=ticked_points,
                key_points_total=total,
                answer=answer,
                answer_mode=AnswerMode.from_text(answer_mode).value,
                transcript=None if spoken is None else spoken.text,
                words_per_minute=None if delivery is None else delivery.words_per_minute,
                long_pauses=None if delivery is None else len(delivery.long_pauses),
                fillers=None if delivery is None else len(delivery.fillers),
                unreadable=tuple(unreadable),
            )
