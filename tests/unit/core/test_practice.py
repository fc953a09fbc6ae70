"""One attempt's domain state: start, peek, draft, submit."""

from __future__ import annotations

import pytest

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.practice import PracticeAttempt
from aipm_desktop.core.questions import Question
from aipm_desktop.core.timer import TimeUpMode


def make_question(time_limit: int | None = 120) -> Question:
    return Question(
        id="q-1",
        number=1,
        prompt="Why?",
        category="Technical Depth",
        level="Intermediate",
        model_answer="Because.",
        key_points=("one", "two", "three"),
        time_limit_seconds=time_limit,
        tags=(),
        pack_id="pack",
        pack_version="1.0.0",
    )


def test_submit_describes_the_attempt() -> None:
    clock = FakeClock()
    started = clock.now()
    attempt = PracticeAttempt.start(make_question(), clock, 300)
    clock.advance(30)
    attempt.timer.pause()
    clock.advance(10)
    attempt.timer.resume()
    clock.advance(100)
    record = attempt.submit("my answer", TimeUpMode.SOFT)
    assert record.question_id == "q-1"
    assert record.pack_id == "pack"
    assert record.pack_version == "1.0.0"
    assert record.started_at == started
    assert (record.ended_at - started).total_seconds() == 140
    assert record.seconds_used == 130
    assert record.time_limit_seconds == 120
    assert record.overtime_seconds == 10
    assert record.pause_count == 1
    assert record.paused_seconds == 10
    assert record.key_points_total == 3
    assert record.revealed_before_submit is False
    assert record.time_up_mode is TimeUpMode.SOFT
    assert attempt.submitted


def test_default_limit_applies_when_the_question_has_none() -> None:
    attempt = PracticeAttempt.start(make_question(time_limit=None), FakeClock(), 240)
    assert attempt.timer.limit_seconds == 240


def test_peek_is_recorded_until_submit() -> None:
    clock = FakeClock()
    attempt = PracticeAttempt.start(make_question(), clock, 300)
    attempt.peek()
    record = attempt.submit("x", TimeUpMode.HARD, auto_submitted=True)
    assert record.revealed_before_submit
    assert record.auto_submitted


def test_draft_round_trip_keeps_the_clock_paused() -> None:
    clock = FakeClock()
    question = make_question()
    attempt = PracticeAttempt.start(question, clock, 300)
    clock.advance(45)
    attempt.peek()
    draft = attempt.to_draft("half an answer")
    assert draft.text == "half an answer"
    assert draft.elapsed_seconds == pytest.approx(45)
    assert draft.revealed_before_submit

    clock.advance(3600)  # the app was closed for an hour
    restored = PracticeAttempt.from_draft(question, clock, draft, 300)
    assert restored.timer.is_paused
    assert restored.timer.elapsed_seconds == pytest.approx(45)
    assert restored.peeked
    assert restored.started_at == attempt.started_at
    restored.timer.resume()
    clock.advance(5)
    assert restored.submit("done", TimeUpMode.SOFT).seconds_used == pytest.approx(50)


def test_a_held_clock_counts_neither_time_nor_a_pause() -> None:
    """Transcribing a spoken answer holds the clock: not answer time, not a pause."""
    from aipm_desktop.core.clock import FakeClock
    from aipm_desktop.core.timer import AnswerTimer

    clock = FakeClock()
    timer = AnswerTimer(clock, 120)
    timer.start()
    clock.advance(10)
    timer.hold()
    assert timer.is_held
    assert not timer.is_running
    assert not timer.is_paused  # the countdown does not say "Paused"
    clock.advance(30)
    timer.pause()  # nothing to pause while held
    timer.release()
    clock.advance(5)
    assert timer.elapsed_seconds == 15
    assert timer.pause_count == 0
    assert timer.paused_seconds == 0
    timer.release()  # not held: nothing happens
    timer.hold()
    timer.stop()
    assert not timer.is_held


def test_the_users_own_time_limit_wins_over_the_packs_and_the_default() -> None:
    from dataclasses import replace

    from aipm_desktop.core.questions import with_own_time_limits

    timed = replace(make_question(240), id="timed")
    untimed = replace(make_question(None), id="untimed")
    assert timed.effective_time_limit(300) == 240
    assert untimed.effective_time_limit(300) == 300
    own = with_own_time_limits([timed, untimed], {"timed": 90, "untimed": 150})
    assert [q.effective_time_limit(300) for q in own] == [90, 150]
    assert [q.time_limit_seconds for q in own] == [240, None]  # the pack's value is kept
    attempt = PracticeAttempt.start(own[0], FakeClock(), 300)
    assert attempt.timer.limit_seconds == 90
    back = with_own_time_limits(own, {})
    assert back == [timed, untimed]
