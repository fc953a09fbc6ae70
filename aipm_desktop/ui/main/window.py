"""The main window: the shell that places and wires the features.

The question list (:mod:`.question_list`), free practice through the shared practice
loop (:mod:`.free_practice`, :mod:`aipm_desktop.ui.practice`), past attempts
(:mod:`aipm_desktop.ui.history.feature`), mock sessions, packs, backups and help each
live in a module of their own; the window builds them, lays them out, connects them and
owns the one store-error policy they all use.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragMoveEvent,
    QDropEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QMainWindow

from aipm_desktop import APP_NAME
from aipm_desktop.core.clock import Clock
from aipm_desktop.core.packs import PackProblem
from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import RatingResult
from aipm_desktop.services.coverage import CoverageChecker
from aipm_desktop.services.pack_history import snapshot_attempted_questions
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.ui.backups.feature import BackupsFeature
from aipm_desktop.ui.history.feature import HistoryFeature
from aipm_desktop.ui.main.actions import build_actions, build_menus
from aipm_desktop.ui.main.free_practice import DRAFT_SAVE_DELAY_MS, FreePractice
from aipm_desktop.ui.main.help import HelpDialogs
from aipm_desktop.ui.main.idle_work import IdleWork, once, writes_prepared
from aipm_desktop.ui.main.layout import MainLayout
from aipm_desktop.ui.main.own_time_limits import OwnTimeLimits
from aipm_desktop.ui.main.preferences import Preferences
from aipm_desktop.ui.main.question_list import QuestionListPane
from aipm_desktop.ui.main.window_state import (
    DEFAULT_SIZE,
    MINIMUM_SIZE,
    fitting_size,
    restore_window_state,
    save_window_state,
)
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.packs.actions import PackActions
from aipm_desktop.ui.practice.controller import PracticeController
from aipm_desktop.ui.practice.coverage_check import load_in_background
from aipm_desktop.ui.session.controller import SessionController
from aipm_desktop.ui.widgets.settings import AppSettings
from aipm_desktop.ui.widgets.windows import bring_to_front


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

    sessions: SessionController
    question_list: QuestionListPane
    history: HistoryFeature
    help: HelpDialogs
    backups: BackupsFeature
    preferences: Preferences
    workspace: Workspace

    def __init__(
        self,
        *,
        workspace: Workspace,
        questions: Sequence[Question],
        clock: Clock,
        settings: AppSettings,
        pack_problems: Sequence[PackProblem] = (),
        draft_save_delay_ms: int = DRAFT_SAVE_DELAY_MS,
        stats_in_background: bool = False,
        offer_session_resume: bool = True,
        welcome_on_first_run: bool = False,
        snapshots_on_idle: bool = False,
    ) -> None:
        """``welcome_on_first_run``: the welcome, once; ``stats_in_background``: the list's
        counts come from a pool thread; ``snapshots_on_idle``: see ``_catch_up_snapshots``."""
        super().__init__()
        self.workspace = workspace
        """The data folder's store and packs: asked each time, never kept."""
        self.operations = Operations(
            workspace,
            self,
            clock=clock,
            show_status=self.statusBar().showMessage,
            answer_on_screen=lambda: self.free_practice.answer_on_screen(),
        )
        """Every read and write of the data file, with the app's one error policy."""
        self.clock = clock
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(*MINIMUM_SIZE)
        self._welcome_on_first_run = welcome_on_first_run
        self._offer_session_resume = offer_session_resume
        self._ready_emitted = False
        self._snapshots_pending = snapshots_on_idle
        self.idle = IdleWork(self)
        self.snapshots_caught_up = False
        self.own_limits: OwnTimeLimits = OwnTimeLimits(self, self.operations, self)
        questions = self.own_limits.apply(questions)  # with the user's own time limits
        self.questions_by_id = {q.id: q for q in questions}
        self.preferences = Preferences(settings, self.operations, window=self)
        self.preferences.use_desired_retention()

        self.coverage = CoverageChecker()  # its model loads on a pool thread when idle
        self.sessions = SessionController(
            self,
            workspace=workspace,
            clock=clock,
            settings=settings,
            questions=questions,
            coverage=self.coverage,
        )
        self.question_list = QuestionListPane(
            questions,
            operations=self.operations,
            clock=clock,
            stats_in_background=stats_in_background,
            default_time_limit=lambda: settings.default_time_limit_seconds,
        )
        self.loop = PracticeController(
            operations=self.operations,
            settings=settings,
            clock=clock,
            window=self,
            coverage=self.coverage,
        )
        """The one practice loop (free practice and sessions) and its answer panel."""
        self.practice = self.loop.panel
        self.free_practice = FreePractice(
            self.loop,
            operations=self.operations,
            clock=clock,
            settings=settings,
            draft_save_delay_ms=draft_save_delay_ms,
            sessions=self.sessions,
        )
        self.history = HistoryFeature(self, operations=self.operations, window=self)
        self.backups = BackupsFeature(
            workspace,
            self.operations,
            clock=clock,
            settings=settings,
            window=self,
            before_data_changes=self.free_practice.leave,
        )
        self.preferences.section_factories.append(self.backups.settings_section)
        self.preferences.section_factories.append(self.loop.speech_settings_section)
        self.help = HelpDialogs(
            self,
            settings,
            data_dir=lambda: self.workspace.data_dir,
            start_first_question=self.start_first_question,
        )
        self.named_actions = build_actions(self)
        """The window's actions by name (see actions.py), the practice loop's included."""
        self.packs = PackActions(self)
        """Pack import/export/management and the question editor."""
        self.setAcceptDrops(workspace.library is not None)
        self._build_layout(pack_problems)
        menus = build_menus(self, self.named_actions)
        self.packs.build_menus(
            self.menuBar(), menus["File"], menus["Tools"], before=menus["Session"].menuAction()
        )
        self._connect()
        self.apply_appearance()
        restore_window_state(self, self.central.splitters(), settings)
        self.question_list.select_initial(settings.last_question_id)
        if self.current_question is None:
            self.free_practice.show(None)
            self._status("No questions are loaded.")
        elif not self.statusBar().currentMessage():
            self._status(
                "Pick a question and press Return to start answering. F1 lists every shortcut."
            )

    # -- construction --------------------------------------------------------------------
    def _build_layout(self, problems: Sequence[PackProblem]) -> None:
        actions = self.named_actions
        self.central = MainLayout(
            self.question_list,
            self.history.panel,
            self.practice,
            [actions[name] for name in ("start", "pause", "peek", "submit", "next")],
        )
        self.problems_label = self.central.problems_banner
        self.problems_label.show_problems(problems)
        self.setCentralWidget(self.central)
        self.resize(*fitting_size(DEFAULT_SIZE))
        self.central.set_tab_order(self, [*self.question_list.tab_chain(), self.history.panel.view])

    def _connect(self) -> None:
        questions = self.question_list
        questions.current_changed.connect(self._on_question_selected)
        questions.activated.connect(self.start_or_resume)
        questions.stats_loaded.connect(self.stats_loaded.emit)
        questions.message.connect(lambda text: self._status(text, 8000))
        questions.status_filter.currentIndexChanged.connect(
            lambda: self.named_actions["due_only"].setChecked(questions.due_only)
        )
        self.loop.state_changed.connect(self._update_start_action)
        self.free_practice.draft_saved.connect(self.draft_saved.emit)
        self.free_practice.attempt_changed.connect(self._after_attempt_changed)
        self.free_practice.message.connect(self._status)
        self.history.exported.connect(self.exported.emit)
        self.history.practise_requested.connect(self.start_question)
        self.sessions.session_started.connect(self._pause_practice)
        self.sessions.attempts_changed.connect(self._refresh_stats)
        self.backups.restored.connect(self._after_restore)
        self.preferences.applied.connect(self._after_settings_applied)
        for source, timeout_ms in (
            (self.loop.message, 5000),
            (self.history.message, 10000),
            (self.sessions.message, 8000),
            (self.backups.message, 0),
            (self.preferences.message, 5000),
        ):
            source.connect(lambda text, ms=timeout_ms: self._status(text, ms))
        self.preferences.retention_changed.connect(self.question_list.refresh_due)

    def _status(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    # -- the selected question and free practice -----------------------------------------
    @property
    def current_question(self) -> Question | None:
        """The question shown for free practice."""
        return self.free_practice.question

    def _on_question_selected(self, question: Question | None) -> None:
        if question is not self.current_question:
            self._show_question(question)

    def _show_question(self, question: Question | None) -> None:
        self.settings.last_question_id = question.id if question else None
        self.statusBar().clearMessage()  # what was said about the last question is stale
        self.free_practice.show(question, self.question_list.empty_text())
        self.history.refresh()

    def _pause_practice(self) -> None:
        """A session is starting: pause the practice attempt and keep its draft."""
        if self.loop.flow is not None:
            self._show_question(self.current_question)

    def start_or_resume(self) -> None:
        """Start an attempt at the current question, or resume a paused one."""
        self.free_practice.start_or_resume()

    def start_first_question(self) -> None:
        """Start answering: the answer already open (a recovered draft), else the first
        question in the list."""
        if self.loop.flow is None:
            self.question_list.select_row(0)
        if not self.loop.is_running:
            self.start_or_resume()

    def start_question(self, question_id: str) -> None:
        """Show a question in the list (clearing filters that hide it) and start answering."""
        self.question_list.select_initial(question_id, show=True)
        bring_to_front(self)  # e.g. chosen in the Statistics window
        if self.current_question is not None and self.current_question.id == question_id:
            self.start_or_resume()

    def save_draft(self) -> None:
        """Write the unsubmitted answer, its clock and peek to the store now."""
        self.free_practice.save_draft()

    def _update_start_action(self) -> None:
        answering = self.loop.flow is not None
        start = self.named_actions["start"]
        start.setText("Try &again" if self.loop.assessed is not None else "&Start")
        start.setEnabled(self.current_question is not None and not answering)

    def _after_attempt_changed(self, question_id: str, rated: RatingResult | None) -> None:
        self.question_list.refresh_question(question_id, rated=rated)
        self.history.refresh_windows()
        self.history.refresh()

    def _after_restore(self, backup_name: str) -> None:
        self._refresh_stats()
        self._show_question(self.current_question)
        self._status(f"Restored {backup_name}.", 8000)

    def _refresh_stats(self) -> None:
        self.question_list.refresh_stats()
        self.history.refresh_windows()
        self.history.refresh()

    # -- the listed questions (packs imported, switched, own questions edited) -----------
    def set_questions(
        self,
        questions: Sequence[Question],
        problems: Sequence[PackProblem] | None = None,
        *,
        select_id: str | None = None,
    ) -> None:
        """List ``questions`` (as the packs give them) with the user's own time limits;
        select ``select_id`` (default: keep the current one). An unchanged current question
        keeps its attempt running; a changed or removed one is left (its draft is saved)."""
        questions = self.own_limits.apply(questions)
        current = self.current_question
        keep_id = select_id or (current.id if current else None)
        replacement = next((q for q in questions if q.id == keep_id), None)
        if replacement is not None and replacement == current:
            self.free_practice.question = replacement  # same content: nothing to reset
            self.loop.question = replacement
        self.questions_by_id = {q.id: q for q in questions}
        self.sessions.questions = list(questions)
        listed = self.question_list.set_questions(questions, keep_id, show=select_id is not None)
        if problems is not None:  # None: the problems shown still stand
            self.problems_label.show_problems(problems)
        self.history.refresh_windows()
        if not listed:
            self._show_question(None)
        self.question_list.question_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _after_settings_applied(self) -> None:
        self.backups.apply_settings()
        self.apply_appearance()
        self.free_practice.show_limits()

    def apply_appearance(self) -> None:
        """Theme, the editor's font and the text zoom, from the settings."""
        self.preferences.apply_theme()
        self.problems_label.restyle()
        self.loop.apply_appearance()

    # -- window events -------------------------------------------------------------------
    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.packs.accepts_drag(event)

    dragEnterEvent = dragMoveEvent  # the same check when a drag enters

    def dropEvent(self, event: QDropEvent) -> None:
        self.packs.drop(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._ready_emitted:
            return
        self._ready_emitted = True
        QTimer.singleShot(0, self.ready.emit)
        if self._offer_session_resume:
            QTimer.singleShot(0, self.sessions.offer_resume)
        if self._welcome_on_first_run and not self.settings.welcome_shown:
            QTimer.singleShot(0, self.help.show_welcome)
        # After the window is ready: the list's search texts, what the store needs for
        # writing (imported on a thread) and the snapshot catch-up, while the app is idle.
        self.idle.add(self.question_list.prepare_search)
        self.idle.add(writes_prepared(lambda: self.operations.read(lambda s: s.prepare_writes())))
        if self._snapshots_pending:
            self.idle.add(once(self._catch_up_snapshots))
        self.idle.add(once(lambda: load_in_background(self.coverage, self)))

    def _catch_up_snapshots(self) -> None:
        """Keep the texts of attempted questions not kept yet for their pack version."""
        questions, now = self.question_list.question_model.rows(), self.clock.now()
        self.operations.write_or_note(
            lambda store: snapshot_attempted_questions(store, questions, now),
            failure="Could not keep a copy of the question texts",
        )
        self.snapshots_caught_up = True

    def bring_to_front(self) -> None:
        """Show this window above the others (another launch asked for it)."""
        print(f"{APP_NAME}: another launch asked to show this window", file=sys.stderr)
        if self.isMinimized():
            self.showNormal()
        bring_to_front(self)
        self._status(f"{APP_NAME} is already open: here it is.", 5000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.history.close_windows()
        QThreadPool.globalInstance().waitForDone(10000)
        self.free_practice.leave()  # keeps the draft, stops a recording (offered next start)
        if self.sessions.window is not None:
            self.sessions.window.interrupt()
        self.backups.on_exit()
        save_window_state(self, self.central.splitters(), self.settings)
        self.settings.sync()
        super().closeEvent(event)
