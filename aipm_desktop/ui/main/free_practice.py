"""Free practice in the main window: the selected question, answered through the shared
practice loop, with its draft kept as you type and restored after a crash."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from aipm_desktop.core.answer_flow import FreeAnswer
from aipm_desktop.core.clock import Clock
from aipm_desktop.core.practice import PracticeAttempt
from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import Attempt, RatingResult
from aipm_desktop.services.workspace import Change
from aipm_desktop.storage import Store
from aipm_desktop.ui.operations import AnswerOnScreen, Operations
from aipm_desktop.ui.practice.controller import PracticeController
from aipm_desktop.ui.practice.panel import NO_QUESTIONS
from aipm_desktop.ui.session.controller import SessionController
from aipm_desktop.ui.speech.recovery import RecordingRecovery
from aipm_desktop.ui.speech.speak_mode import SpeakPhase
from aipm_desktop.ui.widgets.settings import AppSettings

DRAFT_SAVE_DELAY_MS = 1500
"""Drafts are written at most this long after the first unsaved key (the promise: 2 s)."""


class FreePractice(QObject):
    """Answers to the question selected in the list, one at a time.

    Signals:
        draft_saved(str): the draft of this question id is safely stored.
        attempt_changed(str, object): an attempt at this question id was stored, ticked or
            rated (then the RatingResult, with the question's new due date; else None).
        message(str, int): a status-bar message and how long to show it (0: until replaced).
    """

    draft_saved = Signal(str)
    attempt_changed = Signal(str, object)
    message = Signal(str, int)

    def __init__(
        self,
        loop: PracticeController,
        *,
        operations: Operations,
        clock: Clock,
        settings: AppSettings,
        draft_save_delay_ms: int = DRAFT_SAVE_DELAY_MS,
        sessions: SessionController | None = None,
    ) -> None:
        """``sessions``: a recording left in a resumable session waits for it, and is
        offered here once the session is set aside."""
        super().__init__(loop)
        self.loop = loop
        self._operations = operations
        self.clock = clock
        self.settings = settings
        self.question: Question | None = None
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(draft_save_delay_ms)
        self._draft_timer.timeout.connect(self.save_draft)
        loop.text_edited.connect(self._on_text_edited)
        loop.save_requested.connect(self._on_save_requested)
        loop.submitted.connect(self._on_submitted)
        loop.assessed_changed.connect(self._on_ticked)
        loop.rated.connect(self._on_rated)
        self.recovery = RecordingRecovery(
            loop.speech,
            operations,
            clock,
            window=loop.dialog_parent,
            recovered=self._on_recording_recovered,
            message=lambda text: self.message.emit(text, 0),
            waiting_answer=sessions.waiting_answer if sessions is not None else lambda: None,
        )
        """Offers a recording a crash left unfinished, once the window is up."""
        if sessions is not None:
            sessions.set_aside.connect(self.recovery.offer)
        QTimer.singleShot(0, self.recovery.offer)

    def _limit(self, question: Question) -> int:
        return question.effective_time_limit(self.settings.default_time_limit_seconds)

    def show(self, question: Question | None, empty_text: str = NO_QUESTIONS) -> None:
        """Leave the current question (keeping its draft) and show another, with its draft;
        with None, ``empty_text`` says why no question is shown."""
        self.leave()
        self.question = question
        default_limit = self.settings.default_time_limit_seconds
        limit = self._limit(question) if question else default_limit
        self.loop.show_question(question, limit, empty_text)
        draft = (
            self._operations.read(lambda store: store.draft_for(question.id)) if question else None
        )
        if question is not None and draft is not None:
            attempt = PracticeAttempt.from_draft(question, self.clock, draft, default_limit)
            self.loop.open(FreeAnswer(attempt, lambda: self.settings.time_up_mode), draft.text)
            self.message.emit(
                "Your unfinished answer is back. Press Ctrl+P or Resume to carry on.", 8000
            )
        else:
            self.loop.refresh_state()

    def _on_recording_recovered(self, question_id: str, text: str) -> None:
        """A left-over recording's transcript was added to this question's draft."""
        question = self.question
        if question is None or question.id != question_id:
            return  # its draft comes back when the question is chosen
        if self.loop.attempt is None:
            self.show(question)  # its draft, now with the transcript
        else:  # the draft is open: add the text on screen too, so the next save keeps it
            before = self.loop.answer_text().rstrip()
            self.loop.set_answer_text(f"{before} {text}".strip())
            self.save_draft()

    def answer_on_screen(self) -> AnswerOnScreen | None:
        """The answer being typed, for the rescue file when it cannot be stored."""
        question = self.question
        return AnswerOnScreen(question, self.loop.answer_text()) if question else None

    def show_limits(self) -> None:
        """Show the question's time limit again (the default limit may have changed)."""
        question = self.question
        if self.loop.flow is None and question is not None:
            self.loop.panel.show_meta(question, self._limit(question))

    def leave(self) -> None:
        """Pause and keep the answer in progress, if any, and close it."""
        attempt = self.loop.attempt
        if attempt is not None and not attempt.submitted:
            attempt.timer.pause()
            self.save_draft()
        self.loop.close()

    def start_or_resume(self) -> None:
        """Start an attempt at the current question, or resume a paused one."""
        question = self.question
        if question is None:
            return
        if self.loop.flow is not None:
            self.loop.resume()
            return
        attempt = PracticeAttempt.start(
            question, self.clock, self.settings.default_time_limit_seconds
        )
        self.loop.panel.reveal.show_question(question)  # "Try again": hidden and unticked
        self.loop.open(FreeAnswer(attempt, lambda: self.settings.time_up_mode))
        if self.loop.speech.phase is SpeakPhase.RECORDING:
            self.message.emit("Recording, and the clock is running. Ctrl+Return stops.", 5000)
        else:
            self.message.emit("The clock is running. Ctrl+Return submits.", 5000)

    def _on_save_requested(self) -> None:
        self.save_draft()
        if self.loop.flow is not None and not self.loop.flow.is_running:
            self.message.emit("Paused. Your answer is saved.", 5000)

    def _on_submitted(self, stored: Attempt) -> None:
        """The answer is stored: review it, keep the question's text, say what is next."""
        self._draft_timer.stop()
        self.loop.review(stored)
        question = self.question
        if question is not None:
            self._operations.write_or_note(
                lambda store: store.save_question_snapshots([question], stored.ended_at),
                failure="Could not keep a copy of the question text",
            )
        self.attempt_changed.emit(stored.question_id, None)
        prefix = (
            "Time is up: your answer was saved. " if stored.auto_submitted else "Answer saved. "
        )
        self.message.emit(
            prefix + "Tick the key points you covered (Space), then rate yourself 1–4.", 0
        )

    def _on_ticked(self, stored: Attempt) -> None:
        self.attempt_changed.emit(stored.question_id, None)

    def _on_rated(self, result: RatingResult) -> None:
        attempt = result.attempt
        self.attempt_changed.emit(attempt.question_id, result)
        if attempt.rating is not None:
            self.message.emit(
                f"Rated {attempt.rating.label}. Ctrl+Right for the next question, "
                "Ctrl+Shift+Return to try this one again.",
                0,
            )

    # -- drafts ------------------------------------------------------------------
    def _on_text_edited(self) -> None:
        # Not restarted on every key: while typing goes on, a save still comes at
        # most one delay after the first unsaved key, so a crash loses under 2 s.
        if not self._draft_timer.isActive():
            self._draft_timer.start()

    def save_draft(self) -> None:
        """Write the unsubmitted answer, its clock and peek to the store now."""
        self._draft_timer.stop()
        attempt = self.loop.attempt
        if attempt is None or attempt.submitted:
            return
        draft = attempt.to_draft(self.loop.draft_text())  # the editor keeps any excess

        def write_draft(store: Store) -> bool:
            store.save_draft(draft)
            return True

        if self._operations.write(write_draft, change=Change.DRAFT, quiet=True):
            self.message.emit("Draft saved.", 3000)
            self.draft_saved.emit(draft.question_id)
