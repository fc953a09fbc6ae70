"""The PDF report's layout (issue 15): a compact first page and a settings table with
rows one line tall."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontMetricsF, QTextDocument, QTextTable
from PySide6.QtWidgets import QApplication

from aipm_desktop.ui.session.report_pdf import paged_document, pdf_writer

SETTINGS = [
    ("Questions", "5 at random"),
    ("Order", "As listed"),
    ("Time per question", "Each question's own limit"),
    ("Think time", "None"),
    ("Overall budget", "None"),
    ("When time is up", "Soft: keep going, overtime counted"),
    ("Model answers shown", "At the end"),
]
REPORT = "\n".join(
    [
        "# Mock interview report",
        "",
        "**Date:** 2026-01-05 09:00 (UTC+00:00)",
        "",
        "## Settings",
        "",
        "| Setting | Value |",
        "| --- | --- |",
        *(f"| {name} | {value} |" for name, value in SETTINGS),
        "",
        "## Totals",
        "",
        "- **Questions:** 2 answered, 0 skipped, 0 not reached, of 2",
        "",
        "## Questions",
        "",
        "### 1. How would you explain machine learning?",
        "",
        "> A short answer.",
        "",
        "### 2. When should you use rules?",
        "",
        "> Another short answer.",
        "",
    ]
)


def heading_top(document: QTextDocument, starts: str) -> float:
    block = document.begin()
    while block.isValid():
        if block.text().startswith(starts):
            return document.documentLayout().blockBoundingRect(block).top()
        block = block.next()
    raise AssertionError(f"no block starts with {starts!r}")


def test_the_first_question_follows_the_totals_on_page_one(
    qapp: QApplication, tmp_path: Path
) -> None:
    writer = pdf_writer(tmp_path / "report.pdf", title="Report")
    document, body, _footer = paged_document(REPORT, writer)
    first = heading_top(document, "1. How would")
    second = heading_top(document, "2. When should")
    assert first < body.height() / 2  # page 1 is used, not left mostly empty
    assert document.pageCount() == 2
    assert body.height() <= second < body.height() * 1.1  # the next one tops page 2


def test_settings_rows_are_one_line_tall(qapp: QApplication, tmp_path: Path) -> None:
    writer = pdf_writer(tmp_path / "report.pdf", title="Report")
    document, _body, _footer = paged_document(REPORT, writer)
    (table,) = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert table.rows() == len(SETTINGS) + 1
    line = QFontMetricsF(document.defaultFont(), writer).lineSpacing()
    row_height = document.documentLayout().frameBoundingRect(table).height() / table.rows()
    assert row_height < 1.8 * line
    assert row_height > line  # still padded and ruled


def labels_alone_at_a_page_foot(document: QTextDocument, page_height: float) -> list[str]:
    layout = document.documentLayout()
    alone = []
    block = document.begin()
    while block.isValid() and block.next().isValid():
        if block.text() in ("Your answer", "Model answer") or block.blockFormat().headingLevel():
            here = layout.blockBoundingRect(block).top() // page_height
            there = layout.blockBoundingRect(block.next()).top() // page_height
            if there != here:
                alone.append(block.text())
        block = block.next()
    return alone


def test_a_label_never_stays_alone_at_the_foot_of_a_page(
    qapp: QApplication, tmp_path: Path
) -> None:
    writer = pdf_writer(tmp_path / "report.pdf", title="Report")
    for lines in range(20, 75):  # the label falls on every part of page 1, and page 2
        answer = "\n>\n".join(f"> Paragraph {n} of the answer." for n in range(lines))
        report = REPORT.replace(
            "> A short answer.",
            f"**Your answer**\n\n{answer}\n\n**Model answer**\n\n> The model answer.",
        )
        document, body, _footer = paged_document(report, writer)
        assert labels_alone_at_a_page_foot(document, body.height()) == [], lines


def test_every_line_is_printed_when_a_label_moves_to_the_next_page(
    qapp: QApplication, tmp_path: Path
) -> None:
    """Moving a label once painted the later pages from stale positions: text vanished."""
    from PySide6.QtPdf import QPdfDocument

    from aipm_desktop.ui.session.report_pdf import write_pdf

    for lines in (22, 23, 40):
        answer = "\n>\n".join(f"> Paragraph {n} of the answer." for n in range(lines))
        report = REPORT.replace(
            "> A short answer.",
            f"**Your answer**\n\n{answer}\n\n**Model answer**\n\n> The model answer.",
        )
        pdf = tmp_path / f"report-{lines}.pdf"
        pages = write_pdf(report, pdf, title="Report")
        reader = QPdfDocument()
        reader.load(str(pdf))
        assert reader.pageCount() == pages
        printed = " ".join(reader.getAllText(n).text() for n in range(pages))
        reader.close()
        for expected in (
            *(f"Paragraph {n} of the answer." for n in range(lines)),
            "Model answer",
            "The model answer.",
            "2. When should you use rules?",
            "Another short answer.",
        ):
            assert expected in printed, (lines, expected)
