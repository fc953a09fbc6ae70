"""The answer being written, as the one practice loop sees it, in free practice or a session.

Free practice answers a :class:`PracticeAttempt`; a mock session answers the current
question of a :class:`MockSession`. Both give the loop the same few things: the answer
clock, pausing, peeking, submitting, and the time-up rule. The loop (the UI's practice
controller) does everything else the same way for both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from aipm_desktop.core.practice import PracticeAttempt
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.session import MockSession, Phase
from aipm_desktop.core.timer import AnswerTimer, TimeUpMode

MAX_ANSWER_CHARS = 200_000
"""The longest answer that is stored (about 30,000 words). A longer one stays in the
editor, never cut: submitting is refused until it is trimmed; a draft keeps the first
``MAX_ANSWER_CHARS`` characters."""


def answer_over_cap(length: int) -> str | None:
    """What to tell the user about an answer of ``length`` characters, if it is too long."""
    if length <= MAX_ANSWER_CHARS:
        return None
    return (
        f"Your answer is {length:,} characters, over the limit of {MAX_ANSWER_CHARS:,}. "
        f"Remove {length - MAX_ANSWER_CHARS:,} characters to submit it; nothing is cut "
        "meanwhile (a draft keeps the first "
        f"{MAX_ANSWER_CHARS:,})."
    )


class AnswerFlow(Protocol):
    """One answer against the clock, from start to a stored attempt."""

    @property
    def timer(self) -> AnswerTimer | None:
        """The answer clock; None while there is none yet (a session's think time)."""

    @property
    def is_running(self) -> bool:
        """True while the clocks run (typing is allowed once the answer clock runs)."""

    @property
    def peeked(self) -> bool:
        """True once the model answer was shown before submitting."""

    @property
    def time_up_mode(self) -> TimeUpMode:
        """Soft (keep typing) or hard (submit at zero)."""

    def pause(self) -> None:
        """Stop the clocks; the pause is counted."""

    def resume(self) -> None:
        """Run the clocks again."""

    def peek(self) -> None:
        """Record that the model answer was shown before submitting."""

    def submit(self, answer: str, *, auto: bool) -> NewAttempt:
        """Stop the answer clock and describe the attempt to store."""

    def submit_failed(self) -> None:
        """The attempt could not be stored: stay open, so Submit retries."""


class FreeAnswer:
    """Free practice: a :class:`PracticeAttempt` under the user's time-up setting."""

    def __init__(self, attempt: PracticeAttempt, time_up_mode: Callable[[], TimeUpMode]) -> None:
        self.attempt = attempt
        self._time_up_mode = time_up_mode

    @property
    def timer(self) -> AnswerTimer | None:
        return self.attempt.timer

    @property
    def is_running(self) -> bool:
        return self.attempt.timer.is_running

    @property
    def peeked(self) -> bool:
        return self.attempt.peeked

    @property
    def time_up_mode(self) -> TimeUpMode:
        return self._time_up_mode()

    def pause(self) -> None:
        self.attempt.timer.pause()

    def resume(self) -> None:
        self.attempt.timer.resume()

    def peek(self) -> None:
        self.attempt.peek()

    def submit(self, answer: str, *, auto: bool) -> NewAttempt:
        return self.attempt.submit(answer, self.time_up_mode, auto_submitted=auto)

    def submit_failed(self) -> None:
        self.attempt.submitted = False


class SessionAnswer:
    """A mock session's current question; pausing stops every clock of the session."""

    def __init__(self, session: MockSession) -> None:
        self.session = session

    @property
    def timer(self) -> AnswerTimer | None:
        return self.session.timer if self.session.phase == Phase.ANSWERING else None

    @property
    def is_running(self) -> bool:
        return self.session.is_running

    @property
    def peeked(self) -> bool:
        return self.session.item.peeked

    @property
    def time_up_mode(self) -> TimeUpMode:
        return self.session.settings.time_up_mode

    def pause(self) -> None:
        self.session.pause()

    def resume(self) -> None:
        self.session.resume()

    def peek(self) -> None:
        self.session.peek()

    def submit(self, answer: str, *, auto: bool) -> NewAttempt:
        return self.session.submit(answer, auto=auto)

    def submit_failed(self) -> None:
        """The session stays in its answering phase with the clock stopped."""
