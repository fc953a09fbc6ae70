"""Every target of issue 18 in one table, met or not met.

The benchmark scripts report what they measured with :func:`report`; it appends one
JSON line to the file named by ``AIPM_BENCH_TARGETS`` (nothing happens without it).
``make bench`` points that variable at one file for all of its scripts, then runs
this script, which prints one line per target: measured in this run, met or not, or
"not measured in this run".

Usage::

    python benchmarks/targets.py FILE
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

ENVIRONMENT = "AIPM_BENCH_TARGETS"

TARGETS: dict[str, tuple[str, str, str]] = {
    "cold_small": ("cold start, 10 bundled questions", "<= 1.5x bare window", "run.py"),
    "cold_large": ("cold start, 10,000 q + 100,000 attempts", "<= 2.0x bare window", "run.py"),
    "frozen": ("cold start, frozen app", "<= 2.0x frozen hello", "frozen.py"),
    "stall": ("longest UI stall, every heartbeat step", "<= 100 ms", "heartbeat.py"),
    "big_keystroke": ("keystroke in a 200,000-char answer", "p99 <= 16 ms", "heartbeat.py"),
    "dashboard": ("dashboard, 365 days, 100,000 attempts", "median <= 200 ms", "run.py"),
    "filter": ("filter keystroke, 10,010 questions", "p95 <= 10 ms", "run.py"),
    "render": ("select + render model answer", "p95 <= 16 ms", "run.py"),
    "submit": ("submit: commit", "p99 <= 0.6 ms", "run.py"),
    "memory": ("peak memory, large data", "<= bare + 72 MB", "run.py"),
}
"""Key: (what, target, which script measures it). The last four: "at least as good
as today" in the issue, with today's numbers."""


def report(key: str, measured: str, met: bool, **details: str) -> None:
    """Record a measured target for the summary (only when ``AIPM_BENCH_TARGETS`` is set)."""
    if key not in TARGETS:
        raise KeyError(f"unknown target {key!r}")
    path = os.environ.get(ENVIRONMENT)
    if not path:
        return
    line = json.dumps({"key": key, "measured": measured, "met": met, **details})
    with open(path, "a", encoding="utf-8") as out:
        out.write(line + "\n")


def read_reports(path: Path) -> dict[str, dict[str, object]]:
    """The last report of each target in ``path`` (none if it does not exist)."""
    reports: dict[str, dict[str, object]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                reports[str(entry["key"])] = entry
    return reports


def format_summary(reports: dict[str, dict[str, object]]) -> str:
    """One line per target of the issue (and its details, if any, wrapped below)."""
    header = f"{'target':<42} {'limit':<22} {'measured':<36} met?"
    lines = ["every target of issue 18:", header, "-" * len(header)]
    for key, (what, limit, script) in TARGETS.items():
        entry = reports.get(key)
        if entry is None:
            measured, met = f"not measured ({script})", "—"
        else:
            measured = str(entry["measured"])
            met = "met" if entry["met"] else "NOT MET"
        lines.append(f"{what:<42} {limit:<22} {measured:<36} {met}")
        detail = "" if entry is None else str(entry.get("detail", ""))
        lines.extend(
            textwrap.wrap(
                detail, width=len(header), initial_indent="    ", subsequent_indent="    "
            )
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the summary of the reports in the given file."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    print(format_summary(read_reports(Path(args[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
