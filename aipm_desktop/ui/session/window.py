"""The session view: one question after another, the question clock and the overall clock."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.answer_flow import SessionAnswer, answer_over_cap
from aipm_desktop.core.clock import Clock
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.session import MockSession, Phase, SessionError, SessionStatus, TickEvent
from aipm_desktop.core.session_settings import RevealPolicy
from aipm_desktop.core.timer import TimeUpMode, format_clock
from aipm_desktop.services.coverage import CoverageChecker
from aipm_desktop.services.recordings import Recording
from aipm_desktop.services.workspace import Change, Workspace
from aipm_desktop.storage import Store
from aipm_desktop.ui.operations import AnswerOnScreen, Operations
from aipm_desktop.ui.practice.controller import PracticeController
from aipm_desktop.ui.speech.kept_audio import after_stored
from aipm_desktop.ui.widgets.actions import make_action
from aipm_desktop.ui.widgets.settings import AppSettings

CLOCK_REFRESH_MS = 200
SNAPSHOT_DELAY_MS = 1500
"""The session (with the answer typed so far) is saved this long after typing stops."""

_PHASE_TEXT = {
    Phase.THINKING: "Thinking: read the question. The answer clock has not started.",
    Phase.ANSWERING: "Answering: the clock is running.",
    Phase.REVIEWING: "Reviewing: compare with the model answer, tick and rate.",
    Phase.FINISHED: "Finished.",
}
_PHASE_STYLE = {
    Phase.THINKING: "background: #e3f2fd; color: #0d3c61;",
    Phase.ANSWERING: "background: #e8f5e9; color: #1b4d1e;",
    Phase.REVIEWING: "background: #f3e5f5; color: #4a1a52;",
    Phase.FINISHED: "",
}
_PAUSED_STYLE = "background: #eeeeee; color: #333333;"
THINKING_PLACEHOLDER = "Read the question. Ctrl+Shift+Return starts the answer clock now."
HIDDEN_UNTIL_END_HINT = (
    "The model answers are shown in the summary at the end of the session.\n\n"
    "Need a hint? Peek (Ctrl+Shift+M) shows this one now; the attempt is then marked as peeked."
)


class SessionWindow(QDialog):
    """Runs a `MockSession`: every answer, tick, rating and snapshot goes to the store.

    Signals:
        saved(): the session snapshot (with the answer typed so far) is stored.
        attempts_changed(): an attempt was stored, ticked or rated.
        finished_session(): the session ended; the window closes itself.
    """

    saved = Signal()
    attempts_changed = Signal()
    finished_session = Signal()

    def __init__(
        self,
        session: MockSession,
        *,
        workspace: Workspace,
        clock: Clock,
        settings: AppSettings,
        coverage: CoverageChecker,
        parent: QWidget | None = None,
        snapshot_delay_ms: int = SNAPSHOT_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        if session.session_id is None:
            raise SessionError("the session must be stored before it is shown")
        self.session = session
        self.operations = Operations(
            workspace,
            self,
            clock=clock,
            show_status=self._status,
            answer_on_screen=self._answer_on_screen,
        )
        """Every read and write of the session, with the app's one error policy."""
        self.clock = clock
        self.setWindowTitle("Mock interview")
        self.setModal(True)
        self.loop = PracticeController(
            operations=self.operations,
            settings=settings,
            clock=clock,
            window=self,
            coverage=coverage,
        )
        """The one practice loop (free practice and sessions) and its answer panel."""
        self.loop.speech.mode_override = session.settings.answer_mode  # the session's choice
        self.loop.speech.session_id = session.session_id  # a left recording says so
        self.practice = self.loop.panel
        self.editor = self.practice.editor
        self.reveal = self.practice.reveal
        self.question_clock = self.practice.countdown
        self._answer = SessionAnswer(session)

        self._snapshot_timer = QTimer(self)
        self._snapshot_timer.setSingleShot(True)
        self._snapshot_timer.setInterval(snapshot_delay_ms)
        self._snapshot_timer.timeout.connect(self.save_snapshot)

        self._build_actions()
        self._build_layout()
        self.loop.text_edited.connect(self._snapshot_timer.start)
        self.loop.save_requested.connect(self._after_change)
        self.loop.submitted.connect(self._on_submitted)
        self.loop.assessed_changed.connect(self._on_assessed_changed)
        self.loop.clock_ticked.connect(self._after_clock_tick)
        self.loop.message.connect(self._status)
        self.resize(1180, 760)
        self._show_current_question()

    # ------------------------------------------------------------------
    # construction
    # ------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.answer_action = make_action(
            self,
            "Start &answering",
            ["Ctrl+Shift+Return"],
            self.start_answer,
            "End think time and start the answer clock",
        )
        self.pause_action = self.loop.pause_action
        self.submit_action = self.loop.submit_action
        self.peek_action = self.loop.peek_action
        self.rate_actions = self.loop.rate_actions
        self.skip_action = make_action(
            self, "S&kip question", ["Ctrl+Shift+S"], self.skip, "Skip this question (recorded)"
        )
        self.next_action = make_action(
            self,
            "&Next question",
            ["Ctrl+Right", "Alt+N"],
            self.next_question,
            "Go to the next question",
        )
        self.end_action = make_action(
            self,
            "&End session",
            ["Ctrl+Shift+E"],
            self.end_session,
            "End the session now (recorded)",
        )

    def _build_layout(self) -> None:
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Progress")
        bold = QFont(self.progress_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.progress_label.setFont(bold)
        self.phase_label = QLabel()
        self.phase_label.setAccessibleName("Phase")
        self.phase_label.setObjectName("sessionPhase")
        self.phase_label.setMargin(4)
        self.question_clock.setAccessibleName("Question clock")
        self.overall_clock = QLabel()
        self.overall_clock.setAccessibleName("Overall clock")
        self.overall_clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.buttons: dict[QAction, QToolButton] = {}
        for action in (
            self.answer_action,
            self.pause_action,
            self.submit_action,
            self.peek_action,
            self.skip_action,
            self.next_action,
            self.end_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text().replace("&", ""))
            self.practice.add_button(button)
            self.buttons[action] = button
        self.practice.finish_buttons()
        self.loop.idle_placeholder = THINKING_PLACEHOLDER
        if self.session.settings.reveal == RevealPolicy.AT_END:
            self.reveal.set_hidden_hint(HIDDEN_UNTIL_END_HINT)

        self.practice.splitter.setSizes([560, 560])

        top = QHBoxLayout()
        top.addWidget(self.progress_label)
        top.addSpacing(12)
        top.addWidget(self.phase_label, 1)
        top.addSpacing(12)
        overall_caption = QLabel("Whole session:")
        overall_caption.setBuddy(self.overall_clock)
        top.addWidget(overall_caption)
        top.addWidget(self.overall_clock)

        layout = QVBoxLayout(self)
        # The window's minimum size is fixed here, not derived from labels whose text
        # changes while it is shown (that would resize the window under the user).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(900, 600)
        layout.addLayout(top)
        layout.addWidget(self.practice, 1)

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def start_answer(self) -> None:
        """End think time early."""
        if self.session.phase == Phase.THINKING:
            self.session.start_answer()
            self._after_change()
            self.loop.focus_editor()

    def toggle_pause(self) -> None:
        """Pause every clock, or resume them."""
        self.loop.toggle_pause()
        self._after_change()

    def submit(self, *, auto: bool = False) -> None:
        """Store the answer; then review it, or go on to the next question."""
        if self.session.is_answering:
            self.loop.submit(auto=auto)

    def take_up_recording(self, recording: Recording) -> None:
        """The resumed answer's recording, left unfinished by a crash or a closed window,
        becomes its spoken answer again: transcribed into the editor, its audio linked to
        the attempt when it is submitted."""
        self.loop.take_up_recording(recording)  # the editor and speak bar say how it goes

    def _on_submitted(self, stored: Attempt) -> None:
        session = self.session
        if not session.is_answering:
            return
        session.mark_recorded(stored.id)
        self.attempts_changed.emit()
        auto = stored.auto_submitted
        if session.phase == Phase.REVIEWING:
            self.loop.review(stored)
            self._after_change()
            if auto:
                self._status("Time is up: your answer was submitted.")
        elif session.is_finished:
            self._finish()
        else:
            self._show_current_question()
            if auto:
                self._status("Time was up: that answer was submitted. Next question.")

    def _on_assessed_changed(self, stored: Attempt) -> None:
        self.attempts_changed.emit()
        if stored.rating is not None:
            self._status(f"Rated {stored.rating.label}. Ctrl+Right for the next question.")

    def skip(self) -> None:
        """Leave this question unanswered; recorded as skipped."""
        if self.session.phase not in (Phase.THINKING, Phase.ANSWERING):
            return
        self.session.set_answer(self.loop.draft_text())
        self.session.skip()
        if self.session.is_finished:
            self._finish()
        else:
            self._show_current_question()

    def next_question(self) -> None:
        """After reviewing, go on."""
        if self.session.phase != Phase.REVIEWING:
            return
        self.session.next()
        if self.session.is_finished:
            self._finish()
        else:
            self._show_current_question()

    def end_session(self, *, budget: bool = False) -> None:
        """End now. A typed answer is submitted first, so it is kept as an attempt."""
        session = self.session
        if session.is_finished or session.phase is None:
            return
        text = self.loop.answer_text()
        if session.phase == Phase.ANSWERING and text.strip():
            note = answer_over_cap(len(text))
            if note is not None:  # refused, never cut: the answer stays to be trimmed
                self._status(note)
                if not budget:
                    QMessageBox.warning(self, "Answer too long", note)
                return
            record = self.loop.with_speech(session.submit(text, auto=budget))
            stored = self.operations.write(
                lambda store: store.record_attempt(record), change=Change.ATTEMPT_STORED
            )
            if stored is None:
                return
            if stored.audio_file is not None:  # a spoken answer keeps its recording
                after_stored(stored, self.operations, self.loop.settings)
            session.mark_recorded(stored.id, advance=False)
            self.attempts_changed.emit()
        session.end(budget=budget)
        self._finish()

    # ------------------------------------------------------------------
    # clocks
    # ------------------------------------------------------------------
    def tick(self) -> None:
        """One clock step: the practice loop's (answer time-up, as in free practice),
        then the session's own clocks (think time, the overall budget)."""
        self.loop.refresh_clock()

    def _after_clock_tick(self) -> None:
        event = self.session.tick()
        if event == TickEvent.BUDGET_UP:
            if self.session.settings.time_up_mode == TimeUpMode.HARD:
                self.end_session(budget=True)
                return
            self._status("The overall time budget is used up; overtime is counted.")
        elif event == TickEvent.ANSWER_STARTED:
            self._after_change()
            self.loop.focus_editor()
        self._refresh_clocks()

    def _refresh_clocks(self) -> None:
        session = self.session
        clock = self.question_clock
        if session.phase == Phase.THINKING:
            clock.show_timer(None)  # the quiet tone: no answer clock yet
            text = f"Think {format_clock(session.think_remaining)} left"
            clock.setText(f"Paused · {text}" if session.paused else text)
        else:
            self.loop.refresh_countdown()
        self.question_clock.setAccessibleDescription(self.question_clock.text())
        overall = f"{format_clock(session.overall_seconds)} used"
        remaining = session.budget_remaining
        if remaining is not None:
            budget = session.settings.budget_seconds or 0
            if remaining > 0:
                overall += f" · {format_clock(remaining)} of {format_clock(budget)} left"
            else:
                overall += f" · over budget {format_clock(remaining)}"
        self.overall_clock.setText(overall)
        self.overall_clock.setAccessibleDescription(overall)

    # ------------------------------------------------------------------
    # snapshots
    # ------------------------------------------------------------------
    def save_snapshot(self, status: SessionStatus = SessionStatus.RUNNING) -> bool:
        """Store the session as it stands (answer typed so far included)."""
        self._snapshot_timer.stop()
        session = self.session
        session.set_answer(self.loop.draft_text())
        assert session.session_id is not None
        session_id = session.session_id

        def write(store: Store) -> bool:
            store.save_session(
                session_id,
                session.to_dict(),
                pause_count=session.pause_count,
                paused_seconds=session.paused_seconds,
                ended_at=session.ended_at,
                status=status,
            )
            return True

        quiet = status == SessionStatus.RUNNING
        ok = self.operations.write(write, change=Change.SESSION, quiet=quiet) is not None
        if ok:
            self.saved.emit()
        return ok

    # ------------------------------------------------------------------
    # what is shown
    # ------------------------------------------------------------------
    def _show_current_question(self) -> None:
        session = self.session
        question = session.question
        self.loop.show_question(question, session.item.limit_seconds)
        attempt_id = session.item.attempt_id
        if session.phase == Phase.REVIEWING and attempt_id is not None:
            reviewed = self._read_attempt(attempt_id)
            self.loop.set_answer_text(session.item.answer)
            self.reveal.set_revealed(True)
            if reviewed is not None:
                self.loop.review(reviewed)
        else:
            self.loop.open(self._answer, session.item.answer)
        self._after_change()
        self.loop.focus_editor()

    def _after_change(self) -> None:
        """Refresh every label and action from the session, and save a snapshot."""
        session = self.session
        phase = session.phase or Phase.THINKING
        self.progress_label.setText(f"Question {session.position} of {session.total}")
        if session.paused:
            self.phase_label.setText(
                f"Paused ({phase.value}): every clock is stopped. Ctrl+P carries on."
            )
            self.phase_label.setStyleSheet(f"#sessionPhase {{ {_PAUSED_STYLE} }}")
        else:
            self.phase_label.setText(_PHASE_TEXT[phase])
            self.phase_label.setStyleSheet(f"#sessionPhase {{ {_PHASE_STYLE[phase]} }}")
        self.phase_label.setAccessibleDescription(self.phase_label.text())
        if phase not in (Phase.THINKING, Phase.ANSWERING):
            self.loop.close()
        self.loop.refresh_state()
        self.answer_action.setEnabled(phase == Phase.THINKING)
        self.skip_action.setEnabled(phase in (Phase.THINKING, Phase.ANSWERING))
        self.next_action.setEnabled(phase == Phase.REVIEWING)
        self.next_action.setText(
            "&Finish" if session.position == session.total else "&Next question"
        )
        for action in (self.pause_action, self.next_action):
            self.buttons[action].setAccessibleName(action.text().replace("&", ""))
        self._refresh_clocks()
        self.save_snapshot()

    def _read_attempt(self, attempt_id: int) -> Attempt | None:
        return self.operations.read(lambda store: store.attempt(attempt_id))

    def _answer_on_screen(self) -> AnswerOnScreen:
        """The answer being typed, for the rescue file when it cannot be stored."""
        return AnswerOnScreen(self.session.question, self.loop.answer_text())

    def _finish(self) -> None:
        self.loop.close()
        self._snapshot_timer.stop()
        if not self.save_snapshot(SessionStatus.FINISHED):
            return
        self.finished_session.emit()
        self.accept()

    def _status(self, text: str) -> None:
        self.phase_label.setText(f"{self.phase_label.text()}  {text}")
        self.phase_label.setAccessibleDescription(self.phase_label.text())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        if self.session.phase == Phase.REVIEWING:
            self.reveal.focus_checklist()
        else:
            self.loop.focus_editor()

    # ------------------------------------------------------------------
    # closing keeps the session resumable
    # ------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.interrupt()
        super().closeEvent(event)

    def reject(self) -> None:
        """Escape or closing the window: pause, save, and keep the session for later."""
        self.interrupt()
        super().reject()

    def interrupt(self) -> None:
        """Pause and save an unfinished session so it can be resumed on the next start."""
        if self.session.is_finished:
            return
        self.session.set_answer(self.loop.draft_text())
        self.session.pause()
        self.loop.speech.reset()  # a recording is closed and offered on the next start
        self.loop.refresh_state()
        self.save_snapshot()
