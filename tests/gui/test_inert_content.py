"""Issue 14, findings 1 and 2: pack text is inert on every surface.

One document class refuses every resource; Markdown shows raw HTML as text (so
`<br>` cuts nothing from the PDF); labels showing pack text are plain text and
tooltips are escaped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPixmap, QTextDocument
from pytestqt.qtbot import QtBot

from aipm_desktop.core.questions import Question
from aipm_desktop.ui.practice.checklist import KeyPointChecklist
from aipm_desktop.ui.practice.panel import PracticePanel
from aipm_desktop.ui.session.report_pdf import report_document, write_pdf
from aipm_desktop.ui.widgets.inert import InertDocument, set_inert_markdown, tooltip_text
from aipm_desktop.ui.widgets.markdown_view import MarkdownView

TAGS = ["<br>", "<hr>", "<div>", "<table><tr><td>cell</td></tr></table>", '<img src="x.png">']


@pytest.fixture
def local_image(tmp_path: Path) -> Path:
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = tmp_path / "secret.png"
    assert image.save(str(path))
    return path


def loaded(document: QTextDocument, path: Path) -> bool:
    """Whether laying the document out read the image at ``path`` (4 x 4 red pixels)."""
    document.setTextWidth(400)
    document.documentLayout().documentSize()
    resource = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(str(path)))
    return isinstance(resource, QImage | QPixmap) and resource.width() == 4


def test_the_inert_document_never_loads_a_local_image(qtbot: QtBot, local_image: Path) -> None:
    trusting = QTextDocument()
    trusting.setHtml(f'<img src="{local_image}">')
    assert loaded(trusting, local_image)  # what any plain document would do

    inert = InertDocument()
    inert.setHtml(f'<img src="{local_image}">')
    assert not loaded(inert, local_image)
    markdown = InertDocument()
    set_inert_markdown(markdown, f"![secret]({local_image})")
    assert not loaded(markdown, local_image)


def test_every_view_renders_through_the_inert_document(qtbot: QtBot, local_image: Path) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown(f"![secret]({local_image})")
    assert isinstance(view.document(), InertDocument)
    assert not loaded(view.document(), local_image)
    report = report_document(f"# Report\n\n![secret]({local_image})\n")
    assert isinstance(report, InertDocument)
    assert not loaded(report, local_image)


@pytest.mark.parametrize("tag", TAGS)
def test_raw_html_shows_as_text_and_cuts_nothing(qtbot: QtBot, tmp_path: Path, tag: str) -> None:
    markdown = f"# Report\n\n## Questions\n\n### Q1\n\nBefore {tag} after.\n\nThe very last line.\n"
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown(markdown)

    assert tag in view.toPlainText()
    assert "The very last line." in view.toPlainText()
    document = report_document(markdown)
    assert tag in document.toPlainText()
    assert document.toPlainText().rstrip().endswith("The very last line.")
    assert write_pdf(markdown, tmp_path / "report.pdf", title="Report") >= 1


def test_pack_text_labels_are_plain_text(qtbot: QtBot) -> None:
    panel = PracticePanel()
    qtbot.addWidget(panel)
    assert panel.prompt_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.meta_label.textFormat() == Qt.TextFormat.PlainText


HOSTILE = '<img src="/dev/zero"> & <b>bold</b>\nsecond line'


def test_tooltips_show_pack_text_as_text(qtbot: QtBot) -> None:
    shown = QTextDocument()
    shown.setHtml(tooltip_text(HOSTILE))
    assert shown.toPlainText() == HOSTILE
    assert "<img" not in tooltip_text(HOSTILE)

    checklist = KeyPointChecklist()
    qtbot.addWidget(checklist)
    checklist.set_key_points([HOSTILE])
    tip = checklist.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip
    assert "&lt;img" in tip


def hostile_question() -> Question:
    return Question(
        id="q1",
        number=1,
        prompt=HOSTILE,
        category="<i>c</i>",
        level="L",
        model_answer=HOSTILE,
        key_points=(HOSTILE,),
        time_limit_seconds=None,
        tags=(),
        pack_id="p",
        pack_version="1",
    )


def test_the_question_list_tooltip_is_escaped(qtbot: QtBot) -> None:
    from aipm_desktop.ui.main.question_model import Column, QuestionListModel

    model = QuestionListModel([hostile_question()])
    tip = model.data(model.index(0, Column.PROMPT), Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in str(tip)


# Hypothesis: random pack text on the rendering path never raises and never loads a file.

_PIECES = st.sampled_from(
    [
        "<img src='{f}'>",
        "![x]({f})",
        "<div style='background: url({f})'>",
        "<table background='{f}'><tr><td>",
        "<br>",
        "| a | b |\n| - | - |\n| 1 | 2 |\n",
        "**bold** ",
        "\n\n",
        "[link]({f})",
        "<style>@import url({f});</style>",
    ]
)


@given(
    pieces=st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=12),
)
def test_random_pack_text_renders_inert_on_every_surface(
    qapp: object, tmp_path_factory: pytest.TempPathFactory, pieces: list[str]
) -> None:
    image = tmp_path_factory.getbasetemp() / "fuzz-secret.png"
    if not image.exists():
        picture = QImage(4, 4, QImage.Format.Format_RGB32)
        picture.fill(QColor("red"))
        picture.save(str(image))
    text = "".join(piece.replace("{f}", str(image)) for piece in pieces)
    view = MarkdownView()
    try:
        view.set_markdown(text)
        report = report_document(f"# Report\n\n{text}\n")

        assert not loaded(view.document(), image)
        assert not loaded(report, image)
        assert "<" not in tooltip_text(text).removeprefix("<p style='white-space:pre-wrap'>")[:-4]
    finally:
        view.deleteLater()
