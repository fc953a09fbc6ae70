"""Render one pack's questions on every surface we can build alone, then exit 0.

Run by ``test_inert_pack.py`` under ``strace``: the practice panel (prompt and
details), the revealed model answer and key points, every tooltip (shown with
``QToolTip``), the question list, a past attempt and the compare window (with
the pack text as the answers too), and the PDF and Markdown report.

    python -m tests.e2e.inert_driver PACK.json OUT_FOLDER
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from aipm_desktop.core.packs import load_pack
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.ui.history.compare_dialog import CompareDialog
from aipm_desktop.ui.history.panel import AttemptDialog
from aipm_desktop.ui.main.question_model import Column, QuestionListModel
from aipm_desktop.ui.practice.panel import PracticePanel
from aipm_desktop.ui.practice.reveal_panel import RevealPanel
from aipm_desktop.ui.session.report_pdf import write_pdf
from aipm_desktop.ui.widgets.inert import tooltip_text


def main(pack_file: Path, out: Path) -> int:
    app = QApplication(sys.argv[:1])
    pack = load_pack(pack_file)
    practice, reveal = PracticePanel(), RevealPanel()
    model = QuestionListModel(list(pack.questions))
    for widget in (practice, reveal):
        widget.resize(900, 700)
        widget.show()
    report = ["# Report", "", "## Questions", ""]
    for row, question in enumerate(pack.questions):
        practice.show_question(question, 120)
        reveal.show_question(question)
        reveal.set_revealed(True)
        for widget in (practice, reveal):
            widget.grab()  # lays out and paints everything shown
        tips = [model.data(model.index(row, Column.PROMPT), Qt.ItemDataRole.ToolTipRole)]
        tips += [tooltip_text(point) for point in question.key_points]
        for tip in tips:
            QToolTip.showText(QPoint(10, 10), str(tip))
            app.processEvents()
        for dialog in past_attempt_windows(question.prompt, question.model_answer):
            while isinstance(dialog, CompareDialog) and dialog.diff is None:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)  # pool thread
            dialog.resize(900, 700)
            dialog.show()
            dialog.grab()
            dialog.close()
        report += [f"### {question.prompt}", "", question.model_answer, ""]
        report += [f"- {point}" for point in question.key_points] + [""]
    markdown = "\n".join(report)
    (out / "report.md").write_text(markdown, encoding="utf-8")
    write_pdf(markdown, out / "report.pdf", title="Report")
    app.processEvents()
    return 0


def past_attempt_windows(prompt: str, text: str) -> list[AttemptDialog | CompareDialog]:
    """An attempt dialog and a compare window whose answers are ``text``."""
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    older = Attempt(
        question_id="q",
        pack_id="p",
        pack_version="1",
        started_at=moment,
        ended_at=moment,
        seconds_used=1.0,
        time_limit_seconds=60,
        overtime_seconds=0.0,
        answer=text,
        revealed_before_submit=False,
        key_points_total=1,
        time_up_mode=TimeUpMode.SOFT,
        id=1,
    )
    newer = replace(older, id=2, answer=text + " more")
    return [AttemptDialog(older, prompt, text), CompareDialog(older, newer, prompt)]


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
