"""The question list: a table model of questions and the proxy that filters it."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    Qt,
)

from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import QuestionStats
from aipm_desktop.core.scheduling import describe_due
from aipm_desktop.core.search_index import SearchIndex
from aipm_desktop.core.timer import format_clock
from aipm_desktop.ui.widgets.inert import tooltip_text
from aipm_desktop.ui.widgets.row_list_proxy import RowListProxy
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel

QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1
"""The :class:`Question` of a row."""
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Lower-cased prompt, answer, key points and tags, for the search box."""
ATTEMPT_COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
DUE_ROLE = Qt.ItemDataRole.UserRole + 4
"""When the question is next due (a datetime), or None if it was never rated."""
IS_DUE_ROLE = Qt.ItemDataRole.UserRole + 5
"""True when the question is due now."""


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset(
    {
        _DISPLAY,
        _ALIGNMENT,
        int(Qt.ItemDataRole.ToolTipRole),
        QUESTION_ROLE,
        SEARCH_TEXT_ROLE,
        ATTEMPT_COUNT_ROLE,
        DUE_ROLE,
        IS_DUE_ROLE,
    }
)
"""The roles the question list answers."""


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
    Column.LAST_RATING: "Rating",
    Column.DUE: "Due",
}
_HEADER_TIPS = {
    Column.NUMBER: "The question's number in its pack; with several packs, the letter says which",
    Column.PROMPT: "The interview question",
    Column.ATTEMPTS: "How many times you have answered it",
    Column.LAST_RATING: "Your most recent self-rating",
    Column.DUE: "When spaced repetition (FSRS) brings it back",
}


def search_text(question: Question) -> str:
    """Everything the search box matches against, lower-cased once."""
    parts = [question.prompt, question.model_answer, *question.key_points, *question.tags]
    return "\n".join(parts).casefold()


