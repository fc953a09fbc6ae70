"""The main window: question list, timed answer editor, reveal panel and history."""

from __future__ import annotations

import contextlib
import functools
import html
import itertools
import sqlite3
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop import APP_NAME, __version__
from aipm_desktop.core.clock import Clock
from aipm_desktop.core.export import (
    ExportFormat,
    format_for_path,
    write_atomically,
    write_export,
)
from aipm_desktop.core.hints import hint_key_points
from aipm_desktop.core.history import history_rows
from aipm_desktop.core.packs import PackProblem
from aipm_desktop.core.practice import PracticeAttempt
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt, QuestionStats
from aipm_desktop.core.scheduling import describe_due
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.pack_history import (
    known_prompts,
    question_as_attempted,
    snapshot_attempted_questions,
)
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.write_targets import check_write_target
from aipm_desktop.storage import Store, StoreError
from aipm_desktop.storage.backup import BackupError, restore_backup
from aipm_desktop.storage.export_rows import export_rows
from aipm_desktop.storage.rescue import rescue_folders, write_rescue_file
from aipm_desktop.storage.store import attempt_summaries, read_question_stats
from aipm_desktop.ui.app.settings import ZOOM_STEP, AppSettings
from aipm_desktop.ui.app.theme import apply_theme, is_dark, notice_style
from aipm_desktop.ui.backups.scheduler import BackupScheduler
from aipm_desktop.ui.history.panel import AttemptDialog, HistoryPanel
from aipm_desktop.ui.main.question_model import (
    Column,
    QuestionFilterProxy,
    QuestionListModel,
    Status,
)
from aipm_desktop.ui.packs.actions import PackActions
from aipm_desktop.ui.practice.panel import IDLE_PLACEHOLDER, PAUSED_PLACEHOLDER, PracticePanel
from aipm_desktop.ui.session.controller import SessionController
from aipm_desktop.ui.widgets.background import run_in_background
from aipm_desktop.ui.widgets.windows import bring_to_front

if TYPE_CHECKING:
    # Windows and dialogs are imported where they are first opened, not at start-up.
    from aipm_desktop.core.stats import Dashboard
    from aipm_desktop.ui.history.dashboard import DashboardWindow
    from aipm_desktop.ui.history.window import HistoryWindow
    from aipm_desktop.ui.main.settings_dialog import SettingsSection
    from aipm_desktop.ui.main.shortcuts_dialog import Shortcut, ShortcutsDialog
    from aipm_desktop.ui.main.welcome_dialog import WelcomeDialog

T = TypeVar("T")

SEARCH_PREPARE_ROWS = 500
"""Questions whose search text is computed per idle step after start-up (a few ms)."""
CLOCK_REFRESH_MS = 200
DUE_REFRESH_MS = 60_000
"""How often the Due column's "in 3 h" texts are brought up to date."""
DRAFT_SAVE_DELAY_MS = 1500
SELECT_AFTER_TYPING_MS = 150
"""When typing in the search box filters the selected question out, the first match is
selected (and shown, with its history) once the typing has paused this long."""
"""Drafts are written at most this long after the first unsaved key (the promise: 2 s)."""
DEFAULT_SIZE = (1280, 760)
MINIMUM_SIZE = (900, 560)
LIST_RETURN_SHORTCUT = ("Start answering the selected question", "Return (in the list)")
"""The one shortcut with no action of its own: (what it does, the keys)."""


