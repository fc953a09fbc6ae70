"""The question list: a table model of questions and the proxy that filters it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import QuestionStats
from aipm_desktop.ui.row_table_model import AnyIndex, RowTableModel

QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1
"""The :class:`Question` of a row."""
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Lower-cased prompt, answer, key points and tags, for the search box."""
ATTEMPT_COUNT_ROLE = Qt.ItemDataRole.UserRole + 3


class Column(IntEnum):
    """The list's columns."""

    NUMBER = 0
    PROMPT = 1
    ATTEMPTS = 2
    LAST_RATING = 3


_HEADERS = {
    Column.NUMBER: "#",
    Column.PROMPT: "Question",
    Column.ATTEMPTS: "Tries",
    Column.LAST_RATING: "Last rating",
}


def search_text(question: Question) -> str:
    """Everything the search box matches against, lower-cased once."""
    parts = [question.prompt, question.model_answer, *question.key_points, *question.tags]
    return "\n".join(parts).casefold()


class QuestionListModel(RowTableModel[Question]):
    """Questions with their attempt count and last rating.

    The search text of every question is computed once, here, so that filtering
    as the user types only runs substring tests.
    """

    def __init__(self, questions: Sequence[Question], parent: QObject | None = None) -> None:
        super().__init__([_HEADERS[column] for column in Column], questions, parent)
        self._search_texts = [search_text(q) for q in questions]
        self._rows_by_id = {question.id: row for row, question in enumerate(self._rows)}
        self._stats: dict[str, QuestionStats] = {}

    def question(self, row: int) -> Question:
        """The question on ``row``."""
        return self.row_object(row)

    def search_text_at(self, row: int) -> str:
        """The pre-computed, lower-cased search text of ``row``."""
        return self._search_texts[row]

    def stats_for(self, question_id: str) -> QuestionStats | None:
        """The attempt count and last rating of a question, if it was attempted."""
        return self._stats.get(question_id)

    def row_of(self, question_id: str) -> int | None:
        """The row of a question id, or None."""
        return self._rows_by_id.get(question_id)

    def set_stats(self, stats: Mapping[str, QuestionStats]) -> None:
        """Replace the per-question attempt counts and ratings."""
        self._stats = dict(stats)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.ATTEMPTS),
                self.index(len(self._rows) - 1, Column.LAST_RATING),
            )

    def update_stats(self, question_id: str, stats: QuestionStats | None) -> None:
        """Replace one question's stats (None: not attempted), refreshing only its row."""
        if stats is None:
            self._stats.pop(question_id, None)
        else:
            self._stats[question_id] = stats
        row = self.row_of(question_id)
        if row is not None:
            self.dataChanged.emit(
                self.index(row, Column.ATTEMPTS), self.index(row, Column.LAST_RATING)
            )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        question = self.object_at(index)
        if question is None:
            return None
        column = index.column()
        if role == QUESTION_ROLE:
            return question
        if role == SEARCH_TEXT_ROLE:
            return self._search_texts[index.row()]
        stats = self._stats.get(question.id)
        if role == ATTEMPT_COUNT_ROLE:
            return stats.attempt_count if stats else 0
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(question, stats, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.PROMPT:
            return f"{question.prompt}\n{question.category} · {question.level}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != Column.PROMPT:
            return Qt.AlignmentFlag.AlignCenter
        return None

    @staticmethod
    def _display(question: Question, stats: QuestionStats | None, column: int) -> object:
        if column == Column.NUMBER:
            return question.number
        if column == Column.PROMPT:
            return question.prompt
        if column == Column.ATTEMPTS:
            return stats.attempt_count if stats else 0
        if column == Column.LAST_RATING:
            return stats.last_rating.label if stats and stats.last_rating else "—"
        return None


class Status(IntEnum):
    """The status filter's choices."""

    ALL = 0
    NEW = 1
    ATTEMPTED = 2


class QuestionFilterProxy(QSortFilterProxyModel):
    """Filters the question list by search text, category, level and status.

    Over a :class:`QuestionListModel` it reads questions, search texts and stats
    straight from the model (no per-row ``index``/``data`` round trips through
    Qt), which keeps one keystroke's re-filter of 10,000 rows within a frame.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._category: str | None = None
        self._level: str | None = None
        self._status = Status.ALL
        self._questions: QuestionListModel | None = None

    def setSourceModel(self, source_model: QAbstractItemModel) -> None:  # noqa: N802
        """Filter ``source_model``; a :class:`QuestionListModel` takes the fast path."""
        self._questions = source_model if isinstance(source_model, QuestionListModel) else None
        super().setSourceModel(source_model)

    def set_search_text(self, text: str) -> None:
        """Keep rows whose text contains every word typed (case-insensitive)."""
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_category(self, category: str | None) -> None:
        """Keep one category; None keeps all."""
        self.beginFilterChange()
        self._category = category
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_level(self, level: str | None) -> None:
        """Keep one level; None keeps all."""
        self.beginFilterChange()
        self._level = level
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: Status) -> None:
        """Keep new, attempted or all questions."""
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        questions = self._questions
        if questions is not None:
            return self._accepts(questions, source_row)
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        question = model.data(index, QUESTION_ROLE)
        if not isinstance(question, Question):
            return False
        if self._category is not None and question.category != self._category:
            return False
        if self._level is not None and question.level != self._level:
            return False
        if self._status != Status.ALL:
            attempted = bool(model.data(index, ATTEMPT_COUNT_ROLE))
            if attempted != (self._status == Status.ATTEMPTED):
                return False
        if self._words:
            text = str(model.data(index, SEARCH_TEXT_ROLE))
            return all(word in text for word in self._words)
        return True

    def _accepts(self, model: QuestionListModel, row: int) -> bool:
        question = model.question(row)
        if self._category is not None and question.category != self._category:
            return False
        if self._level is not None and question.level != self._level:
            return False
        if self._status != Status.ALL:
            stats = model.stats_for(question.id)
            attempted = stats is not None and stats.attempt_count > 0
            if attempted != (self._status == Status.ATTEMPTED):
                return False
        if self._words:
            text = model.search_text_at(row)
            return all(word in text for word in self._words)
        return True
