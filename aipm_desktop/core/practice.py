"""One practice attempt, from start to submit: the loop's domain state."""

from __future__ import annotations

from datetime import datetime

from aipm_desktop.core.clock import Clock
from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import Draft, NewAttempt
from aipm_desktop.core.timer import AnswerTimer, TimeUpMode


class PracticeAttempt:
    """An answer being written against the clock.

    It knows the question, the countdown, whether the user peeked, and turns
    itself into a :class:`Draft` (while typing) or a :class:`NewAttempt` (on
    submit). It never touches storage or widgets.
    """

    def __init__(
        self,
        question: Question,
        clock: Clock,
        *,
        time_limit_seconds: int,
        started_at: datetime,
        timer: AnswerTimer | None = None,
        peeked: bool = False,
    ) -> None:
        self.question = question
        self._clock = clock
        self.started_at = started_at
        self.timer = timer or AnswerTimer(clock, time_limit_seconds)
        self.peeked = peeked
        self.submitted = False

    @classmethod
    def start(cls, question: Question, clock: Clock, default_limit_seconds: int) -> PracticeAttempt:
        """Begin a fresh attempt with a running clock."""
        attempt = cls(
            question,
            clock,
            time_limit_seconds=question.effective_time_limit(default_limit_seconds),
            started_at=clock.now(),
        )
        attempt.timer.start()
        return attempt

    @classmethod
    def from_draft(
        cls, question: Question, clock: Clock, draft: Draft, default_limit_seconds: int
    ) -> PracticeAttempt:
        """Rebuild an interrupted attempt from its draft; the clock stays paused."""
        limit = question.effective_time_limit(default_limit_seconds)
        timer = AnswerTimer(
            clock,
            limit,
            elapsed_seconds=draft.elapsed_seconds,
            pause_count=draft.pause_count,
            paused_seconds=draft.paused_seconds,
        )
        return cls(
            question,
            clock,
            time_limit_seconds=limit,
            started_at=draft.started_at,
            timer=timer,
            peeked=draft.revealed_before_submit,
        )

    def peek(self) -> None:
        """Record that the model answer was shown before submitting."""
        if not self.submitted:
            self.peeked = True

    def to_draft(self, text: str) -> Draft:
        """The attempt as it stands, for saving while typing."""
        return Draft(
            question_id=self.question.id,
            pack_id=self.question.pack_id,
            text=text,
            elapsed_seconds=self.timer.elapsed_seconds,
            started_at=self.started_at,
            updated_at=self._clock.now(),
            revealed_before_submit=self.peeked,
            pause_count=self.timer.pause_count,
            paused_seconds=self.timer.paused_seconds,
        )

    def submit(
        self, answer: str, time_up_mode: TimeUpMode, *, auto_submitted: bool = False
    ) -> NewAttempt:
        """Stop the clock and describe the finished attempt."""
        self.timer.stop()
        self.submitted = True
        return NewAttempt(
            question_id=self.question.id,
            pack_id=self.question.pack_id,
            pack_version=self.question.pack_version,
            started_at=self.started_at,
            ended_at=self._clock.now(),
            seconds_used=round(self.timer.elapsed_seconds, 3),
            time_limit_seconds=self.timer.limit_seconds,
            overtime_seconds=round(self.timer.overtime_seconds, 3),
            answer=answer,
            revealed_before_submit=self.peeked,
            key_points_total=len(self.question.key_points),
            time_up_mode=time_up_mode,
            pause_count=self.timer.pause_count,
            paused_seconds=round(self.timer.paused_seconds, 3),
            auto_submitted=auto_submitted,
        )
