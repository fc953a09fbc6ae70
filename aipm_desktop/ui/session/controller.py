"""Starting, resuming and summarising mock-interview sessions from the main window."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import replace
from random import Random
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from aipm_desktop.core.clock import Clock
from aipm_desktop.core.questions import Question
from aipm_desktop.core.session import MockSession, Phase, SessionError, SessionRecord, SessionStatus
from aipm_desktop.core.session_selection import select_questions
from aipm_desktop.core.session_settings import SelectionKind, SessionSettings
from aipm_desktop.services.coverage import CoverageChecker
from aipm_desktop.services.recordings import Recording, session_recording, unfinished_recordings
from aipm_desktop.services.workspace import Change, Workspace
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.speech import speak_mode
from aipm_desktop.ui.widgets.settings import AppSettings

if TYPE_CHECKING:
    # The dialogs, the session view and the plan are imported when first used, not at
    # start-up.
    from aipm_desktop.core.plan import StudyPlan
    from aipm_desktop.ui.session.summary_dialog import SummaryDialog
    from aipm_desktop.ui.session.window import SessionWindow


class SessionController(QObject):
    """Opens the New session dialog, the session view and the summary.

    Signals:
        session_started(): a session view is about to open (pause any practice).
        attempts_changed(): attempts were stored, ticked or rated.
        set_aside(): an unfinished session was set aside (a recording left in it is no
            longer its to take up).
        message(str): something to show in the status bar.
    """

    session_started = Signal()
    set_aside = Signal()
    attempts_changed = Signal()
    message = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        *,
        workspace: Workspace,
        clock: Clock,
        settings: AppSettings,
        questions: Sequence[Question],
        coverage: CoverageChecker,
        new_seed: Callable[[], int] = lambda: secrets.randbits(32),
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self.workspace = workspace
        self.operations = Operations(workspace, parent, clock=clock, show_status=self.message.emit)
        self.clock = clock
        self.settings = settings
        self.coverage = coverage
        self.questions = list(questions)
        self._new_seed = new_seed
        self.window: SessionWindow | None = None
        self.summary: SummaryDialog | None = None
        self._readiness_before: tuple[int | None, StudyPlan] | None = None
        """The session whose view is open, with the plan when it started (if there are
        interviews): the summary says how the session moved readiness."""

    # -- starting --------------------------------------------------------
    def new_session(self) -> None:
        """Offer an unfinished session first; otherwise ask for settings and start."""
        if self.window is not None and self.window.isVisible():
            self.window.activateWindow()
            return
        if self.offer_resume():
            return
        last_attempts = self.operations.read(lambda store: store.last_attempts())
        if last_attempts is None:
            return
        from aipm_desktop.ui.session.new_session_dialog import NewSessionDialog

        chosen = NewSessionDialog.ask(self._parent, self.questions, last_attempts, self.settings)
        if chosen is not None:
            self.start_session(chosen)

    def start_session(self, settings: SessionSettings) -> SessionWindow | None:
        """Pick the questions, store the new session and open its view."""
        seed = settings.seed if settings.seed is not None else self._new_seed()
        settings = replace(settings, seed=seed)
        last_attempts = self.operations.read(lambda store: store.last_attempts())
        if last_attempts is None:
            return None
        chosen = select_questions(
            self.questions, settings, last_attempts=last_attempts, rng=Random(seed)
        )
        if not chosen:
            QMessageBox.information(
                self._parent, "No questions", "No question matches these choices."
            )
            return None
        session = MockSession(
            self.clock,
            settings,
            chosen,
            default_limit_seconds=self.settings.default_time_limit_seconds,
        )
        session.start()
        assert session.started_at is not None
        started = session.started_at
        session_id = self.operations.write(
            lambda store: store.create_session(started, settings.to_dict(), session.to_dict()),
            change=Change.SESSION,
        )
        if session_id is None:
            return None
        session.session_id = session_id
        return self._open(session)

    def start_hand_picked(self, question_ids: Sequence[str]) -> None:
        """Start a mock session of these questions, in this order, with the remembered
        time and reveal choices (e.g. today's plan)."""
        if self.window is not None and self.window.isVisible():
            self.window.activateWindow()
            return
        from aipm_desktop.ui.session.new_session_dialog import remembered_settings

        chosen = replace(
            remembered_settings(self.settings),
            selection=SelectionKind.HAND_PICKED,
            hand_picked=tuple(question_ids),
            shuffle=False,
        )
        self.start_session(chosen)

    def offer_resume(self) -> bool:
        """If a session was left unfinished, offer to resume it. True if it was resumed."""
        record = self.operations.read(lambda store: store.unfinished_session())
        if record is None:
            return False
        try:
            session = self._restored(record)
        except SessionError as error:
            QMessageBox.warning(
                self._parent,
                "Session cannot be resumed",
                f"Your unfinished session of {record.started_at.astimezone():%Y-%m-%d %H:%M} "
                f"cannot be resumed: {error}.\n\nIts submitted answers stay in your history.",
            )
            self._abandon(record.id)
            return False
        recording = self._left_recording(session)
        spoken = "" if recording is None else _left_recording_sentence()
        answer = QMessageBox.question(
            self._parent,
            "Resume your session?",
            f"A mock interview of {record.started_at.astimezone():%Y-%m-%d %H:%M} was not "
            f"finished (question {session.position} of {session.total}).\n\n"
            "Resume it? Your answers are kept and the clocks carry on where they stopped.\n"
            f"{spoken}"
            "No sets it aside; its submitted answers stay in your history.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            self._abandon(record.id)
            return False
        window = self._open(session)
        self.message.emit("Session resumed, paused. Press Ctrl+P to carry on.")
        if recording is not None:
            window.take_up_recording(recording)
        return True

    def waiting_answer(self) -> tuple[int, str] | None:
        """The unfinished session's open answer, as (session id, question id), while the
        session can be resumed: a recording left in that answer waits for it."""
        record = self.operations.read(lambda store: store.unfinished_session())
        if record is None:
            return None
        try:
            session = self._restored(record)
        except SessionError:
            return None
        if session.phase is not Phase.ANSWERING:
            return None
        return record.id, session.question.id

    def _restored(self, record: SessionRecord) -> MockSession:
        """The stored session as it was left; raises SessionError if it can't be resumed."""
        by_id = {q.id: q for q in self.questions}
        return MockSession.from_dict(record.state, self.clock, by_id, session_id=record.id)

    def _left_recording(self, session: MockSession) -> Recording | None:
        """The recording a crash (or a closed window) left in the session's open answer."""
        data_dir = self.workspace.data_dir
        if data_dir is None or session.session_id is None or session.phase is not Phase.ANSWERING:
            return None
        left = unfinished_recordings(data_dir)
        return session_recording(left, session.session_id, session.question.id)

    def _abandon(self, session_id: int) -> None:
        self.operations.write(
            lambda store: store.set_session_status(session_id, SessionStatus.ABANDONED),
            change=Change.SESSION,
        )
        self.set_aside.emit()

    def _open(self, session: MockSession) -> SessionWindow:
        from aipm_desktop.ui.session.window import SessionWindow

        self.session_started.emit()
        before = self.readiness_plan()
        self._readiness_before = None if before is None else (session.session_id, before)
        window = SessionWindow(
            session,
            workspace=self.workspace,
            clock=self.clock,
            settings=self.settings,
            coverage=self.coverage,
            parent=self._parent,
        )
        window.attempts_changed.connect(self.attempts_changed.emit)
        window.finished_session.connect(lambda: self.show_summary(session))
        window.rejected.connect(
            lambda: self.message.emit("Session paused and saved. Ctrl+Shift+N resumes it.")
        )
        self.window = window
        window.open()
        return window

    # -- after the session ---------------------------------------------------
    def show_summary(self, session: MockSession) -> SummaryDialog | None:
        """Open the summary of a finished session."""
        from aipm_desktop.ui.session.summary_dialog import SummaryDialog, load_summary

        summary = self.operations.read(lambda store: load_summary(store, session))
        if summary is None:
            return None
        dialog = SummaryDialog(
            session,
            summary,
            workspace=self.workspace,
            clock=self.clock,
            readiness=self._readiness_since_start(session),
            settings=self.settings,
            parent=self._parent,
        )
        dialog.attempts_changed.connect(self.attempts_changed.emit)
        dialog.exported.connect(lambda path: self.message.emit(f"Report saved to {path}"))
        self.summary = dialog
        dialog.open()
        return dialog

    def readiness_plan(self) -> StudyPlan | None:
        """Today's plan and forecast, or None when there is no upcoming interview (or the
        data file cannot be read): about a second per thousand questions."""
        from aipm_desktop.services.study_plan import study_plan

        now = self.clock.now().astimezone()
        interviews = self.operations.read(lambda store: store.interviews())
        if not interviews or all(i.date < now.date() for i in interviews):
            return None
        questions, limit = self.questions, self.settings.default_time_limit_seconds
        return self.operations.read(
            lambda store: study_plan(
                store, questions, now, interviews=interviews, default_time_limit_seconds=limit
            )
        )

    def _readiness_since_start(self, session: MockSession) -> Callable[[], list[str]] | None:
        """How the session moved readiness, computed when asked (after each rating in the
        summary too); None for a session not started in this window or without interviews."""
        started = self._readiness_before
        if started is None or started[0] != session.session_id:
            return None
        before = started[1]

        def sentences() -> list[str]:
            from aipm_desktop.core.plan import readiness_change
            from aipm_desktop.services.study_plan import keep_forecasts

            after = self.readiness_plan()
            if after is None:
                return []
            self.operations.write_or_note(
                lambda store: keep_forecasts(store, after), failure="Could not keep the forecast"
            )
            return readiness_change(before, after)

        return sentences

    def last_finished_session(self) -> MockSession | None:
        """The most recent finished session whose questions are all still loaded."""
        records = self.operations.read(lambda store: store.finished_sessions()) or []
        by_id = {q.id: q for q in self.questions}
        for record in reversed(records):
            try:
                return MockSession.from_dict(record.state, self.clock, by_id, session_id=record.id)
            except SessionError:
                continue
        return None

    def show_last_summary(self) -> SummaryDialog | None:
        """Open the summary of the last finished session, if there is one."""
        session = self.last_finished_session()
        if session is None:
            self.message.emit("No finished session yet. Ctrl+Shift+N starts one.")
            return None
        return self.show_summary(session)

    def export_last_report(self) -> None:
        """Export the report of the last finished session (shown in its summary)."""
        dialog = self.summary if self.summary is not None and self.summary.isVisible() else None
        if dialog is None:
            dialog = self.show_last_summary()
        if dialog is not None:
            dialog.export_report()


def _left_recording_sentence() -> str:
    """What resuming does with the spoken answer a session left unfinished."""
    reason = speak_mode.installed_engine().unavailable_reason()
    if reason is None:
        return (
            "Your spoken answer to this question was left unfinished: resuming puts its "
            "text back into the answer, to correct and submit.\n"
        )
    return (
        "Your spoken answer to this question was left unfinished. Its recording is kept, "
        f"but it cannot be turned into text here: {reason}\n"
    )
