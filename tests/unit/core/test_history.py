"""The history window's filters and the choice of attempts to compare."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from aipm_desktop.core.history import (
    NOT_RATED,
    AttemptSummary,
    HistoryFilter,
    comparison_pair,
    history_rows,
    history_table,
    matching_rows,
)
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def summary(attempt_id: int, question_id: str, days: int, rating: Rating | None) -> AttemptSummary:
    return AttemptSummary(
        id=attempt_id,
        question_id=question_id,
        started_at=T0 + timedelta(days=days),
        seconds_used=60.0,
        time_limit_seconds=300,
        overtime_seconds=0.0,
        rating=rating,
        key_points_covered=1,
        key_points_total=4,
    )


A = summary(1, "q1", 0, Rating.GOOD)
B = summary(2, "q1", 2, None)
C = summary(3, "q2", 1, Rating.AGAIN)
D = summary(4, "q1", 5, Rating.EASY)
ALL = [A, B, C, D]


QUESTIONS = {
    "q1": Question("q1", 7, "Prompt one", "Metrics", "Intermediate", "", (), None, (), "p", "1"),
}


def kept(history_filter: HistoryFilter) -> list[int]:
    """The attempts kept, after checking the one-pass filter agrees with `accepts`."""
    rows = history_rows(ALL, QUESTIONS)
    accepted = [r.attempt.id for r in rows if history_filter.accepts(r)]
    assert [rows[i].attempt.id for i in matching_rows(rows, history_filter)] == accepted
    return accepted


def test_rows_carry_label_category_and_local_day() -> None:
    rows = history_rows([A, C], QUESTIONS)
    assert (rows[0].question_label, rows[0].category) == ("7. Prompt one", "Metrics")
    assert (rows[1].question_label, rows[1].category) == ("q2", "")  # no longer in a pack
    assert rows[0].local_day == A.started_at.astimezone().date()
    assert (rows[0].rating_value, history_rows([B], QUESTIONS)[0].rating_value) == (3, NOT_RATED)


def test_filters_combine() -> None:
    assert kept(HistoryFilter()) == [1, 2, 3, 4]
    assert kept(HistoryFilter(question_id="q1")) == [1, 2, 4]
    assert kept(HistoryFilter(category="Metrics")) == [1, 2, 4]
    assert kept(HistoryFilter(category="")) == [3]
    assert kept(HistoryFilter(rating=NOT_RATED)) == [2]
    assert kept(HistoryFilter(rating=int(Rating.EASY))) == [4]
    local = T0.astimezone().date()
    assert kept(HistoryFilter(first_day=local + timedelta(days=1))) == [2, 3, 4]
    assert kept(HistoryFilter(last_day=local + timedelta(days=1))) == [1, 3]
    assert kept(HistoryFilter(question_id="q1", first_day=date(2000, 1, 1), rating=3)) == [1]


def test_two_selected_are_compared_oldest_first() -> None:
    assert comparison_pair([D, A], ALL) == (A, D)


def test_one_selected_is_compared_with_the_attempt_before_at_that_question() -> None:
    assert comparison_pair([D], ALL) == (B, D)
    assert comparison_pair([B], ALL) == (A, B)
    assert isinstance(comparison_pair([A], ALL), str)
    assert isinstance(comparison_pair([C], ALL), str)  # q2 has only one attempt


def test_nothing_or_too_much_selected() -> None:
    assert "Select one attempt" in str(comparison_pair([], ALL))
    assert "Select one attempt" in str(comparison_pair([A, B, D], ALL))


def test_history_table_is_oldest_first_with_its_filter_choices() -> None:
    questions = {
        **QUESTIONS,
        "q0": Question("q0", 2, "Prompt zero", "Behaviour", "Staff", "", (), None, (), "p", "1"),
    }
    newest_first = sorted(
        [*ALL, summary(5, "q0", 3, None), summary(6, "gone", 4, None)],
        key=lambda s: (s.started_at, s.id),
        reverse=True,
    )

    table = history_table(newest_first, questions)

    assert [row.attempt.id for row in table.rows] == [1, 3, 2, 5, 6, 4]
    assert table.questions == [
        ("2. Prompt zero", "q0"),
        ("7. Prompt one", "q1"),
        ("gone", "gone"),
        ("q2", "q2"),
    ]
    assert table.categories == ["Behaviour", "Metrics"]
    assert history_table(list(reversed(newest_first)), questions) == table  # any order


def test_no_filter_keeps_every_row_in_order_without_a_list_of_positions() -> None:
    rows = history_rows(ALL, QUESTIONS) * 250_000  # a million rows
    positions = matching_rows(rows, HistoryFilter())
    assert isinstance(positions, range)
    assert positions == range(len(rows))
