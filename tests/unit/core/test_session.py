"""The mock-interview state machine: phases, clocks, pauses, skips and snapshots."""

from __future__ import annotations

import json

import pytest

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.questions import Question
from aipm_desktop.core.session import (
    MockSession,
    Outcome,
    Phase,
    SessionError,
    TickEvent,
)
from aipm_desktop.core.session_settings import RevealPolicy, SelectionKind, SessionSettings
from aipm_desktop.core.timer import TimeUpMode


def make_question(n: int, limit: int | None = 60) -> Question:
    return Question(
        id=f"q-{n}",
        number=n,
        prompt=f"Question {n}?",
        category="Technical Depth" if n % 2 else "Strategy",
        level="Intermediate",
        model_answer="Because.",
        key_points=("one", "two", "three"),
        time_limit_seconds=limit,
        tags=(),
        pack_id="pack",
        pack_version="1.0.0",
    )


QUESTIONS = [make_question(1), make_question(2, limit=None), make_question(3, limit=90)]


def make_session(clock: FakeClock, **settings: object) -> MockSession:
    session = MockSession(
        clock,
        SessionSettings(**settings),  # type: ignore[arg-type]
        QUESTIONS,
        default_limit_seconds=120,
        session_id=7,
    )
    session.start()
    return session


def answer(session: MockSession, text: str, attempt_id: int, *, auto: bool = False) -> None:
    record = session.submit(text, auto=auto)
    assert record.session_id == 7
    session.mark_recorded(attempt_id)


def test_limits_come_from_the_questions_or_a_fixed_time() -> None:
    clock = FakeClock()
    own = make_session(clock)
    assert [i.limit_seconds for i in own.items] == [60, 120, 90]
    fixed = make_session(clock, fixed_seconds=45)
    assert [i.limit_seconds for i in fixed.items] == [45, 45, 45]


def test_answers_reveals_and_moves_on() -> None:
    clock = FakeClock()
    session = make_session(clock, reveal=RevealPolicy.AFTER_EACH)
    assert (session.phase, session.position, session.total) == (Phase.ANSWERING, 1, 3)
    assert not session.reveal_allowed
    clock.advance(40)
    record = session.submit("first")
    assert record.seconds_used == 40
    assert record.time_limit_seconds == 60
    assert record.overtime_seconds == 0
    session.mark_recorded(11)
    assert session.phase == Phase.REVIEWING
    assert session.reveal_allowed
    clock.advance(500)  # reviewing is not interview time
    assert session.overall_seconds == 40
    session.next()
    assert (session.phase, session.position) == (Phase.ANSWERING, 2)
    assert session.items[0].outcome == Outcome.ANSWERED
    assert session.items[0].attempt_id == 11


def test_hard_mode_reports_time_up_and_moves_on_at_the_end_policy() -> None:
    clock = FakeClock()
    session = make_session(clock, time_up_mode=TimeUpMode.HARD, reveal=RevealPolicy.AT_END)
    clock.advance(59)
    assert session.tick() == TickEvent.NONE
    clock.advance(1)
    assert session.tick() == TickEvent.TIME_UP
    record = session.submit("cut off", auto=True)
    assert record.auto_submitted
    assert record.seconds_used == 60
    session.mark_recorded(1)
    assert (session.phase, session.position) == (Phase.ANSWERING, 2)


def test_soft_mode_counts_overtime_and_never_forces_a_submit() -> None:
    clock = FakeClock()
    session = make_session(clock, time_up_mode=TimeUpMode.SOFT)
    clock.advance(75)
    assert session.tick() == TickEvent.NONE
    record = session.submit("long")
    assert record.seconds_used == 75
    assert record.overtime_seconds == 15
    assert not record.auto_submitted


def test_think_time_runs_before_the_answer_clock() -> None:
    clock = FakeClock()
    session = make_session(clock, think_seconds=20)
    assert session.phase == Phase.THINKING
    assert session.timer is None
    clock.advance(15)
    assert session.think_remaining == 5
    assert session.tick() == TickEvent.NONE
    clock.advance(7)  # 2 s past the think time count as answer time
    assert session.tick() == TickEvent.ANSWER_STARTED
    assert session.phase == Phase.ANSWERING
    assert session.timer is not None
    assert session.timer.elapsed_seconds == 2
    clock.advance(10)
    record = session.submit("x")
    assert record.seconds_used == 12
    assert session.item.think_seconds_used == 20
    assert session.overall_seconds == 32


def test_thinking_can_end_early() -> None:
    clock = FakeClock()
    session = make_session(clock, think_seconds=30)
    clock.advance(5)
    session.start_answer()
    assert session.phase == Phase.ANSWERING
    clock.advance(10)
    assert session.submit("x").seconds_used == 10


def test_pause_stops_every_clock_and_is_counted() -> None:
    clock = FakeClock()
    session = make_session(clock, budget_seconds=600)
    clock.advance(10)
    session.pause()
    assert not session.is_running
    clock.advance(100)
    assert session.tick() == TickEvent.NONE
    assert session.overall_seconds == 10
    assert session.budget_remaining == 590
    session.resume()
    clock.advance(5)
    session.pause()
    clock.advance(20)
    session.resume()
    record = session.submit("x")
    assert record.seconds_used == 15
    assert record.pause_count == 2
    assert record.paused_seconds == 120
    assert session.pause_count == 2
    assert session.paused_seconds == 120


