"""The attempt log as the history window lists it, and its filters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating, coverage_label

NOT_RATED = 0
"""The rating filter's value for attempts without a rating."""


@dataclass(frozen=True)
class AttemptSummary:
    """One attempt without its answer text (which is read only when opened)."""

    id: int
    question_id: str
    started_at: datetime
    seconds_used: float
    time_limit_seconds: int
    overtime_seconds: float
    rating: Rating | None
    key_points_covered: int
    key_points_total: int
    unreadable: tuple[str, ...] = ()
    """The fields whose stored value could not be read."""

    @property
    def coverage(self) -> str:
        """Key-point coverage as "covered/total" ("Unreadable" for a bad stored value)."""
        return coverage_label(self.key_points_covered, self.key_points_total, self.unreadable)


@dataclass(frozen=True)
class HistoryRow:
    """An attempt with what the history table shows and filters on, worked out once."""

    attempt: AttemptSummary
    question_label: str
    """"4. Explain the ..." or the bare id when the question is no longer in a pack."""
    category: str
    """"" when the question is no longer in a pack."""
    local_day: date
    """The local calendar day the attempt started."""

    @property
    def rating_value(self) -> int:
        """1–4, or `NOT_RATED`."""
        return NOT_RATED if self.attempt.rating is None else int(self.attempt.rating)


def history_rows(
    attempts: Iterable[AttemptSummary], questions: Mapping[str, Question]
) -> list[HistoryRow]:
    """Rows for the history table (cheap to filter and sort afterwards)."""
    rows = []
    for attempt in attempts:
        question = questions.get(attempt.question_id)
        rows.append(
            HistoryRow(
                attempt=attempt,
                question_label=(
                    f"{question.number}. {question.prompt}" if question else attempt.question_id
                ),
                category=question.category if question else "",
                local_day=attempt.started_at.astimezone().date(),
            )
        )
    return rows


def chronological(row: HistoryRow) -> tuple[datetime, int]:
    """Sort key: oldest first, ties by attempt id."""
    return row.attempt.started_at, row.attempt.id


@dataclass(frozen=True)
class HistoryTable:
    """Everything the history window shows, worked out in one go (off the UI thread)."""

    rows: list[HistoryRow]
    """Oldest first (see `chronological`)."""
    questions: list[tuple[str, str]]
    """(label, question id) of every question attempted, in pack order; gone ones last."""
    categories: list[str]
    """Every category attempted, sorted."""


def history_table(
    attempts: Sequence[AttemptSummary], questions: Mapping[str, Question]
) -> HistoryTable:
    """The history window's rows and filter choices for ``attempts`` (any order)."""
    rows = history_rows(attempts, questions)
    rows.reverse()  # the store reads newest first: nearly sorted now, so sorting is quick
    rows.sort(key=chronological)
    labels = {row.attempt.question_id: row.question_label for row in rows}

    def pack_order(question_id: str) -> tuple[int, str, int]:
        question = questions.get(question_id)
        return (0, question.pack_id, question.number) if question else (1, question_id, 0)

    return HistoryTable(
        rows=rows,
        questions=[(labels[qid], qid) for qid in sorted(labels, key=pack_order)],
        categories=sorted({row.category for row in rows} - {""}),
    )


@dataclass(frozen=True)
class HistoryFilter:
    """What the history window keeps; None means "any"."""

    question_id: str | None = None
    category: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    """Both days included, in local time."""
    rating: int | None = None
    """1–4, or `NOT_RATED`."""

    def accepts(self, row: HistoryRow) -> bool:
        """True when the row passes every filter."""
        if self.question_id is not None and row.attempt.question_id != self.question_id:
            return False
        if self.category is not None and row.category != self.category:
            return False
        if self.first_day is not None and row.local_day < self.first_day:
            return False
        if self.last_day is not None and row.local_day > self.last_day:
            return False
        return self.rating is None or row.rating_value == self.rating


def matching_rows(rows: Sequence[HistoryRow], history_filter: HistoryFilter) -> Sequence[int]:
    """The positions of the rows ``history_filter`` accepts, in order.

    The same answer as calling `HistoryFilter.accepts` on each row, worked out in
    one tight pass per criterion, which keeps 100,000 rows quick to filter. With
    no criterion it is a ``range``: no list of a million positions is built.
    """
    positions: Sequence[int] = range(len(rows))
    question_id, category = history_filter.question_id, history_filter.category
    first_day, last_day = history_filter.first_day, history_filter.last_day
    rating = history_filter.rating
    if question_id is not None:
        positions = [i for i in positions if rows[i].attempt.question_id == question_id]
    if category is not None:
        positions = [i for i in positions if rows[i].category == category]
    if first_day is not None:
        positions = [i for i in positions if rows[i].local_day >= first_day]
    if last_day is not None:
        positions = [i for i in positions if rows[i].local_day <= last_day]
    if rating is not None:
        positions = [i for i in positions if rows[i].rating_value == rating]
    return positions


def comparison_pair(
    selected: list[AttemptSummary], attempts: list[AttemptSummary]
) -> tuple[AttemptSummary, AttemptSummary] | str:
    """The (older, newer) attempts to compare, or why there are none.

    Two selected attempts are compared with each other; one selected attempt
    is compared with the attempt at the same question just before it.
    """
    if len(selected) == 2:
        older, newer = sorted(selected, key=lambda a: (a.started_at, a.id))
        return older, newer
    if len(selected) != 1:
        return "Select one attempt (to compare it with the one before) or two attempts."
    newer = selected[0]
    key = (newer.started_at, newer.id)
    earlier = [
        a for a in attempts if a.question_id == newer.question_id and (a.started_at, a.id) < key
    ]
    if not earlier:
        return "This is the first attempt at this question: there is nothing earlier to compare."
    return max(earlier, key=lambda a: (a.started_at, a.id)), newer
