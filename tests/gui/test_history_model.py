"""The History window's models: one-pass filtering and a sort in the source model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester

from aipm_desktop.core.history import NOT_RATED, AttemptSummary, HistoryFilter, history_rows
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.ui.history.panel import HistoryModel
from aipm_desktop.ui.history.window import (
    SUMMARY_ROLE,
    AllAttemptsModel,
    AttemptFilterProxy,
    HistoryColumn,
)

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
QUESTIONS = {
    "q1": Question("q1", 1, "Prompt one", "Metrics", "Mid", "", (), None, (), "p", "1"),
    "q2": Question("q2", 2, "Prompt two", "Strategy", "Mid", "", (), None, (), "p", "1"),
}
RATINGS = [Rating.GOOD, None, Rating.AGAIN, Rating.EASY, Rating.HARD, None]


def summary(attempt_id: int) -> AttemptSummary:
    return AttemptSummary(
        id=attempt_id,
        question_id="q1" if attempt_id % 2 else "q2",
        started_at=T0 + timedelta(hours=attempt_id),
        seconds_used=10.0 * (7 - attempt_id),
        time_limit_seconds=300,
        overtime_seconds=0.0,
        rating=RATINGS[attempt_id - 1],
        key_points_covered=1,
        key_points_total=4,
    )


@pytest.fixture
def proxy(qapp: object) -> AttemptFilterProxy:
    model = AllAttemptsModel()
    model.set_rows(history_rows([summary(n) for n in range(1, 7)], QUESTIONS))
    proxy = AttemptFilterProxy(model)
    proxy.setSourceModel(model)
    return proxy


def shown_ids(proxy: AttemptFilterProxy) -> list[int]:
    return [proxy.index(row, 0).data(SUMMARY_ROLE).id for row in range(proxy.rowCount())]


def test_models_pass_the_model_tester(
    qtmodeltester: ModelTester, proxy: AttemptFilterProxy
) -> None:
    qtmodeltester.check(proxy.sourceModel())
    qtmodeltester.check(proxy)
    proxy.set_filter(HistoryFilter(question_id="q1"))
    proxy.sort(HistoryColumn.TIME_USED, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, HistoryColumn.QUESTION).data() == "1. Prompt one"
    assert proxy.headerData(HistoryColumn.RATING, Qt.Orientation.Horizontal) == "Rating"


def test_sorting_keeps_the_filter(proxy: AttemptFilterProxy) -> None:
    assert shown_ids(proxy) == [6, 5, 4, 3, 2, 1]  # newest first
    proxy.set_filter(HistoryFilter(question_id="q1"))
    assert shown_ids(proxy) == [5, 3, 1]
    proxy.sort(HistoryColumn.DATE, Qt.SortOrder.AscendingOrder)
    assert shown_ids(proxy) == [1, 3, 5]
    proxy.sort(HistoryColumn.RATING, Qt.SortOrder.AscendingOrder)
    assert shown_ids(proxy) == [3, 5, 1]  # Again, Hard, Good
    proxy.set_filter(HistoryFilter(rating=NOT_RATED))
    assert shown_ids(proxy) == [2, 6]


def test_ties_are_in_date_order_the_same_way_as_the_sort(proxy: AttemptFilterProxy) -> None:
    proxy.sort(HistoryColumn.QUESTION, Qt.SortOrder.AscendingOrder)
    assert shown_ids(proxy) == [1, 3, 5, 2, 4, 6]
    proxy.sort(HistoryColumn.QUESTION, Qt.SortOrder.DescendingOrder)
    assert shown_ids(proxy) == [6, 4, 2, 5, 3, 1]
    proxy.sort(HistoryColumn.TIME_USED, Qt.SortOrder.AscendingOrder)
    assert shown_ids(proxy) == [6, 5, 4, 3, 2, 1]  # the later, the shorter


def test_selection_follows_its_row_through_a_sort_and_a_filter(proxy: AttemptFilterProxy) -> None:
    selection = QItemSelectionModel(proxy)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    selection.setCurrentIndex(proxy.index(1, 0), flags)  # attempt 5
    proxy.sort(HistoryColumn.DATE, Qt.SortOrder.AscendingOrder)
    assert selection.currentIndex().row() == 4
    assert selection.currentIndex().data(SUMMARY_ROLE).id == 5
    proxy.set_filter(HistoryFilter(question_id="q1"))
    assert selection.currentIndex().data(SUMMARY_ROLE).id == 5
    assert selection.currentIndex().row() == 2
    proxy.set_filter(HistoryFilter(question_id="q2"))
    assert not selection.currentIndex().isValid()


def test_a_reset_keeps_the_filter(proxy: AttemptFilterProxy) -> None:
    proxy.set_filter(HistoryFilter(category="Strategy"))
    model = proxy.sourceModel()
    assert isinstance(model, AllAttemptsModel)
    model.set_rows(history_rows([summary(n) for n in (1, 2, 3)], QUESTIONS))
    assert shown_ids(proxy) == [2]


def test_proxy_only_filters_all_attempts() -> None:
    with pytest.raises(TypeError, match="AllAttemptsModel"):
        AttemptFilterProxy().setSourceModel(HistoryModel())
