"""The end-of-session summary: a row per question, totals, and earlier sessions compared."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.session import MockSession, Outcome, SessionError, SessionItem
from aipm_desktop.core.session_settings import SessionSettings
from aipm_desktop.core.timer import (
    format_clock,
    format_elapsed,
    format_overtime,
    whole_overtime_seconds,
)

OUTCOME_LABELS = {
    Outcome.PENDING: "Not finished",
    Outcome.ANSWERED: "Answered",
    Outcome.SKIPPED: "Skipped",
    Outcome.NOT_REACHED: "Not reached",
}


@dataclass(frozen=True)
class SummaryRow:
    """One question of the session, with its stored attempt if it was answered."""

    position: int
    question: Question
    item: SessionItem
    attempt: Attempt | None

    @property
    def outcome(self) -> Outcome:
        return self.item.outcome

    @property
    def answer(self) -> str:
        return self.attempt.answer if self.attempt else self.item.answer

    @property
    def rating(self) -> Rating | None:
        return self.attempt.rating if self.attempt else None

    @property
    def ticked(self) -> tuple[str, ...]:
        return self.attempt.key_points_ticked if self.attempt else ()

    @property
    def covered(self) -> list[str]:
        """Key points ticked, in rubric order."""
        ticked = set(self.ticked)
        return [p for p in self.question.key_points if p in ticked]

    @property
    def missed(self) -> list[str]:
        """Key points not ticked, in rubric order."""
        ticked = set(self.ticked)
        return [p for p in self.question.key_points if p not in ticked]

    @property
    def coverage_text(self) -> str:
        """E.g. "2/5"; a dash for a question without an attempt."""
        if self.attempt is None:
            return "–"
        return f"{len(self.covered)}/{len(self.question.key_points)}"

    @property
    def time_text(self) -> str:
        """E.g. "3:12 of 5:00"; time used against the limit."""
        return (
            f"{format_elapsed(self.item.seconds_used)} of {format_clock(self.item.limit_seconds)}"
        )

    @property
    def overtime_text(self) -> str:
        """E.g. "+0:40", or "" when within the limit."""
        return format_overtime(self.item.overtime_seconds)


@dataclass(frozen=True)
class SessionTotals:
    """Totals of one session."""

    questions: int
    answered: int
    skipped: int
    not_reached: int
    seconds_used: float
    """Answer time over all questions, pauses excluded."""
    overtime_seconds: float
    """Sum of each answer's whole seconds over its limit (see ``whole_overtime_seconds``)."""
    overall_seconds: float
    """Interview time: thinking and answering."""
    key_points_ticked: int
    key_points_total: int
    """Over the answered questions you assessed (ticked or rated)."""
    ratings: tuple[Rating, ...]
    pause_count: int
    paused_seconds: float
    peeks: int

    @property
    def coverage(self) -> float | None:
        """Share of the answered questions' key points ticked, or None."""
        return self.key_points_ticked / self.key_points_total if self.key_points_total else None

    @property
    def mean_rating(self) -> float | None:
        return sum(int(r) for r in self.ratings) / len(self.ratings) if self.ratings else None

    @property
    def seconds_per_answer(self) -> float | None:
        """Mean answer time of the answered questions."""
        return self.seconds_used / self.answered if self.answered else None


def session_totals(
    items: Sequence[SessionItem],
    attempts: Mapping[int, Attempt],
    *,
    overall_seconds: float,
    pause_count: int,
    paused_seconds: float,
) -> SessionTotals:
    """Totals from a session's items and its stored attempts (by id)."""
    answered = [i for i in items if i.outcome == Outcome.ANSWERED]
    linked = [
        attempts[i.attempt_id]
        for i in answered
        if i.attempt_id is not None and i.attempt_id in attempts
    ]
    # Coverage counts only answers you assessed (ticked or rated): an answer not yet
    # reviewed has no ticks, and that is not 0 % coverage.
    assessed = [a for a in linked if a.rating is not None or a.key_points_ticked]
    return SessionTotals(
        questions=len(items),
        answered=len(answered),
        skipped=sum(1 for i in items if i.outcome == Outcome.SKIPPED),
        not_reached=sum(1 for i in items if i.outcome == Outcome.NOT_REACHED),
        seconds_used=sum(i.seconds_used for i in answered),
        overtime_seconds=sum(whole_overtime_seconds(i.overtime_seconds) for i in answered),
        overall_seconds=overall_seconds,
        key_points_ticked=sum(len(a.key_points_ticked) for a in assessed),
        key_points_total=sum(a.key_points_total for a in assessed),
        ratings=tuple(a.rating for a in linked if a.rating is not None),
        pause_count=pause_count,
        paused_seconds=paused_seconds,
        peeks=sum(1 for i in items if i.peeked),
    )


