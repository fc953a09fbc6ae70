"""Render one pack's questions on every surface we can build alone, then exit 0.

Run by ``test_inert_pack.py`` under ``strace``: the practice panel (prompt and
details), the revealed model answer and key points, every tooltip (shown with
``QToolTip``), the question list, and the PDF and Markdown report.

    python -m tests.e2e.inert_driver PACK.json OUT_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from aipm_desktop.core.packs import load_pack
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
        report += [f"### {question.prompt}", "", question.model_answer, ""]
        report += [f"- {point}" for point in question.key_points] + [""]
    markdown = "\n".join(report)
    (out / "report.md").write_text(markdown, encoding="utf-8")
    write_pdf(markdown, out / "report.pdf", title="Report")
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
