"""Read-only Markdown display built on QTextDocument's own Markdown support."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, QUrl
from PySide6.QtGui import (
    QBrush,
    QDesktopServices,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTable,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from aipm_desktop.ui.widgets.inert import InertDocument, set_inert_markdown

SAFE_LINK_SCHEMES = frozenset({"http", "https"})
CELL_EXTRA = 16
"""A cell's padding and border beside its text, in pixels."""


class MarkdownView(QTextBrowser):
    """Shows Markdown; tables render as real tables.

    Content is inert: raw HTML shows as text, no image or other resource is ever
    loaded (its document is an `InertDocument`), and a link opens in the system
    browser only when clicked, and only for http(s).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(InertDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self._markdown = ""
        self._restyle_pending = False
        # Words are never broken: a table too wide for the panel scrolls sideways,
        # while paragraphs and narrower tables wrap to fit.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setAccessibleDescription("Read-only. Arrow keys and Page Down scroll.")

    def set_markdown(self, text: str) -> None:
        """Render ``text`` (GitHub-flavoured Markdown)."""
        self._markdown = text
        document = self.document()
        set_inert_markdown(document, text)
        self._style_tables(document)
        self.scroll_to_top()

    def scroll_to_top(self) -> None:
        """Show the beginning of the text."""
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def markdown(self) -> str:
        """The Markdown last set."""
        return self._markdown

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: N802
        """Refuse every resource: pack content must never fetch anything."""
        return None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._style_tables(self.document())

    def _style_tables(self, document: QTextDocument) -> None:
        """Borders and a header band in the palette's colours, so both themes read well."""
        palette = self.palette()
        border = QBrush(palette.color(QPalette.ColorRole.Mid))
        header = QBrush(palette.color(QPalette.ColorRole.AlternateBase))
        for frame in document.rootFrame().childFrames():
            if not isinstance(frame, QTextTable):
                continue
            table_format: QTextTableFormat = frame.format().toTableFormat()
            table_format.setBorder(1)
            table_format.setBorderBrush(border)
            table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            table_format.setBorderCollapse(True)
            table_format.setCellPadding(6)
            table_format.setCellSpacing(0)
            table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
            table_format.setColumnWidthConstraints(self._column_widths(frame))
            frame.setFormat(table_format)
            for column in range(frame.columns()):
                cell = frame.cellAt(0, column)
                cell_format = cell.format()
                cell_format.setBackground(header)
                cell.setFormat(cell_format)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and not self._restyle_pending:
            # A layout settling resizes the view several times in one go (5 times when
            # the answer is revealed): the tables are fitted once, to the last width.
            self._restyle_pending = True
            QTimer.singleShot(0, self, self._restyle)

    def _restyle(self) -> None:
        self._restyle_pending = False
        self._style_tables(self.document())

    def _column_widths(self, table: QTextTable) -> list[QTextLength]:
        """Each column's share of the width, after its content: the longest text gets
        the most room, a short column no more than it needs."""
        metrics = self.fontMetrics()
        natural = [0.0] * table.columns()
        for row in range(table.rows()):
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                cursor = QTextCursor(self.document())
                cursor.setPosition(cell.firstPosition())
                cursor.setPosition(cell.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
                text = cursor.selectedText().replace("\u2029", " ")
                width = metrics.horizontalAdvance(text) + CELL_EXTRA
                natural[column] = max(natural[column], width)
        available = max(1.0, self.viewport().width() - 2 * self.document().documentMargin())
        shares = column_shares(natural, available)
        return [QTextLength(QTextLength.Type.PercentageLength, share * 100) for share in shares]

    def _open_link(self, url: QUrl) -> None:
        if url.scheme().lower() in SAFE_LINK_SCHEMES:
            QDesktopServices.openUrl(url)


def column_shares(natural: list[float], available: float) -> list[float]:
    """Each column's share (0–1) of ``available`` width, given the width each needs to
    show its longest cell on one line.

    A column that fits in an even share of what is left keeps just what it needs; the
    other columns share the rest in proportion to their need (so a long "Why" column is
    wider than a short "Option" one). When everything fits, the slack is spread in
    proportion too.
    """
    count = len(natural)
    if count == 0:
        return []
    widths = [0.0] * count
    open_columns = set(range(count))
    space = available
    settled = True
    while settled and open_columns:
        settled = False
        share = space / len(open_columns)
        for column in sorted(open_columns):
            if natural[column] <= share:
                widths[column] = natural[column]
                space -= natural[column]
                open_columns.discard(column)
                settled = True
    if open_columns:
        need = sum(natural[column] for column in open_columns)
        for column in open_columns:
            widths[column] = space * natural[column] / need
    else:
        total = sum(widths) or 1.0
        widths = [width * available / total for width in widths]
    return [width / available for width in widths]
