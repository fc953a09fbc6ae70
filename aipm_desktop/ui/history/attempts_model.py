"""The History window's table: every attempt as a row, and the filters over them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from aipm_desktop.core.history import (
    AttemptSummary,
    HistoryFilter,
    HistoryRow,
    chronological,
    matching_rows,
)
from aipm_desktop.core.rating import moment_label, rating_label
from aipm_desktop.core.timer import format_clock, format_elapsed, format_overtime
from aipm_desktop.ui.widgets.inert import tooltip_text
from aipm_desktop.ui.widgets.row_list_proxy import RowListProxy
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's `AttemptSummary`."""

EMPTY_TEXT = (
    "No attempts yet. Pick a question in the main window and press Return to start "
    "answering; every attempt you submit is listed here."
)
NO_MATCH_TEXT = "No attempt matches these filters. Press Clear filters to see them all."


class HistoryColumn(IntEnum):
    """The columns of the history table."""

    DATE = 0
    QUESTION = 1
    CATEGORY = 2
    TIME_USED = 3
    RATING = 4
    KEY_POINTS = 5


HEADERS = ("Date", "Question", "Category", "Time used", "Rating", "Key points")


def _time_used(attempt: AttemptSummary) -> str:
    text = f"{format_elapsed(attempt.seconds_used)} of {format_clock(attempt.time_limit_seconds)}"
    if over := format_overtime(attempt.overtime_seconds):
        text += f" ({over})"
    return text


def _coverage_share(attempt: AttemptSummary) -> float:
    total = attempt.key_points_total
    return attempt.key_points_covered / total if total else -1.0


WIDTH_SAMPLES = {
    HistoryColumn.DATE: "2026-12-31 23:59",
    HistoryColumn.CATEGORY: "Metrics & Experimentation",
    HistoryColumn.TIME_USED: "10:00 of 10:00 (+10:00)",
    HistoryColumn.RATING: "Not rated",
    HistoryColumn.KEY_POINTS: "10/10",
}
"""The widest text each fixed-width column usually shows (Category widens to its names)."""
CELL_PADDING = 16
SORT_ARROW = 20


_SORT_KEYS: dict[int, Callable[[HistoryRow], Any] | None] = {
    HistoryColumn.DATE: None,  # the chronological order itself
    HistoryColumn.QUESTION: lambda r: r.question_label.casefold(),
    HistoryColumn.CATEGORY: lambda r: r.category.casefold(),
    HistoryColumn.TIME_USED: lambda r: r.attempt.seconds_used,
    HistoryColumn.RATING: lambda r: r.rating_value,
    HistoryColumn.KEY_POINTS: lambda r: _coverage_share(r.attempt),
}
"""Each column's sort key; ties keep the chronological order (newest first when descending)."""


