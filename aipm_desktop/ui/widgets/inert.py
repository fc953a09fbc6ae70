"""Untrusted text shown inertly: one resource-blocking document, Markdown without raw HTML,
plain-text labels and escaped tooltips.

Pack text, imported files and answers are data. Whatever they contain (``<img
src="/dev/zero">``, ``![x](/etc/passwd)``, CSS ``url()``), Qt never loads a file
or any other resource for them, and raw HTML is shown as the text it is.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QByteArray, QObject, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel

MARKDOWN_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)
"""GitHub Markdown (tables included) with raw HTML kept as text: `<br>` shows as "<br>"."""


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


class InertDocument(QTextDocument):
    """A text document that never loads a resource: images, style sheets, anything.

    Answering "nothing" is not enough: when a document has no image for a name,
    Qt's image handler opens the name as a file itself (``<img src="/dev/zero">``
    would read forever). So every image is a blank pixel and every other resource
    is empty, whatever the URL; Qt then has no reason to open anything.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._blank = _blank_image()

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: N802
        """A blank pixel for an image, empty bytes for anything else; never a file's content."""
        if type == QTextDocument.ResourceType.ImageResource.value:
            return self._blank
        return QByteArray()


def set_inert_markdown(document: QTextDocument, markdown: str) -> None:
    """Render ``markdown`` into ``document`` with raw HTML shown as text."""
    document.setMarkdown(markdown, MARKDOWN_FEATURES)


def inert_markdown_document(markdown: str, parent: QObject | None = None) -> InertDocument:
    """A new `InertDocument` holding ``markdown``."""
    document = InertDocument(parent)
    set_inert_markdown(document, markdown)
    return document


def plain_label(text: str = "") -> QLabel:
    """A label that shows ``text`` as plain text, never as HTML."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def escaped_text(text: str) -> str:
    """``text`` for a tooltip or a message box, which guess whether text is HTML: escaped
    and marked as rich text, so it shows exactly as written and is never read as HTML."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


tooltip_text = escaped_text
"""`escaped_text`, by the name tooltips use."""
