"""Session summary rows, totals, comparison, and the Markdown report."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta, timezone

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt, NewAttempt
from aipm_desktop.core.report import report_markdown
from aipm_desktop.core.session import MockSession, Outcome
from aipm_desktop.core.session_settings import RevealPolicy, SessionSettings
from aipm_desktop.core.session_summary import (
    SessionTotals,
    compare,
    snapshot_totals,
    summarise,
)

from .test_session import QUESTIONS


def stored(record: NewAttempt, attempt_id: int, rating: Rating | None, ticked: int) -> Attempt:
    return Attempt(
        **{f: getattr(record, f) for f in record.__dataclass_fields__},
        id=attempt_id,
        rating=rating,
        key_points_ticked=("one", "two", "three")[:ticked],
    )


def run_session(clock: FakeClock) -> tuple[MockSession, dict[int, Attempt]]:
    """Answer Q1 (45 s, Good, 2/3), go over time on Q2, skip Q3."""
    session = MockSession(
        clock, SessionSettings(reveal=RevealPolicy.AT_END), QUESTIONS, default_limit_seconds=120
    )
    session.start()
    attempts: dict[int, Attempt] = {}
    clock.advance(45)
    first = session.submit("Line one of my answer.\n\nLine two | with a pipe.")
    session.mark_recorded(1)
    attempts[1] = stored(first, 1, Rating.GOOD, 2)
    clock.advance(10)
    session.pause()
    clock.advance(30)
    session.resume()
    clock.advance(140)
    second = session.submit("Second answer, too long.")
    session.mark_recorded(2)
    attempts[2] = stored(second, 2, None, 1)
    session.set_answer("never finished")
    clock.advance(5)
    session.skip()
    return session, attempts


def test_rows_and_totals() -> None:
    clock = FakeClock()
    session, attempts = run_session(clock)
    summary = summarise(session, attempts)
    first, second, third = summary.rows
    assert (first.outcome, first.time_text, first.overtime_text) == (
        Outcome.ANSWERED,
        "0:45 of 1:00",
        "",
    )
    assert first.rating == Rating.GOOD
    assert first.coverage_text == "2/3"
    assert first.covered == ["one", "two"]
    assert first.missed == ["three"]
    assert second.time_text == "2:30 of 2:00"
    assert second.overtime_text == "+0:30"
    assert third.outcome == Outcome.SKIPPED
    assert third.answer == "never finished"
    assert third.coverage_text == "–"

    totals = summary.totals
    assert (totals.answered, totals.skipped, totals.not_reached) == (2, 1, 0)
    assert totals.seconds_used == 195
    assert totals.overtime_seconds == 30
    assert totals.overall_seconds == 200
    assert (totals.key_points_ticked, totals.key_points_total) == (3, 6)
    assert totals.coverage == 0.5
    assert totals.mean_rating == 3.0
    assert (totals.pause_count, totals.paused_seconds) == (1, 30)
    assert totals.seconds_per_answer == 97.5


def test_snapshot_totals_match_the_live_ones() -> None:
    clock = FakeClock()
    session, attempts = run_session(clock)
    live = summarise(session, attempts).totals
    assert snapshot_totals(session.to_dict(), list(attempts.values())) == live


def test_comparison_with_previous_sessions() -> None:
    def totals(
        coverage: tuple[int, int], ratings: tuple[Rating, ...], seconds: float
    ) -> SessionTotals:
        return SessionTotals(
            questions=2,
            answered=2,
            skipped=0,
            not_reached=0,
            seconds_used=seconds,
            overtime_seconds=0,
            overall_seconds=seconds,
            key_points_ticked=coverage[0],
            key_points_total=coverage[1],
            ratings=ratings,
            pause_count=0,
            paused_seconds=0,
            peeks=0,
        )

    current = totals((6, 8), (Rating.GOOD, Rating.EASY), 200)
    previous = [totals((2, 8), (Rating.HARD,), 300), totals((4, 8), (Rating.GOOD,), 100)]
    coverage, rating, time, overtime = compare(current, previous)
    assert (coverage.this, coverage.previous, coverage.verdict) == (0.75, 0.375, "better")
    assert (rating.this, rating.previous, rating.verdict) == (3.5, 2.5, "better")
    assert (time.this, time.previous, time.verdict) == (100, 100, "same")
    assert coverage.show(coverage.this) == "75%"
    assert rating.show(rating.previous) == "2.5 of 4"
    assert overtime.verdict == "same"
    slower = compare(totals((6, 8), (), 400), previous)
    assert slower[2].verdict == "more"  # time per answer is neither better nor worse
    assert slower[1].verdict == ""
    quick = compare(totals((6, 8), (), 8), previous)  # a 4-second answer is not "better"
    assert quick[2].verdict == "less"


def test_answers_not_yet_assessed_are_not_zero_coverage() -> None:
    clock = FakeClock()
    session, attempts = run_session(clock)
    unassessed = {
        key: replace(attempt, rating=None, key_points_ticked=())
        for key, attempt in attempts.items()
    }
    totals = summarise(session, unassessed).totals
    assert totals.coverage is None
    earlier = replace(totals, key_points_ticked=4, key_points_total=6)
    (coverage, *_rest) = compare(totals, [earlier])
    assert coverage.verdict == ""
    assert coverage.show(coverage.this) == "–"


def test_markdown_report_has_date_settings_every_question_answer_and_totals() -> None:
    clock = FakeClock()
    session, attempts = run_session(clock)
    previous = [replace(summarise(session, attempts).totals, key_points_ticked=1)]
    text = report_markdown(summarise(session, attempts, previous), zone=UTC)
    assert "**Date:** 2026-01-05 09:00 (UTC+00:00)" in text
    assert "| Time per question | Each question's own limit |" in text
    assert "| Model answers shown | At the end |" in text
    for question in QUESTIONS:
        assert question.prompt in text
    assert "> Line one of my answer." in text
    assert "> Line two | with a pipe." in text
    assert "> Second answer, too long." in text
    assert "> never finished" in text
    assert "time 2:30 of 2:00; overtime +0:30" in text
    assert "rating Good" in text
    assert "rating not rated" in text
    assert "**Key points missed**\n\n- three" in text
    assert "- **Questions:** 2 answered, 1 skipped, 0 not reached, of 3" in text
    assert "- **Pauses:** 1, 0:30 in all" in text
    assert "## Compared with your previous 1 session\n" in text
    assert "| Key-point coverage | 50% | 17% | better |" in text


def test_first_session_has_nothing_to_compare() -> None:
    clock = FakeClock()
    session, attempts = run_session(clock)
    text = report_markdown(summarise(session, attempts))
    assert "first finished session" in text


def test_report_date_is_local_time_with_its_offset() -> None:
    clock = FakeClock()
    session, attempts = run_session(clock)
    paris_winter = timezone(timedelta(hours=1))
    text = report_markdown(summarise(session, attempts), zone=paris_winter)
    assert "**Date:** 2026-01-05 10:00 (UTC+01:00)" in text


def test_readiness_is_listed_after_the_totals_only_when_given() -> None:
    session, attempts = run_session(FakeClock())
    summary = summarise(session, attempts)
    assert "Readiness" not in report_markdown(summary)
    moved = "Acme: ready today 4 → 6 of 10; on Jan 14 with the plan 9 → 10."
    text = report_markdown(summary, readiness=[moved])
    assert f"## Readiness for your interviews\n\n- {moved}\n" in text
    assert text.index("## Totals") < text.index("## Readiness") < text.index("## Questions")


def test_the_report_shows_each_model_answer_under_the_answer_unless_asked_not_to() -> None:
    clock = FakeClock()
    session, attempts = run_session(clock)
    summary = summarise(session, attempts)
    text = report_markdown(summary, zone=UTC)
    for question in QUESTIONS:
        first_line = question.model_answer.strip().splitlines()[0]
        assert f"> {first_line}" in text
    assert text.count("**Model answer**") == len(QUESTIONS)
    assert "**Model answer**" not in report_markdown(summary, zone=UTC, model_answers=False)