class MainWindow(QMainWindow):
    """Practise questions against the clock; every attempt and draft goes to the store.

    Signals:
        ready(): the window has been shown with its question list filled.
        draft_saved(str): the draft of this question id is safely stored.
        stats_loaded(): the list's attempt counts and ratings are filled in.
        exported(str): every attempt was exported to this file.
    """

    ready = Signal()
    draft_saved = Signal(str)
    stats_loaded = Signal()
    exported = Signal(str)

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
        offer_session_resume: bool = True,
        welcome_on_first_run: bool = False,
        rescue_to: Sequence[Path] | None = None,
        library: PackLibrary | None = None,
        snapshots_on_idle: bool = False,
    ) -> None:
        """``welcome_on_first_run``: show the welcome once, the first time the window
        is shown. Off by default so tests, the self-test and benchmarks never see it;
        ``run_gui`` turns it on for people.

        With ``stats_in_background`` (and a store on disk), the list's attempt counts
        are read on a pool thread and filled in when they arrive (``stats_loaded``),
        so start-up does not wait for the history.

        With ``snapshots_on_idle``, the texts of attempted questions that have no
        snapshot for their pack version yet are kept once the window is idle after
        start-up (a catch-up: imports and answers keep their own snapshots), so the
        start-up does not wait for it; ``snapshots_caught_up`` is then True.
        """
        super().__init__()
        self.store = store
        self.backups = BackupScheduler(
            store.path, clock, interval_seconds=settings.backup_interval_minutes * 60, parent=self
        )
        self.backups.backup_failed.connect(
            lambda message: self.statusBar().showMessage(f"Backup failed: {message}")
        )
        self._rescue_to = list(rescue_folders() if rescue_to is None else rescue_to)
        self._last_rescued: tuple[str, str] | None = None
        self.clock = clock
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(*MINIMUM_SIZE)
        self._welcome_on_first_run = welcome_on_first_run
        self.welcome: WelcomeDialog | None = None
        self.settings_section_factories: list[Callable[[], SettingsSection]] = [
            self._backup_settings_section
        ]
        """Features with settings of their own (e.g. backups) add a section here."""

        self.current_question: Question | None = None
        self.attempt: PracticeAttempt | None = None
        """The unsubmitted attempt at the current question, if any."""
        self.assessed: Attempt | None = None
        """The submitted attempt being ticked and rated, if any."""
        self._ready_emitted = False
        self._snapshots_pending = snapshots_on_idle
        self.snapshots_caught_up = False
        self._offer_session_resume = offer_session_resume
        self.sessions = SessionController(
            self, store=store, clock=clock, settings=settings, questions=questions
        )
        self.questions_by_id = {q.id: q for q in questions}
        self.history_window: HistoryWindow | None = None
        self.dashboard_window: DashboardWindow | None = None
        self._write(lambda: store.set_desired_retention(settings.desired_retention))
        self._reloading = False

        self.question_model = QuestionListModel(questions, self)
        self._stats_loading = False
        self._stats_changed_while_loading: set[str] = set()
        if stats_in_background and store.path is not None:
            self.question_model.set_stats_loading()
            self._start_loading_stats(store.path)
            self._refresh_due()
        else:  # before the proxy and view see the model: nothing to re-filter
            self._refresh_stats()
        self.proxy = QuestionFilterProxy(self)
        self.proxy.setSourceModel(self.question_model)

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_REFRESH_MS)
        self._clock_timer.timeout.connect(self.refresh_clock)
        self._select_first_timer = QTimer(self)
        self._select_first_timer.setSingleShot(True)
        self._select_first_timer.setInterval(SELECT_AFTER_TYPING_MS)
        self._select_first_timer.timeout.connect(self._select_first_if_none)
        self._typing_search = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(draft_save_delay_ms)
        self._draft_timer.timeout.connect(self.save_draft)
        self._due_timer = QTimer(self)
        self._due_timer.setInterval(DUE_REFRESH_MS)
        self._due_timer.timeout.connect(self._refresh_due)
        self._due_timer.start()

        self._build_actions()
        self.packs = PackActions(self, library)
        """Pack import/export/management and the question editor."""
        self.setAcceptDrops(library is not None)
        self._build_layout(questions, pack_problems)
        self._build_menus()
        self._connect()
        self.apply_appearance()
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

    def make_action(
        self,
        text: str,
        shortcuts: Sequence[str | QKeySequence.StandardKey],
        slot: Callable[[], object],
        tip: str,
    ) -> QAction:
        """An action with shortcuts and a tooltip naming them, added to the window."""
        return self._action(text, shortcuts, slot, tip)

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
            "Pre&vious question",
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
        self.practise_due_action = self._action(
            "Practise &due",
            ["Ctrl+D"],
            self.practise_due,
            "Select the question that has been due the longest",
        )
        self.due_only_action = self._action(
            "Due &questions only",
            ["Ctrl+Shift+D"],
            self.toggle_due_only,
            "List only the questions due for practice now",
        )
        self.due_only_action.setCheckable(True)
        self.compare_action = self._action(
            "&Compare attempts",
            ["Ctrl+Shift+C"],
            self.compare_selected_attempt,
            "Compare the selected past answer with the attempt before it",
        )
        self.history_action = self._action(
            "&History", ["Ctrl+H"], self.show_history, "List every attempt, with filters"
        )
        self.statistics_action = self._action(
            "&Statistics",
            ["Ctrl+Shift+T"],
            self.show_statistics,
            "Charts of your progress, strengths, calibration and due questions",
        )
        self.export_action = self._action(
            "&Export attempts…",
            ["Ctrl+Shift+X"],
            self.export_attempts,
            "Save every attempt as a CSV or JSON file",
        )
        self.quit_action = self._action("&Quit", ["Ctrl+Q"], self.close, "Save everything and quit")
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts", ["F1"], self.show_shortcuts, "List the keyboard shortcuts"
        )
        self.about_action = self._action("&About", [], self.show_about, f"About {APP_NAME}")
        self.new_session_action = self._action(
            "&New session…",
            ["Ctrl+Shift+N"],
            self.sessions.new_session,
            "Start a timed mock interview of several questions",
        )
        self.session_summary_action = self._action(
            "Last session &summary",
            ["Ctrl+Alt+L"],
            self.sessions.show_last_summary,
            "Show the summary of your last finished session",
        )
        self.export_report_action = self._action(
            "&Export session report…",
            ["Ctrl+Shift+R"],
            self.sessions.export_last_report,
            "Save the last session's report as PDF or Markdown",
        )
        self.welcome_action = self._action(
            "&Welcome", ["Shift+F1"], self.show_welcome, "How the app works, in three steps"
        )
        self.settings_action = self._action(
            "&Settings…", ["Ctrl+,"], self.open_settings, "Time limits, theme, fonts and data"
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.zoom_in_action = self._action(
            "Zoom &in", ["Ctrl++", "Ctrl+="], self.zoom_in, "Larger text in the answer panels"
        )
        self.zoom_out_action = self._action(
            "Zoom &out", ["Ctrl+-"], self.zoom_out, "Smaller text in the answer panels"
        )
        self.zoom_reset_action = self._action(
            "&Reset zoom", ["Ctrl+0"], self.reset_zoom, "Text in the answer panels at 100 %"
        )
        self.hide_timer_action = self._action(
            "Hide &timer",
            ["Ctrl+T"],
            lambda: self.set_timer_hidden(self.hide_timer_action.isChecked()),
            "Hide the countdown; your time is still recorded",
        )
        self.hide_timer_action.setCheckable(True)
        self.hide_timer_action.setChecked(self.settings.timer_hidden)
        self.backups_action = self._action(
            "&Backups…", ["Ctrl+Shift+B"], self.show_backups, "List, make and restore backups"
        )
        self.check_database_action = self._action(
            "&Check database",
            ["Ctrl+Shift+K"],
            self.check_database,
            "Check the data file for damage and repair what is safe to repair",
        )
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
        self.search_box.setAccessibleDescription(
            "Type words from a question or its model answer to narrow the list."
        )
        self.search_box.setToolTip("Search questions and answers (Ctrl+F)")
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
        self.status_filter.addItem("Due now", Status.DUE)
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.setToolTip(
            "Show all, new, attempted or due questions (Ctrl+Shift+D: due only)"
        )
        self.status_filter.setAccessibleDescription("Show all, new, attempted or due questions")

        self.question_view = QTableView()
        self.question_view.setModel(self.proxy)
        self.question_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.question_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.question_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.question_view.setWordWrap(False)
        self.question_view.verticalHeader().hide()
        self.question_view.setTabKeyNavigation(False)
        self.question_view.setAccessibleName("Questions")
        self.question_view.setAccessibleDescription(
            "Arrow keys choose a question; Return starts answering it."
        )
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
        self.empty_list_label = QLabel(
            "No question matches. Try other words, or show every question again."
        )
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
        list_layout.addWidget(self.empty_list_box)

        self.history = HistoryPanel()
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.addWidget(list_box)
        self.left_splitter.addWidget(self.history)
        self.left_splitter.setStretchFactor(0, 3)
        self.left_splitter.setStretchFactor(1, 2)
        self.left_splitter.setChildrenCollapsible(False)

        self.practice = PracticePanel()
        self.action_buttons: list[QToolButton] = []
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
            self._name_after_action(button, action)
            action.changed.connect(functools.partial(self._name_after_action, button, action))
            self.practice.add_button(button)
            self.action_buttons.append(button)
        self.practice.finish_buttons()

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(self.practice)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 5)
        self.main_splitter.setChildrenCollapsible(False)
        self.main_splitter.setSizes([460, 1000])

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setObjectName("packProblems")
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_pack_problems(problems)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self.resize(*fitting_size(DEFAULT_SIZE))
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Left to right, top to bottom: find, filters, list, history; then answering."""
        reveal = self.practice.reveal
        chain: list[QWidget] = [
            self.search_box,
            self.category_filter,
            self.level_filter,
            self.status_filter,
            self.question_view,
            self.show_all_button,
            self.history.view,
            *self.action_buttons,
            self.practice.editor,
            reveal.answer_view,
            reveal.checklist,
            *reveal.rating_buttons.values(),
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    @staticmethod
    def _name_after_action(button: QToolButton, action: QAction) -> None:
        """Screen readers announce the button as its action is now called."""
        button.setAccessibleName(action.text().replace("&", ""))
        button.setAccessibleDescription(action.statusTip())

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
            Column.DUE: ["in 12 days"],
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
        combo.setAccessibleDescription(name)
        return combo

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
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
        practice.addAction(self.compare_action)
        practice.addSeparator()
        practice.addAction(self.practise_due_action)
        practice.addAction(self.due_only_action)
        practice.addSeparator()
        time_up = practice.addMenu("&When time is up")
        time_up.addAction(self.soft_action)
        time_up.addAction(self.hard_action)
        session_menu = bar.addMenu("&Session")
        session_menu.addAction(self.new_session_action)
        session_menu.addAction(self.session_summary_action)
        session_menu.addAction(self.export_report_action)
        view = bar.addMenu("&View")
        view.addAction(self.history_action)
        view.addAction(self.statistics_action)
        view.addSeparator()
        view.addAction(self.hide_timer_action)
        view.addSeparator()
        view.addAction(self.zoom_in_action)
        view.addAction(self.zoom_out_action)
        view.addAction(self.zoom_reset_action)
        tools = bar.addMenu("&Tools")
        tools.addAction(self.settings_action)
        tools.addAction(self.check_database_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.welcome_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        self.packs.build_menus(bar, file_menu, tools, before=session_menu.menuAction())

    def _connect(self) -> None:
        self.search_box.textChanged.connect(self._on_search_changed)
        self.category_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_category(self.category_filter.currentData())
        )
        self.level_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_level(self.level_filter.currentData())
        )
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
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
        self.sessions.session_started.connect(self._pause_practice)
        self.sessions.attempts_changed.connect(self._refresh_stats)
        self.sessions.attempts_changed.connect(self._refresh_history)
        self.sessions.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        for view in (self.practice.editor, self.practice.reveal.answer_view):
            view.viewport().installEventFilter(self)

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

    def _pause_practice(self) -> None:
        """A session is starting: pause the practice attempt and keep its draft."""
        if self.attempt is not None:
            self._show_question(self.current_question)

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

    def clear_filters(self) -> None:
        """Empty the search box and set every filter back to "All"."""
        self.search_box.clear()
        for combo in (self.category_filter, self.level_filter, self.status_filter):
            combo.setCurrentIndex(0)
        self.question_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_status_filter_changed(self) -> None:
        status = Status(self.status_filter.currentData())
        if status == Status.DUE:
            self._refresh_due()
        self.proxy.set_status(status)
        self.due_only_action.setChecked(status == Status.DUE)
        if status == Status.DUE and self.proxy.rowCount() == 0:
            self.empty_list_label.setText(
                "Nothing is due now. Rated questions come back when FSRS expects you "
                "to start forgetting them; choose All to practise anything."
            )
        else:
            self.empty_list_label.setText("No question matches. Clear the search or the filters.")

    def toggle_due_only(self) -> None:
        """List only the due questions, or all of them again."""
        due_only = self.proxy.status != Status.DUE
        target = Status.DUE if due_only else Status.ALL
        self.status_filter.setCurrentIndex(self.status_filter.findData(target))
        self.due_only_action.setChecked(due_only)

    def practise_due(self) -> None:
        """Select the question that has been due the longest and focus the list."""
        self._refresh_due()
        question_id = self.question_model.most_overdue()
        if question_id is None:
            self.statusBar().showMessage(self._nothing_due_message(), 8000)
            return
        row = self.question_model.row_of(question_id)
        assert row is not None
        source = self.question_model.index(row, 0)
        if not self.proxy.mapFromSource(source).isValid():
            self.search_box.clear()
            self.category_filter.setCurrentIndex(0)
            self.level_filter.setCurrentIndex(0)
            if self.proxy.status not in (Status.ALL, Status.DUE, Status.ATTEMPTED):
                self.status_filter.setCurrentIndex(0)
        self._select_proxy_row(self.proxy.mapFromSource(source).row())
        self.question_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        count = self.question_model.due_count()
        others = f" ({count - 1} more due)" if count > 1 else ""
        self.statusBar().showMessage(
            f"Due the longest{others}. Press Return to start answering.", 8000
        )

    def _nothing_due_message(self) -> str:
        states = self._read(self.store.review_states) or {}
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
        if not empty and not self.question_view.currentIndex().isValid():
            if self._typing_search:  # show the first match once the typing pauses
                self._select_first_timer.start()
            else:
                self._select_proxy_row(0)

    def _select_first_if_none(self) -> None:
        if not self.question_view.currentIndex().isValid():
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
        reveal.show_hints(hint_key_points(new_attempt.answer, self.current_question.key_points))
        question = self.current_question
        self.write_quietly(lambda: self.store.save_question_snapshots([question], stored.ended_at))
        self._refresh_question_stats(stored.question_id)
        self._refresh_history()
        self._update_state()
        reveal.focus_checklist()
        prefix = "Time is up: your answer was saved. " if auto else "Answer saved. "
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
        self._refresh_question_stats(stored.question_id, rated=True)
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
        # Not restarted on every key: while typing goes on, a save still comes at
        # most one delay after the first unsaved key, so a crash loses under 2 s.
        if (
            self.attempt is not None
            and not self.practice.editor.isReadOnly()
            and not self._draft_timer.isActive()
        ):
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
            self.statusBar().showMessage("Draft saved.", 3000)
            self.draft_saved.emit(draft.question_id)

    # ------------------------------------------------------------------
    # history
    # ------------------------------------------------------------------
    def _refresh_stats(self) -> None:
        stats = self._read(self.store.question_stats)
        if stats is not None:
            self.question_model.set_stats(stats)
        self.stats_loaded.emit()
        self._refresh_due()
        self._refresh_history_windows()

    def _refresh_history_windows(self) -> None:
        """The open history and statistics windows follow the attempts."""
        if self.history_window is not None and self.history_window.isVisible():
            self._load_history_window()
        if self.dashboard_window is not None and self.dashboard_window.isVisible():
            self.dashboard_window.refresh()

    def _refresh_due(self) -> None:
        due = self._read(self.store.due_dates)
        if due is not None:
            self.question_model.set_due(due, self.clock.now())

    def _start_loading_stats(self, path: Path) -> None:
        self._stats_loading = True
        run_in_background(
            lambda: read_question_stats(path),
            self._on_stats_loaded,  # type: ignore[arg-type]
            self._on_stats_failed,
            self,
        )

    def _on_stats_loaded(self, stats: Mapping[str, QuestionStats]) -> None:
        self._stats_loading = False
        self.question_model.set_stats(stats)
        changed, self._stats_changed_while_loading = self._stats_changed_while_loading, set()
        for question_id in changed:  # written after the read began: read those again
            self._refresh_question_stats(question_id)
        self.stats_loaded.emit()

    def _on_stats_failed(self, reason: str) -> None:
        self._stats_loading = False
        self.question_model.set_stats({})
        self.statusBar().showMessage(f"Could not read your history: {reason}")

    def _refresh_question_stats(self, question_id: str, *, rated: bool = False) -> None:
        """Re-read one question's stats after a write to it (one row, not the whole list);
        after a rating, its due date too (nothing else is rescheduled)."""
        if self._stats_loading:
            self._stats_changed_while_loading.add(question_id)
        try:
            stats = self.store.question_stats_for(question_id)
            due = self.store.due_date_for(question_id) if rated else None
        except (StoreError, sqlite3.Error) as error:
            self.statusBar().showMessage(f"Could not read your history: {error}")
            return
        self.question_model.update_stats(question_id, stats)
        if rated:
            self.question_model.update_due(question_id, due, self.clock.now())
        self._refresh_history_windows()

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
        attempt = self.history.model.attempt(row)
        then = self._read(lambda: question_as_attempted(self.store, question, attempt)) or question
        dialog = AttemptDialog(attempt, then.prompt, then.model_answer, self)
        dialog.open()

    def compare_selected_attempt(self) -> None:
        """Compare the selected past answer (or the latest) with the attempt before it."""
        model = self.history.model
        if model.rowCount() < 2:
            self.statusBar().showMessage(
                "Answer this question at least twice to compare your attempts.", 6000
            )
            return
        index = self.history.view.currentIndex()
        row = index.row() if index.isValid() else 0
        if row + 1 >= model.rowCount():
            row = model.rowCount() - 2
        newer, older = model.attempt(row), model.attempt(row + 1)
        self.compare_attempts(older.id, newer.id)

    def compare_attempts(self, older_id: int, newer_id: int) -> None:
        """Show two stored attempts side by side with the differences highlighted."""
        pair = self._read(lambda: (self.store.attempt(older_id), self.store.attempt(newer_id)))
        if pair is None:
            return
        older, newer = pair
        question = self.questions_by_id.get(newer.question_id)
        prompt = question.prompt if question else newer.question_id
        if older.question_id != newer.question_id:
            prompt += " — compared with another question's attempt"
        parent = self._dialog_parent()
        from aipm_desktop.ui.history.compare_dialog import CompareDialog

        CompareDialog(older, newer, prompt, parent).open()

    def open_attempt_by_id(self, attempt_id: int) -> None:
        """Read any stored attempt beside its question's model answer."""
        attempt = self._read(lambda: self.store.attempt(attempt_id))
        if attempt is None:
            return
        question = self.questions_by_id.get(attempt.question_id)
        prompt = question.prompt if question else attempt.question_id
        model_answer = (
            question.model_answer
            if question
            else "*This question is no longer in any loaded pack.*"
        )
        AttemptDialog(attempt, prompt, model_answer, self._dialog_parent()).open()

    def _dialog_parent(self) -> QWidget:
        window = self.history_window
        return window if window is not None and window.isActiveWindow() else self

    # ------------------------------------------------------------------
    # history window, statistics and export
    # ------------------------------------------------------------------
    def show_history(self) -> None:
        """Open the list of every attempt."""
        if self.history_window is None:
            from aipm_desktop.ui.history.window import HistoryWindow

            window = HistoryWindow(
                self.questions_by_id,
                self._load_history_window,
                self.clock.now().astimezone().date(),
                self,
            )
            window.open_requested.connect(self.open_attempt_by_id)
            window.compare_requested.connect(self.compare_attempts)
            self.history_window = window
        bring_to_front(self.history_window)
        self._load_history_window()

    def _load_history_window(self) -> None:
        window = self.history_window
        if window is None:
            return
        window.status.setText("Loading…")
        if self.store.path is None:
            attempts = self._read(self.store.attempt_summaries)
            window.set_attempts(attempts or [])
            return
        store, questions = self.store, self.questions_by_id

        def load() -> object:
            with store.reader() as db:
                return history_rows(attempt_summaries(db), questions)

        run_in_background(
            load,
            lambda result: window.set_rows(result),  # type: ignore[arg-type]
            lambda message: window.status.setText(f"Could not read your history: {message}"),
            window,
        )

    def show_statistics(self) -> None:
        """Open the statistics dashboard (QtCharts loads now, not at start-up)."""
        if self.dashboard_window is None:
            from aipm_desktop.ui.history.dashboard import DashboardWindow

            self.dashboard_window = DashboardWindow(
                self._compute_dashboard, background=self.store.path is not None, parent=self
            )
        bring_to_front(self.dashboard_window)
        self.dashboard_window.refresh()

    def _compute_dashboard(self, range_days: int) -> Dashboard:
        """The dashboard's numbers; runs on a pool thread for a data file."""
        from aipm_desktop.storage.stats import compute_dashboard

        now = self.clock.now()
        with self.store.reader() as db:
            return compute_dashboard(db, self.questions_by_id, now=now, range_days=range_days)

    def export_attempts(self) -> None:
        """Ask where, then write every attempt as CSV or JSON, atomically."""
        csv_filter, json_filter = "CSV (*.csv)", "JSON (*.json)"
        suggested = Path.home() / f"aipm-attempts-{date.today().isoformat()}.csv"
        name, chosen = QFileDialog.getSaveFileName(
            self, "Export attempts", str(suggested), f"{csv_filter};;{json_filter}"
        )
        if not name:
            return
        path = Path(name)
        fmt = format_for_path(path)
        if fmt is None:
            fmt = ExportFormat.JSON if chosen == json_filter else ExportFormat.CSV
            path = path.with_name(f"{path.name}.{fmt.value}")
        prompts = self._read(lambda: known_prompts(self.store, self.questions_by_id.values()))
        if prompts is None:
            return
        store = self.store
        export_format = fmt

        def write() -> object:
            if store.path is not None:
                check_write_target(path, store.path.parent)
            with store.reader() as db:
                rows = export_rows(db, prompts)
                return write_atomically(path, lambda out: write_export(rows, export_format, out))

        def done(count: object) -> None:
            noun = "attempt" if count == 1 else "attempts"
            self.statusBar().showMessage(f"Exported {count} {noun} to {path}", 10000)
            self.exported.emit(str(path))

        def failed(message: str) -> None:
            QMessageBox.warning(
                self,
                "Could not export",
                f"Your attempts could not be written to {path}:\n{message}\n\n"
                "Nothing was written there. Choose another folder and try again.",
            )

        self.statusBar().showMessage(f"Exporting to {path}…")
        if store.path is None:
            try:
                done(write())
            except (OSError, StoreError, sqlite3.Error) as error:
                failed(str(error))
            return
        run_in_background(write, done, failed, self)

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
        self.pause_action.setText("Resu&me" if answering and not running else "&Pause")
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
        self._refresh_countdown()

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

    def set_desired_retention(self, retention: float) -> None:
        """Remember a new FSRS desired retention and recompute every due date with it."""
        self.settings.desired_retention = retention
        value = self.settings.desired_retention  # clamped to 0.70–0.97
        if self._write(lambda: self.store.set_desired_retention(value)) is not None:
            self._refresh_due()

    def _set_time_up_mode(self, mode: TimeUpMode) -> None:
        self.settings.time_up_mode = mode
        self.statusBar().showMessage(
            "When time is up, the answer is submitted."
            if mode == TimeUpMode.HARD
            else "When time is up, you can keep typing; overtime is counted.",
            5000,
        )

    def show_shortcuts(self) -> ShortcutsDialog:
        """List every action with its keys (non-blocking)."""
        from aipm_desktop.ui.main.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self._shortcut_rows(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(action, keys) for every action: its shortcut, or its menu route."""
        return [(row.action, row.keys) for row in self._shortcut_rows()]

    def _shortcut_rows(self) -> list[Shortcut]:
        from aipm_desktop.ui.main.shortcuts_dialog import Shortcut, shortcut_rows

        return shortcut_rows(self, [Shortcut(*LIST_RETURN_SHORTCUT)])

    # ------------------------------------------------------------------
    # welcome, settings and appearance
    # ------------------------------------------------------------------
    def show_welcome(self) -> WelcomeDialog:
        """Open the welcome (non-blocking); "Start the first question" starts answering."""
        from aipm_desktop.ui.main.welcome_dialog import WelcomeDialog

        self.settings.welcome_shown = True
        dialog = WelcomeDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.start_first_question)
        dialog.destroyed.connect(lambda: setattr(self, "welcome", None))
        self.welcome = dialog
        dialog.open()
        return dialog

    def start_first_question(self) -> None:
        """Select the first question in the list and start answering it."""
        self._select_proxy_row(0)
        if self.attempt is None or not self.attempt.timer.is_running:
            self.start_or_resume()

    def open_settings(self) -> None:
        """Show the settings; apply them when saved."""
        from aipm_desktop.ui.main.settings_dialog import SettingsDialog

        sections = [make() for make in self.settings_section_factories]
        if not SettingsDialog.ask(self, self.settings, self.data_dir, sections):
            return
        self.apply_settings()
        self.statusBar().showMessage("Settings saved.", 5000)

    def _backup_settings_section(self) -> SettingsSection:
        from aipm_desktop.ui.backups.settings_section import BackupSection

        return BackupSection(self.settings)

    def apply_settings(self) -> None:
        """Bring the window in line with the saved settings."""
        mode = self.settings.time_up_mode
        self.soft_action.setChecked(mode == TimeUpMode.SOFT)
        self.hard_action.setChecked(mode == TimeUpMode.HARD)
        self.hide_timer_action.setChecked(self.settings.timer_hidden)
        self.backups.interval_seconds = self.settings.backup_interval_minutes * 60
        if self.store.desired_retention != self.settings.desired_retention:
            self.set_desired_retention(self.settings.desired_retention)
        self.apply_appearance()
        if self.attempt is None and self.current_question is not None:
            self.practice.show_meta(self.current_question, self.settings.default_time_limit_seconds)

    def apply_appearance(self) -> None:
        """Theme, the editor's font and the text zoom, from the settings."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.settings.theme)
        self.problems_label.setStyleSheet(notice_style(is_dark(QApplication.palette())))
        zoom = self.settings.zoom_percent / 100
        editor_font = QFont(self.font())
        if self.settings.editor_font_family:
            editor_font.setFamily(self.settings.editor_font_family)
        editor_font.setPointSizeF(self.settings.editor_font_size * zoom)
        self.practice.editor.setFont(editor_font)
        reveal_font = QFont(self.font())  # the model answer: the same size as the answer
        reveal_font.setPointSizeF(self.settings.editor_font_size * zoom)
        self.practice.reveal.set_text_font(reveal_font)
        self.practice.countdown.set_timer_hidden(self.settings.timer_hidden)
        self._refresh_countdown()

    def zoom_in(self) -> None:
        """Larger text in the editor and the reveal panel."""
        self._set_zoom(self.settings.zoom_percent + ZOOM_STEP)

    def zoom_out(self) -> None:
        """Smaller text in the editor and the reveal panel."""
        self._set_zoom(self.settings.zoom_percent - ZOOM_STEP)

    def reset_zoom(self) -> None:
        """Text at 100 %."""
        self._set_zoom(100)

    def _set_zoom(self, percent: int) -> None:
        self.settings.zoom_percent = percent
        self.apply_appearance()
        self.statusBar().showMessage(f"Text zoom {self.settings.zoom_percent} %", 3000)

    def set_timer_hidden(self, hidden: bool) -> None:
        """Hide or show the countdown; the clock runs and is recorded either way."""
        self.settings.timer_hidden = hidden
        self.hide_timer_action.setChecked(hidden)
        self.practice.countdown.set_timer_hidden(hidden)
        self._refresh_countdown()
        self.statusBar().showMessage(
            "The timer is hidden; your time is still recorded. Ctrl+T shows it."
            if hidden
            else "The timer is shown.",
            5000,
        )

    def _refresh_countdown(self) -> None:
        if self.assessed is not None and self.attempt is None:
            self.practice.countdown.show_result(self.assessed)
        else:
            self.practice.countdown.show_timer(self.attempt.timer if self.attempt else None)

    @property
    def data_dir(self) -> Path | None:
        """The folder of the database; None for an in-memory store."""
        return self.store.path.parent if self.store.path else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+wheel over the answer panels zooms the way Ctrl+Plus/Minus do."""
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            delta = event.angleDelta().y()
            if delta > 0:
                self.zoom_in()
            elif delta < 0:
                self.zoom_out()
            return True
        return super().eventFilter(watched, event)

    def show_about(self) -> None:
        """Version and data folder."""
        where = self.data_dir or "memory"
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
        while True:
            changes_before = self.store.change_count
            try:
                result = operation()
            except (StoreError, sqlite3.Error, OSError) as error:
                rescued = self._rescue_answer()
                where = f" and saved as a text file:\n{rescued}" if rescued else ""
                if quiet:
                    self.statusBar().showMessage(
                        f"Could not save your draft: {error}. It is kept in the window{where}."
                    )
                    return None
                message = (
                    f"Your work could not be saved: {error}\n\n"
                    f"Your answer is kept in the window{where}.\n\n"
                    "Nothing already saved was harmed. Free some disk space or make the data "
                    "folder writable, then press Retry."
                )
                choice = QMessageBox.warning(
                    self,
                    "Could not save",
                    message,
                    QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Retry,
                )
                if choice == QMessageBox.StandardButton.Retry:
                    continue
                return None
            if self.store.change_count != changes_before:
                self.backups.mark_changed()
            return result

    def _rescue_answer(self) -> Path | None:
        """Write the answer on screen to a text file, once per different text."""
        question = self.current_question
        text = self.practice.editor.toPlainText()
        if question is None or not text.strip():
            return None
        if self._last_rescued is not None and self._last_rescued[0] == text:
            return Path(self._last_rescued[1])
        saved = write_rescue_file(
            self._rescue_to, question.id, question.prompt, text, self.clock.now()
        )
        if saved is not None:
            self._last_rescued = (text, str(saved))
        return saved

    # ------------------------------------------------------------------
    # backups and the database check
    # ------------------------------------------------------------------
    def show_backups(self) -> None:
        """Open the Backups dialog."""
        from aipm_desktop.ui.backups.dialog import BackupsDialog

        dialog = BackupsDialog(self.backups, self.restore_backup_file, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def restore_backup_file(self, backup: Path) -> bool:
        """Replace the data with ``backup`` (the current data is backed up first)."""
        data_file = self.store.path
        if data_file is None:
            return False
        self._leave_current_attempt()
        self.backups.wait()
        self.store.close()
        failure = None
        try:
            restore_backup(backup, data_file, self.clock.now())
        except BackupError as error:
            failure = error
        try:
            self.store = Store.open(data_file)
        except StoreError as error:
            QMessageBox.critical(self, "Could not open the data", str(error))
            return False
        if failure is not None:
            QMessageBox.warning(self, "Could not restore", str(failure))
            return False
        self._refresh_stats()
        self._show_question(self.current_question)
        self.statusBar().showMessage(f"Restored {backup.name}.", 8000)
        return True

    def check_database(self) -> None:
        """Run the integrity check, repair what is safe, and report."""
        from aipm_desktop.storage.check import check_and_repair

        self.save_draft()
        report = check_and_repair(self.store, self.clock.now())
        if report.healthy:
            QMessageBox.information(self, "Check database", report.text())
        else:
            QMessageBox.warning(self, "Check database", report.text())

    def _read(self, operation: Callable[[], T]) -> T | None:
        try:
            return operation()
        except (StoreError, sqlite3.Error) as error:
            self.statusBar().showMessage(f"Could not read your history: {error}")
            return None

    # ------------------------------------------------------------------
    # changing the question list (packs imported, switched, own questions edited)
    # ------------------------------------------------------------------
    def set_questions(
        self,
        questions: Sequence[Question],
        problems: Sequence[PackProblem] = (),
        *,
        select_id: str | None = None,
    ) -> None:
        """Replace the listed questions and select ``select_id`` (default: keep the current one).

        An unchanged current question keeps its attempt running; a changed or
        removed one is left the usual way (its draft is saved).
        """
        keep_id = select_id or (self.current_question.id if self.current_question else None)
        replacement = next((q for q in questions if q.id == keep_id), None)
        if replacement is not None and replacement == self.current_question:
            self.current_question = replacement  # same content: nothing to reset
        self._reloading = True
        self.questions_by_id = {q.id: q for q in questions}
        self.sessions.questions = list(questions)
        try:
            self.question_model.set_questions(questions)
            self._refill_filter(self.category_filter, {q.category for q in questions})
            self._refill_filter(self.level_filter, {q.level for q in questions})
            row = self.question_model.row_of(keep_id) if keep_id else None
            if row is not None and select_id is not None and not self._proxy_index(row).isValid():
                self._clear_filters()  # the wanted question is hidden: show everything
        finally:
            self._reloading = False
        self.show_pack_problems(problems)
        self._refresh_stats()
        index = self._proxy_index(row) if row is not None else QModelIndex()
        if index.isValid():
            self._select_proxy_row(index.row())
        elif self.proxy.rowCount():
            self._select_proxy_row(0)
        else:
            self._show_question(None)
        self._after_filter()
        self.question_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _proxy_index(self, source_row: int) -> QModelIndex:
        return self.proxy.mapFromSource(self.question_model.index(source_row, 0))

    def _clear_filters(self) -> None:
        self.search_box.clear()
        self.category_filter.setCurrentIndex(0)
        self.level_filter.setCurrentIndex(0)
        self.status_filter.setCurrentIndex(0)

    def _refill_filter(self, combo: QComboBox, values: set[str]) -> None:
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

    def write_quietly(self, operation: Callable[[], object]) -> None:
        """Run a store write whose failure only deserves a status-bar note."""
        try:
            operation()
        except (StoreError, sqlite3.Error, OSError) as error:
            self.statusBar().showMessage(f"Could not keep a copy of the question text: {error}")

    def read_store(self, operation: Callable[[], T]) -> T | None:
        """Run a store read; on failure say so in the status bar and return None."""
        return self._read(operation)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.packs.accepts_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.packs.accepts_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.packs.drop(event)

    # ------------------------------------------------------------------
    # window events
    # ------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._ready_emitted:
            self._ready_emitted = True
            QTimer.singleShot(0, self._after_first_show)
            if self._offer_session_resume:
                QTimer.singleShot(0, self.sessions.offer_resume)
            if self._welcome_on_first_run and not self.settings.welcome_shown:
                QTimer.singleShot(0, self.show_welcome)

    def _after_first_show(self) -> None:
        self.ready.emit()
        QTimer.singleShot(0, self._prepare_search)  # idle-time work, after ready

    def _prepare_search(self) -> None:
        """Pre-compute the list's search texts in steps short enough not to be felt,
        then load what the store needs for writing, all while the app is idle."""
        if not self.question_model.prepare_search_texts(SEARCH_PREPARE_ROWS):
            QTimer.singleShot(0, self._prepare_search)
            return
        if self._snapshots_pending:
            self._snapshots_pending = False
            QTimer.singleShot(0, self._catch_up_snapshots)
        self._read(self.store.prepare_writes)

    def _catch_up_snapshots(self) -> None:
        """Keep the texts of attempted questions not kept yet for their pack version."""
        with contextlib.suppress(StoreError, sqlite3.Error):  # only copies of question texts
            questions = self.question_model.rows()
            snapshot_attempted_questions(self.store, questions, self.clock.now())
        self.snapshots_caught_up = True

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # e.g. the system turned dark
            self.problems_label.setStyleSheet(notice_style(is_dark(self.palette())))

    def bring_to_front(self) -> None:
        """Show this window above the others (another launch asked for it)."""
        print(f"{APP_NAME}: another launch asked to show this window", file=sys.stderr)
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage(f"{APP_NAME} is already open: here it is.", 5000)

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in (self.history_window, self.dashboard_window):
            if window is not None:
                window.close()
        QThreadPool.globalInstance().waitForDone(10000)
        self.save_draft()
        if self.sessions.window is not None:
            self.sessions.window.interrupt()
        self.backups.backup_on_exit()
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


def fitting_size(
    wanted: tuple[int, int], available: tuple[int, int] | None = None
) -> tuple[int, int]:
    """``wanted``, shrunk to leave room for the frame on a screen with ``available``
    free space (default: the primary screen's), but never below the minimum size.
    """
    if available is None:
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            free = screen.availableGeometry()
            available = (free.width(), free.height())
    width, height = wanted
    if available is not None:
        width = min(width, available[0] - 40)
        height = min(height, available[1] - 60)
    return max(width, MINIMUM_SIZE[0]), max(height, MINIMUM_SIZE[1])
