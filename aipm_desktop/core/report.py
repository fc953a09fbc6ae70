"""The shareable session report, as Markdown (the PDF is rendered from it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from aipm_desktop.core.session_summary import OUTCOME_LABELS, SessionSummary, SummaryRow
from aipm_desktop.core.timer import format_clock, format_elapsed


def report_markdown(
    summary: SessionSummary,
    *,
    title: str = "Mock interview report",
    zone: tzinfo | None = None,
    readiness: Sequence[str] = (),
    model_answers: bool = True,
) -> str:
    """The whole report: date, settings, each question with the answer, and the totals.

    The date is given in ``zone`` (default: this computer's local time), with its offset.
    ``readiness``: how the session moved the interview forecast, one sentence each
    (`core.plan.readiness_change`), listed after the totals when given.
    ``model_answers``: each question's model answer under your answer (as a quote).
    """
    lines = [f"# {title}", ""]
    lines += [f"**Date:** {_date(summary.started_at, zone)}", ""]
    if summary.budget_ran_out:
        lines += ["*The overall time budget ran out; the session ended there.*", ""]
    elif summary.ended_early:
        lines += ["*The session was ended early.*", ""]
    lines += ["## Settings", "", "| Setting | Value |", "| --- | --- |"]
    lines += [f"| {_cell(name)} | {_cell(value)} |" for name, value in summary.settings.describe()]
    lines.append("")
    lines += _totals(summary)
    if readiness:
        lines += ["## Readiness for your interviews", ""]
        lines += [f"- {sentence}" for sentence in readiness]
        lines.append("")
    lines += _comparison(summary)
    lines += ["## Questions", ""]
    for row in summary.rows:
        lines += _question(row)
        if model_answers:
            lines += _model_answer(row)
    return "\n".join(lines).rstrip() + "\n"


def _model_answer(row: SummaryRow) -> list[str]:
    """The question's model answer as a quote, Markdown kept (tables and lists render)."""
    text = row.question.model_answer.strip()
    if not text:
        return []
    quoted = [f"> {line}" if line.strip() else ">" for line in text.splitlines()]
    return ["**Model answer**", "", *quoted, ""]


def _totals(summary: SessionSummary) -> list[str]:
    t = summary.totals
    coverage = (
        f"{t.key_points_ticked} of {t.key_points_total} ({t.coverage * 100:.0f}%)"
        if t.coverage is not None
        else "none ticked yet"
    )
    rating = (
        f"{t.mean_rating:.1f} of 4 ({len(t.ratings)} rated)"
        if t.mean_rating is not None
        else "not rated yet"
    )
    lines = [
        "## Totals",
        "",
        f"- **Questions:** {t.answered} answered, {t.skipped} skipped, "
        f"{t.not_reached} not reached, of {t.questions}",
        f"- **Interview time:** {format_clock(t.overall_seconds)} "
        f"(answering {format_elapsed(t.seconds_used)}, "
        f"overtime {format_clock(t.overtime_seconds)})",
        f"- **Key points covered:** {coverage}",
        f"- **Mean rating:** {rating}",
        f"- **Pauses:** {t.pause_count}, {format_clock(t.paused_seconds)} in all",
        f"- **Peeks at a model answer:** {t.peeks}",
        "",
    ]
    return lines


def _comparison(summary: SessionSummary) -> list[str]:
    if summary.previous_sessions == 0:
        return ["*This is your first finished session: nothing to compare with yet.*", ""]
    n = summary.previous_sessions
    lines = [
        f"## Compared with your previous {n} session{'s' if n != 1 else ''}",
        "",
        "| Measure | This session | Previous average | |",
        "| --- | --- | --- | --- |",
    ]
    for line in summary.comparison:
        lines.append(
            f"| {line.measure} | {line.show(line.this)} | {line.show(line.previous)} "
            f"| {line.verdict} |"
        )
    lines.append("")
    return lines


def _question(row: SummaryRow) -> list[str]:
    q = row.question
    facts = [OUTCOME_LABELS[row.outcome], f"time {row.time_text}"]
    if row.overtime_text:
        facts.append(f"overtime {row.overtime_text}")
    if row.item.auto_submitted:
        facts.append("submitted when time was up")
    if row.attempt is not None:
        facts.append(f"rating {row.rating.label if row.rating else 'not rated'}")
        facts.append(f"key points {row.coverage_text}")
    if row.item.peeked:
        facts.append("peeked at the model answer")
    lines = [
        f"### {row.position}. {q.prompt}",
        "",
        f"*{q.category} · {q.level}* — {'; '.join(facts)}",
        "",
        "**Your answer**",
        "",
    ]
    answer = row.answer.strip()
    if answer:
        lines += [f"> {line}" if line.strip() else ">" for line in answer.splitlines()]
    else:
        lines.append("*(no answer)*")
    lines.append("")
    if row.attempt is not None and q.key_points:
        lines += ["**Key points covered**", ""]
        lines += [f"- {p}" for p in row.covered] or ["- none"]
        lines += ["", "**Key points missed**", ""]
        lines += [f"- {p}" for p in row.missed] or ["- none"]
        lines.append("")
    return lines


def _date(moment: datetime | None, zone: tzinfo | None) -> str:
    if moment is None:
        return "unknown"
    local = moment.astimezone(zone)
    offset = local.strftime("%z")  # e.g. +0100
    return f"{local:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
