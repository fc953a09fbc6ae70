"""The question list: a table model of questions and the proxy that filters it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import (
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import QuestionStats
from aipm_desktop.core.scheduling import describe_due
from aipm_desktop.ui.row_table_model import AnyIndex, RowTableModel

QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1
"""The :class:`Question` of a row."""
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Lower-cased prompt, answer, key points and tags, for the search box."""
ATTEMPT_COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
DUE_ROLE = Qt.ItemDataRole.UserRole + 4
"""When the question is next due (a datetime), or None if it was never rated."""
IS_DUE_ROLE = Qt.ItemDataRole.UserRole + 5
"""True when the question is due now."""


class Column(IntEnum):
    """The list's columns."""

    NUMBER = 0
    PROMPT = 1
    ATTEMPTS = 2
    LAST_RATING = 3
    DUE = 4


_HEADERS = {
    Column.NUMBER: "#",
    Column.PROMPT: "Question",
    Column.ATTEMPTS: "Tries",
    Column.LAST_RATING: "Last rating",
    Column.DUE: "Due",
}


def search_text(question: Question) -> str:
    """Everything the search box matches against, lower-cased once."""
    parts = [question.prompt, question.model_answer, *question.key_points, *question.tags]
    return "\n".join(parts).casefold()


class QuestionListModel(RowTableModel[Question]):
    """Questions with their attempt count and last rating."""

    def __init__(self, questions: Sequence[Question], parent: QObject | None = None) -> None:
        super().__init__([_HEADERS[column] for column in Column], questions, parent)
        self._search_texts = [search_text(q) for q in questions]
        self._stats: dict[str, QuestionStats] = {}
        self._due: dict[str, datetime] = {}
        self._now: datetime | None = None

    def set_questions(self, questions: Sequence[Question]) -> None:
        """Replace every question (after packs or own questions changed); stats are kept."""
        self._search_texts = [search_text(q) for q in questions]
        self.set_rows(questions)

    def rows(self) -> list[Question]:
        """Every question, in list order."""
        return list(self._rows)

    def question(self, row: int) -> Question:
        """The question on ``row``."""
        return self.row_object(row)

    def row_of(self, question_id: str) -> int | None:
        """The row of a question id, or None."""
        for row, question in enumerate(self._rows):
            if question.id == question_id:
                return row
        return None

    def set_stats(self, stats: Mapping[str, QuestionStats]) -> None:
        """Replace the per-question attempt counts and ratings."""
        self._stats = dict(stats)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.ATTEMPTS),
                self.index(len(self._rows) - 1, Column.LAST_RATING),
            )

    def set_due(self, due: Mapping[str, datetime], now: datetime) -> None:
        """Replace when each question is next due, as seen at ``now``."""
        self._due = dict(due)
        self._now = now
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.DUE), self.index(len(self._rows) - 1, Column.DUE)
            )

    def is_due(self, question_id: str) -> bool:
        """True when the question was due at the last `set_due`."""
        due = self._due.get(question_id)
        return due is not None and self._now is not None and due <= self._now

    def most_overdue(self) -> str | None:
        """The id of the due question whose due date is the earliest, if any."""
        due = [(when, qid) for qid, when in self._due.items() if self.is_due(qid)]
        known = {q.id for q in self._rows}
        due = [item for item in due if item[1] in known]
        return min(due)[1] if due else None

    def due_count(self) -> int:
        """How many listed questions are due now."""
        return sum(1 for q in self._rows if self.is_due(q.id))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        question = self.object_at(index)
        if question is None:
            return None
        column = index.column()
        if role == QUESTION_ROLE:
            return question
        if role == DUE_ROLE:
            return self._due.get(question.id)
        if role == IS_DUE_ROLE:
            return self.is_due(question.id)
        if column == Column.DUE and role == Qt.ItemDataRole.DisplayRole:
            due = self._due.get(question.id)
            return describe_due(due, self._now) if due and self._now else "—"
        if column == Column.DUE and role == Qt.ItemDataRole.ToolTipRole:
            due = self._due.get(question.id)
            if due is None:
                return "Not scheduled yet: rate an attempt to schedule it"
            return "Next due " + due.astimezone().strftime("%Y-%m-%d %H:%M")
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
    DUE = 3
    """Due for practice now (spaced repetition)."""


class QuestionFilterProxy(QSortFilterProxyModel):
    """Filters the question list by search text, category, level and status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._category: str | None = None
        self._level: str | None = None
        self._status = Status.ALL

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

    @property
    def status(self) -> Status:
        """The status filter in force."""
        return self._status

    def set_status(self, status: Status) -> None:
        """Keep new, attempted, due or all questions."""
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        question = model.data(index, QUESTION_ROLE)
        if not isinstance(question, Question):
            return False
        if self._category is not None and question.category != self._category:
            return False
        if self._level is not None and question.level != self._level:
            return False
        if self._status == Status.DUE:
            if not model.data(index, IS_DUE_ROLE):
                return False
        elif self._status != Status.ALL:
            attempted = bool(model.data(index, ATTEMPT_COUNT_ROLE))
            if attempted != (self._status == Status.ATTEMPTED):
                return False
        if self._words:
            text = str(model.data(index, SEARCH_TEXT_ROLE))
            return all(word in text for word in self._words)
        return True
