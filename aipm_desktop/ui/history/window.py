"""Every attempt, filterable by question, category, date and rating; open or compare them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.history import (
    NOT_RATED,
    AttemptSummary,
    HistoryFilter,
    HistoryRow,
    comparison_pair,
    history_rows,
    matching_rows,
)
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.timer import format_clock, format_elapsed, format_overtime
from aipm_desktop.ui.widgets.accessible import describe_control
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


_HEADERS = ("Date", "Question", "Category", "Time used", "Rating", "Key points")


def _time_used(attempt: AttemptSummary) -> str:
    text = f"{format_elapsed(attempt.seconds_used)} of {format_clock(attempt.time_limit_seconds)}"
    if over := format_overtime(attempt.overtime_seconds):
        text += f" ({over})"
    return text


def _coverage_share(attempt: AttemptSummary) -> float:
    total = attempt.key_points_total
    return attempt.key_points_covered / total if total else -1.0


_WIDTH_SAMPLES = {
    HistoryColumn.DATE: "2026-12-31 23:59",
    HistoryColumn.CATEGORY: "Metrics & Experimentation",
    HistoryColumn.TIME_USED: "10:00 of 10:00 (+10:00)",
    HistoryColumn.RATING: "Not rated",
    HistoryColumn.KEY_POINTS: "10/10",
}
"""The widest text each fixed-width column usually shows (Category widens to its names)."""
_CELL_PADDING = 16
_SORT_ARROW = 20


def _chronological(row: HistoryRow) -> tuple[datetime, int]:
    return row.attempt.started_at, row.attempt.id


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
        super().__init__(_HEADERS, parent=parent)
        self._sort: tuple[int, Qt.SortOrder] = (
            HistoryColumn.DATE,
            Qt.SortOrder.DescendingOrder,
        )
        self._chronological: list[HistoryRow] = []
        """Every row, oldest first: the order sorts start from (they are stable)."""

    def rows(self) -> list[HistoryRow]:
        """Every row, in table order (do not modify)."""
        return self._rows

    def set_rows(self, rows: Sequence[HistoryRow]) -> None:
        """Replace every row, keeping the current sort order."""
        self._chronological = sorted(rows, key=_chronological)
        super().set_rows(self._ordered(*self._sort))

    def _ordered(self, column: int, order: Qt.SortOrder) -> list[HistoryRow]:
        """Every row by ``column``; ties oldest first, or newest first when descending."""
        descending = order == Qt.SortOrder.DescendingOrder
        rows = self._chronological[::-1] if descending else self._chronological
        key = _SORT_KEYS[column]
        # A stable sort keeps the ties in the order given, even in reverse.
        return list(rows) if key is None else sorted(rows, key=key, reverse=descending)

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
        if role == Qt.ItemDataRole.DisplayRole or (
            role == Qt.ItemDataRole.ToolTipRole and column == HistoryColumn.QUESTION
        ):
            return self._display(history_row, column)
        return None

    @staticmethod
    def _display(row: HistoryRow, column: int) -> str:
        attempt = row.attempt
        if column == HistoryColumn.DATE:
            return attempt.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if column == HistoryColumn.QUESTION:
            return row.question_label
        if column == HistoryColumn.CATEGORY:
            return row.category or "—"
        if column == HistoryColumn.TIME_USED:
            return _time_used(attempt)
        if column == HistoryColumn.RATING:
            return attempt.rating.label if attempt.rating else "Not rated"
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
        self._source_rows: list[int] = []
        """Proxy row -> source row, in source order."""
        self._proxy_rows: dict[int, int] | None = None
        """Source row -> proxy row of the rows shown; worked out when first needed."""
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

    def _matching(self) -> list[int]:
        return [] if self._rows is None else matching_rows(self._rows.rows(), self._filter)

    def _row_model(self) -> AllAttemptsModel | None:
        return self._rows

    def _set_rows(self, rows: list[int]) -> None:
        self._source_rows = rows
        self._proxy_rows = None

    def _index_of_source_row(self, source_row: int, column: int) -> QModelIndex:
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


class HistoryWindow(QWidget):
    """All attempts in a table with filters; Return opens one, Ctrl+Shift+C compares.

    The window asks its owner for data through callables, so it never touches
    the store itself.

    Signals:
        open_requested(int): read the attempt with this id.
        compare_requested(int, int): compare the attempts with these ids (older, newer).
    """

    open_requested = Signal(int)
    compare_requested = Signal(int, int)

    def __init__(
        self,
        questions: Mapping[str, Question],
        reload: Callable[[], None],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("History")
        self._questions = questions
        self._reload = reload
        self.model = AllAttemptsModel(self)
        self.proxy = AttemptFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.question_filter = QComboBox()
        describe_control(
            self.question_filter,
            "Filter by question",
            "Show only the attempts at one question, or at all questions.",
        )
        self.question_filter.setMinimumContentsLength(24)
        self.question_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_filter = QComboBox()
        describe_control(
            self.category_filter,
            "Filter by category",
            "Show only the attempts at questions of one category.",
        )
        self.rating_filter = QComboBox()
        describe_control(
            self.rating_filter,
            "Filter by rating",
            "Show only the attempts you rated Again, Hard, Good or Easy, or those not rated.",
        )
        self.rating_filter.addItem("Any rating", None)
        for rating in Rating:
            self.rating_filter.addItem(rating.label, int(rating))
        self.rating_filter.addItem("Not rated", NOT_RATED)
        self.use_dates = QCheckBox("&From")
        describe_control(
            self.use_dates,
            "Filter by date",
            "When ticked, show only the attempts started between the two days that follow (Alt+F).",
        )
        last = QDate(today.year, today.month, today.day)
        self.first_day = self._date_edit(
            "First day", "The earliest day shown, when filtering by date.", last.addDays(-30)
        )
        self.last_day = self._date_edit(
            "Last day", "The latest day shown, when filtering by date.", last
        )
        self.clear_button = QPushButton("C&lear filters")
        describe_control(
            self.clear_button,
            "Clear filters",
            "Show every attempt again: reset the question, category, rating and date "
            "filters (Alt+L).",
        )

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(HistoryColumn.DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        describe_control(
            self.view,
            "All attempts",
            "Return or double-click reads an answer; select one or two and press "
            "Ctrl+Shift+C to compare",
        )
        # Widths from sample texts and one fixed row height: sizing to contents
        # would measure every one of (maybe 100,000) rows on each change.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(HistoryColumn.QUESTION, QHeaderView.ResizeMode.Stretch)
        for column, sample in _WIDTH_SAMPLES.items():
            self._fit_column(column, [sample])
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)

        self.open_action = self._action("&Open answer", [], self.open_current, "Read this answer")
        self.compare_action = self._action(
            "&Compare attempts",
            ["Ctrl+Shift+C"],
            self.compare_selected,
            "Compare two selected attempts, or one with the attempt before it",
        )
        self.close_action = self._action("Close", ["Esc", "Ctrl+W"], self.close, "Close")
        self.open_button = QPushButton("&Open")
        describe_control(
            self.open_button, "Open answer", "Read the selected answer (Return or Alt+O)"
        )
        self.open_button.clicked.connect(self.open_current)
        self.compare_button = QPushButton("Co&mpare")
        describe_control(
            self.compare_button,
            "Compare attempts",
            "Compare two selected attempts, or one with the attempt before it "
            "(Ctrl+Shift+C or Alt+M)",
        )
        self.compare_button.clicked.connect(self.compare_selected)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        filters = QHBoxLayout()
        filters.addWidget(self.question_filter, 3)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.rating_filter, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.first_day)
        filters.addWidget(QLabel("to"))
        filters.addWidget(self.last_day)
        filters.addWidget(self.clear_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.setMinimumSize(760, 420)  # fixed: contents never resize a shown window
        self.resize(1100, 620)

        for combo in (self.question_filter, self.category_filter, self.rating_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.use_dates.toggled.connect(self._apply_filters)
        self.first_day.dateChanged.connect(self._apply_filters)
        self.last_day.dateChanged.connect(self._apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.view.activated.connect(lambda _index: self.open_current())
        self._fill_filter_choices()
        self._update_empty_state()

    def _date_edit(self, name: str, description: str, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        describe_control(edit, name, description)
        edit.setEnabled(False)
        return edit

    def _fit_column(self, column: int, texts: Sequence[str]) -> None:
        """Make ``column`` as wide as its title or the widest of ``texts``."""
        title = _HEADERS[column]
        header = self.view.horizontalHeader()
        widest = max(
            [header.fontMetrics().horizontalAdvance(title) + _SORT_ARROW]
            + [self.view.fontMetrics().horizontalAdvance(text) for text in texts]
        )
        header.resizeSection(column, widest + _CELL_PADDING)

    def _action(
        self, text: str, keys: Sequence[str], slot: Callable[[], object], tip: str
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setToolTip(f"{tip} ({', '.join(keys)})" if keys else tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- data ------------------------------------------------------------
    def set_attempts(self, attempts: Sequence[AttemptSummary]) -> None:
        """Show these attempts, keeping the filters."""
        self.set_rows(history_rows(attempts, self._questions))

    def set_rows(self, rows: Sequence[HistoryRow]) -> None:
        """Show these rows (from `history_rows`, which may run on a pool thread)."""
        self.model.set_rows(rows)
        self._fill_filter_choices()
        self._update_empty_state()
        if self.proxy.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def attempts(self) -> list[AttemptSummary]:
        """Every attempt loaded, filtered or not."""
        return [row.attempt for row in self.model.rows()]

    def reload(self) -> None:
        """Ask the owner for the attempts again."""
        self._reload()

    def _fill_filter_choices(self) -> None:
        labels = {r.attempt.question_id: r.question_label for r in self.model.rows()}
        ids = sorted(
            labels,
            key=lambda qid: (
                (0, self._questions[qid].pack_id, self._questions[qid].number)
                if qid in self._questions
                else (1, qid, 0)
            ),
        )
        categories = sorted({r.category for r in self.model.rows()} - {""})
        self._fit_column(
            HistoryColumn.CATEGORY, [*categories, _WIDTH_SAMPLES[HistoryColumn.CATEGORY]]
        )
        self._refill(
            self.question_filter,
            "All questions",
            [(labels[q], q) for q in ids],
        )
        self._refill(self.category_filter, "All categories", [(c, c) for c in categories])

    @staticmethod
    def _refill(combo: QComboBox, all_label: str, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_label, None)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # -- filters -----------------------------------------------------------
    def show_question(self, question_id: str | None) -> None:
        """Filter to one question's attempts (None: all questions)."""
        index = self.question_filter.findData(question_id) if question_id else 0
        self.question_filter.setCurrentIndex(max(index, 0))
        self._apply_filters()

    def set_date_range(self, first: date | None, last: date | None) -> None:
        """Only attempts started from ``first`` to ``last`` (None: any date)."""
        self.use_dates.setChecked(first is not None or last is not None)
        if first is not None:
            self.first_day.setDate(QDate(first.year, first.month, first.day))
        if last is not None:
            self.last_day.setDate(QDate(last.year, last.month, last.day))
        self._apply_filters()

    def clear_filters(self) -> None:
        """Show every attempt (one filter change, not one per control)."""
        controls = (self.question_filter, self.category_filter, self.rating_filter, self.use_dates)
        for control in controls:
            control.blockSignals(True)
        for combo in (self.question_filter, self.category_filter, self.rating_filter):
            combo.setCurrentIndex(0)
        self.use_dates.setChecked(False)
        for control in controls:
            control.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self) -> None:
        dated = self.use_dates.isChecked()
        self.first_day.setEnabled(dated)
        self.last_day.setEnabled(dated)
        self.proxy.set_filter(
            HistoryFilter(
                question_id=self.question_filter.currentData(),
                category=self.category_filter.currentData(),
                first_day=self.first_day.date().toPython() if dated else None,  # type: ignore[arg-type]
                last_day=self.last_day.date().toPython() if dated else None,  # type: ignore[arg-type]
                rating=self.rating_filter.currentData(),
            )
        )
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            self.empty.setText(EMPTY_TEXT)
            self.stack.setCurrentWidget(self.empty)
        elif shown == 0:
            self.empty.setText(NO_MATCH_TEXT)
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.view)
        self.status.setText(f"{shown} of {total} attempts" if total else "")
        self.open_button.setEnabled(shown > 0)
        self.compare_button.setEnabled(shown > 0)

    # -- open and compare ----------------------------------------------------
    def selected(self) -> list[AttemptSummary]:
        """The selected attempts, in table order."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.proxy.index(row, 0).data(SUMMARY_ROLE) for row in rows]

    def open_current(self) -> None:
        """Read the attempt under the cursor."""
        index = self.view.currentIndex()
        if index.isValid():
            attempt = self.proxy.index(index.row(), 0).data(SUMMARY_ROLE)
            self.open_requested.emit(attempt.id)

    def compare_selected(self) -> None:
        """Compare the two selected attempts, or the selected one with the one before."""
        pair = comparison_pair(self.selected(), self.attempts())
        if isinstance(pair, str):
            self.status.setText(pair)
            return
        older, newer = pair
        self.compare_requested.emit(older.id, newer.id)
