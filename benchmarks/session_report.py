"""How long the session's own writes and the report take, for a 10-question session.

Measures, with ``time.perf_counter`` and the median of N runs:

* ``snapshot``: one session snapshot written to a real data file (the app does
  this after each change and 1.5 s after typing stops; synchronous=FULL);
* ``markdown``: building the Markdown report from the summary;
* ``pdf``: rendering that report to an A4 PDF with QTextDocument + QPdfWriter.

Every answer is about 250 words, so the PDF runs to several pages.

Usage::

    QT_QPA_PLATFORM=offscreen python benchmarks/session_report.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.report import report_markdown
from aipm_desktop.core.session import MockSession
from aipm_desktop.core.session_settings import RevealPolicy, SessionSettings
from aipm_desktop.core.session_summary import summarise
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store

ANSWER = ("We start from the user problem and the cost of each kind of error. " * 20).strip()


def median_ms(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from aipm_desktop.ui.session.report_pdf import write_pdf

    app = QApplication([])
    questions = PackLibrary(Path(tempfile.gettempdir()) / "aipm-no-data").load().questions()[:10]
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as folder, Store.open(database_path(Path(folder))) as store:
        session = MockSession(
            clock, SessionSettings(reveal=RevealPolicy.AT_END), questions, default_limit_seconds=300
        )
        session.start()
        assert session.started_at is not None
        session.session_id = store.create_session(session.started_at, {}, session.to_dict())
        for _ in questions:
            clock.advance(200)
            stored = store.record_attempt(session.submit(ANSWER))
            store.set_rating(stored.id, Rating.GOOD, clock.now())
            session.mark_recorded(stored.id)
        attempts = {a.id: a for a in store.session_attempts(session.session_id)}
        sid = session.session_id

        def snapshot() -> None:
            store.save_session(sid, session.to_dict(), pause_count=0, paused_seconds=0.0)

        summary = summarise(session, attempts)
        markdown = report_markdown(summary)
        pdf = Path(folder) / "report.pdf"
        pages = write_pdf(markdown, pdf, title="bench")
        print(
            f"session: {len(questions)} questions, report {len(markdown)} characters, "
            f"{pages} PDF pages, {pdf.stat().st_size // 1024} KiB"
        )
        print(f"snapshot  median {median_ms(runs, snapshot):7.2f} ms  ({runs} runs)")
        print(f"markdown  median {median_ms(runs, lambda: report_markdown(summary)):7.2f} ms")
        pdf_ms = median_ms(max(3, runs // 4), lambda: write_pdf(markdown, pdf, title="b"))
        print(f"pdf       median {pdf_ms:7.2f} ms")
    app.quit()


if __name__ == "__main__":
    main()
