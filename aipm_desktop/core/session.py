"""A mock-interview session: several questions in a row against the clock.

`MockSession` is a pure state machine over an injected monotonic clock. It never
schedules anything: the UI calls `tick` a few times a second and acts on what
it returns. The whole state serialises to a plain dict (`to_dict`) holding
elapsed seconds, never wall times, so a killed session resumes with its clocks
where they were (`from_dict`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from aipm_desktop.core.clock import Clock, Stopwatch
from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.session_settings import RevealPolicy, SessionSettings
from aipm_desktop.core.timer import AnswerTimer, TimeUpMode

SNAPSHOT_VERSION = 1


class Phase(StrEnum):
    """Where the session is."""

    THINKING = "thinking"
    """Reading the question; the think countdown runs, the answer clock does not."""
    ANSWERING = "answering"
    REVIEWING = "reviewing"
    """Submitted; the model answer is shown (reveal after each question)."""
    FINISHED = "finished"


class Outcome(StrEnum):
    """What became of one question of the session."""

    PENDING = "pending"
    ANSWERED = "answered"
    SKIPPED = "skipped"
    NOT_REACHED = "not_reached"
    """The session ended before this question."""


class TickEvent(StrEnum):
    """What `MockSession.tick` noticed."""

    NONE = "none"
    ANSWER_STARTED = "answer_started"
    """Think time ran out; the answer clock is now running."""
    TIME_UP = "time_up"
    """Hard mode: the question's time is up; submit the answer now."""
    BUDGET_UP = "budget_up"
    """The overall budget ran out (reported once). In hard mode, end the session."""


class SessionError(Exception):
    """An action that does not fit the session's state, or a broken snapshot."""


