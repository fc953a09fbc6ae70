"""Time comparing two long answers: the old difflib word diff against diff-match-patch.

Builds deterministic answer pairs of N words (ordinary prose: a few hundred distinct
words, so many repeats, the case that made ``difflib`` slow) where the newer answer
rewrites about one word in ten, then prints, per size, the median seconds of:

* ``difflib``: ``SequenceMatcher(autojunk=False)`` over the words plus its ratio,
  what ``core/compare.py`` ran on the UI thread before;
* ``word_diff``: the diff-match-patch word diff (now run on a pool thread);
* the compare window's UI thread: building the dialog (both answers shown plainly
  with "Comparing…") and showing the highlighted result when it arrives.

Usage::

    QT_QPA_PLATFORM=offscreen python benchmarks/compare.py [--words 2000 3000] [--repeats R]
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtWidgets import QApplication

from aipm_desktop.core.compare import tokens, word_diff
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.ui.history.compare_dialog import CompareDialog


def answer_pair(words: int, seed: int = 7) -> tuple[str, str]:
    """Two answers of ``words`` words, Zipf-distributed like prose; about 10 % rewritten."""
    rng = random.Random(seed)
    vocabulary = [f"word{n}" for n in range(400)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    older = rng.choices(vocabulary, weights, k=words)
    newer = []
    for word in older:
        roll = rng.random()
        if roll < 0.04:
            continue  # dropped
        if roll < 0.07:
            newer.append(rng.choice(vocabulary))  # replaced
        else:
            newer.append(word)
        if rng.random() < 0.03:
            newer.append(rng.choice(vocabulary))  # inserted
    return " ".join(older), " ".join(newer)


def old_difflib(older: str, newer: str) -> float:
    """What core/compare.py computed before: the opcodes and the ratio."""
    words_a = [t if t.strip() else " " for t in tokens(older)]
    words_b = [t if t.strip() else " " for t in tokens(newer)]
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    matcher.get_opcodes()
    return matcher.ratio()


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def attempt(answer: str, number: int) -> Attempt:
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    return Attempt(
        question_id="q",
        pack_id="p",
        pack_version="1",
        started_at=moment,
        ended_at=moment,
        seconds_used=60.0,
        time_limit_seconds=300,
        overtime_seconds=0.0,
        answer=answer,
        revealed_before_submit=False,
        key_points_total=3,
        time_up_mode=TimeUpMode.SOFT,
        id=number,
    )


def dialog_ui_seconds(app: QApplication, older: str, newer: str) -> tuple[float, float]:
    """The UI thread's share: building the dialog, and showing the result when it arrives."""
    first = attempt(older, 1)
    shown: list[float] = []
    original = CompareDialog._show_diff

    def timed(self: CompareDialog, result: object) -> None:
        begin = time.perf_counter()
        original(self, result)
        shown.append(time.perf_counter() - begin)

    # Timed from the start: the dialog hands its own bound method to the worker when
    # it is built, and the result may arrive during the first processEvents.
    CompareDialog._show_diff = timed  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        dialog = CompareDialog(first, replace(first, id=2, answer=newer), "Compare")
        dialog.show()
        app.processEvents()
        build = time.perf_counter() - start
        while not shown:
            app.processEvents()
            time.sleep(0.005)
    finally:
        CompareDialog._show_diff = original  # type: ignore[method-assign]
    dialog.close()
    return build, shown[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[2000, 3000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-difflib", action="store_true", help="only the new diff")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    print(
        f"{'words':>6}  {'difflib s':>10}  {'word_diff s':>11}  {'dialog build ms':>15}  "
        f"{'show result ms':>14}"
    )
    for words in args.words:
        older, newer = answer_pair(words)
        before = (
            float("nan")
            if args.skip_difflib
            else median_seconds(lambda a=older, b=newer: old_difflib(a, b), args.repeats)
        )
        after = median_seconds(lambda a=older, b=newer: word_diff(a, b), args.repeats)
        build, show = dialog_ui_seconds(app, older, newer)
        print(
            f"{words:>6}  {before:>10.3f}  {after:>11.3f}  {build * 1000:>15.1f}  "
            f"{show * 1000:>14.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
