"""The ``coverage`` command: which key points of a question an answer covers. No Qt."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from aipm_desktop.services.coverage import CoverageChecker, CoverageReport, find_question
from aipm_desktop.services.paths import resolve_data_dir_without_qt

USAGE_ERROR = 2


def run_coverage(
    question_id: str,
    answer_file: str,
    output_format: str,
    data_dir_option: str | None,
    environ: Mapping[str, str],
    out: TextIO,
    err: TextIO,
) -> int:
    """Print the coverage report; 2 for an unknown question or an unreadable answer file."""
    answer = _read_answer(answer_file, err)
    if answer is None:
        return USAGE_ERROR
    data_dir = resolve_data_dir_without_qt(data_dir_option, environ)
    question = find_question(data_dir, question_id)
    if question is None:
        print(
            f"aipm-desktop coverage: unknown question {question_id!r} "
            f"(not in the bundled or imported packs of {data_dir})",
            file=err,
        )
        return USAGE_ERROR
    report = CoverageChecker().check(question, answer)
    if output_format == "json":
        json.dump(report.to_json(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_text(report, question.prompt))
    if report.fallback_reason:
        print(f"aipm-desktop coverage: {report.fallback_reason}", file=err)
    return 0


def _read_answer(answer_file: str, err: TextIO) -> str | None:
    try:
        if answer_file == "-":
            return sys.stdin.read()
        return Path(answer_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"aipm-desktop coverage: cannot read {answer_file}: {reason}", file=err)
        return None


def format_text(report: CoverageReport, prompt: str) -> str:
    """The report for people: one line per key point, the evidence under it."""
    lines = [f"{report.question_id}: {prompt}", f"Matcher: {report.matcher_name}"]
    for match in report.matches:
        percent = round(match.score * 100)
        if match.covered:
            lines.append(f"✓ covered ({percent} %)  {match.text}")
            lines.append(f"      “{match.evidence}”")
        else:
            lines.append(f"? not found ({percent} %)  {match.text}")
    total = len(report.matches)
    lines.append(
        f"Suggested: {int(report.suggested)} {report.suggested.label} "
        f"({report.covered_count} of {total} key points covered)"
    )
    return "\n".join(lines) + "\n"
