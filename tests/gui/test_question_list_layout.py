"""The left column reads well: two-line prompts, a pack letter when several packs are
listed (so "#1" never repeats unexplained), filters that say what they filter, and a
history whose columns fit."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aipm_desktop.core.rating import Rating
from aipm_desktop.ui.history.panel import HistoryColumn, HistoryPanel
from aipm_desktop.ui.main.question_model import Column, QuestionListModel, pack_marks
from aipm_desktop.ui.main.window import MainWindow

from .test_models import attempt, question


def test_numbers_carry_a_pack_letter_only_when_several_packs_are_listed() -> None:
    one_pack = QuestionListModel([question(1), question(2)])
    assert [one_pack.index(row, Column.NUMBER).data() for row in range(2)] == [1, 2]

    other = dataclasses.replace(question(1), id="other-1", pack_id="imported")
    two_packs = QuestionListModel([question(1), question(2), other])
    numbers = [two_packs.index(row, Column.NUMBER).data() for row in range(3)]
    assert numbers == ["A 1", "A 2", "B 1"]
    tip = two_packs.index(2, Column.NUMBER).data(Qt.ItemDataRole.ToolTipRole)
    assert "pack B: imported" in tip


def test_pack_letters_go_on_past_z() -> None:
    marks = pack_marks(f"pack-{n}" for n in range(28))
    assert (marks["pack-0"], marks["pack-25"], marks["pack-26"], marks["pack-27"]) == (
        "A",
        "Z",
        "AA",
        "AB",
    )
    assert pack_marks(["only", "only"]) == {}


def test_prompts_get_two_lines_and_the_status_filter_says_statuses(window: MainWindow) -> None:
    pane = window.question_list
    view = pane.question_view
    assert pane.status_filter.itemText(0) == "All statuses"
    assert pane.status_filter.currentText() == "All statuses"
    assert view.wordWrap()
    assert view.rowHeight(0) >= 2 * view.fontMetrics().lineSpacing()
    for _ in range(3):
        QApplication.processEvents()
    assert pane.status_filter.width() >= pane.status_filter.minimumSizeHint().width()


def test_history_shows_the_pack_version_only_when_attempts_differ(qtbot: QtBot) -> None:
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    same = [attempt(Rating.GOOD), dataclasses.replace(attempt(Rating.HARD), id=2)]
    panel.set_attempts(same)
    assert panel.view.isColumnHidden(HistoryColumn.PACK_VERSION)
    older = dataclasses.replace(attempt(Rating.AGAIN), id=3, pack_version="0.9")
    panel.set_attempts([*same, older])
    assert not panel.view.isColumnHidden(HistoryColumn.PACK_VERSION)