class AllAttemptsModel(RowTableModel[HistoryRow]):
    """Every attempt with its question's prompt and category; sorts itself in Python.

    Sorting here (one key function per column, one layout change) instead of in
    a QSortFilterProxyModel, which calls back into Python for every comparison,
    keeps a history of 100,000 attempts quick to sort.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(HEADERS, parent=parent)
        self._sort: tuple[int, Qt.SortOrder] = (
            HistoryColumn.DATE,
            Qt.SortOrder.DescendingOrder,
        )
        self._chronological: list[HistoryRow] = []
        """Every row, oldest first: the order sorts start from (they are stable)."""

    def rows(self) -> list[HistoryRow]:
        """Every row, in table order (do not modify)."""
        return self._rows

    def set_rows(self, rows: Sequence[HistoryRow], *, in_order: bool = False) -> None:
        """Replace every row, keeping the current sort order; ``in_order``: the rows are
        oldest first already (`history_table` sorted them off the UI thread)."""
        if not in_order:
            self._chronological = sorted(rows, key=chronological)
        else:  # kept as given (a million rows: no copy on the UI thread)
            self._chronological = rows if isinstance(rows, list) else list(rows)
        self.beginResetModel()
        self._rows = self._ordered(*self._sort)
        self.endResetModel()

    def _ordered(self, column: int, order: Qt.SortOrder) -> list[HistoryRow]:
        """Every row by ``column``; ties oldest first, or newest first when descending."""
        descending = order == Qt.SortOrder.DescendingOrder
        rows = self._chronological[::-1] if descending else self._chronological
        key = _SORT_KEYS[column]
        if key is None:
            return rows if descending else list(rows)  # a copy of its own either way
        # A stable sort keeps the ties in the order given, even in reverse.
        return sorted(rows, key=key, reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [(self._rows[index.row()], index.column()) for index in before]
        self._rows = self._ordered(column, order)
        if kept:  # e.g. the proxy's selection: it follows its rows
            position = {id(row): number for number, row in enumerate(self._rows)}
            after = [self.index(position[id(row)], column) for row, column in kept]
            self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.parent().isValid():
            return None
        return self.row_data(index.row(), index.column(), role)

    def row_data(self, row: int, column: int, role: int) -> object:
        """What ``data`` answers for this row and column."""
        if not 0 <= row < len(self._rows):
            return None
        history_row = self._rows[row]
        if role == SUMMARY_ROLE:
            return history_row.attempt
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(history_row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == HistoryColumn.QUESTION:
            return tooltip_text(self._display(history_row, column))
        return None

    @staticmethod
    def _display(row: HistoryRow, column: int) -> str:
        attempt = row.attempt
        if column == HistoryColumn.DATE:
            return moment_label(attempt.started_at, "started_at", attempt.unreadable)
        if column == HistoryColumn.QUESTION:
            return row.question_label
        if column == HistoryColumn.CATEGORY:
            return row.category or "—"
        if column == HistoryColumn.TIME_USED:
            return _time_used(attempt)
        if column == HistoryColumn.RATING:
            return rating_label(attempt.rating, attempt.unreadable)
        return attempt.coverage


class AttemptFilterProxy(RowListProxy):
    """Keeps the rows of an :class:`AllAttemptsModel` that pass a `HistoryFilter`.

    A filter change works out the rows shown in one pass of plain Python
    (`matching_rows`) and tells the view in one layout change; persistent
    indexes, such as the selection, follow their rows. QSortFilterProxyModel
    would call back into Python once per row, costing about half a second at
    100,000 attempts. Sorting is left to the source model; its sort keeps the
    same filter and the selection.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = HistoryFilter()
        self._rows: AllAttemptsModel | None = None
        self._source_rows: Sequence[int] = []
        """Proxy row -> source row, in source order (a ``range`` when unfiltered)."""
        self._proxy_rows: dict[int, int] | None = None
        """Source row -> proxy row of the rows shown; worked out when first needed."""
        self._all_rows = False
        """Every source row is shown, in order (then no map is needed)."""
        self._following: list[tuple[QModelIndex, QPersistentModelIndex]] = []
        """During a source sort: our persistent indexes and the source indexes they show."""

    @property
    def filter(self) -> HistoryFilter:
        """The filter in force."""
        return self._filter

    def set_filter(self, history_filter: HistoryFilter) -> None:
        """Apply another filter."""
        self._filter = history_filter
        rows = self._matching()
        if rows == self._source_rows:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [(self._source_rows[index.row()], index.column()) for index in before]
        self._set_rows(rows)
        after = [self._index_of_source_row(row, column) for row, column in kept]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._rows is not None:
            self._rows.sort(column, order)

    def _matching(self) -> Sequence[int]:
        return [] if self._rows is None else matching_rows(self._rows.rows(), self._filter)

    def _row_model(self) -> AllAttemptsModel | None:
        return self._rows

    def _set_rows(self, rows: Sequence[int]) -> None:
        self._source_rows = rows
        self._proxy_rows = None
        source = self._rows
        # Every row shown (no filter): a source row is its own proxy row, no map needed.
        self._all_rows = source is not None and len(rows) == source.rowCount()

    def _index_of_source_row(self, source_row: int, column: int) -> QModelIndex:
        if self._all_rows:
            return self.index(source_row, column) if source_row >= 0 else QModelIndex()
        if self._proxy_rows is None:
            self._proxy_rows = {row: number for number, row in enumerate(self._source_rows)}
        proxy_row = self._proxy_rows.get(source_row, -1)
        return self.index(proxy_row, column) if proxy_row >= 0 else QModelIndex()

    # -- following the source model ------------------------------------
    def setSourceModel(self, source_model: QAbstractItemModel) -> None:  # noqa: N802
        """Filter ``source_model``, which must be an :class:`AllAttemptsModel`."""
        if not isinstance(source_model, AllAttemptsModel):
            raise TypeError("AttemptFilterProxy filters an AllAttemptsModel")
        self.beginResetModel()
        old = self._rows
        if old is not None:
            old.modelAboutToBeReset.disconnect(self.beginResetModel)
            old.modelReset.disconnect(self._after_source_reset)
            old.layoutAboutToBeChanged.disconnect(self._before_source_layout)
            old.layoutChanged.disconnect(self._after_source_layout)
        super().setSourceModel(source_model)
        self._rows = source_model
        source_model.modelAboutToBeReset.connect(self.beginResetModel)
        source_model.modelReset.connect(self._after_source_reset)
        source_model.layoutAboutToBeChanged.connect(self._before_source_layout)
        source_model.layoutChanged.connect(self._after_source_layout)
        self._set_rows(self._matching())
        self.endResetModel()

    def _after_source_reset(self) -> None:
        self._set_rows(self._matching())
        self.endResetModel()

    def _before_source_layout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        self._following = [
            (index, QPersistentModelIndex(self.mapToSource(index)))
            for index in self.persistentIndexList()
        ]

    def _after_source_layout(self) -> None:
        following, self._following = self._following, []
        self._set_rows(self._matching())
        if following:  # the source's sort moved the source indexes kept here
            before = [mine for mine, _source in following]
            after = [self._from_persistent(source) for _mine, source in following]
            self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _from_persistent(self, source: QPersistentModelIndex) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        return self._index_of_source_row(source.row(), source.column())
