"""Every attempt, filterable by question, category, date and rating; open or compare them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import (
    QDate,
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
    HistoryTable,
    comparison_pair,
    history_table,
)
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.ui.history.attempts_model import (
    CELL_PADDING,
    EMPTY_TEXT,
    HEADERS,
    NO_MATCH_TEXT,
    SORT_ARROW,
    SUMMARY_ROLE,
    WIDTH_SAMPLES,
    AllAttemptsModel,
    AttemptFilterProxy,
    HistoryColumn,
)
from aipm_desktop.ui.widgets.accessible import describe_control


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
        for column, sample in WIDTH_SAMPLES.items():
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
        self._fill_filter_choices(HistoryTable([], [], []))
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
        title = HEADERS[column]
        header = self.view.horizontalHeader()
        widest = max(
            [header.fontMetrics().horizontalAdvance(title) + SORT_ARROW]
            + [self.view.fontMetrics().horizontalAdvance(text) for text in texts]
        )
        header.resizeSection(column, widest + CELL_PADDING)

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
        self.set_table(history_table(attempts, self._questions))

    def set_rows(self, rows: Sequence[HistoryRow]) -> None:
        """Show these rows (from `history_rows`)."""
        self.set_table(history_table([row.attempt for row in rows], self._questions))

    def set_table(self, table: HistoryTable) -> None:
        """Show this table (from `history_table`, which may run on a pool thread)."""
        self.model.set_rows(table.rows, in_order=True)
        self._fill_filter_choices(table)
        self._update_empty_state()
        if self.proxy.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def attempts(self) -> list[AttemptSummary]:
        """Every attempt loaded, filtered or not."""
        return [row.attempt for row in self.model.rows()]

    def reload(self) -> None:
        """Ask the owner for the attempts again."""
        self._reload()

    def _fill_filter_choices(self, table: HistoryTable) -> None:
        self._fit_column(
            HistoryColumn.CATEGORY, [*table.categories, WIDTH_SAMPLES[HistoryColumn.CATEGORY]]
        )
        self._refill(self.question_filter, "All questions", table.questions)
        self._refill(self.category_filter, "All categories", [(c, c) for c in table.categories])

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