@dataclass(frozen=True)
class ComparisonLine:
    """One measure of this session beside the mean of the previous ones."""

    measure: str
    this: float | None
    previous: float | None
    higher_is_better: bool | None
    """None for a measure that is neither better nor worse (time per answer)."""
    unit: str
    """"percent", "rating" or "seconds": how to show the numbers."""

    @property
    def verdict(self) -> str:
        """ "better", "worse", "same", "more"/"less" for a neutral measure, or "" when
        either side is missing."""
        if self.this is None or self.previous is None:
            return ""
        if abs(self.this - self.previous) < 1e-9:
            return "same"
        if self.higher_is_better is None:  # a quick answer is not a better one
            return "more" if self.this > self.previous else "less"
        better = (self.this > self.previous) == self.higher_is_better
        return "better" if better else "worse"

    def show(self, value: float | None) -> str:
        """A value as people read it."""
        if value is None:
            return "–"
        if self.unit == "percent":
            return f"{value * 100:.0f}%"
        if self.unit == "rating":
            return f"{value:.1f} of 4"
        return format_clock(value)


def compare(current: SessionTotals, previous: Sequence[SessionTotals]) -> list[ComparisonLine]:
    """This session's coverage, ratings and time against the mean of earlier sessions."""

    def mean(values: Sequence[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return sum(known) / len(known) if known else None

    return [
        ComparisonLine(
            "Key-point coverage",
            current.coverage,
            mean([p.coverage for p in previous]),
            True,
            "percent",
        ),
        ComparisonLine(
            "Mean rating",
            current.mean_rating,
            mean([p.mean_rating for p in previous]),
            True,
            "rating",
        ),
        ComparisonLine(
            "Time per answer",
            current.seconds_per_answer,
            mean([p.seconds_per_answer for p in previous]),
            None,
            "seconds",
        ),
        ComparisonLine(
            "Overtime in all",
            current.overtime_seconds,
            mean([p.overtime_seconds for p in previous]),
            False,
            "seconds",
        ),
    ]


@dataclass(frozen=True)
class SessionSummary:
    """Everything the summary dialog and the report show."""

    started_at: datetime | None
    ended_at: datetime | None
    settings: SessionSettings
    rows: tuple[SummaryRow, ...]
    totals: SessionTotals
    comparison: tuple[ComparisonLine, ...]
    previous_sessions: int
    ended_early: bool
    budget_ran_out: bool


def summarise(
    session: MockSession,
    attempts: Mapping[int, Attempt],
    previous: Sequence[SessionTotals] = (),
) -> SessionSummary:
    """The summary of a session, given its stored attempts (by id) and earlier sessions."""
    rows = tuple(
        SummaryRow(
            position=n,
            question=question,
            item=item,
            attempt=None if item.attempt_id is None else attempts.get(item.attempt_id),
        )
        for n, (question, item) in enumerate(zip(session.questions, session.items, strict=True), 1)
    )
    totals = session_totals(
        session.items,
        attempts,
        overall_seconds=session.overall_seconds,
        pause_count=session.pause_count,
        paused_seconds=session.paused_seconds,
    )
    return SessionSummary(
        started_at=session.started_at,
        ended_at=session.ended_at,
        settings=session.settings,
        rows=rows,
        totals=totals,
        comparison=tuple(compare(totals, previous)),
        previous_sessions=len(previous),
        ended_early=session.ended_early,
        budget_ran_out=session.budget_ran_out,
    )


def snapshot_totals(state: Mapping[str, object], attempts: Sequence[Attempt]) -> SessionTotals:
    """Totals of a stored session from its snapshot; `SessionError` if unreadable."""
    try:
        raw_items = state["items"]
        if not isinstance(raw_items, list):
            raise TypeError("items is not a list")
        items = [SessionItem.from_dict(raw) for raw in raw_items]
        return session_totals(
            items,
            {a.id: a for a in attempts},
            overall_seconds=float(str(state.get("overall_seconds", 0.0))),
            pause_count=int(str(state.get("pause_count", 0))),
            paused_seconds=float(str(state.get("paused_seconds", 0.0))),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise SessionError(f"a saved session could not be read ({error!r})") from error
