"""The answering layout at common screen sizes: the editor has the room while answering,
the clock never moves anything, and after submitting every key point and the model
answer's table read well."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QTextCursor, QTextTable
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.timer import ClockTone, TimeUpMode
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.markdown_view import MarkdownView, column_shares

SIZES = [(1280, 800), (1920, 1080)]
CTRL = Qt.KeyboardModifier.ControlModifier


def at_size(window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    settle()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def go_to(qtbot: QtBot, window: MainWindow, number: int) -> None:
    view = window.question_list.question_view
    while window.current_question is not None and window.current_question.number < number:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.current_question is not None
    assert window.current_question.number == number


def start(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    assert window.loop.attempt is not None
    settle()


def submit(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    settle()


def place(widget: QWidget, window: MainWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("size", SIZES)
def test_the_editor_has_most_of_the_width_while_answering(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    at_size(window, size)
    start(qtbot, window)
    practice = window.practice
    assert not practice.model_answer_column.isVisible()
    assert practice.reveal.hidden_hint.isVisible()  # says why the model answer isn't there
    assert practice.editor.width() >= 0.6 * window.width()


@pytest.mark.parametrize("size", SIZES)
def test_nothing_moves_when_the_clock_reaches_over_time_or_pauses(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, size: tuple[int, int]
) -> None:
    window.settings.time_up_mode = TimeUpMode.SOFT
    at_size(window, size)
    question = window.current_question
    assert question is not None
    assert question.time_limit_seconds is not None
    start(qtbot, window)
    practice = window.practice
    watched = [practice.editor, practice.prompt_label, practice.countdown, practice.word_count]
    before = [place(widget, window) for widget in watched]

    clock.advance(question.time_limit_seconds + 125)
    qtbot.waitUntil(lambda: practice.countdown.tone is ClockTone.OVERTIME)
    settle()
    assert practice.countdown.text().startswith("Over time")
    assert [place(widget, window) for widget in watched] == before

    qtbot.keyClick(practice.editor, Qt.Key.Key_P, CTRL)
    settle()
    assert practice.countdown.text().startswith("Paused · Over time")
    assert [place(widget, window) for widget in watched] == before
    # The clock's text fits in its fixed width.
    text_width = practice.countdown.fontMetrics().horizontalAdvance(practice.countdown.text())
    assert text_width <= practice.countdown.contentsRect().width()


@pytest.mark.parametrize("size", SIZES)
def test_every_key_point_is_visible_after_submitting(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    at_size(window, size)
    model = window.question_list.question_model
    most = max(
        (model.question(row) for row in range(model.rowCount())),
        key=lambda question: len(question.key_points),
    )
    go_to(qtbot, window, most.number)
    start(qtbot, window)
    qtbot.keyClicks(window.practice.editor, "Volume and freshness of labelled data.")
    submit(qtbot, window)
    practice = window.practice
    assert practice.model_answer_column.isVisible()
    # Side by side: the answer and the model answer share the width.
    answer, model_answer = practice.splitter.sizes()
    assert min(answer, model_answer) >= 0.4 * (answer + model_answer)
    checklist = practice.reveal.checklist
    viewport = checklist.viewport().rect()
    rows = checklist.model().rowCount()
    assert rows == len(most.key_points) >= 6
    for row in range(rows):
        rect = checklist.visualRect(checklist.model().index(row, 0))
        assert viewport.contains(rect), f"key point {row + 1} of {rows} is cut: {rect} {viewport}"


def column_widths(table: QTextTable, window: MainWindow) -> list[int]:
    view = window.practice.reveal.answer_view
    lefts = []
    for column in range(table.columns()):
        cursor = QTextCursor(view.document())
        cursor.setPosition(table.cellAt(0, column).firstPosition())
        lefts.append(view.cursorRect(cursor).left())
    layout = view.document().documentLayout()
    right = int(layout.frameBoundingRect(table).right())  # type: ignore[attr-defined]
    right -= view.horizontalScrollBar().value()
    edges = [*lefts, right]
    return [edges[i + 1] - edges[i] for i in range(len(lefts))]


@pytest.mark.parametrize("size", SIZES)
def test_the_table_column_with_the_longest_text_is_the_widest(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    at_size(window, size)
    go_to(qtbot, window, 4)  # its table: Scenario | Optimize For | Why
    start(qtbot, window)
    qtbot.keyClicks(window.practice.editor, "Precision and recall.")
    submit(qtbot, window)
    document = window.practice.reveal.answer_view.document()
    table = next(f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable))
    longest = {}
    for column in range(table.columns()):
        cells = [table.cellAt(row, column) for row in range(table.rows())]
        longest[column] = max(cell.lastPosition() - cell.firstPosition() for cell in cells)
    widest_text = max(longest, key=lambda column: longest[column])
    widths = column_widths(table, window)
    others = [w for column, w in enumerate(widths) if column != widest_text]
    assert widths[widest_text] > max(others), widths


def test_column_shares_follow_the_content() -> None:
    # Everything fits: the slack is spread in proportion.
    assert column_shares([100, 300], 800) == pytest.approx([0.25, 0.75])
    # Too wide: the short column keeps what it needs, the long ones share the rest.
    shares = column_shares([80, 120, 2000, 1000], 600)
    assert shares[0] * 600 == pytest.approx(80)
    assert shares[1] * 600 == pytest.approx(120)
    assert shares[2] > shares[3] > shares[1]
    assert sum(shares) == pytest.approx(1)
    assert column_shares([], 500) == []


def test_a_table_too_wide_for_its_words_scrolls_sideways(qtbot: QtBot) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(300, 300)
    view.show()
    view.set_markdown(
        "| Approach | Latency | Why | Considerations | Alternatives |\n"
        "|---|---|---|---|---|\n"
        "| Retrieval-augmentation | 300ms | Internationalization notwithstanding "
        "| Incomprehensibilities | Counterrevolutionaries |\n"
    )
    settle()
    assert view.horizontalScrollBar().maximum() > 0  # words are never broken


def test_tables_are_fitted_once_to_the_last_width_after_several_resizes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(300, 300)
    view.show()
    view.set_markdown("| Option | Lift |\n|---|---|\n| Ranking by recency | 4% |\n")
    settle()
    fitted: list[int] = []
    original = view._style_tables
    monkeypatch.setattr(
        view, "_style_tables", lambda doc: (fitted.append(view.width()), original(doc))
    )

    for width in (320, 480, 640):
        view.resize(width, 300)
    assert fitted == []  # not yet: the layout may still be settling
    settle()

    assert fitted == [640]
    table = view.document().rootFrame().childFrames()[0]
    assert table.format().toTableFormat().columnWidthConstraints()  # fitted