class QuestionListModel(RowTableModel[Question]):
    """Questions with their attempt count and last rating.

    The search text of every question is computed once, so that filtering as the
    user types only runs substring tests. It is computed in small steps
    (`prepare_search_texts`, run by the window once it is shown) or, at the
    latest, all at once by the first search. The same steps then build a
    :class:`SearchIndex` of the texts, which answers most words without scanning
    every text (`rows_containing`).
    """

    def __init__(self, questions: Sequence[Question], parent: QObject | None = None) -> None:
        super().__init__([_HEADERS[column] for column in Column], questions, parent)
        self._stats: dict[str, QuestionStats] = {}
        self._stats_loading = False
        self._due: dict[str, datetime] = {}
        self._now: datetime | None = None
        self._plan_ids: frozenset[str] = frozenset()
        self._index_rows()

    def set_rows(self, rows: Sequence[Question]) -> None:
        """Replace every question (their stats are kept by question id)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._index_rows()
        self.endResetModel()

    def _index_rows(self) -> None:
        questions = self._rows
        self._search_texts: list[str] = []
        self._search_index = SearchIndex()
        self.categories: Sequence[str] = [q.category for q in questions]
        self.levels: Sequence[str] = [q.level for q in questions]
        self._rows_by_id = {question.id: row for row, question in enumerate(questions)}
        self.pack_marks: Mapping[str, str] = pack_marks(q.pack_id for q in questions)
        """A short mark per pack ("A", "B"…) when more than one pack is listed, else none."""

    def set_questions(self, questions: Sequence[Question]) -> None:
        """Replace every question (after packs or own questions changed); stats are kept."""
        self.set_rows(questions)

    def rows(self) -> list[Question]:
        """Every question, in list order."""
        return list(self._rows)

    def question(self, row: int) -> Question:
        """The question on ``row``."""
        return self.row_object(row)

    @property
    def search_texts(self) -> Sequence[str]:
        """Per row: the lower-cased text the search box matches (computed if need be)."""
        done = len(self._search_texts)
        self._search_texts.extend(search_text(q) for q in self._rows[done:])
        return self._search_texts

    def prepare_search_texts(self, rows: int) -> bool:
        """Compute the search texts of up to ``rows`` more rows, or, once they are all
        there, index a step of them costing about as much; True when both are done."""
        done = len(self._search_texts)
        if done < len(self._rows):
            self._search_texts.extend(search_text(q) for q in self._rows[done : done + rows])
            return False
        index = self._search_index
        step = max(1, rows // INDEX_COST_PER_TEXT) if rows else 0
        index.add(self._search_texts[index.size : index.size + step])
        return index.size == len(self._rows)

    def rows_containing(self, word: str, most: int) -> set[int] | None:
        """The rows whose search text contains ``word`` (no whitespace) from the index;
        None while the index is being built, or when scanning ``most`` texts is cheaper."""
        index = self._search_index
        if index.size != len(self._rows):
            return None
        return index.rows_containing(word, most * INDEX_ENTRIES_PER_SCAN)

    def attempted_rows(self) -> set[int]:
        """The rows of questions with at least one attempt."""
        rows = self._rows_by_id
        return {
            rows[question_id]
            for question_id, stats in self._stats.items()
            if stats.attempt_count > 0 and question_id in rows
        }

    def stats_for(self, question_id: str) -> QuestionStats | None:
        """The attempt count and last rating of a question, if it was attempted."""
        return self._stats.get(question_id)

    def row_of(self, question_id: str) -> int | None:
        """The row of a question id, or None."""
        return self._rows_by_id.get(question_id)

    def set_stats_loading(self) -> None:
        """Show the attempt counts and ratings as being loaded until `set_stats`."""
        self._stats_loading = True
        self._stats_changed()

    def set_stats(self, stats: Mapping[str, QuestionStats]) -> None:
        """Replace the per-question attempt counts and ratings."""
        self._stats = dict(stats)
        self._stats_loading = False
        self._stats_changed()

    def _stats_changed(self) -> None:
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

    def set_due(self, due: Mapping[str, datetime], now: datetime) -> None:
        """Replace when each question is next due, as seen at ``now``."""
        self._due = dict(due)
        self._now = now
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.DUE), self.index(len(self._rows) - 1, Column.DUE)
            )

    def update_due(self, question_id: str, due: datetime | None, now: datetime) -> None:
        """Replace one question's due date (None: not scheduled), refreshing only its row
        (the others keep the time they were last seen at until the next `set_due`)."""
        if due is None:
            self._due.pop(question_id, None)
        else:
            self._due[question_id] = due
        if self._now is None:
            self._now = now
        row = self.row_of(question_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, Column.DUE), self.index(row, Column.DUE))

    def set_plan_ids(self, ids: Iterable[str]) -> None:
        """Replace the ids of today's plan (for the "In today's plan" filter)."""
        self._plan_ids = frozenset(ids)

    def plan_rows(self) -> set[int]:
        """The rows of the questions in today's plan, as of the last `set_plan_ids`."""
        rows = self._rows_by_id
        return {rows[question_id] for question_id in self._plan_ids if question_id in rows}

    def is_due_row(self, row: int) -> bool:
        """True when the question on ``row`` was due at the last `set_due` (for the proxy)."""
        return self.is_due(self._rows[row].id)

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

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """Column titles, with a tooltip saying what each column means."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS.get(Column(section)) if 0 <= section < len(Column) else None
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ROLES or self.object_at(index) is None:
            return None
        return self.row_data(index.row(), index.column(), role)

    def row_data(self, row: int, column: int, role: int) -> object:
        """``data`` for a valid row and column, without a model index (for the proxy)."""
        if role not in _ROLES:  # the view asks for many roles per cell: answer fast
            return None
        question = self._rows[row]
        if role == _DISPLAY:
            return self._display(question, self._stats.get(question.id), column)
        if role == _ALIGNMENT:
            return None if column == Column.PROMPT else Qt.AlignmentFlag.AlignCenter
        if role == QUESTION_ROLE:
            return question
        if role == DUE_ROLE:
            return self._due.get(question.id)
        if role == IS_DUE_ROLE:
            return self.is_due(question.id)
        if column == Column.DUE and role == Qt.ItemDataRole.ToolTipRole:
            due = self._due.get(question.id)
            if due is None:
                return "Not scheduled yet: rate an attempt to schedule it"
            return "Next due " + due.astimezone().strftime("%Y-%m-%d %H:%M")
        if role == SEARCH_TEXT_ROLE:
            return self.search_texts[row]
        if role == ATTEMPT_COUNT_ROLE:
            stats = self._stats.get(question.id)
            return stats.attempt_count if stats else 0
        if column == Column.PROMPT:  # the tooltip
            own = question.own_time_limit_seconds
            limit = f" · your own time limit {format_clock(own)}" if own else ""
            return tooltip_text(f"{question.prompt}\n{question.category} · {question.level}{limit}")
        if column == Column.NUMBER:  # the tooltip
            mark = self.pack_marks.get(question.pack_id)
            where = f"pack {mark}: {question.pack_id}" if mark else f"the pack {question.pack_id}"
            return tooltip_text(f"Question {question.number} of {where}")
        return None

    def _display(self, question: Question, stats: QuestionStats | None, column: int) -> object:
        if column == Column.NUMBER:
            mark = self.pack_marks.get(question.pack_id)
            return f"{mark} {question.number}" if mark else question.number
        if column == Column.PROMPT:
            return question.prompt
        if self._stats_loading and column in (Column.ATTEMPTS, Column.LAST_RATING):
            return STATS_LOADING_TEXT
        if column == Column.ATTEMPTS:
            return stats.attempt_count if stats else 0
        if column == Column.LAST_RATING:
            return stats.last_rating.label if stats and stats.last_rating else "—"
        if column == Column.DUE:
            due = self._due.get(question.id)
            return describe_due(due, self._now) if due and self._now else "—"
        return None


def pack_marks(pack_ids: Iterable[str]) -> dict[str, str]:
    """ "A", "B"… "Z", "AA"… per pack, in the order the packs first appear; none when
    there is only one pack (its numbers are then unique on their own)."""
    order = list(dict.fromkeys(pack_ids))
    if len(order) < 2:
        return {}
    return {pack: _letters(position) for position, pack in enumerate(order)}


def _letters(position: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


INDEX_COST_PER_TEXT = 5
"""Indexing a search text costs about as much as computing five of them."""
INDEX_ENTRIES_PER_SCAN = 4
"""Joining this many index entries costs about as much as scanning one search text."""
STATS_LOADING_TEXT = "…"
"""Shown for attempt counts and ratings while they are read (just after start-up)."""
RECENT_SEARCHES = 64
"""Searches whose results are kept, so that deleting what was typed costs nothing."""


class Status(IntEnum):
    """The status filter's choices."""

    ALL = 0
    NEW = 1
    ATTEMPTED = 2
    DUE = 3
    """Due for practice now (spaced repetition)."""
    PLAN = 4
    """In today's plan for the interview dates (`services.study_plan`)."""


