"""The question list: search, filters, the table of questions and what is due.

A :class:`QuestionListModel` behind a :class:`QuestionFilterProxy` in a table view. The
pane keeps the list's statistics (attempts, last rating, due date) up to date from the
store and tells the window which question is selected; it never touches an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.clock import Clock
from aipm_desktop.core.questions import DEFAULT_TIME_LIMIT_SECONDS, Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import RatingResult
from aipm_desktop.core.scheduling import describe_due
from aipm_desktop.services.workspace import Change
from aipm_desktop.storage.store import ListFigures, read_list_figures
from aipm_desktop.ui.main.question_model import (
    Column,
    QuestionFilterProxy,
    QuestionListModel,
    Status,
)
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.practice.panel import NO_QUESTIONS
from aipm_desktop.ui.widgets.background import run_in_background

SEARCH_PREPARE_ROWS = 500
"""Questions whose search text is computed per idle step after start-up (a few ms)."""
DUE_REFRESH_MS = 60_000
"""How often the Due column's "in 3 h" texts are brought up to date."""
SELECT_AFTER_TYPING_MS = 150
"""When typing in the search box filters the selected question out, the first match is
selected (and shown, with its history) once the typing has paused this long."""
NO_MATCH = "No question matches. Try other words, or show every question again."
NOTHING_DUE = (
    "Nothing is due now. Rated questions come back when FSRS expects you "
    "to start forgetting them; choose All statuses to practise anything."
)
NOTHING_PLANNED = (
    "Nothing is in today's plan: add an interview date (Today's plan, Ctrl+J), "
    "or today's practice is done."
)


