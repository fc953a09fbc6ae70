"""Time the History window's UI thread with a large attempt log (default 100,000).

Builds deterministic attempt summaries in memory (what the pool thread hands the
window after reading the store), opens the real ``HistoryWindow`` offscreen and
prints the median milliseconds the UI thread spends on: showing the rows
(``set_rows`` plus the first paint), a sort click on a column header (the
sort indicator a click sets), a filter change, and clearing the filters.
Rows are built with ``history_rows`` outside the timings, as the app does on a pool thread.

Usage::

    QT_QPA_PLATFORM=offscreen python benchmarks/history_window.py [--attempts N] [--repeats R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from aipm_desktop.core.history import AttemptSummary, HistoryRow, history_rows
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.ui.history.window import HistoryColumn, HistoryWindow

CATEGORIES = ("Technical Depth", "Product Sense", "Metrics", "Strategy", "Execution")


def make_questions(count: int) -> dict[str, Question]:
    """``count`` questions of one pack, spread over a few categories."""
    return {
        f"bench-{n}": Question(
            id=f"bench-{n}",
            number=n,
            prompt=f"How would you measure the success of feature {n} for a product team?",
            category=CATEGORIES[n % len(CATEGORIES)],
            level="mid",
            model_answer="",
            key_points=("a", "b", "c"),
            time_limit_seconds=None,
            tags=(),
            pack_id="bench",
            pack_version="1.0.0",
        )
        for n in range(1, count + 1)
    }


def make_attempts(count: int, question_ids: Sequence[str], seed: int) -> list[AttemptSummary]:
    """``count`` attempts over two years, oldest first, with and without ratings."""
    rng = random.Random(seed)
    start = datetime(2024, 11, 27, tzinfo=UTC)
    ratings: list[Rating | None] = [None, *Rating]
    attempts = []
    for n in range(count):
        used = rng.uniform(20, 400)
        attempts.append(
            AttemptSummary(
                id=n + 1,
                question_id=rng.choice(question_ids),
                started_at=start + timedelta(minutes=n * 10.5),
                seconds_used=used,
                time_limit_seconds=300,
                overtime_seconds=max(0.0, used - 300),
                rating=rng.choice(ratings),
                key_points_covered=rng.randint(0, 6),
                key_points_total=6,
            )
        )
    return attempts


def timed(app: QApplication, action: Callable[[], object]) -> float:
    """Milliseconds for ``action`` and the events (paints) it leaves pending."""
    began = time.perf_counter()
    action()
    app.processEvents()
    return (time.perf_counter() - began) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20_261_127)
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    questions = make_questions(args.questions)
    attempts = make_attempts(args.attempts, list(questions), args.seed)
    began = time.perf_counter()
    rows: list[HistoryRow] = history_rows(attempts, questions)
    pool_ms = (time.perf_counter() - began) * 1000

    results: dict[str, list[float]] = {"show rows": [], "sort": [], "filter": [], "clear": []}
    for _ in range(args.repeats):
        window = HistoryWindow(questions, lambda: None, datetime(2026, 11, 27).date())
        window.show()
        app.processEvents()
        results["show rows"].append(timed(app, lambda w=window: w.set_rows(rows)))  # type: ignore[misc]
        header = window.view.horizontalHeader()
        results["sort"].append(
            timed(
                app,
                lambda h=header: h.setSortIndicator(  # type: ignore[misc]
                    HistoryColumn.RATING, Qt.SortOrder.AscendingOrder
                ),
            )
        )
        results["filter"].append(
            timed(app, lambda w=window: w.question_list.category_filter.setCurrentIndex(2))  # type: ignore[misc]
        )
        rating = window.rating_filter
        results["filter"].append(
            timed(app, lambda r=rating: r.setCurrentIndex(r.findData(3)))  # type: ignore[misc]
        )
        results["clear"].append(timed(app, window.clear_filters))
        assert window.question_list.proxy.rowCount() == args.attempts
        window.close()
        window.backups.finish_exit()  # the exit backup runs on a worker
        window.deleteLater()
        app.processEvents()

    print(f"History window, {args.attempts:,} attempts ({args.repeats} runs, medians, ms)")
    print(f"  rows built (pool thread, once)  {pool_ms:8.1f}")
    for name, values in results.items():
        print(f"  {name:<31} {statistics.median(values):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
