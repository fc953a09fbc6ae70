"""Time the statistics dashboard's queries at 100,000 attempts.

Generates a history (default 100,000 attempts over two years, at the bundled
questions, with answers of about 1,200 characters) into a temporary data
folder, rebuilds the scheduling state, then computes the dashboard for each
period several times, in a fresh read-only connection per run as the app does.
Prints the median and 95th percentile per period and per query, and the time
to read every attempt for the history window.

Usage::

    python benchmarks/dashboard.py [--attempts N] [--runs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aipm_desktop.core.history import history_rows
from aipm_desktop.core.questions import Question
from aipm_desktop.core.stats import RANGES
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store
from aipm_desktop.storage.stats import compute_dashboard
from aipm_desktop.storage.store import attempt_summaries

NOW = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)
WORDS = [
    "precision",
    "recall",
    "latency",
    "users",
    "metric",
    "guardrail",
    "model",
    "data",
    "label",
    "drift",
    "retrain",
    "stakeholder",
    "roadmap",
    "trade-off",
    "evaluation",
    "baseline",
    "cost",
    "privacy",
    "fairness",
    "launch",
]


def generate(store_path: Path, questions: Sequence[Question], count: int, days: int) -> None:
    """Insert ``count`` plausible attempts, spread over the last ``days`` days."""
    rng = random.Random(4)
    rows = []
    for i in range(count):
        q = questions[i % len(questions)]
        started = NOW - timedelta(days=rng.uniform(0, days))
        limit = q.time_limit_seconds or 300
        used = max(20.0, rng.gauss(limit * 0.85, limit * 0.2))
        total = len(q.key_points)
        ticked = rng.randint(0, total)
        skill = ticked / total if total else 0.5
        rating = (
            None
            if rng.random() < 0.05
            else min(4, max(1, round(1 + 3 * skill + rng.gauss(0, 0.7))))
        )
        answer = " ".join(rng.choice(WORDS) for _ in range(150))
        rows.append(
            (
                q.id,
                q.pack_id,
                q.pack_version,
                started.isoformat(timespec="microseconds"),
                (started + timedelta(seconds=used)).isoformat(timespec="microseconds"),
                used,
                limit,
                max(0.0, used - limit),
                answer,
                json.dumps(q.key_points[:ticked]),
                total,
                rating,
                None if rating is None else started.isoformat(timespec="microseconds"),
                "soft",
            )
        )
    Store.open(store_path).close()  # a data file with the current schema
    with sqlite3.connect(store_path) as conn:
        conn.executemany(
            "insert into attempts (question_id, pack_id, pack_version, started_at, ended_at, "
            "seconds_used, time_limit_seconds, overtime_seconds, answer, key_points_ticked, "
            "key_points_total, rating, rated_at, time_up_mode) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=730, help="history length in days")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args(argv)

    questions = PackLibrary(Path(tempfile.gettempdir()) / "aipm-no-data").load().questions()
    by_id = {q.id: q for q in questions}
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        path = database_path(folder)
        start = time.perf_counter()
        generate(path, questions, args.attempts, args.days)
        print(f"generated {args.attempts} attempts in {time.perf_counter() - start:.1f} s")
        with Store.open(path) as store:
            start = time.perf_counter()
            store.rebuild_review_state()
            rebuild_ms = (time.perf_counter() - start) * 1000
            print(f"rebuild_review_state (replay of the whole log): {rebuild_ms:.0f} ms")
            print(f"data file: {path.stat().st_size / 1e6:.0f} MB")
            print()
            print(f"{'period':>8} {'median ms':>10} {'p95 ms':>8}   slowest query (median ms)")
            for range_days in RANGES:
                totals: list[float] = []
                per_query: dict[str, list[float]] = {}
                for _ in range(args.runs):
                    begin = time.perf_counter()
                    with store.reader() as db:
                        board = compute_dashboard(db, by_id, now=NOW, range_days=range_days)
                    totals.append((time.perf_counter() - begin) * 1000)
                    for name, ms in board.timings_ms.items():
                        per_query.setdefault(name, []).append(ms)
                medians = {name: statistics.median(v) for name, v in per_query.items()}
                slowest = ", ".join(
                    f"{name} {ms:.0f}" for name, ms in sorted(medians.items(), key=lambda x: -x[1])
                )
                print(
                    f"{range_days:>6} d {statistics.median(totals):>10.0f} "
                    f"{percentile(totals, 0.95):>8.0f}   {slowest}"
                )
            loads: list[float] = []
            for _ in range(max(3, args.runs // 3)):
                begin = time.perf_counter()
                with store.reader() as db:
                    rows = history_rows(attempt_summaries(db), by_id)
                loads.append((time.perf_counter() - begin) * 1000)
            print()
            print(
                f"history window data ({len(rows)} rows, pool thread): "
                f"median {statistics.median(loads):.0f} ms, p95 {percentile(loads, 0.95):.0f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