class QuestionListPane(QWidget):
    """Search box, filters and the question table, with their statistics.

    Signals:
        current_changed(object): another question (a Question) is selected, or None
            when the filters leave no question listed.
        activated(): Return or a double-click on a question.
        stats_loaded(): the attempt counts and ratings are filled in.
        message(str): something to show in the status bar.
    """

    current_changed = Signal(object)
    activated = Signal()
    stats_loaded = Signal()
    message = Signal(str)

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        operations: Operations,
        clock: Clock,
        stats_in_background: bool = False,
        default_time_limit: Callable[[], int] = lambda: DEFAULT_TIME_LIMIT_SECONDS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._operations = operations
        self.clock = clock
        self._default_time_limit = default_time_limit
        self._showing_plan = False
        """True while the status filter is "In today's plan": only then is it computed."""
        self._reloading = False
        self._typing_search = False
        self._last_shown_id: str | None = None
        """The question last selected: shown again when a search that hid it is undone."""
        self._stats_loading = False
        self._stats_changed_while_loading: set[str] = set()
        self.question_model = QuestionListModel(questions, self)
        path = operations.workspace.data_file
        if stats_in_background and path is not None:
            self.question_model.set_stats_loading()
            self._start_loading_stats(path)  # the due dates too
        else:  # before the proxy and view see the model: nothing to re-filter
            self.refresh_stats()
        self.proxy = QuestionFilterProxy(self)
        self.proxy.setSourceModel(self.question_model)

        self._select_first_timer = QTimer(self)
        self._select_first_timer.setSingleShot(True)
        self._select_first_timer.setInterval(SELECT_AFTER_TYPING_MS)
        self._select_first_timer.timeout.connect(self._select_first_if_none)
        self._due_timer = QTimer(self)
        self._due_timer.setInterval(DUE_REFRESH_MS)
        self._due_timer.timeout.connect(self.refresh_due)
        self._due_timer.start()
        self._build(questions)
        self._connect()
        unsubscribe = operations.workspace.subscribe(self._on_workspace_change)
        self.destroyed.connect(lambda: unsubscribe())

    # ------------------------------------------------------------------
    # construction
    # ------------------------------------------------------------------
    def _build(self, questions: Sequence[Question]) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search questions and answers (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search questions")
        self.search_box.setAccessibleDescription(
            "Type words from a question or its model answer to narrow the list."
        )
        self.search_box.setToolTip("Search questions and answers (Ctrl+F)")
        self.category_filter = _filter_combo(
            "All categories", sorted({q.category for q in questions}), "Filter by category"
        )
        self.level_filter = _filter_combo(
            "All levels", sorted({q.level for q in questions}), "Filter by level"
        )
        self.status_filter = QComboBox()
        self.status_filter.addItem("All statuses", Status.ALL)
        self.status_filter.addItem("New", Status.NEW)
        self.status_filter.addItem("Attempted", Status.ATTEMPTED)
        self.status_filter.addItem("Due now", Status.DUE)
        self.status_filter.addItem("In today's plan", Status.PLAN)
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.setToolTip(
            "Show all, new, attempted, due or today's planned questions (Ctrl+Shift+D: due only)"
        )
        self.status_filter.setAccessibleDescription(
            "Show all, new, attempted, due or today's planned questions"
        )

        view = self.question_view = QTableView()
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Two lines per prompt, the second cut with "…": most prompts read whole.
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * view.fontMetrics().lineSpacing() + 10)
        rows.hide()
        view.setTabKeyNavigation(False)
        view.setAccessibleName("Questions")
        view.setAccessibleDescription("Arrow keys choose a question; Return starts answering it.")
        view.setToolTip("Press Return or double-click to start answering")
        self._size_columns(questions)

        filters = QHBoxLayout()
        for combo in (self.category_filter, self.level_filter, self.status_filter):
            filters.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addWidget(view, 1)
        self.empty_list_label = QLabel(NO_MATCH)
        self.empty_list_label.setWordWrap(True)
        self.show_all_button = QPushButton("Show &all questions")
        self.show_all_button.setAccessibleName("Show all questions")
        self.show_all_button.setAccessibleDescription("Clear the search and every filter.")
        self.show_all_button.setToolTip("Clear the search and every filter")
        self.show_all_button.clicked.connect(self.clear_filters)
        self.empty_list_box = QWidget()
        empty_layout = QHBoxLayout(self.empty_list_box)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(self.empty_list_label, 1)
        empty_layout.addWidget(self.show_all_button, 0, Qt.AlignmentFlag.AlignTop)
        self.empty_list_box.hide()
        layout.addWidget(self.empty_list_box)

    def _connect(self) -> None:
        self.search_box.textChanged.connect(self._on_search_changed)
        self.category_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_category(self.category_filter.currentData())
        )
        self.level_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_level(self.level_filter.currentData())
        )
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._after_filter)
        self.question_view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.question_view.activated.connect(lambda _index: self.activated.emit())

    def tab_chain(self) -> list[QWidget]:
        """The pane's controls in tab order."""
        return [
            self.search_box,
            self.category_filter,
            self.level_filter,
            self.status_filter,
            self.question_view,
            self.show_all_button,
        ]

    def _size_columns(self, questions: Sequence[Question]) -> None:
        """Fixed widths from the font for the narrow columns; the prompt takes the rest.

        (Resize-to-contents would ask the model for every row's text: with
        10,000 questions that alone costs a noticeable part of a second.)
        """
        view = self.question_view
        header = view.horizontalHeader()
        text_width = view.fontMetrics().horizontalAdvance
        header_width = header.fontMetrics().horizontalAdvance
        padding = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 12
        # Room for a pack's letter too ("B 12"), which an import may bring.
        widest_number = "W " + str(max((q.number for q in questions), default=1))
        samples = {
            Column.NUMBER: [widest_number],
            Column.ATTEMPTS: ["9999"],
            Column.LAST_RATING: [rating.label for rating in Rating],
            Column.DUE: ["in 12 days"],
        }
        for column, texts in samples.items():
            name = str(self.question_model.headerData(column, Qt.Orientation.Horizontal))
            width = max(header_width(name), *(text_width(text) for text in texts)) + padding
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.PROMPT, QHeaderView.ResizeMode.Stretch)

    # ------------------------------------------------------------------
    # selection
    # ------------------------------------------------------------------
    def current_question(self) -> Question | None:
        """The selected question, if any."""
        index = self.question_view.currentIndex()
        if not index.isValid():
            return None
        return self.question_model.question(self.proxy.mapToSource(index).row())

    def select_initial(self, question_id: str | None, *, show: bool = False) -> None:
        """Select ``question_id`` if it is listed, else the first row; focus the list.

        With ``show``, filters that hide the question are cleared first.
        """
        row = 0
        if show and question_id is not None and not self.proxy_index_of(question_id).isValid():
            self._clear_filters_quietly()
        if question_id is not None:
            index = self.proxy_index_of(question_id)
            row = index.row() if index.isValid() else 0
        self.select_row(row)
        self.question_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_row(self, row: int) -> None:
        """Select a row of the filtered list (nothing if there is no such row)."""
        if not 0 <= row < self.proxy.rowCount():
            return
        index = self.proxy.index(row, Column.PROMPT)
        self.question_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.question_view.scrollTo(index)

    def proxy_index_of(self, question_id: str) -> QModelIndex:
        """The filtered list's index of a question (invalid if it is not listed)."""
        row = self.question_model.row_of(question_id)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.question_model.index(row, 0))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            question = self.question_model.question(self.proxy.mapToSource(current).row())
            self._last_shown_id = question.id
            self.current_changed.emit(question)

    def empty_text(self) -> str:
        """Why no question is selected: none loaded, or none matches the filters."""
        if self.question_model.rowCount() == 0:
            return NO_QUESTIONS
        return self.empty_list_label.text()

    def step(self, delta: int) -> None:
        """Select the question ``delta`` rows away (wrapping) and focus the list."""
        count = self.proxy.rowCount()
        if count == 0:
            return
        current = self.question_view.currentIndex()
        row = (current.row() + delta) % count if current.isValid() else 0
        self.select_row(row)
        self.question_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------
    # search and filters
    # ------------------------------------------------------------------
    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def clear_filters(self) -> None:
        """Empty the search box and set every filter back to "All"."""
        self.search_box.clear()
        for combo in (self.category_filter, self.level_filter, self.status_filter):
            combo.setCurrentIndex(0)
        self.question_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_status_filter_changed(self) -> None:
        status = Status(self.status_filter.currentData())
        if status == Status.DUE:
            self.refresh_due()
        self._showing_plan = status == Status.PLAN
        if self._showing_plan:
            self._read_plan()
        self.proxy.set_status(status)
        self._explain_empty_list()

    def _explain_empty_list(self) -> None:
        status, empty = self.proxy.status, self.proxy.rowCount() == 0
        if empty and status == Status.DUE:
            self.empty_list_label.setText(NOTHING_DUE)
        elif empty and status == Status.PLAN:
            self.empty_list_label.setText(NOTHING_PLANNED)
        else:
            self.empty_list_label.setText(NO_MATCH)

    @property
    def due_only(self) -> bool:
        """True while only the due questions are listed."""
        return self.proxy.status == Status.DUE

    def toggle_due_only(self) -> None:
        """List only the due questions, or all of them again."""
        target = Status.ALL if self.due_only else Status.DUE
        self.status_filter.setCurrentIndex(self.status_filter.findData(target))

    def practise_due(self) -> None:
        """Select the question that has been due the longest and focus the list."""
        self.refresh_due()
        question_id = self.question_model.most_overdue()
        if question_id is None:
            self.message.emit(self._nothing_due_message())
            return
        if not self.proxy_index_of(question_id).isValid():
            self.search_box.clear()
            self.category_filter.setCurrentIndex(0)
            self.level_filter.setCurrentIndex(0)
            if self.proxy.status not in (Status.ALL, Status.DUE, Status.ATTEMPTED):
                self.status_filter.setCurrentIndex(0)
        self.select_row(self.proxy_index_of(question_id).row())
        self.question_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        count = self.question_model.due_count()
        others = f" ({count - 1} more due)" if count > 1 else ""
        self.message.emit(f"Due the longest{others}. Press Return to start answering.")

    def _nothing_due_message(self) -> str:
        states = self._operations.read(lambda store: store.review_states()) or {}
        if not states:
            return "Nothing is due yet: rate an attempt (1–4) and FSRS schedules the question."
        soonest = min(state.due for state in states.values())
        when = describe_due(soonest, self.clock.now())
        return f"Nothing is due now. The next question is due {when}."

    def _on_search_changed(self, text: str) -> None:
        self._typing_search = self.search_box.hasFocus()
        try:
            self.proxy.set_search_text(text)
        finally:
            self._typing_search = False

    def _after_filter(self) -> None:
        if self._reloading:
            return
        empty = self.proxy.rowCount() == 0
        self.empty_list_box.setVisible(empty)
        if empty:
            self._select_first_timer.stop()
            self._explain_empty_list()
            self.current_changed.emit(None)  # no question is shown that is not listed
        elif not self.question_view.currentIndex().isValid():
            # The question shown before the list went empty comes back if it is listed.
            last = self.proxy_index_of(self._last_shown_id) if self._last_shown_id else None
            if last is not None and last.isValid():
                self.select_row(last.row())
            elif self._typing_search:  # show the first match once the typing pauses
                self._select_first_timer.start()
            else:
                self.select_row(0)

    def _select_first_if_none(self) -> None:
        if not self.question_view.currentIndex().isValid():
            self.select_row(0)

    # ------------------------------------------------------------------
    # the listed questions
    # ------------------------------------------------------------------
    def set_questions(
        self, questions: Sequence[Question], keep_id: str | None, *, show: bool
    ) -> bool:
        """Replace the listed questions and select ``keep_id`` (else the first row).

        With ``show``, filters that hide ``keep_id`` are cleared. Returns False when the
        list is empty afterwards.
        """
        self._reloading = True
        try:
            self.question_model.set_questions(questions)
            _refill_filter(self.category_filter, {q.category for q in questions})
            _refill_filter(self.level_filter, {q.level for q in questions})
            hidden = keep_id is not None and not self.proxy_index_of(keep_id).isValid()
            if show and hidden and self.question_model.row_of(keep_id or "") is not None:
                self._clear_filters_quietly()
        finally:
            self._reloading = False
        self.refresh_stats()
        index = self.proxy_index_of(keep_id) if keep_id is not None else QModelIndex()
        if index.isValid():
            self.select_row(index.row())
        elif self.proxy.rowCount():
            self.select_row(0)
        else:
            return False
        self._after_filter()
        return True

    def _clear_filters_quietly(self) -> None:
        self.search_box.clear()
        for combo in (self.category_filter, self.level_filter, self.status_filter):
            combo.setCurrentIndex(0)

    def prepare_search(self) -> bool:
        """Compute a step of the search texts; True once all are ready."""
        return self.question_model.prepare_search_texts(SEARCH_PREPARE_ROWS)

    # ------------------------------------------------------------------
    # statistics: attempts, last rating, due dates, today's plan
    # ------------------------------------------------------------------
    def refresh_stats(self) -> None:
        """Read every question's attempt count, last rating and due date again (and
        today's plan, while the list shows it)."""
        self.refresh_plan()
        stats = self._operations.read(lambda store: store.question_stats())
        if stats is not None:
            self.question_model.set_stats(stats)
        self.stats_loaded.emit()
        self.refresh_due()

    def refresh_plan(self) -> None:
        """Compute today's plan again, only while the list is filtered to it (a plan
        costs about a second per thousand questions)."""
        if self._showing_plan:
            self._read_plan()
            self.proxy.set_status(Status.PLAN)
            self._explain_empty_list()

    def _on_workspace_change(self, change: Change) -> None:
        if change in (Change.INTERVIEWS, Change.SETTINGS):  # dates, budgets, time limits
            self.refresh_plan()

    def _read_plan(self) -> None:
        from aipm_desktop.services.study_plan import study_plan  # loaded when first chosen

        questions = self.question_model.rows()
        now, limit = self.clock.now().astimezone(), self._default_time_limit()
        plan = self._operations.read(
            lambda store: study_plan(store, questions, now, default_time_limit_seconds=limit)
        )
        if plan is not None:
            self.question_model.set_plan_ids(plan.today_ids())

    def refresh_due(self) -> None:
        """Bring the Due column up to date."""
        due = self._operations.read(lambda store: store.due_dates())
        if due is not None:
            self.question_model.set_due(due, self.clock.now())

    def _start_loading_stats(self, path: Path) -> None:
        self._stats_loading = True
        run_in_background(
            lambda: read_list_figures(path),
            self._on_stats_loaded,  # type: ignore[arg-type]
            self._on_stats_failed,
            self,
        )

    def _on_stats_loaded(self, figures: ListFigures) -> None:
        self._stats_loading = False
        self.question_model.set_stats(figures.stats)
        self.question_model.set_due(figures.due, self.clock.now())
        changed, self._stats_changed_while_loading = self._stats_changed_while_loading, set()
        for question_id in changed:  # written after the read began: read those again
            self.refresh_question(question_id)
            self._refresh_due_of(question_id)
        self.stats_loaded.emit()

    def _refresh_due_of(self, question_id: str) -> None:
        read = self._operations.read(lambda store: (store.due_date_for(question_id),))
        if read is not None:
            self.question_model.update_due(question_id, read[0], self.clock.now())

    def _on_stats_failed(self, reason: str) -> None:
        self._stats_loading = False
        self.question_model.set_stats({})
        self.refresh_due()
        self.message.emit(f"Could not read your history: {reason}")

    def refresh_question(self, question_id: str, *, rated: RatingResult | None = None) -> None:
        """Re-read one question's stats after a write to it (one row, not the whole list);
        after a rating, show the due date it returned (nothing else is rescheduled)."""
        if self._stats_loading:
            self._stats_changed_while_loading.add(question_id)
        read = self._operations.read(lambda store: (store.question_stats_for(question_id),))
        if read is None:
            return
        self.refresh_plan()
        self.question_model.update_stats(question_id, read[0])
        if rated is not None:
            self.question_model.update_due(question_id, rated.due, self.clock.now())


def _filter_combo(all_label: str, values: Sequence[str], name: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(all_label, None)
    for value in values:
        combo.addItem(value, value)
    combo.setAccessibleName(name)
    combo.setToolTip(name)
    combo.setAccessibleDescription(name)
    return combo


def _refill_filter(combo: QComboBox, values: set[str]) -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for value in sorted(values):
        combo.addItem(value, value)
    position = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(position, 0))
    combo.blockSignals(False)
    if position < 0:  # the chosen value is gone: the filter no longer applies
        combo.currentIndexChanged.emit(0)
