"""Render a Markdown report to PDF with Qt's own QTextDocument and QPdfWriter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from aipm_desktop import APP_NAME
from aipm_desktop.ui.widgets.inert import InertDocument, set_inert_markdown

FOOTER_MM = 8
"""The band at the foot of each PDF page that holds its number."""
QUESTIONS_HEADING = "Questions"
"""The level-2 heading after which each question starts a page of its own."""


def report_document(markdown: str, *, pixel_scale: float = 1.0) -> QTextDocument:
    """The report as a QTextDocument: tables ruled and compact, each question after the
    first on a new page (the first follows the totals, so page 1 is not left half empty).

    ``pixel_scale`` is the paint device's pixels per 1/96 inch, for rules and padding.
    """
    document = InertDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(10.5)
    document.setDefaultFont(font)
    set_inert_markdown(document, markdown)  # raw HTML shows as text and cuts nothing
    _rule_tables(document, pixel_scale)
    _break_pages(document)
    return document


def pdf_writer(path: Path, *, title: str) -> QPdfWriter:
    """An A4 portrait writer at 300 dpi, with the report's margins."""
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 16, 18, 16),
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def paged_document(markdown: str, writer: QPdfWriter) -> tuple[QTextDocument, QSizeF, int]:
    """The report laid out with the writer's own metrics, one page per printed page: the
    document, the size of a page's body and the height of the footer band under it.

    A heading or label left alone at the foot of a page goes to the next page with what
    it introduces: the report is laid out again with a page break before it (a fresh
    document each time: Qt paints a document whose breaks changed after its layout
    with the old page positions)."""
    breaks: set[int] = set()
    for _attempt in range(4):
        document, body, footer = _laid_out(markdown, writer, breaks)
        alone = _labels_alone(document, body.height()) - breaks
        if not alone:
            break
        breaks |= alone
    return document, body, footer


def _laid_out(
    markdown: str, writer: QPdfWriter, breaks: set[int]
) -> tuple[QTextDocument, QSizeF, int]:
    document = report_document(markdown, pixel_scale=writer.resolution() / 96)
    for number in breaks:
        _break_before(document.findBlockByNumber(number))
    document.documentLayout().setPaintDevice(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    footer = round(FOOTER_MM / 25.4 * writer.resolution())
    body = QSizeF(page.width(), page.height() - footer)
    document.setPageSize(body)
    return document, body, footer


LABELS = frozenset(
    {"Your answer", "Model answer", "Key points covered", "Key points missed", QUESTIONS_HEADING}
)
"""The report's bold labels: each belongs on the page of what it introduces."""


def _is_label(block: QTextBlock) -> bool:
    return block.blockFormat().headingLevel() > 0 or block.text().strip() in LABELS


def _labels_alone(document: QTextDocument, page_height: float) -> set[int]:
    """The numbers of the heading and label blocks whose next block starts on a later page."""
    layout = document.documentLayout()
    alone = set()
    block = document.begin()
    while block.isValid():
        following = block.next()
        if _is_label(block) and following.isValid():
            page = int(layout.blockBoundingRect(block).top() // page_height)
            next_page = int(layout.blockBoundingRect(following).top() // page_height)
            if next_page > page:
                alone.add(block.blockNumber())
        block = following
    return alone


def _break_before(block: QTextBlock) -> None:
    page_break = QTextBlockFormat()
    page_break.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).mergeBlockFormat(page_break)


def write_pdf(markdown: str, path: Path, *, title: str) -> int:
    """Write the report to ``path`` as an A4 PDF; returns the number of pages.

    Raises OSError if the file cannot be written.
    """
    writer = pdf_writer(path, title=title)
    document, body, footer = paged_document(markdown, writer)
    pages = document.pageCount()
    _paint_pages(document, writer, body, footer, pages)
    del writer  # finishes and closes the file
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")
    return pages


def _paint_pages(
    document: QTextDocument, writer: QPdfWriter, body: QSizeF, footer: int, pages: int
) -> None:
    """Each page of the laid-out document, with "Page N of M" centred in its footer."""
    painter = QPainter(writer)
    try:
        footer_font = QFont(document.defaultFont())
        footer_font.setPointSizeF(8.5)
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * body.height())
            document.drawContents(
                painter, QRectF(0, index * body.height(), body.width(), body.height())
            )
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#555555"))
            painter.drawText(
                QRectF(0, body.height(), body.width(), footer),
                Qt.AlignmentFlag.AlignCenter,
                f"Page {index + 1} of {pages}",
            )
    finally:
        painter.end()


def _rule_tables(document: QTextDocument, scale: float) -> None:
    """Thin rules, a little padding, and cells without the paragraph margins Markdown
    gives them (which made every row of the settings table two lines tall)."""
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        table_format: QTextTableFormat = frame.format().toTableFormat()
        table_format.setBorder(1 * scale)
        table_format.setBorderBrush(QColor("#888888"))
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        table_format.setBorderCollapse(True)
        table_format.setCellPadding(4)  # scaled to the device by the layout; the border is not
        table_format.setCellSpacing(0)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        frame.setFormat(table_format)
        _tighten_cells(frame)


def _tighten_cells(table: QTextTable) -> None:
    tight = QTextBlockFormat()
    tight.setTopMargin(0)
    tight.setBottomMargin(0)
    cursor = QTextCursor(table.document())
    cursor.setPosition(table.firstPosition())
    cursor.setPosition(table.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeBlockFormat(tight)


def _break_pages(document: QTextDocument) -> None:
    """Each question after the first on a page of its own; the first follows the totals."""
    block = document.begin()
    in_questions = False
    first_question = True
    while block.isValid():
        level = block.blockFormat().headingLevel()
        starts_page = False
        if level == 2 and block.text().strip() == QUESTIONS_HEADING:
            in_questions = True
        elif level == 3 and in_questions:
            starts_page = not first_question
            first_question = False
        if starts_page:
            page_break = QTextBlockFormat()
            page_break.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).mergeBlockFormat(page_break)
        block = block.next()