class QuestionFilterProxy(RowListProxy):
    """Filters a :class:`QuestionListModel` by search text, category, level and status.

    A filter change computes the visible rows in one pass of plain Python over
    the model's pre-computed search texts, then tells the view in one layout
    change (persistent indexes, such as the selection, follow their rows). Qt's
    QSortFilterProxyModel would instead call back into Python once per row:
    with 10,000 questions that alone costs several frames per keystroke. When
    the user types on, only the rows still shown are searched again.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._category: str | None = None
        self._level: str | None = None
        self._status = Status.ALL
        self._questions: QuestionListModel | None = None
        self._source_rows: list[int] = []
        """Proxy row -> source row, in source order."""
        self._proxy_rows: list[int] = []
        """Source row -> proxy row, or -1 when filtered out."""
        self._recent: dict[tuple[str, ...], list[int]] = {}
        """The rows of the last few searches, under the current other criteria."""

    # -- the filter ----------------------------------------------------
    def set_search_text(self, text: str) -> None:
        """Keep rows whose text contains every word typed (case-insensitive)."""
        words = text.casefold().split()
        narrower = all(any(old in new for new in words) for old in self._words)
        self._words = words
        known = self._recent.get(tuple(words))
        if known is not None:  # e.g. Backspace back to an earlier search
            self._show_rows(known)
            return
        self._refilter(only_shown=narrower)
        self._remember_search()

    def _remember_search(self) -> None:
        self._recent[tuple(self._words)] = self._source_rows
        while len(self._recent) > RECENT_SEARCHES:
            del self._recent[next(iter(self._recent))]

    def set_category(self, category: str | None) -> None:
        """Keep one category; None keeps all."""
        self._category = category
        self._refilter()

    def set_level(self, level: str | None) -> None:
        """Keep one level; None keeps all."""
        self._level = level
        self._refilter()

    @property
    def status(self) -> Status:
        """The status filter in force."""
        return self._status

    def set_status(self, status: Status) -> None:
        """Keep new, attempted, due, today's plan or all questions."""
        self._status = status
        self._refilter()

    def _matching_rows(self, candidates: Iterable[int]) -> list[int]:
        """The candidate rows passing every criterion: one tight pass per criterion."""
        model = self._questions
        if model is None:
            return []
        rows = list(candidates)
        if self._category is not None:
            categories, category = model.categories, self._category
            rows = [row for row in rows if categories[row] == category]
        if self._level is not None:
            levels, level = model.levels, self._level
            rows = [row for row in rows if levels[row] == level]
        if self._status == Status.DUE:
            rows = [row for row in rows if model.is_due_row(row)]
        elif self._status == Status.PLAN:
            planned = model.plan_rows()
            rows = [row for row in rows if row in planned]
        elif self._status != Status.ALL:
            attempted = model.attempted_rows()
            wanted = self._status == Status.ATTEMPTED
            rows = [row for row in rows if (row in attempted) == wanted]
        if self._words:  # only a search needs the search texts
            texts = model.search_texts
            for word in self._words:
                found = model.rows_containing(word, most=len(rows))
                if found is None:
                    rows = [row for row in rows if word in texts[row]]
                else:
                    rows = [row for row in rows if row in found]
        return rows

    def _all_source_rows(self) -> range:
        return range(self._questions.rowCount() if self._questions is not None else 0)

    def _refilter(self, *, only_shown: bool = False) -> None:
        if not only_shown:
            self._recent.clear()  # other criteria changed: earlier results are stale
        candidates = self._source_rows if only_shown else self._all_source_rows()
        self._show_rows(self._matching_rows(candidates))

    def _show_rows(self, rows: list[int]) -> None:
        if rows == self._source_rows:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [(self._source_rows[index.row()], index.column()) for index in before]
        self._set_rows(rows)
        after = [self._index_of_source_row(row, column) for row, column in kept]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _row_model(self) -> QuestionListModel | None:
        return self._questions

    def _set_rows(self, rows: list[int]) -> None:
        self._source_rows = rows
        self._proxy_rows = [-1] * len(self._all_source_rows())
        for proxy_row, source_row in enumerate(rows):
            self._proxy_rows[source_row] = proxy_row

    def _index_of_source_row(self, source_row: int, column: int) -> QModelIndex:
        proxy_row = self._proxy_rows[source_row] if 0 <= source_row < len(self._proxy_rows) else -1
        return self.index(proxy_row, column) if proxy_row >= 0 else QModelIndex()

    # -- following the source model ------------------------------------
    def setSourceModel(self, source_model: QAbstractItemModel) -> None:  # noqa: N802
        """Filter ``source_model``, which must be a :class:`QuestionListModel`."""
        if not isinstance(source_model, QuestionListModel):
            raise TypeError("QuestionFilterProxy filters a QuestionListModel")
        self.beginResetModel()
        old = self._questions
        if old is not None:
            old.modelAboutToBeReset.disconnect(self.beginResetModel)
            old.modelReset.disconnect(self._after_source_reset)
            old.dataChanged.disconnect(self._on_source_data_changed)
        super().setSourceModel(source_model)
        self._questions = source_model
        source_model.modelAboutToBeReset.connect(self.beginResetModel)
        source_model.modelReset.connect(self._after_source_reset)
        source_model.dataChanged.connect(self._on_source_data_changed)
        self._recent.clear()
        self._set_rows(self._matching_rows(self._all_source_rows()))
        self.endResetModel()

    def _after_source_reset(self) -> None:
        self._recent.clear()
        self._set_rows(self._matching_rows(self._all_source_rows()))
        self.endResetModel()

    def _on_source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if self._status != Status.ALL:  # attempt counts decide what is shown
            self._refilter()
        first = bisect.bisect_left(self._source_rows, top_left.row())
        last = bisect.bisect_right(self._source_rows, bottom_right.row()) - 1
        if first <= last:
            self.dataChanged.emit(
                self.index(first, top_left.column()), self.index(last, bottom_right.column()), roles
            )
