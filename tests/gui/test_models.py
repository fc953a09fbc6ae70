"""The Qt models pass pytest-qt's model tester and filter as documented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester

from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt, QuestionStats
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.ui.history.panel import HistoryModel, describe_time_used
from aipm_desktop.ui.main.question_model import (
    Column,
    QuestionFilterProxy,
    QuestionListModel,
    Status,
)

WHEN = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def question(
    number: int, category: str = "Technical Depth", level: str = "Intermediate"
) -> Question:
    return Question(
        id=f"q-{number}",
        number=number,
        prompt=f"Prompt {number}",
        category=category,
        level=level,
        model_answer=f"Answer body {number} with **Recall**",
        key_points=("a", "b"),
        time_limit_seconds=60,
        tags=("metrics",) if number == 2 else (),
        pack_id="p",
        pack_version="1",
    )


def attempt(rating: Rating | None, overtime: float = 0.0) -> Attempt:
    return Attempt(
        question_id="q-1",
        pack_id="p",
        pack_version="1",
        started_at=WHEN,
        ended_at=WHEN,
        seconds_used=60 + overtime,
        time_limit_seconds=60,
        overtime_seconds=overtime,
        answer="text",
        revealed_before_submit=False,
        key_points_total=2,
        time_up_mode=TimeUpMode.SOFT,
        id=1,
        key_points_ticked=("a",),
        rating=rating,
    )


def test_question_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = QuestionListModel([question(1), question(2)])
    qtmodeltester.check(model)
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_proxy_filters_by_every_criterion() -> None:
    model = QuestionListModel(
        [question(1), question(2, category="Strategy"), question(3, level="Senior")]
    )
    model.set_stats({"q-3": QuestionStats(2, Rating.HARD, WHEN)})
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)

    def numbers() -> list[object]:
        return [proxy.index(r, Column.NUMBER).data() for r in range(proxy.rowCount())]

    assert numbers() == [1, 2, 3]
    proxy.set_search_text("RECALL body 2")
    assert numbers() == [2]
    proxy.set_search_text("metrics")
    assert numbers() == [2]
    proxy.set_search_text("")
    proxy.set_category("Technical Depth")
    assert numbers() == [1, 3]
    proxy.set_level("Senior")
    assert numbers() == [3]
    proxy.set_category(None)
    proxy.set_level(None)
    proxy.set_status(Status.ATTEMPTED)
    assert numbers() == [3]
    proxy.set_status(Status.NEW)
    assert numbers() == [1, 2]
    model.set_stats({"q-1": QuestionStats(1, None, WHEN)})
    assert numbers() == [2, 3]
    assert model.index(0, Column.LAST_RATING).data() == "—"


def test_history_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = HistoryModel()
    model.set_attempts([attempt(Rating.GOOD), attempt(None, overtime=40)])
    qtmodeltester.check(model)
    assert model.index(0, 2).data() == "Good"
    assert model.index(1, 2).data() == "Not rated"
    assert model.index(0, 3).data() == "1/2"
    assert describe_time_used(attempt(None, overtime=40)) == "1:40 of 1:00 (+0:40)"


def test_one_question_stats_update_refreshes_its_row_and_the_status_filter() -> None:
    model = QuestionListModel([question(1), question(2), question(3)])
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_status(Status.NEW)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))

    model.update_stats("q-2", QuestionStats(3, Rating.EASY, WHEN))

    assert changed == [(1, 1)]
    assert model.index(1, Column.ATTEMPTS).data() == 3
    assert [proxy.index(r, Column.NUMBER).data() for r in range(proxy.rowCount())] == [1, 3]
    model.update_stats("q-2", None)
    assert model.index(1, Column.ATTEMPTS).data() == 0
    assert proxy.rowCount() == 3
    assert model.row_of("q-3") == 2
    assert model.row_of("nope") is None


def test_proxy_follows_a_reset_of_the_questions_and_keeps_its_filter(
    qtmodeltester: ModelTester,
) -> None:
    model = QuestionListModel([question(1), question(2)])
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_search_text("body 3")
    assert proxy.rowCount() == 0
    assert proxy.headerData(Column.PROMPT, Qt.Orientation.Horizontal) == "Question"

    model.set_rows([question(3), question(4, category="Strategy")])

    assert [proxy.index(r, Column.NUMBER).data() for r in range(proxy.rowCount())] == [3]
    proxy.set_search_text("body")  # wider again: every row is searched, not only those shown
    assert proxy.rowCount() == 2
    proxy.set_category("Strategy")
    assert proxy.mapToSource(proxy.index(0, Column.PROMPT)).row() == 1


def test_selection_follows_its_row_through_a_filter_change(qapp: object) -> None:
    model = QuestionListModel([question(n) for n in range(1, 6)])
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)
    selection = QItemSelectionModel(proxy)
    selection.setCurrentIndex(proxy.index(3, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    proxy.set_search_text("body 4")
    assert selection.currentIndex().row() == 0
    assert proxy.mapToSource(selection.currentIndex()).row() == 3
    proxy.set_search_text("body 5")
    assert not selection.currentIndex().isValid()


def test_proxy_only_filters_question_lists() -> None:
    with pytest.raises(TypeError, match="QuestionListModel"):
        QuestionFilterProxy().setSourceModel(HistoryModel())


def test_search_texts_are_prepared_in_steps_or_all_at_once_by_a_search() -> None:
    model = QuestionListModel([question(n) for n in range(1, 6)])
    assert model.prepare_search_texts(2) is False
    assert model.prepare_search_texts(2) is False
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search_text("body 5")  # the last row was not prepared yet
    assert [proxy.index(r, Column.NUMBER).data() for r in range(proxy.rowCount())] == [5]
    assert model.rows_containing("body", most=5) is None  # no index yet: the search scanned
    # Then the same calls index the texts, in steps of a fifth as many rows (each
    # costs about as much as computing five texts).
    assert model.prepare_search_texts(10) is False
    assert model.prepare_search_texts(10) is False
    assert model.prepare_search_texts(10) is True
    assert model.search_texts[0] == "prompt 1\nanswer body 1 with **recall**\na\nb"
    assert model.rows_containing("recall", most=5) == {0, 1, 2, 3, 4}


def test_a_search_answers_the_same_from_the_index_as_by_scanning() -> None:
    model = QuestionListModel([question(n) for n in range(1, 13)])
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)

    def shown(text: str) -> list[int]:
        proxy.set_search_text("")
        proxy.set_search_text(text)
        return [proxy.index(r, Column.NUMBER).data() for r in range(proxy.rowCount())]

    searches = ["body 1", "ody 1", "1 wi", "**rec", "PROMPT 12", "nothing", "b", "y 1"]
    scanned = [shown(text) for text in searches]
    while not model.prepare_search_texts(5):
        pass
    assert model.rows_containing("ody", most=12) is not None  # the index answers now
    assert [shown(text) for text in searches] == scanned
    assert scanned[0] == [1, 10, 11, 12]


def test_filtering_without_words_computes_no_search_text() -> None:
    model = QuestionListModel([question(n, category="Strategy" if n == 2 else "X") for n in (1, 2)])
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_category("Strategy")
    assert proxy.rowCount() == 1
    assert model.prepare_search_texts(0) is False  # none computed yet: start-up stays light


def test_due_filter_is_one_more_pass_and_follows_one_rescheduled_question() -> None:
    model = QuestionListModel([question(1, level="Advanced"), question(2), question(3)])
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)
    model.set_due({"q-1": WHEN, "q-2": WHEN.replace(year=2027)}, WHEN)
    proxy.set_status(Status.DUE)
    assert [proxy.index(r, Column.NUMBER).data() for r in range(proxy.rowCount())] == [1]
    assert proxy.index(0, Column.DUE).data() != "—"

    proxy.set_level("Intermediate")  # combined with the other passes
    assert proxy.rowCount() == 0
    proxy.set_level(None)

    model.update_due("q-3", WHEN, WHEN)  # rated: due now
    model.update_due("q-1", WHEN.replace(year=2027), WHEN)  # rated: due later
    assert [proxy.index(r, Column.NUMBER).data() for r in range(proxy.rowCount())] == [3]
    assert model.due_count() == 1
