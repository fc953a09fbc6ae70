"""The session view: one question after another, the question clock and the overall clock."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.clock import Clock
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.session import MockSession, Phase, SessionError, SessionStatus, TickEvent
from aipm_desktop.core.session_settings import RevealPolicy
from aipm_desktop.core.timer import TimeUpMode, format_clock
from aipm_desktop.storage import Store, StoreError
from aipm_desktop.ui.practice.countdown_label import CountdownLabel
from aipm_desktop.ui.practice.reveal_panel import RevealPanel
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import answer_beside_model_answer, titled

T = TypeVar("T")

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
        store: Store,
        clock: Clock,
        parent: QWidget | None = None,
        snapshot_delay_ms: int = SNAPSHOT_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        if session.session_id is None:
            raise SessionError("the session must be stored before it is shown")
        self.session = session
        self.store = store
        self.clock = clock
        self.reviewed: Attempt | None = None
        """The stored attempt being ticked and rated in the review phase."""
        self.setWindowTitle("Mock interview")
        self.setModal(True)

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_REFRESH_MS)
        self._clock_timer.timeout.connect(self.tick)
        self._snapshot_timer = QTimer(self)
        self._snapshot_timer.setSingleShot(True)
        self._snapshot_timer.setInterval(snapshot_delay_ms)
        self._snapshot_timer.timeout.connect(self.save_snapshot)

        self._build_actions()
        self._build_layout()
        self.editor.textChanged.connect(self._on_text_changed)
        self.reveal.key_points_changed.connect(self._on_key_points_changed)
        self.reveal.rated.connect(lambda value: self.rate(Rating(value)))
        self.resize(1180, 760)
        self._show_current_question()

    # ------------------------------------------------------------------
    # construction
    # ------------------------------------------------------------------
    def _action(
        self, text: str, shortcuts: Sequence[str], slot: Callable[[], object], tip: str
    ) -> QAction:
        action = QAction(text, self)
        keys = [QKeySequence(key) for key in shortcuts]
        action.setShortcuts(keys)
        shown = " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        action.setToolTip(f"{tip} ({shown})" if shown else tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.answer_action = self._action(
            "Start &answering",
            ["Ctrl+Shift+Return"],
            self.start_answer,
            "End think time and start the answer clock",
        )
        self.pause_action = self._action(
            "&Pause", ["Ctrl+P"], self.toggle_pause, "Pause or resume every clock"
        )
        self.submit_action = self._action(
            "S&ubmit", ["Ctrl+Return", "Ctrl+Enter"], self.submit, "Submit this answer"
        )
        self.peek_action = self._action(
            "Pee&k",
            ["Ctrl+Shift+M"],
            self.peek,
            "Show the model answer before submitting (recorded as a peek)",
        )
        self.skip_action = self._action(
            "S&kip question", ["Ctrl+Shift+S"], self.skip, "Skip this question (recorded)"
        )
        self.next_action = self._action(
            "&Next question", ["Ctrl+Right", "Alt+N"], self.next_question, "Go to the next question"
        )
        self.end_action = self._action(
            "&End session", ["Ctrl+Shift+E"], self.end_session, "End the session now (recorded)"
        )
        self.rate_actions: dict[Rating, QAction] = {}
        for rating in Rating:
            self.rate_actions[rating] = self._action(
                f"Rate {rating.label}",
                [str(rating.value)],
                functools.partial(self.rate, rating),
                f"Rate this answer {rating.label}",
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
        self.question_clock = CountdownLabel()
        self.question_clock.setAccessibleName("Question clock")
        self.overall_clock = QLabel()
        self.overall_clock.setAccessibleName("Overall clock")
        self.overall_clock.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.prompt_label = QLabel()
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)  # pack text is never HTML
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        prompt_font = QFont(self.prompt_label.font())
        prompt_font.setPointSizeF(prompt_font.pointSizeF() * 1.3)
        prompt_font.setBold(True)
        self.prompt_label.setFont(prompt_font)
        self.prompt_label.setAccessibleName("Question")
        self.meta_label = QLabel()
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meta_label.setAccessibleName("Question details")

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
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
            buttons.addWidget(button)
            self.buttons[action] = button
        buttons.addStretch(1)

        self.editor = QPlainTextEdit()
        describe_control(
            self.editor,
            "Your answer",
            "Type your answer here while the answer clock runs. Ctrl+Return submits, "
            "Ctrl+P pauses, Ctrl+Shift+S skips; Tab leaves.",
            tooltip=False,  # the placeholder says what to do; a tooltip would cover the text
        )
        self.editor.setTabChangesFocus(True)
        self.editor_title = QLabel("<b>Your answer</b>")
        self.reveal = RevealPanel()
        if self.session.settings.reveal == RevealPolicy.AT_END:
            self.reveal.set_hidden_hint(HIDDEN_UNTIL_END_HINT)
        self.splitter = answer_beside_model_answer(
            titled(self.editor_title, self.editor), self.reveal
        )
        self.splitter.setSizes([560, 560])

        top = QHBoxLayout()
        top.addWidget(self.progress_label)
        top.addSpacing(12)
        top.addWidget(self.phase_label, 1)
        top.addSpacing(12)
        clocks = QGridLayout()
        clocks.setHorizontalSpacing(8)
        question_caption = QLabel("This question:")
        question_caption.setBuddy(self.question_clock)
        overall_caption = QLabel("Whole session:")
        overall_caption.setBuddy(self.overall_clock)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        clocks.addWidget(question_caption, 0, 0, right)
        clocks.addWidget(self.question_clock, 0, 1, right)
        clocks.addWidget(overall_caption, 1, 0, right)
        clocks.addWidget(self.overall_clock, 1, 1, right)
        top.addLayout(clocks)

        layout = QVBoxLayout(self)
        # The window's minimum size is fixed here, not derived from labels whose text
        # changes while it is shown (that would resize the window under the user).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(900, 600)
        layout.addLayout(top)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.prompt_label)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def start_answer(self) -> None:
        """End think time early."""
        if self.session.phase == Phase.THINKING:
            self.session.start_answer()
            self._after_change()
            self._focus_editor()

    def toggle_pause(self) -> None:
        """Pause every clock, or resume them."""
        if self.session.paused:
            self.session.resume()
            self._after_change()
            self._focus_editor()
        elif self.session.is_running:
            self.session.set_answer(self.editor.toPlainText())
            self.session.pause()
            self._after_change()

    def peek(self) -> None:
        """Show the model answer before submitting, after asking; recorded on the attempt."""
        if self.session.phase != Phase.ANSWERING or self.reveal.is_revealed:
            return
        answer = QMessageBox.question(
            self,
            "Peek at the model answer?",
            "This answer will be marked as peeked in the summary and the report.\n\n"
            "Show the model answer now?",
        )
        if answer != QMessageBox.StandardButton.Yes or self.session.phase != Phase.ANSWERING:
            return
        self.session.peek()
        self.reveal.set_revealed(True)
        self._after_change()

    def submit(self, *, auto: bool = False) -> None:
        """Store the answer; then review it, or go on to the next question."""
        if not self.session.is_answering:
            return
        record = self.session.submit(self.editor.toPlainText(), auto=auto)
        stored = self._write(lambda: self.store.record_attempt(record))
        if stored is None:
            return  # the clock is stopped; Submit again retries
        self.session.mark_recorded(stored.id)
        self.attempts_changed.emit()
        if self.session.phase == Phase.REVIEWING:
            self.reviewed = stored
            self.reveal.set_revealed(True)
            self.reveal.set_assessable(True)
            self.reveal.set_ticked(())
            self.reveal.set_rating(None)
            self._after_change()
            self.reveal.focus_checklist()
            if auto:
                self._status("Time is up: your answer was submitted.")
        elif self.session.is_finished:
            self._finish()
        else:
            self._show_current_question()
            if auto:
                self._status("Time was up: that answer was submitted. Next question.")

    def skip(self) -> None:
        """Leave this question unanswered; recorded as skipped."""
        if self.session.phase not in (Phase.THINKING, Phase.ANSWERING):
            return
        self.session.set_answer(self.editor.toPlainText())
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
        if session.phase == Phase.ANSWERING and self.editor.toPlainText().strip():
            record = session.submit(self.editor.toPlainText(), auto=budget)
            stored = self._write(lambda: self.store.record_attempt(record))
            if stored is None:
                return
            session.mark_recorded(stored.id, advance=False)
            self.attempts_changed.emit()
        session.end(budget=budget)
        self._finish()

    def rate(self, rating: Rating) -> None:
        """Rate the answer under review."""
        if self.reviewed is None or self.session.phase != Phase.REVIEWING:
            return
        attempt_id = self.reviewed.id
        stored = self._write(lambda: self.store.set_rating(attempt_id, rating, self.clock.now()))
        if stored is not None:
            self.reviewed = stored
            self.reveal.set_rating(rating)
            self.attempts_changed.emit()
            self._status(f"Rated {rating.label}. Ctrl+Right for the next question.")

    def _on_key_points_changed(self, ticked: list[str]) -> None:
        if self.reviewed is None:
            return
        attempt_id = self.reviewed.id
        stored = self._write(lambda: self.store.set_key_points(attempt_id, ticked))
        if stored is not None:
            self.reviewed = stored
            self.attempts_changed.emit()

    # ------------------------------------------------------------------
    # clocks
    # ------------------------------------------------------------------
    def tick(self) -> None:
        """Check the clocks and refresh them; act on time-up and the budget."""
        event = self.session.tick()
        if event == TickEvent.TIME_UP:
            self.submit(auto=True)
        elif event == TickEvent.BUDGET_UP:
            if self.session.settings.time_up_mode == TimeUpMode.HARD:
                self.end_session(budget=True)
                return
            self._status("The overall time budget is used up; overtime is counted.")
        elif event == TickEvent.ANSWER_STARTED:
            self._after_change()
            self._focus_editor()
        self._refresh_clocks()

    def _refresh_clocks(self) -> None:
        session = self.session
        clock = self.question_clock
        if session.phase == Phase.THINKING:
            clock.show_timer(None)  # the quiet tone: no answer clock yet
            text = f"Think {format_clock(session.think_remaining)} left"
            clock.setText(f"Paused · {text}" if session.paused else text)
        elif session.phase == Phase.ANSWERING and session.timer is not None:
            clock.show_timer(session.timer)
            if session.paused and not clock.text().startswith("Paused"):
                clock.setText(f"Paused · {clock.text()}")
        elif session.phase == Phase.REVIEWING and self.reviewed is not None:
            clock.show_result(self.reviewed)
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
    def _on_text_changed(self) -> None:
        if self.session.phase in (Phase.THINKING, Phase.ANSWERING) and not self.editor.isReadOnly():
            self._snapshot_timer.start()

    def save_snapshot(self, status: SessionStatus = SessionStatus.RUNNING) -> bool:
        """Store the session as it stands (answer typed so far included)."""
        self._snapshot_timer.stop()
        session = self.session
        session.set_answer(self.editor.toPlainText())
        assert session.session_id is not None
        session_id = session.session_id

        def write() -> bool:
            self.store.save_session(
                session_id,
                session.to_dict(),
                pause_count=session.pause_count,
                paused_seconds=session.paused_seconds,
                ended_at=session.ended_at,
                status=status,
            )
            return True

        ok = self._write(write, quiet=status == SessionStatus.RUNNING) is not None
        if ok:
            self.saved.emit()
        return ok

    # ------------------------------------------------------------------
    # what is shown
    # ------------------------------------------------------------------
    def _show_current_question(self) -> None:
        session = self.session
        question = session.question
        self.reviewed = None
        self.prompt_label.setText(question.prompt)
        limit = session.item.limit_seconds
        self.meta_label.setText(
            f"Q{question.number} · {question.category} · {question.level} · "
            f"{format_clock(limit)} to answer"
        )
        self.reveal.show_question(question)
        attempt_id = session.item.attempt_id
        if session.phase == Phase.REVIEWING and attempt_id is not None:
            self.reviewed = self._read_attempt(attempt_id)
            self.reveal.set_revealed(True)
            self.reveal.set_assessable(self.reviewed is not None)
            if self.reviewed is not None:
                self.reveal.set_ticked(self.reviewed.key_points_ticked)
                self.reveal.set_rating(self.reviewed.rating)
        elif session.item.peeked:
            self.reveal.set_revealed(True)
        self.editor.blockSignals(True)
        self.editor.setPlainText(session.item.answer)
        self.editor.blockSignals(False)
        self._after_change()
        self._focus_editor()

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
        answering = phase == Phase.ANSWERING
        typing = answering and not session.paused
        self.editor.setReadOnly(not typing)
        if phase == Phase.THINKING:
            self.editor.setPlaceholderText(
                "Read the question. Ctrl+Shift+Return starts the answer clock now."
            )
        elif session.paused:
            self.editor.setPlaceholderText("Paused. Ctrl+P carries on.")
        else:
            self.editor.setPlaceholderText("Type your answer. Ctrl+Return submits.")
        title = "(submitted)" if phase == Phase.REVIEWING else "(paused)" if session.paused else ""
        self.editor_title.setText(f"<b>Your answer</b> {title}".strip())
        self.answer_action.setEnabled(phase == Phase.THINKING)
        self.pause_action.setEnabled(session.phase in (Phase.THINKING, Phase.ANSWERING))
        self.pause_action.setText("&Resume" if session.paused else "&Pause")
        self.submit_action.setEnabled(answering)
        self.peek_action.setEnabled(answering and not self.reveal.is_revealed)
        self.skip_action.setEnabled(phase in (Phase.THINKING, Phase.ANSWERING))
        self.next_action.setEnabled(phase == Phase.REVIEWING)
        self.next_action.setText(
            "&Finish" if session.position == session.total else "&Next question"
        )
        for action in (self.pause_action, self.next_action):
            self.buttons[action].setAccessibleName(action.text().replace("&", ""))
        reviewing = phase == Phase.REVIEWING
        for action in self.rate_actions.values():
            action.setEnabled(reviewing)
        if session.is_running:
            self._clock_timer.start()
        else:
            self._clock_timer.stop()
        self._refresh_clocks()
        self.save_snapshot()

    def _read_attempt(self, attempt_id: int) -> Attempt | None:
        try:
            return self.store.attempt(attempt_id)
        except (StoreError, sqlite3.Error, KeyError):
            return None

    def _focus_editor(self) -> None:
        if not self.editor.isReadOnly():
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)

    def _finish(self) -> None:
        self._clock_timer.stop()
        self._snapshot_timer.stop()
        if not self.save_snapshot(SessionStatus.FINISHED):
            return
        self.finished_session.emit()
        self.accept()

    def _status(self, text: str) -> None:
        self.phase_label.setText(f"{self.phase_label.text()}  {text}")
        self.phase_label.setAccessibleDescription(self.phase_label.text())

    # ------------------------------------------------------------------
    # storage errors never lose the answer on screen
    # ------------------------------------------------------------------
    def _write(self, operation: Callable[[], T], *, quiet: bool = False) -> T | None:
        try:
            return operation()
        except (StoreError, sqlite3.Error, OSError, KeyError) as error:
            if not quiet:
                QMessageBox.warning(
                    self,
                    "Could not save",
                    f"Your work could not be saved: {error}\n\n"
                    "Your answer is still in the window. Free some disk space or check "
                    "the data folder, then try again.",
                )
            return None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        if self.session.phase == Phase.REVIEWING:
            self.reveal.focus_checklist()
        else:
            self._focus_editor()

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
        self._clock_timer.stop()
        self.session.set_answer(self.editor.toPlainText())
        self.session.pause()
        self.save_snapshot()
