"""History outlives packs: snapshots per version, and attempts at questions no longer listed."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.pack_history import (
    attempts_at_removed_questions,
    question_as_attempted,
    snapshot_attempted_questions,
)
from aipm_desktop.storage import Store

T0 = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


def question(qid: str, version: str, prompt: str) -> Question:
    return Question(
        id=qid,
        number=1,
        prompt=prompt,
        category="c",
        level="l",
        model_answer=f"answer to {prompt}",
        key_points=("k",),
        time_limit_seconds=None,
        tags=(),
        pack_id="p",
        pack_version=version,
    )


def attempt_at(q: Question, minutes: int) -> NewAttempt:
    started = T0 + timedelta(minutes=minutes)
    return NewAttempt(
        question_id=q.id,
        pack_id=q.pack_id,
        pack_version=q.pack_version,
        started_at=started,
        ended_at=started + timedelta(seconds=10),
        seconds_used=10,
        time_limit_seconds=300,
        overtime_seconds=0,
        answer=f"tried {q.id} at {minutes}",
        revealed_before_submit=False,
        key_points_total=1,
        time_up_mode=TimeUpMode.SOFT,
    )


def test_only_attempted_questions_are_snapshotted() -> None:
    with Store.open_memory() as store:
        tried, untried = question("a", "1", "A?"), question("b", "1", "B?")
        store.record_attempt(attempt_at(tried, 0))
        snapshot_attempted_questions(store, [tried, untried], T0)
        assert store.question_snapshot("a", "1") == dataclasses.replace(tried, tags=())
        assert store.question_snapshot("b", "1") is None


def test_an_old_attempt_shows_the_wording_of_its_version() -> None:
    with Store.open_memory() as store:
        old = question("a", "1", "Old wording?")
        store.record_attempt(attempt_at(old, 0))
        snapshot_attempted_questions(store, [old], T0)
        new = question("a", "2", "New wording?")
        [attempt] = store.attempts_for("a")
        assert question_as_attempted(store, new, attempt).prompt == "Old wording?"
        newer_attempt = store.record_attempt(attempt_at(new, 5))
        assert question_as_attempted(store, new, newer_attempt) is new
        unknown = dataclasses.replace(attempt, pack_version="0.1")
        assert question_as_attempted(store, new, unknown) is new  # no snapshot: today's text


def test_attempts_at_removed_questions_newest_first_with_their_text() -> None:
    with Store.open_memory() as store:
        kept, gone, lost = (
            question("kept", "1", "Kept?"),
            question("gone", "1", "Gone?"),
            question("lost", "1", "Never snapshotted?"),
        )
        for minutes, q in enumerate([kept, gone, lost, gone]):
            store.record_attempt(attempt_at(q, minutes))
        snapshot_attempted_questions(store, [kept, gone], T0)

        past = attempts_at_removed_questions(store, ["kept"])

        assert [(p.attempt.question_id, p.attempt.answer) for p in past] == [
            ("gone", "tried gone at 3"),
            ("lost", "tried lost at 2"),
            ("gone", "tried gone at 1"),
        ]
        assert [p.prompt for p in past] == [
            "Gone?",
            "(text not kept: question lost)",
            "Gone?",
        ]
        assert attempts_at_removed_questions(store, ["kept", "gone", "lost"]) == []