@dataclass
class SessionItem:
    """One question of a session and what happened to it."""

    question_id: str
    limit_seconds: int
    outcome: Outcome = Outcome.PENDING
    answer: str = ""
    think_seconds_used: float = 0.0
    seconds_used: float = 0.0
    overtime_seconds: float = 0.0
    pause_count: int = 0
    paused_seconds: float = 0.0
    peeked: bool = False
    auto_submitted: bool = False
    attempt_id: int | None = None
    started_at: datetime | None = None
    """When the answer clock first started (wall time, for the attempt record)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "limit_seconds": self.limit_seconds,
            "outcome": self.outcome.value,
            "answer": self.answer,
            "think_seconds_used": self.think_seconds_used,
            "seconds_used": self.seconds_used,
            "overtime_seconds": self.overtime_seconds,
            "pause_count": self.pause_count,
            "paused_seconds": self.paused_seconds,
            "peeked": self.peeked,
            "auto_submitted": self.auto_submitted,
            "attempt_id": self.attempt_id,
            "started_at": None if self.started_at is None else self.started_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SessionItem:
        started = data.get("started_at")
        attempt_id = data.get("attempt_id")
        return cls(
            question_id=str(data["question_id"]),
            limit_seconds=int(data["limit_seconds"]),
            outcome=Outcome(data["outcome"]),
            answer=str(data.get("answer", "")),
            think_seconds_used=float(data.get("think_seconds_used", 0.0)),
            seconds_used=float(data.get("seconds_used", 0.0)),
            overtime_seconds=float(data.get("overtime_seconds", 0.0)),
            pause_count=int(data.get("pause_count", 0)),
            paused_seconds=float(data.get("paused_seconds", 0.0)),
            peeked=bool(data.get("peeked", False)),
            auto_submitted=bool(data.get("auto_submitted", False)),
            attempt_id=None if attempt_id is None else int(attempt_id),
            started_at=None if started is None else datetime.fromisoformat(str(started)),
        )


class MockSession:
    """The running session: questions, phases, clocks, pauses, skips and peeks."""

    def __init__(
        self,
        clock: Clock,
        settings: SessionSettings,
        questions: Sequence[Question],
        *,
        default_limit_seconds: int,
        session_id: int | None = None,
    ) -> None:
        if not questions:
            raise SessionError("A session needs at least one question.")
        self._clock = clock
        self.settings = settings
        self.session_id = session_id
        self.questions: tuple[Question, ...] = tuple(questions)
        self.items = [
            SessionItem(
                question_id=q.id,
                limit_seconds=settings.fixed_seconds
                or q.effective_time_limit(default_limit_seconds),
            )
            for q in questions
        ]
        self.index = 0
        self.phase: Phase | None = None
        """None until `start`."""
        self.paused = False
        self.pause_count = 0
        self.ended_early = False
        self.budget_ran_out = False
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.timer: AnswerTimer | None = None
        """The current question's answer clock (answering and reviewing only)."""
        self._overall = Stopwatch(clock)
        self._think = Stopwatch(clock)
        self._paused_watch = Stopwatch(clock)
        self._budget_reported = False

    # ------------------------------------------------------------------
    # readings
    # ------------------------------------------------------------------
    @property
    def total(self) -> int:
        """How many questions the session has."""
        return len(self.items)

    @property
    def position(self) -> int:
        """The current question, counting from 1."""
        return self.index + 1

    @property
    def question(self) -> Question:
        """The current question."""
        return self.questions[self.index]

    @property
    def item(self) -> SessionItem:
        """The current question's record."""
        return self.items[self.index]

    @property
    def is_finished(self) -> bool:
        return self.phase == Phase.FINISHED

    @property
    def is_answering(self) -> bool:
        """True while the current question's answer can be typed or submitted."""
        return self.phase == Phase.ANSWERING

    @property
    def is_running(self) -> bool:
        """True while a clock runs: thinking or answering, not paused."""
        return self.phase in (Phase.THINKING, Phase.ANSWERING) and not self.paused

    @property
    def overall_seconds(self) -> float:
        """Interview time so far: thinking and answering, pauses and reviews excluded."""
        return self._overall.elapsed

    @property
    def budget_remaining(self) -> float | None:
        """Seconds left of the overall budget (negative past it), or None without one."""
        budget = self.settings.budget_seconds
        return None if budget is None else budget - self._overall.elapsed

    @property
    def think_remaining(self) -> float:
        """Seconds of think time left for the current question."""
        return max(0.0, self.settings.think_seconds - self._think.elapsed)

    @property
    def paused_seconds(self) -> float:
        """Total time spent paused."""
        return self._paused_watch.elapsed

    @property
    def reveal_allowed(self) -> bool:
        """May the current model answer be shown without it counting as a peek?"""
        return self.phase == Phase.REVIEWING

    # ------------------------------------------------------------------
    # state changes
    # ------------------------------------------------------------------
    def start(self) -> None:
        """Begin with the first question."""
        if self.phase is not None:
            raise SessionError("The session has already started.")
        self.started_at = self._clock.now()
        self._begin_question()

    def start_answer(self) -> None:
        """End think time early and start the answer clock."""
        self._require(Phase.THINKING)
        self._resume_if_paused()
        self._think.stop()
        self._begin_answer(0.0)

    def pause(self) -> None:
        """Stop every clock. Pauses are counted and timed."""
        if self.paused or self.phase not in (Phase.THINKING, Phase.ANSWERING):
            return
        self.paused = True
        self.pause_count += 1
        self._overall.stop()
        self._think.stop()
        if self.timer is not None:
            self.timer.pause()
        self._paused_watch.start()

    def resume(self) -> None:
        """Start the clocks again after a pause."""
        if not self.paused:
            return
        self.paused = False
        self._paused_watch.stop()
        if self.phase in (Phase.THINKING, Phase.ANSWERING):
            self._overall.start()
        if self.phase == Phase.THINKING:
            self._think.start()
        elif self.phase == Phase.ANSWERING and self.timer is not None:
            self.timer.resume()

    def set_answer(self, text: str) -> None:
        """Keep the answer typed so far (it goes into snapshots)."""
        if self.phase in (Phase.THINKING, Phase.ANSWERING):
            self.item.answer = text

    def peek(self) -> None:
        """Record that the model answer was shown before submitting."""
        self._require(Phase.ANSWERING)
        self.item.peeked = True

    def tick(self) -> TickEvent:
        """Check the clocks; call it often. Returns what needs doing."""
        if not self.is_running:
            return TickEvent.NONE
        remaining = self.budget_remaining
        if remaining is not None and remaining <= 0 and not self._budget_reported:
            self._budget_reported = True
            return TickEvent.BUDGET_UP
        if self.phase == Phase.THINKING:
            over = self._think.elapsed - self.settings.think_seconds
            if over >= 0:
                self._think.stop()
                self._begin_answer(over)
                return TickEvent.ANSWER_STARTED
        elif self.phase == Phase.ANSWERING and self.timer is not None:
            hard = self.settings.time_up_mode == TimeUpMode.HARD
            if hard and self.timer.is_running and self.timer.is_expired:
                return TickEvent.TIME_UP
        return TickEvent.NONE

    def submit(self, answer: str, *, auto: bool = False) -> NewAttempt:
        """Stop the answer clock and describe the attempt to store.

        The session moves on only after `mark_recorded`, so a failed write
        loses nothing: submit again to retry.
        """
        self._require(Phase.ANSWERING)
        timer = self._timer()
        self._resume_if_paused()
        timer.stop()
        self._overall.stop()
        item = self.item
        item.answer = answer
        item.auto_submitted = auto
        self._record_times(item)
        question = self.question
        assert item.started_at is not None
        return NewAttempt(
            question_id=question.id,
            pack_id=question.pack_id,
            pack_version=question.pack_version,
            started_at=item.started_at,
            ended_at=self._clock.now(),
            seconds_used=round(item.seconds_used, 3),
            time_limit_seconds=item.limit_seconds,
            overtime_seconds=round(item.overtime_seconds, 3),
            answer=answer,
            revealed_before_submit=item.peeked,
            key_points_total=len(question.key_points),
            time_up_mode=self.settings.time_up_mode,
            pause_count=item.pause_count,
            paused_seconds=round(item.paused_seconds, 3),
            auto_submitted=auto,
            session_id=self.session_id,
        )

    def mark_recorded(self, attempt_id: int, *, advance: bool = True) -> None:
        """The submitted answer is stored: review it or move on.

        With ``advance=False`` the session stays put (to `end` it next).
        """
        self._require(Phase.ANSWERING)
        self.item.attempt_id = attempt_id
        self.item.outcome = Outcome.ANSWERED
        self.timer = None
        if not advance:
            return
        if self.settings.reveal == RevealPolicy.AFTER_EACH:
            self.phase = Phase.REVIEWING
        else:
            self._next_or_finish()

    def skip(self) -> None:
        """Leave the current question unanswered and move on."""
        if self.phase not in (Phase.THINKING, Phase.ANSWERING):
            raise SessionError("Only a question being read or answered can be skipped.")
        self._resume_if_paused()
        self._stop_clocks()
        self._record_times(self.item)
        self.item.outcome = Outcome.SKIPPED
        self.timer = None
        self._next_or_finish()

    def next(self) -> None:
        """From the review of one question, go on to the next (or finish)."""
        self._require(Phase.REVIEWING)
        self._next_or_finish()

    def end(self, *, budget: bool = False) -> None:
        """End the session now: the current question counts as skipped, the rest not reached.

        Submit a typed answer first if it should be kept as an attempt.
        """
        if self.phase is None or self.phase == Phase.FINISHED:
            return
        self._resume_if_paused()
        self._stop_clocks()
        if self.phase in (Phase.THINKING, Phase.ANSWERING) and self.item.outcome == Outcome.PENDING:
            self._record_times(self.item)
            self.item.outcome = Outcome.SKIPPED
        for item in self.items[self.index + 1 :]:
            item.outcome = Outcome.NOT_REACHED
        self.ended_early = self.index < len(self.items) - 1 or self.phase != Phase.REVIEWING
        self.budget_ran_out = budget
        self._finish()

    # ------------------------------------------------------------------
    # snapshots
    # ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The whole state as a JSON-ready dict: elapsed seconds, never wall times."""
        timer = self.timer
        return {
            "version": SNAPSHOT_VERSION,
            "settings": self.settings.to_dict(),
            "items": [item.to_dict() for item in self.items],
            "index": self.index,
            "phase": None if self.phase is None else self.phase.value,
            "paused": self.paused,
            "pause_count": self.pause_count,
            "paused_seconds": self.paused_seconds,
            "overall_seconds": self.overall_seconds,
            "think_elapsed": self._think.elapsed,
            "timer": None
            if timer is None
            else {
                "elapsed": timer.elapsed_seconds,
                "pause_count": timer.pause_count,
                "paused_seconds": timer.paused_seconds,
            },
            "ended_early": self.ended_early,
            "budget_ran_out": self.budget_ran_out,
            "budget_reported": self._budget_reported,
            "started_at": None if self.started_at is None else self.started_at.isoformat(),
            "ended_at": None if self.ended_at is None else self.ended_at.isoformat(),
        }

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        clock: Clock,
        questions: Mapping[str, Question],
        *,
        session_id: int | None = None,
    ) -> MockSession:
        """Rebuild a session from `to_dict`. An unfinished one comes back paused.

        Raises `SessionError` if the snapshot is unreadable or a question is gone.
        """
        try:
            if data.get("version") != SNAPSHOT_VERSION:
                raise SessionError(f"unknown snapshot version {data.get('version')!r}")
            settings = SessionSettings.from_dict(data["settings"])
            items = [SessionItem.from_dict(raw) for raw in data["items"]]
            missing = [item.question_id for item in items if item.question_id not in questions]
            if missing:
                raise SessionError(
                    "these questions are no longer in any pack: " + ", ".join(missing)
                )
            session = cls(
                clock,
                settings,
                [questions[item.question_id] for item in items],
                default_limit_seconds=items[0].limit_seconds,
                session_id=session_id,
            )
            session.items = items
            session.index = int(data["index"])
            if not 0 <= session.index < len(items):
                raise SessionError(f"question index {session.index} out of range")
            phase = data.get("phase")
            session.phase = None if phase is None else Phase(phase)
            session.pause_count = int(data.get("pause_count", 0))
            session._paused_watch = Stopwatch(clock, float(data.get("paused_seconds", 0.0)))
            session._overall = Stopwatch(clock, float(data.get("overall_seconds", 0.0)))
            session._think = Stopwatch(clock, float(data.get("think_elapsed", 0.0)))
            raw_timer = data.get("timer")
            if raw_timer is not None:
                session.timer = AnswerTimer(
                    clock,
                    session.item.limit_seconds,
                    elapsed_seconds=float(raw_timer["elapsed"]),
                    pause_count=int(raw_timer.get("pause_count", 0)),
                    paused_seconds=float(raw_timer.get("paused_seconds", 0.0)),
                )
            session.ended_early = bool(data.get("ended_early", False))
            session.budget_ran_out = bool(data.get("budget_ran_out", False))
            session._budget_reported = bool(data.get("budget_reported", False))
            started, ended = data.get("started_at"), data.get("ended_at")
            session.started_at = None if started is None else datetime.fromisoformat(started)
            session.ended_at = None if ended is None else datetime.fromisoformat(ended)
        except SessionError:
            raise
        except (AttributeError, IndexError, KeyError, TypeError, ValueError) as error:
            raise SessionError(f"the saved session could not be read ({error!r})") from error
        if session.phase in (Phase.THINKING, Phase.ANSWERING):
            # Clocks stay stopped until the user resumes; the time away is not counted.
            session.paused = True
            if bool(data.get("paused", False)):
                session._paused_watch.start()
        return session

    # ------------------------------------------------------------------
    # internals
    # ------------------------------------------------------------------
    def _require(self, phase: Phase) -> None:
        if self.phase != phase:
            raise SessionError(f"not possible while {self.phase or 'not started'}")

    def _timer(self) -> AnswerTimer:
        if self.timer is None:
            raise SessionError("no answer clock")
        return self.timer

    def _resume_if_paused(self) -> None:
        if self.paused:
            self.paused = False
            self._paused_watch.stop()

    def _stop_clocks(self) -> None:
        self._overall.stop()
        self._think.stop()
        if self.timer is not None:
            self.timer.stop()

    def _record_times(self, item: SessionItem) -> None:
        # Time past the think limit was counted as answer time.
        item.think_seconds_used = min(self._think.elapsed, float(self.settings.think_seconds))
        if self.timer is not None:
            self.timer.stop()
            item.seconds_used = self.timer.elapsed_seconds
            item.overtime_seconds = self.timer.overtime_seconds
            item.pause_count = self.timer.pause_count
            item.paused_seconds = self.timer.paused_seconds

    def _begin_question(self) -> None:
        self._think = Stopwatch(self._clock)
        self.timer = None
        self._overall.start()
        if self.settings.think_seconds > 0:
            self.phase = Phase.THINKING
            self._think.start()
        else:
            self._begin_answer(0.0)

    def _begin_answer(self, head_start: float) -> None:
        """Start the answer clock; ``head_start`` is time already past the think limit."""
        self.phase = Phase.ANSWERING
        item = self.item
        if item.started_at is None:
            item.started_at = self._clock.now()
        self.timer = AnswerTimer(self._clock, item.limit_seconds, elapsed_seconds=head_start)
        self.timer.start()
        self._overall.start()

    def _next_or_finish(self) -> None:
        if self.index + 1 < len(self.items):
            self.index += 1
            self._begin_question()
        else:
            self._finish()

    def _finish(self) -> None:
        self._stop_clocks()
        self.timer = None
        self.phase = Phase.FINISHED
        self.paused = False
        self.ended_at = self._clock.now()


class SessionStatus(StrEnum):
    """A stored session's state."""

    RUNNING = "running"
    """Not finished: offered for resuming at the next start."""
    FINISHED = "finished"
    ABANDONED = "abandoned"
    """The user declined to resume it."""


@dataclass(frozen=True)
class SessionRecord:
    """A session as the store keeps it."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    settings: Mapping[str, Any]
    pause_count: int
    paused_seconds: float
    state: Mapping[str, Any]
    """The `MockSession.to_dict` snapshot, from which it can be resumed."""
