"""What the store keeps: attempts, drafts and per-question summaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aipm_desktop.core.rating import Rating, coverage_label
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.transcript import Transcript
from aipm_desktop.core.timer import TimeUpMode


@dataclass(frozen=True)
class NewAttempt:
    """A submitted answer, before it has an id in the store."""

    question_id: str
    pack_id: str
    pack_version: str
    started_at: datetime
    ended_at: datetime
    seconds_used: float
    time_limit_seconds: int
    overtime_seconds: float
    answer: str
    revealed_before_submit: bool
    """True when the user peeked at the model answer before submitting."""
    key_points_total: int
    time_up_mode: TimeUpMode
    pause_count: int = 0
    paused_seconds: float = 0.0
    auto_submitted: bool = False
    """True when a hard time limit submitted the answer."""
    session_id: int | None = None
    """The mock-interview session the attempt was part of, if any."""
    answer_mode: AnswerMode = AnswerMode.TYPE
    """Typed, or spoken (then ``answer`` is the user's corrected text)."""
    transcript: Transcript | None = None
    """A spoken answer's transcript as it was transcribed, before any correction."""
    audio_file: str | None = None
    """A spoken answer's recording, relative to the data folder (None once deleted)."""


@dataclass(frozen=True)
class Attempt(NewAttempt):
    """A stored attempt, with the self-assessment made after submitting."""

    id: int = 0
    key_points_ticked: tuple[str, ...] = ()
    rating: Rating | None = None
    rated_at: datetime | None = None
    unreadable: tuple[str, ...] = ()
    """The fields whose stored value could not be read (shown as a stand-in)."""

    @property
    def coverage(self) -> str:
        """Key-point coverage as "ticked/total" ("Unreadable" for a bad stored value)."""
        return coverage_label(len(self.key_points_ticked), self.key_points_total, self.unreadable)


@dataclass(frozen=True)
class Draft:
    """An answer in progress, saved while typing so nothing is lost."""

    question_id: str
    pack_id: str
    text: str
    elapsed_seconds: float
    started_at: datetime
    updated_at: datetime
    revealed_before_submit: bool = False
    pause_count: int = 0
    paused_seconds: float = 0.0


@dataclass(frozen=True)
class QuestionStats:
    """What the question list shows per question."""

    attempt_count: int
    last_rating: Rating | None
    last_attempt_at: datetime | None


@dataclass(frozen=True)
class RatingResult:
    """A rated attempt, with when its question is due now (None: not scheduled)."""

    attempt: Attempt
    due: datetime | None