def test_pause_during_think_time_holds_the_think_clock() -> None:
    clock = FakeClock()
    session = make_session(clock, think_seconds=30)
    clock.advance(10)
    session.pause()
    clock.advance(60)
    session.resume()
    assert session.think_remaining == 20


def test_skip_and_end_early_are_recorded() -> None:
    clock = FakeClock()
    session = make_session(clock, reveal=RevealPolicy.AT_END)
    session.set_answer("half a thought")
    clock.advance(12)
    session.skip()
    assert session.items[0].outcome == Outcome.SKIPPED
    assert session.items[0].answer == "half a thought"
    assert session.items[0].seconds_used == 12
    assert session.position == 2
    clock.advance(3)
    session.end()
    assert session.is_finished
    assert session.ended_early
    assert [i.outcome for i in session.items] == [
        Outcome.SKIPPED,
        Outcome.SKIPPED,
        Outcome.NOT_REACHED,
    ]
    assert session.ended_at == clock.now()


def test_finishing_the_last_question_is_not_early() -> None:
    clock = FakeClock()
    session = make_session(clock, reveal=RevealPolicy.AT_END)
    for n in range(3):
        answer(session, f"a{n}", n + 1)
    assert session.is_finished
    assert not session.ended_early


def test_budget_is_reported_once() -> None:
    clock = FakeClock()
    session = make_session(clock, budget_seconds=100)
    clock.advance(100)
    assert session.tick() == TickEvent.BUDGET_UP
    assert session.tick() == TickEvent.NONE
    session.end(budget=True)
    assert session.budget_ran_out
    assert session.ended_early


def test_peek_is_recorded_on_the_attempt() -> None:
    clock = FakeClock()
    session = make_session(clock)
    session.peek()
    assert session.submit("x").revealed_before_submit


def test_actions_out_of_turn_are_refused() -> None:
    clock = FakeClock()
    session = make_session(clock)
    with pytest.raises(SessionError):
        session.next()
    with pytest.raises(SessionError):
        session.start_answer()
    with pytest.raises(SessionError):
        session.start()
    with pytest.raises(SessionError):
        MockSession(clock, SessionSettings(), [], default_limit_seconds=60)


def test_snapshot_round_trip_resumes_the_clocks_where_they_were() -> None:
    clock = FakeClock()
    session = make_session(clock, think_seconds=10, budget_seconds=900, reveal=RevealPolicy.AT_END)
    clock.advance(10)
    session.tick()
    clock.advance(30)
    answer(session, "first", 5)
    clock.advance(4)
    session.tick()
    session.start_answer()
    clock.advance(25)
    session.pause()
    clock.advance(8)
    session.resume()
    clock.advance(5)
    session.set_answer("second, in progress")
    data = json.loads(json.dumps(session.to_dict()))  # must survive JSON

    clock.advance(3600)  # the app was dead for an hour
    restored = MockSession.from_dict(data, clock, {q.id: q for q in QUESTIONS}, session_id=7)
    assert restored.paused
    assert restored.position == 2
    assert restored.phase == Phase.ANSWERING
    assert restored.item.answer == "second, in progress"
    assert restored.items[0].attempt_id == 5
    assert restored.overall_seconds == 10 + 30 + 4 + 30
    assert restored.timer is not None
    assert restored.timer.elapsed_seconds == 30
    assert restored.pause_count == 1
    assert restored.paused_seconds == 8
    assert restored.settings.budget_seconds == 900

    restored.resume()
    clock.advance(10)
    record = restored.submit("second, done")
    assert record.seconds_used == 40
    assert record.session_id == 7


def test_a_broken_snapshot_or_missing_question_is_a_session_error() -> None:
    clock = FakeClock()
    session = make_session(clock)
    data = session.to_dict()
    with pytest.raises(SessionError, match="no longer in any pack"):
        MockSession.from_dict(data, clock, {"q-1": QUESTIONS[0]})
    with pytest.raises(SessionError):
        MockSession.from_dict({**data, "items": "nonsense"}, clock, {q.id: q for q in QUESTIONS})
    with pytest.raises(SessionError, match="version"):
        MockSession.from_dict({**data, "version": 99}, clock, {q.id: q for q in QUESTIONS})


def test_settings_round_trip_and_validation() -> None:
    settings = SessionSettings(
        selection=SelectionKind.HAND_PICKED,
        hand_picked=("a", "b"),
        shuffle=True,
        fixed_seconds=90,
        think_seconds=15,
        budget_seconds=1200,
        time_up_mode=TimeUpMode.HARD,
        reveal=RevealPolicy.AT_END,
        seed=42,
    )
    assert SessionSettings.from_dict(json.loads(json.dumps(settings.to_dict()))) == settings
    described = dict(settings.describe())
    assert described["Questions"] == "Hand-picked (2)"
    assert described["Think time"] == "0:15"
    assert described["Overall budget"] == "20:00"
    with pytest.raises(ValueError, match="count"):
        SessionSettings(count=0)
    with pytest.raises(ValueError, match="budget"):
        SessionSettings(budget_seconds=0)
