"""History that outlives packs: question snapshots and attempts at removed questions. No Qt."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import Attempt
from aipm_desktop.storage import Store


@dataclass(frozen=True)
class PastAttempt:
    """An attempt at a question that is no longer listed, with the text it was made against."""

    attempt: Attempt
    question: Question | None
    """The question as it was (its snapshot), or None when no snapshot was kept."""

    @property
    def prompt(self) -> str:
        """The question's prompt, or a note naming its id."""
        if self.question is None:
            return f"(text not kept: question {self.attempt.question_id})"
        return self.question.prompt


def snapshot_attempted_questions(
    store: Store, questions: Sequence[Question], saved_at: datetime
) -> None:
    """Keep the text of every listed question that has attempts, for its pack version."""
    attempted = store.attempted_question_ids()
    store.save_question_snapshots([q for q in questions if q.id in attempted], saved_at)


def question_as_attempted(store: Store, question: Question, attempt: Attempt) -> Question:
    """The question as it was when ``attempt`` was made (its snapshot), else as it is now."""
    if attempt.pack_version == question.pack_version:
        return question
    return store.question_snapshot(attempt.question_id, attempt.pack_version) or question


def attempts_at_removed_questions(store: Store, listed_ids: Iterable[str]) -> list[PastAttempt]:
    """Every attempt at a question not in ``listed_ids``, newest first, with its text."""
    gone = store.attempted_question_ids() - set(listed_ids)
    latest = store.latest_question_snapshots()
    past: list[PastAttempt] = []
    for question_id in gone:
        for attempt in store.attempts_for(question_id):
            snapshot = store.question_snapshot(question_id, attempt.pack_version)
            past.append(PastAttempt(attempt, snapshot or latest.get(question_id)))
    past.sort(key=lambda item: (item.attempt.started_at, item.attempt.id), reverse=True)
    return past


def known_prompts(store: Store, questions: Iterable[Question]) -> dict[str, str]:
    """Question id → prompt: as listed now, else as last seen (for removed questions)."""
    prompts = {qid: q.prompt for qid, q in store.latest_question_snapshots().items()}
    prompts.update({q.id: q.prompt for q in questions})
    return prompts
