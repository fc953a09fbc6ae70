"""The heartbeat benchmark: the longest UI stall per step, at 1,000,000 attempts.

Generates (once, then reuses from a cache folder) a data folder with 10,000
questions and 1,000,000 attempts (``generate.py``), copies it to a scratch folder,
and drives the REAL main window through what a user does: start, select, type,
submit, rate, history, statistics, compare, check database and quit. A
``QTimer`` beats every 5 ms on the UI thread; each step reports the longest gap
between two beats (the longest time the UI could not answer), and its wall time.

A step runs its action, then the event loop until what it started has finished
(the history read, the dashboard, the diff, the check) and a short settle time
after that, so delayed work (timers, results arriving from pool threads) counts.

Also measured in the same window: every keystroke typed at the end of a
200,000-character answer (the cap), the issue's big-answer case.

``--small`` runs the same steps on 200 questions and 2,000 attempts in a few
seconds (CI runs it to catch breakage; only a full run is judged).

Usage::

    python benchmarks/heartbeat.py [--attempts N] [--small] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import generate
import targets
from startup import percentile

BEAT_MS = 5
STALL_TARGET_MS = 100.0
KEYSTROKE_TARGET_MS = 16.0
SETTLE_S = 0.3
"""After a step's work is done, the event loop runs this long more (delayed work counts)."""
STEP_TIMEOUT_S = 600.0
BIG_ANSWER_CHARS = 200_000
BIG_ANSWER_KEYSTROKES = 200
PARAGRAPH_CHARS = 700
"""The big answer is prose in paragraphs of about this length (one 200,000-character
line costs Qt's own text layout about 50 ms a keystroke in a bare QPlainTextEdit)."""
TYPED = "The primary metric is task success; the guardrail is latency at p95. "


@dataclass(frozen=True)
class Size:
    """How big the data is."""

    questions: int
    attempts: int
    big_answer_keystrokes: int


FULL = Size(questions=10_000, attempts=1_000_000, big_answer_keystrokes=BIG_ANSWER_KEYSTROKES)
SMALL = Size(questions=200, attempts=2_000, big_answer_keystrokes=10)


@dataclass(frozen=True)
class Step:
    """One step of the user's path: its longest UI stall and its wall time, in ms."""

    step: str
    longest_stall_ms: float
    wall_ms: float
    judged: bool = True
    """False for a step outside the stall budget (building the window before it is shown)."""
    note: str = ""


# ---------------------------------------------------------------- the data


