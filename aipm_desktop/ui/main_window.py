"""The main window: question list, timed answer editor, reveal panel and history."""

from __future__ import annotations

import functools
import html
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop import APP_NAME, __version__
from aipm_desktop.core.clock import Clock
from aipm_desktop.core.packs import PackProblem
from aipm_desktop.core.practice import PracticeAttempt
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt, QuestionStats
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.storage import Store, StoreError
from aipm_desktop.ui.history_panel import AttemptDialog, HistoryPanel
from aipm_desktop.ui.practice_panel import IDLE_PLACEHOLDER, PAUSED_PLACEHOLDER, PracticePanel
from aipm_desktop.ui.question_model import (
    Column,
    QuestionFilterProxy,
    QuestionListModel,
    Status,
)
from aipm_desktop.ui.settings import AppSettings
from aipm_desktop.ui.stats_loader import QuestionStatsLoader

T = TypeVar("T")

SEARCH_PREPARE_ROWS = 500
"""Questions whose search text is computed per idle step after start-up (a few ms)."""
CLOCK_REFRESH_MS = 200
DRAFT_SAVE_DELAY_MS = 1500
"""Drafts are written this long after typing stops (the promise is: within 2 s)."""


class MainWindow(QMainWindow):
    """Practise questions against the clock; every attempt and draft goes to the store.

    Signals:
        ready(): the window has been shown with its question list filled.
        draft_saved(str): the draft of this question id is safely stored.
        stats_loaded(): the list's attempt counts and ratings are filled in.
    """

    ready = Signal()
    draft_saved = Signal(str)
    stats_loaded = Signal()

    def __init__(
        self,
        *,
        store: Store,
        questions: Sequence[Question],
        clock: Clock,
        settings: AppSettings,
        pack_problems: Sequence[PackProblem] = (),
        draft_save_delay_ms: int = DRAFT_SAVE_DELAY_MS,
        stats_in_background: bool = False,
    ) -> None:
        """Build the window; with ``stats_in_background`` (and a store on disk), the
        list's attempt counts are read on a pool thread and filled in when they arrive
        (``stats_loaded``), so start-up does not wait for the history."""
        super().__init__()
        self.store = store
        self.clock = clock
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(900, 560)

        self.current_question: Question | None = None
        self.attempt: PracticeAttempt | None = None
        """The unsubmitted attempt at the current question, if any."""
        self.assessed: Attempt | None = None
        """The submitted attempt being ticked and rated, if any."""
        self._ready_emitted = False

        self.question_model = QuestionListModel(questions, self)
        self._stats_loader: QuestionStatsLoader | None = None
        self._stats_changed_while_loading: set[str] = set()
        if stats_in_background and store.path is not None:
            self.question_model.set_stats_loading()
            self._start_loading_stats(store.path)
        else:  # before the proxy and view see the model: nothing to re-filter
            self._refresh_stats()
        self.proxy = QuestionFilterProxy(self)
        self.proxy.setSourceModel(self.question_model)

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_REFRESH_MS)
        self._clock_timer.timeout.connect(self.refresh_clock)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(draft_save_delay_ms)
        self._draft_timer.timeout.connect(self.save_draft)

        self._build_actions()
        self._build_layout(questions, pack_problems)
        self._build_menus()
        self._connect()
        self._restore_window_state()
        self._select_initial_question()

    # ------------------------------------------------------------------
    # construction
    # ------------------------------------------------------------------
    def _action(
        self,
        text: str,
        shortcuts: Sequence[str | QKeySequence.StandardKey],
        slot: Callable[[], object],
        tip: str,
    ) -> QAction:
        action = QAction(text, self)
        keys = [QKeySequence(key) for key in shortcuts]
        action.setShortcuts(keys)
        shown = " or ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys)
        action.setToolTip(f"{tip} ({shown})" if shown else tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.start_action = self._action(
            "&Start", ["Ctrl+Shift+Return"], self.start_or_resume, "Start answering"
        )
        self.pause_action = self._action(
            "&Pause", ["Ctrl+P"], self.toggle_pause, "Pause or resume the clock"
        )
        self.submit_action = self._action(
            "S&ubmit",
            ["Ctrl+Return", "Ctrl+Enter"],
            self.submit,
            "Submit your answer and reveal the model answer",
        )
        self.peek_action = self._action(
            "Pee&k",
            ["Ctrl+Shift+M"],
            self.peek,
            "Show the model answer before submitting (recorded as a peek)",
        )
        self.next_action = self._action(
            "&Next question", ["Ctrl+Right", "Alt+N"], self.next_question, "Go to the next question"
        )
        self.previous_action = self._action(
            "P&revious question",
            ["Ctrl+Left", "Alt+B"],
            self.previous_question,
            "Go to the previous question",
        )
        self.rate_actions: dict[Rating, QAction] = {}
        for rating in Rating:
            self.rate_actions[rating] = self._action(
                f"Rate {rating.label}",
                [str(rating.value)],
                functools.partial(self.rate, rating),
                f"Rate this answer {rating.label}",
            )
        self.find_action = self._action(
            "&Find", ["Ctrl+F"], self.focus_search, "Search questions and answers"
        )
        self.open_attempt_action = self._action(
            "&Open past answer", [], self.open_selected_attempt, "Read the selected past answer"
        )
        self.quit_action = self._action("&Quit", ["Ctrl+Q"], self.close, "Save everything and quit")
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts", ["F1"], self.show_shortcuts, "List the keyboard shortcuts"
        )
        self.about_action = self._action("&About", [], self.show_about, f"About {APP_NAME}")
        self.time_up_group = QActionGroup(self)
        self.soft_action = QAction("&Soft: keep typing, count overtime", self, checkable=True)
        self.hard_action = QAction("&Hard: lock and submit at zero", self, checkable=True)
        for action, mode in (
            (self.soft_action, TimeUpMode.SOFT),
            (self.hard_action, TimeUpMode.HARD),
        ):
            self.time_up_group.addAction(action)
            action.setChecked(self.settings.time_up_mode == mode)
            action.triggered.connect(lambda _checked=False, m=mode: self._set_time_up_mode(m))

    def _build_layout(self, questions: Sequence[Question], problems: Sequence[PackProblem]) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search questions and answers (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search questions")
        self.category_filter = self._filter_combo(
            "All categories", sorted({q.category for q in questions}), "Filter by category"
        )
        self.level_filter = self._filter_combo(
            "All levels", sorted({q.level for q in questions}), "Filter by level"
        )
        self.status_filter = QComboBox()
        self.status_filter.addItem("All", Status.ALL)
        self.status_filter.addItem("New", Status.NEW)
        self.status_filter.addItem("Attempted", Status.ATTEMPTED)
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.setToolTip("Show all, new or attempted questions")

        self.question_view = QTableView()
        self.question_view.setModel(self.proxy)
        self.question_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.question_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.question_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.question_view.setWordWrap(False)
        self.question_view.verticalHeader().hide()
        self.question_view.setTabKeyNavigation(False)
        self.question_view.setAccessibleName("Questions")
        self.question_view.setToolTip("Press Return or double-click to start answering")
        self._size_question_columns(questions)

        filters = QHBoxLayout()
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.level_filter, 1)
        filters.addWidget(self.status_filter, 1)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(4, 4, 0, 0)
        list_layout.addWidget(self.search_box)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.question_view, 1)
        self.empty_list_label = QLabel("No question matches. Clear the search or the filters.")
        self.empty_list_label.setWordWrap(True)
        self.empty_list_label.hide()
        list_layout.addWidget(self.empty_list_label)

        self.history = HistoryPanel()
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.addWidget(list_box)
        self.left_splitter.addWidget(self.history)
        self.left_splitter.setStretchFactor(0, 3)
        self.left_splitter.setStretchFactor(1, 2)
        self.left_splitter.setChildrenCollapsible(False)

        self.practice = PracticePanel()
        for action in (
            self.start_action,
            self.pause_action,
            self.peek_action,
            self.submit_action,
            self.next_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text().replace("&", ""))
            self.practice.add_button(button)
        self.practice.finish_buttons()

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(self.practice)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 5)
        self.main_splitter.setChildrenCollapsible(False)
        self.main_splitter.setSizes([420, 1000])

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setObjectName("packProblems")
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label.setStyleSheet(
            "#packProblems { background: #fff4ce; color: #3b2f00; padding: 6px; }"
        )
        self.show_pack_problems(problems)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self.resize(1280, 760)
        self.setTabOrder(self.search_box, self.category_filter)
        self.setTabOrder(self.category_filter, self.level_filter)
        self.setTabOrder(self.level_filter, self.status_filter)
        self.setTabOrder(self.status_filter, self.question_view)
        self.setTabOrder(self.question_view, self.practice.editor)

    def _size_question_columns(self, questions: Sequence[Question]) -> None:
        """Fixed widths from the font for the narrow columns; the prompt takes the rest.

        (Resize-to-contents would ask the model for every row's text: with
        10,000 questions that alone costs a noticeable part of a second.)
        """
        header = self.question_view.horizontalHeader()
        text_width = self.question_view.fontMetrics().horizontalAdvance
        header_width = header.fontMetrics().horizontalAdvance
        padding = (
            2 * self.question_view.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 12
        )
        widest_number = str(max((q.number for q in questions), default=1))
        samples = {
            Column.NUMBER: [widest_number],
            Column.ATTEMPTS: ["9999"],
            Column.LAST_RATING: [rating.label for rating in Rating],
        }
        for column, texts in samples.items():
            name = str(self.question_model.headerData(column, Qt.Orientation.Horizontal))
            width = max(header_width(name), *(text_width(text) for text in texts)) + padding
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.PROMPT, QHeaderView.ResizeMode.Stretch)

    def _filter_combo(self, all_label: str, values: Sequence[str], name: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_label, None)
        for value in values:
            combo.addItem(value, value)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        return combo

    def _build_menus(self) -> None:
        bar = self.menuBar()
        practice = bar.addMenu("&Practice")
        for action in (
            self.start_action,
            self.pause_action,
            self.submit_action,
            self.peek_action,
        ):
            practice.addAction(action)
        practice.addSeparator()
        rate_menu = practice.addMenu("&Rate")
        for action in self.rate_actions.values():
            rate_menu.addAction(action)
        practice.addSeparator()
        practice.addAction(self.next_action)
        practice.addAction(self.previous_action)
        practice.addAction(self.find_action)
        practice.addAction(self.open_attempt_action)
        practice.addSeparator()
        time_up = practice.addMenu("&When time is up")
        time_up.addAction(self.soft_action)
        time_up.addAction(self.hard_action)
        practice.addSeparator()
        practice.addAction(self.quit_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.search_box.textChanged.connect(self._on_search_changed)
        self.category_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_category(self.category_filter.currentData())
        )
        self.level_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_level(self.level_filter.currentData())
        )
        self.status_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_status(Status(self.status_filter.currentData()))
        )
        self.proxy.rowsInserted.connect(self._after_filter)
        self.proxy.rowsRemoved.connect(self._after_filter)
        self.proxy.modelReset.connect(self._after_filter)
        self.proxy.layoutChanged.connect(self._after_filter)
        self.question_view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.question_view.activated.connect(lambda _index: self.start_or_resume())
        self.practice.editor.textChanged.connect(self._on_text_changed)
        self.practice.reveal.key_points_changed.connect(self._on_key_points_changed)
        self.practice.reveal.rated.connect(lambda value: self.rate(Rating(value)))
        self.history.open_requested.connect(self.open_attempt)

    # ------------------------------------------------------------------
    # selection
    # ------------------------------------------------------------------
    def _select_initial_question(self) -> None:
        row = 0
        last = self.settings.last_question_id
        if last is not None:
            source_row = self.question_model.row_of(last)
            if source_row is not None:
                mapped = self.proxy.mapFromSource(self.question_model.index(source_row, 0))
                row = mapped.row() if mapped.isValid() else 0
        self._select_proxy_row(row)
        if self.current_question is None:
            self._show_question(None)
            self.statusBar().showMessage("No questions are loaded.")
        elif not self.statusBar().currentMessage():
            self.statusBar().showMessage(
                "Pick a question and press Return to start answering. F1 lists every shortcut."
            )
        self.question_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _select_proxy_row(self, row: int) -> None:
        if not 0 <= row < self.proxy.rowCount():
            return
        index = self.proxy.index(row, Column.PROMPT)
        self.question_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.question_view.scrollTo(index)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        question = self.question_model.question(self.proxy.mapToSource(current).row())
        if question is not self.current_question:
            self._show_question(question)

    def _show_question(self, question: Question | None) -> None:
        """Leave the current question (keeping its draft) and show another."""
        self._leave_current_attempt()
        self.current_question = question
        self.assessed = None
        self.settings.last_question_id = question.id if question else None
        self.practice.show_question(question, self.settings.default_time_limit_seconds)
        draft = self._read(lambda: self.store.draft_for(question.id)) if question else None
        if question is not None and draft is not None:
            self.attempt = PracticeAttempt.from_draft(
                question, self.clock, draft, self.settings.default_time_limit_seconds
            )
            self.practice.reveal.set_revealed(draft.revealed_before_submit)
            self.statusBar().showMessage(
                "Your unfinished answer is back. Press Ctrl+P or Resume to carry on.", 8000
            )
        self._set_editor_text(draft.text if draft else "")
        self._refresh_history()
        self._update_state()

    def _leave_current_attempt(self) -> None:
        if self.attempt is not None and not self.attempt.submitted:
            self.attempt.timer.pause()
            self.save_draft()
        self.attempt = None
        self._clock_timer.stop()

    def next_question(self) -> None:
        """Select the next question in the list (wrapping) and focus the list."""
        self._step(+1)

    def previous_question(self) -> None:
        """Select the previous question in the list (wrapping) and focus the list."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        count = self.proxy.rowCount()
        if count == 0:
            return
        current = self.question_view.currentIndex()
        row = (current.row() + delta) % count if current.isValid() else 0
        self._select_proxy_row(row)
        self.question_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_search_text(text)

    def _after_filter(self) -> None:
        empty = self.proxy.rowCount() == 0
        self.empty_list_label.setVisible(empty)
        if not empty and not self.question_view.currentIndex().isValid():
            self._select_proxy_row(0)

    # ------------------------------------------------------------------
    # the practice loop
    # ------------------------------------------------------------------
    def start_or_resume(self) -> None:
        """Start an attempt at the current question, or resume a paused one."""
        question = self.current_question
        if question is None:
            return
        if self.attempt is None:
            self.attempt = PracticeAttempt.start(
                question, self.clock, self.settings.default_time_limit_seconds
            )
            self.assessed = None
            self.practice.reveal.show_question(question)
            self._set_editor_text("")
            self.statusBar().showMessage("The clock is running. Ctrl+Return submits.", 5000)
        else:
            self.attempt.timer.resume()
        self._update_state()
        self.practice.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.practice.editor.moveCursor(QTextCursor.MoveOperation.End)

    def toggle_pause(self) -> None:
        """Pause a running clock, or resume a paused one."""
        if self.attempt is None:
            return
        if self.attempt.timer.is_running:
            self.attempt.timer.pause()
            self.save_draft()
            self.statusBar().showMessage("Paused. Your answer is saved.", 5000)
            self._update_state()
        else:
            self.start_or_resume()

    def peek(self) -> None:
        """Show the model answer before submitting, after asking; the attempt records it."""
        if self.attempt is None or self.practice.reveal.is_revealed:
            return
        answer = QMessageBox.question(
            self,
            "Peek at the model answer?",
            "This attempt will be marked as peeked in your history.\n\nShow the model answer now?",
        )
        # The clock ran on while the question was open: hard mode may have submitted.
        if answer != QMessageBox.StandardButton.Yes or self.attempt is None:
            return
        self.attempt.peek()
        self.practice.reveal.set_revealed(True)
        self.save_draft()
        self._update_state()

    def submit(self, *, auto: bool = False) -> None:
        """Stop the clock, store the attempt and reveal the model answer."""
        attempt = self.attempt
        if attempt is None or self.current_question is None:
            return
        self._draft_timer.stop()
        mode = self.settings.time_up_mode
        new_attempt = attempt.submit(self.practice.editor.toPlainText(), mode, auto_submitted=auto)
        stored = self._write(lambda: self.store.record_attempt(new_attempt))
        if stored is None:
            attempt.submitted = False
            return
        self.attempt = None
        self.assessed = stored
        reveal = self.practice.reveal
        reveal.set_revealed(True)
        reveal.set_assessable(True)
        self._refresh_question_stats(stored.question_id)
        self._refresh_history()
        self._update_state()
        reveal.focus_checklist()
        prefix = "Time is up: your answer was submitted. " if auto else "Saved. "
        self.statusBar().showMessage(
            prefix + "Tick the key points you covered (Space), then rate yourself 1–4."
        )

    def rate(self, rating: Rating) -> None:
        """Store the self-rating of the submitted attempt."""
        if self.assessed is None:
            return
        attempt_id = self.assessed.id
        stored = self._write(lambda: self.store.set_rating(attempt_id, rating, self.clock.now()))
        if stored is None:
            return
        self.assessed = stored
        self.practice.reveal.set_rating(rating)
        self._refresh_question_stats(stored.question_id)
        self._refresh_history()
        self.statusBar().showMessage(
            f"Rated {rating.label}. Ctrl+Right for the next question, "
            "Ctrl+Shift+Return to try this one again."
        )

    def _on_key_points_changed(self, ticked: list[str]) -> None:
        if self.assessed is None:
            return
        attempt_id = self.assessed.id
        stored = self._write(lambda: self.store.set_key_points(attempt_id, ticked))
        if stored is not None:
            self.assessed = stored
            self._refresh_history()

    def refresh_clock(self) -> None:
        """Update the countdown; in hard mode, submit when time is up."""
        attempt = self.attempt
        self.practice.countdown.show_timer(attempt.timer if attempt else None)
        if attempt is None or not attempt.timer.is_running:
            return
        if attempt.timer.is_expired and self.settings.time_up_mode == TimeUpMode.HARD:
            self.submit(auto=True)

    # ------------------------------------------------------------------
    # drafts
    # ------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        if self.attempt is not None and not self.practice.editor.isReadOnly():
            self._draft_timer.start()

    def save_draft(self) -> None:
        """Write the unsubmitted answer, its clock and peek to the store now."""
        self._draft_timer.stop()
        attempt = self.attempt
        if attempt is None or attempt.submitted:
            return
        draft = attempt.to_draft(self.practice.editor.toPlainText())

        def write_draft() -> bool:
            self.store.save_draft(draft)
            return True

        if self._write(write_draft, quiet=True):
            self.draft_saved.emit(draft.question_id)

    # ------------------------------------------------------------------
    # history
    # ------------------------------------------------------------------
    def _refresh_stats(self) -> None:
        stats = self._read(self.store.question_stats)
        if stats is not None:
            self.question_model.set_stats(stats)
        self.stats_loaded.emit()

    def _start_loading_stats(self, path: Path) -> None:
        loader = QuestionStatsLoader(path, self)
        loader.loaded.connect(self._on_stats_loaded)
        loader.failed.connect(self._on_stats_failed)
        self._stats_loader = loader
        loader.start(QThreadPool.globalInstance())

    def _on_stats_loaded(self, stats: Mapping[str, QuestionStats]) -> None:
        self._stats_loader = None
        self.question_model.set_stats(stats)
        changed, self._stats_changed_while_loading = self._stats_changed_while_loading, set()
        for question_id in changed:  # written after the read began: read those again
            self._refresh_question_stats(question_id)
        self.stats_loaded.emit()

    def _on_stats_failed(self, reason: str) -> None:
        self._stats_loader = None
        self.question_model.set_stats({})
        self.statusBar().showMessage(f"Could not read your history: {reason}")

    def _refresh_question_stats(self, question_id: str) -> None:
        """Re-read one question's stats after a write to it (one row, not the whole list)."""
        if self._stats_loader is not None:
            self._stats_changed_while_loading.add(question_id)
        try:
            stats = self.store.question_stats_for(question_id)
        except (StoreError, sqlite3.Error) as error:
            self.statusBar().showMessage(f"Could not read your history: {error}")
            return
        self.question_model.update_stats(question_id, stats)

    def _refresh_history(self) -> None:
        question = self.current_question
        attempts = self._read(lambda: self.store.attempts_for(question.id)) if question else []
        self.history.set_attempts(attempts or [])

    def open_selected_attempt(self) -> None:
        """Open the past attempt selected in the history."""
        index = self.history.view.currentIndex()
        if index.isValid():
            self.open_attempt(index.row())

    def open_attempt(self, row: int) -> None:
        """Show a past answer beside the model answer."""
        question = self.current_question
        if question is None or not 0 <= row < self.history.model.rowCount():
            return
        dialog = AttemptDialog(
            self.history.model.attempt(row), question.prompt, question.model_answer, self
        )
        dialog.open()

    # ------------------------------------------------------------------
    # state shown to the user
    # ------------------------------------------------------------------
    def _update_state(self) -> None:
        attempt = self.attempt
        has_question = self.current_question is not None
        answering = attempt is not None
        running = answering and attempt is not None and attempt.timer.is_running
        assessing = self.assessed is not None

        editor = self.practice.editor
        editor.setReadOnly(not running)
        if running:
            editor.setPlaceholderText("Type your answer. Ctrl+Return submits.")
        elif answering:
            editor.setPlaceholderText(PAUSED_PLACEHOLDER)
        else:
            editor.setPlaceholderText(IDLE_PLACEHOLDER)
        if assessing:
            self.practice.editor_title.setText("<b>Your answer</b> (submitted)")
        elif answering and not running:
            self.practice.editor_title.setText("<b>Your answer</b> (paused)")
        else:
            self.practice.editor_title.setText("<b>Your answer</b>")

        self.start_action.setText("Try &again" if assessing else "&Start")
        self.start_action.setEnabled(has_question and not answering)
        self.pause_action.setEnabled(answering)
        self.pause_action.setText("&Resume" if answering and not running else "&Pause")
        self.submit_action.setEnabled(answering)
        self.peek_action.setEnabled(answering and not self.practice.reveal.is_revealed)
        for action in self.rate_actions.values():
            action.setEnabled(assessing)
        if running:
            self._clock_timer.start()
        else:
            self._clock_timer.stop()
        if assessing and self.assessed is not None:
            self.practice.reveal.set_ticked(self.assessed.key_points_ticked)
            self.practice.reveal.set_rating(self.assessed.rating)
        if self.assessed is not None and not answering:
            self.practice.countdown.show_result(self.assessed)
        else:
            self.practice.countdown.show_timer(attempt.timer if attempt else None)

    def _set_editor_text(self, text: str) -> None:
        editor = self.practice.editor
        editor.blockSignals(True)
        editor.setPlainText(text)
        editor.blockSignals(False)

    def show_pack_problems(self, problems: Sequence[PackProblem]) -> None:
        """List packs that could not be loaded, above everything else."""
        if not problems:
            self.problems_label.hide()
            return
        lines = "".join(f"<li>{html.escape(str(p), quote=False)}</li>" for p in problems[:20])
        more = f"<li>… and {len(problems) - 20} more</li>" if len(problems) > 20 else ""
        self.problems_label.setText(
            "<b>Some question packs could not be loaded.</b> "
            f"The other questions work as usual.<ul>{lines}{more}</ul>"
        )
        self.problems_label.show()

    def _set_time_up_mode(self, mode: TimeUpMode) -> None:
        self.settings.time_up_mode = mode
        self.statusBar().showMessage(
            "When time is up, the answer is submitted."
            if mode == TimeUpMode.HARD
            else "When time is up, you can keep typing; overtime is counted.",
            5000,
        )

    def show_shortcuts(self) -> None:
        """List every keyboard shortcut."""
        rows = "".join(
            f"<tr><td>{html.escape(text)}</td><td><b>{html.escape(keys)}</b></td></tr>"
            for text, keys in self.shortcut_table()
        )
        QMessageBox.information(
            self, "Keyboard shortcuts", f"<table cellpadding='4'>{rows}</table>"
        )

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(action, keys) for every action that has a shortcut, plus the list's Return."""
        table = [("Start answering the selected question", "Return (in the list)")]
        for action in self.actions():
            keys = action.shortcuts()
            if keys:
                names = " or ".join(
                    k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys
                )
                table.append((action.text().replace("&", ""), names))
        return table

    def show_about(self) -> None:
        """Version and data folder."""
        where = self.store.path.parent if self.store.path else "memory"
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><br>Practise AI PM interview questions "
            f"offline, against the clock.<br><br>Your data folder: {html.escape(str(where))}",
        )

    # ------------------------------------------------------------------
    # storage errors never lose the answer on screen
    # ------------------------------------------------------------------
    def _write(self, operation: Callable[[], T], *, quiet: bool = False) -> T | None:
        try:
            return operation()
        except (StoreError, sqlite3.Error, OSError) as error:
            message = (
                f"Your work could not be saved: {error}\n\n"
                "Your answer is still in the window. Free some disk space or check the "
                "data folder, then try again."
            )
            if quiet:
                self.statusBar().showMessage("Could not save your draft: " + str(error))
            else:
                QMessageBox.warning(self, "Could not save", message)
            return None

    def _read(self, operation: Callable[[], T]) -> T | None:
        try:
            return operation()
        except (StoreError, sqlite3.Error) as error:
            self.statusBar().showMessage(f"Could not read your history: {error}")
            return None

    # ------------------------------------------------------------------
    # window events
    # ------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._ready_emitted:
            self._ready_emitted = True
            QTimer.singleShot(0, self._after_first_show)

    def _after_first_show(self) -> None:
        self.ready.emit()
        QTimer.singleShot(0, self._prepare_search)  # idle-time work, after ready

    def _prepare_search(self) -> None:
        """Pre-compute the list's search texts in steps short enough not to be felt,
        then load what the store needs for writing, all while the app is idle."""
        if not self.question_model.prepare_search_texts(SEARCH_PREPARE_ROWS):
            QTimer.singleShot(0, self._prepare_search)
        else:
            self._read(self.store.prepare_writes)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_draft()
        self._save_window_state()
        self.settings.sync()
        super().closeEvent(event)

    def _restore_window_state(self) -> None:
        geometry = self.settings.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, splitter in self._splitters().items():
            state = self.settings.window_state(key)
            if state is not None:
                splitter.restoreState(state)

    def _save_window_state(self) -> None:
        self.settings.set_window_state("geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            self.settings.set_window_state(key, splitter.saveState())

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "main_splitter": self.main_splitter,
            "left_splitter": self.left_splitter,
            "answer_splitter": self.practice.splitter,
            "reveal_splitter": self.practice.reveal.splitter,
        }