def cache_root() -> Path:
    """Where generated data folders are kept between runs."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aipm-desktop-bench"


def data_key(size: Size) -> str:
    """Names the data: its size, the generator's code and this version's schema steps."""
    from aipm_desktop.storage.migrations import steps

    digest = hashlib.sha256(Path(generate.__file__).read_bytes())
    digest.update(" ".join(name for name, _ in steps()).encode())
    return f"q{size.questions}-a{size.attempts}-{digest.hexdigest()[:12]}"


def prepared_data(size: Size, scratch: Path, *, use_cache: bool) -> tuple[Path, str]:
    """A data folder of ``size`` in ``scratch`` (copied from the cache, generated once)."""
    target = scratch / "data"
    if not use_cache:
        described = generate.generate(target, questions=size.questions, attempts=size.attempts)
        return target, described
    cached = cache_root() / data_key(size)
    if not (cached / "described.txt").exists():
        building = cached.with_name(cached.name + ".partial")
        shutil.rmtree(building, ignore_errors=True)
        print(f"generating {size.attempts:,} attempts into {cached} (once)…", file=sys.stderr)
        described = generate.generate(
            building / "data", questions=size.questions, attempts=size.attempts
        )
        (building / "described.txt").write_text(described, encoding="utf-8")
        building.rename(cached)
    shutil.copytree(cached / "data", target)
    described = (cached / "described.txt").read_text(encoding="utf-8")
    return target, f"{described} (cached in {cached})"


# ---------------------------------------------------------------- the heartbeat


class Heartbeat:
    """A timer on the UI thread; the longest gap between its beats is the longest stall."""

    def __init__(self, app: Any) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._app = app
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._last = time.perf_counter()
        self._longest = 0.0
        self._timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self._longest = max(self._longest, now - self._last)
        self._last = now

    def run(
        self,
        name: str,
        action: Callable[[], object],
        done: Callable[[], bool] = lambda: True,
        *,
        judged: bool = True,
        note: str = "",
        settle: float = SETTLE_S,
    ) -> Step:
        """Run ``action``, then the event loop until ``done()`` and ``settle`` seconds more."""
        from PySide6.QtCore import QEventLoop

        wait = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
        self._app.processEvents()
        self._last = begin = time.perf_counter()
        self._longest = 0.0
        action()
        while not done():
            self._app.processEvents(wait)
            if time.perf_counter() - begin > STEP_TIMEOUT_S:
                raise TimeoutError(f"step {name!r} did not finish")
        finished = time.perf_counter()
        while time.perf_counter() - finished < settle:
            self._app.processEvents(wait)
        self._beat()
        wall_ms = (finished - begin) * 1000.0
        return Step(name, self._longest * 1000.0, wall_ms, judged, note)

    def stop(self) -> None:
        """No more beats."""
        self._timer.stop()


# ---------------------------------------------------------------- the user's path


def user_path(size: Size, data_dir: Path) -> tuple[list[Step], list[float]]:
    """Drive the real window through every step; returns the steps and the big-answer
    keystroke times (ms)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    from aipm_desktop.core.clock import SystemClock
    from aipm_desktop.core.rating import Rating
    from aipm_desktop.services.pack_cache import ValidatedPackCache, validated_packs_path
    from aipm_desktop.services.pack_library import PackLibrary
    from aipm_desktop.services.paths import database_path
    from aipm_desktop.services.workspace import Workspace
    from aipm_desktop.storage import Store
    from aipm_desktop.ui.app.application import create_application
    from aipm_desktop.ui.history.compare_dialog import CompareDialog
    from aipm_desktop.ui.main.window import MainWindow
    from aipm_desktop.ui.widgets.settings import AppSettings

    app = create_application()
    reports: list[str] = []

    def answered(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        reports.append(str(args[2]) if len(args) > 2 else "")
        return QMessageBox.StandardButton.Ok

    QMessageBox.information = answered  # type: ignore[method-assign, assignment]
    QMessageBox.warning = answered  # type: ignore[method-assign, assignment]

    store = Store.open(database_path(data_dir))
    library = PackLibrary(data_dir, validated=ValidatedPackCache(validated_packs_path(data_dir)))
    questions = library.load().questions()
    settings = QSettings(str(data_dir / "bench-settings.ini"), QSettings.Format.IniFormat)
    beat = Heartbeat(app)
    steps: list[Step] = []
    built: list[Any] = []
    ready: list[bool] = []
    stats: list[bool] = []

    def build() -> None:
        window = MainWindow(
            workspace=Workspace(store, library=library),
            questions=questions,
            clock=SystemClock(),
            settings=AppSettings(settings),
            offer_session_resume=False,
            stats_in_background=True,  # as the app does
            snapshots_on_idle=True,
        )
        window.ready.connect(lambda: ready.append(True))
        window.stats_loaded.connect(lambda: stats.append(True))
        built.append(window)

    steps.append(
        beat.run("start: build the window", build, judged=False, note="before the first paint")
    )
    w = built[0]

    def idle_done() -> bool:
        return bool(
            ready
            and stats
            and w.question_list.question_model.prepare_search_texts(0)
            and store._db is not None
            and w.snapshots_caught_up
        )

    steps.append(
        beat.run(
            "start: show, first paint",
            w.show,
            lambda: bool(ready),
            judged=False,
            note="until the window says it is ready",
            settle=0.0,
        )
    )
    steps.append(
        beat.run(
            "start: ready until filled and idle",
            lambda: None,
            idle_done,
            note="the list's counts, search texts, sqlite-utils, snapshot catch-up",
        )
    )

    # The favourite question (most attempts, so the longest history) and its neighbour.
    favourite = "bench-00001"  # generate.py: the first question is practised most
    view = w.question_list.question_view
    w.question_list.select_row(w.question_list.proxy_index_of(favourite).row() + 1)
    app.processEvents()
    view.setFocus()
    steps.append(
        beat.run(
            "select: the question with the most attempts",
            lambda: QTest.keyClick(view, Qt.Key.Key_Up),
            lambda: w.current_question is not None and w.current_question.id == favourite,
        )
    )

    def type_answer() -> None:
        w.start_or_resume()
        QTest.keyClicks(w.practice.editor, TYPED)
        w.save_draft()

    steps.append(beat.run("type: start answering, type, save the draft", type_answer))
    steps.append(beat.run("submit", w.loop.submit, lambda: w.loop.assessed is not None))
    steps.append(beat.run("rate", lambda: w.loop.rate(Rating.GOOD)))

    def history_rows() -> int:
        window = w.history.history_window
        return 0 if window is None else window.model.rowCount()

    steps.append(beat.run("history: open every attempt", w.history.show_history, history_rows))

    def statistics_loaded() -> bool:
        board = w.history.dashboard_window
        return board is not None and board.dashboard is not None

    steps.append(beat.run("statistics: open", w.history.show_statistics, statistics_loaded))
    board = w.history.dashboard_window
    assert board is not None
    shown: list[bool] = []
    board.loaded.connect(lambda: shown.append(True))
    steps.append(
        beat.run("statistics: 365 days", lambda: board.set_range_days(365), lambda: bool(shown))
    )
    w.history.close_windows()

    def compared() -> bool:
        dialogs = w.findChildren(CompareDialog)
        return bool(dialogs) and all(d.diff is not None for d in dialogs)

    steps.append(
        beat.run("compare: the last two answers", w.history.compare_selected_attempt, compared)
    )
    for dialog in w.findChildren(CompareDialog):
        dialog.close()
        dialog.deleteLater()

    checked = beat.run(
        "check database",
        w.backups.check_database,
        lambda: w.backups.checking is None and bool(reports),
    )
    steps.append(replace(checked, note=f"reported: {reports[-1][:70] if reports else ''!r}"))

    keystrokes = big_answer(size, w, beat, steps)

    steps.append(beat.run("quit: close the window", w.close))
    steps.append(
        beat.run(
            "quit: the exit backup, window closed",
            w.backups.finish_exit,
            judged=False,
            note="the process waits for it with no window shown (as the app does)",
        )
    )
    beat.stop()
    store.close()
    settings.sync()
    return steps, keystrokes


def big_answer(size: Size, w: Any, beat: Heartbeat, steps: list[Step]) -> list[float]:
    """Paste an answer just under the cap, time keystrokes at its end, submit it."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    app = beat._app
    w.question_list.select_row(2)
    app.processEvents()
    w.start_or_resume()
    editor = w.practice.editor
    length = BIG_ANSWER_CHARS - size.big_answer_keystrokes
    prose = TYPED * (PARAGRAPH_CHARS // len(TYPED))
    words = ("\n\n".join([prose] * (BIG_ANSWER_CHARS // len(prose) + 1)))[:length]

    def paste() -> None:
        editor.selectAll()
        editor.insertPlainText(words)

    steps.append(beat.run(f"big answer: paste {len(words):,} characters", paste))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.setFocus()
    keystrokes: list[float] = []
    for index in range(size.big_answer_keystrokes):
        key = "x" if index % 5 else " "
        start = time.perf_counter()
        QTest.keyClick(editor, key)
        app.processEvents()
        keystrokes.append((time.perf_counter() - start) * 1000.0)
    assert len(w.loop.answer_text()) == BIG_ANSWER_CHARS, len(w.loop.answer_text())
    steps.append(
        beat.run(
            f"big answer: submit {BIG_ANSWER_CHARS:,} characters",
            w.loop.submit,
            lambda: w.loop.assessed is not None and w.loop.flow is None,
        )
    )
    return keystrokes


# ---------------------------------------------------------------- report


def format_table(steps: Sequence[Step], keystrokes: Sequence[float]) -> str:
    """The steps and their stalls, then the big-answer keystrokes."""
    header = f"{'step':<46} {'longest stall ms':>16} {'wall ms':>9}  target            met?"
    lines = [header, "-" * len(header)]
    for step in steps:
        if step.judged:
            target = f"<= {STALL_TARGET_MS:.0f} ms"
            met = "yes" if step.longest_stall_ms <= STALL_TARGET_MS else "NO"
        else:
            target, met = "(cold start rows)", "—"
        lines.append(
            f"{step.step[:46]:<46} {step.longest_stall_ms:>16.1f} {step.wall_ms:>9.1f}  "
            f"{target:<17} {met}"
        )
    p99 = percentile(keystrokes, 0.99)
    lines.append(
        f"{'keystroke at the end of a 200,000-char answer':<46} {'p99 ' + f'{p99:.1f}':>16} "
        f"{'':>9}  <= {KEYSTROKE_TARGET_MS:.0f} ms p99      "
        f"{'yes' if p99 <= KEYSTROKE_TARGET_MS else 'NO'}"
    )
    notes = [f"  {s.step}: {s.note}" for s in steps if s.note]
    legend = (
        f"  longest stall: the longest gap between two beats of a {BEAT_MS} ms timer on the UI "
        f"thread during the step (so at least {BEAT_MS} ms); keystrokes: median "
        f"{percentile(keystrokes, 0.5):.1f} ms over {len(keystrokes)}"
    )
    return "\n".join([*lines, "", "notes:", *notes, legend])


def report_targets(size: Size, steps: Sequence[Step], keystrokes: Sequence[float]) -> None:
    """Hand the judged numbers to the summary table of ``make bench``."""
    judged = [s for s in steps if s.judged]
    worst = max(judged, key=lambda s: s.longest_stall_ms)
    over = [s.step for s in judged if s.longest_stall_ms > STALL_TARGET_MS]
    targets.report(
        "stall",
        f"worst {worst.longest_stall_ms:.0f} ms",
        not over,
        detail=f"worst step: {worst.step}; over 100 ms: {', '.join(over) or 'none'} "
        f"(at {size.attempts:,} attempts)",
    )
    p99 = percentile(keystrokes, 0.99)
    targets.report("big_keystroke", f"p99 {p99:.1f} ms", p99 <= KEYSTROKE_TARGET_MS)


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare the data, drive the window, print the stalls."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--small", action="store_true", help="tiny data (for CI)")
    parser.add_argument("--attempts", type=int, metavar="N", help="attempts in the data")
    parser.add_argument("--json", action="store_true", help="print the steps as JSON")
    args = parser.parse_args(argv)
    size = SMALL if args.small else FULL
    if args.attempts is not None:
        if args.attempts < 1:
            parser.error("--attempts must be at least 1")
        size = Size(**{**asdict(size), "attempts": args.attempts})
    with tempfile.TemporaryDirectory(prefix="aipm-heartbeat-") as folder:
        data_dir, described = prepared_data(size, Path(folder), use_cache=not args.small)
        print(f"data: {described}", file=sys.stderr, flush=True)
        steps, keystrokes = user_path(size, data_dir)
    if not args.small:
        report_targets(size, steps, keystrokes)
    if args.json:
        print(
            json.dumps(
                {"steps": [asdict(s) for s in steps], "big_answer_keystrokes_ms": keystrokes},
                indent=2,
            )
        )
    else:
        print(f"data: {described}")
        print(format_table(steps, keystrokes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
