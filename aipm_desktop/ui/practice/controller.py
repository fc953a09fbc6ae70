"""The one practice loop: answer against the clock, submit, tick key points, rate.

Free practice (the main window) and mock sessions (the session window) both drive a
:class:`PracticePanel` through this controller, so pausing, peeking, hard and soft
time-up, the countdown and overtime, hiding the timer, zoom and the key-point hints
behave the same in both. What differs is only where the answer comes from (an
:class:`~aipm_desktop.core.answer_flow.AnswerFlow`) and what the host does after a
submit (review it now, or go on to the next question).
"""

from __future__ import annotations

import dataclasses
import functools

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from aipm_desktop.core.answer_flow import (
    MAX_ANSWER_CHARS,
    AnswerFlow,
    FreeAnswer,
    answer_over_cap,
)
from aipm_desktop.core.clock import Clock
from aipm_desktop.core.practice import PracticeAttempt
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt, NewAttempt, RatingResult
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.transcript import Transcript
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.coverage import CoverageChecker
from aipm_desktop.services.recordings import Recording
from aipm_desktop.services.workspace import Change
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.practice.coverage_check import check_answer, highlight_span
from aipm_desktop.ui.practice.panel import (
    IDLE_PLACEHOLDER,
    NO_QUESTIONS,
    PAUSED_PLACEHOLDER,
    PracticePanel,
)
from aipm_desktop.ui.speech.delivery_view import DeliveryView
from aipm_desktop.ui.speech.kept_audio import after_stored
from aipm_desktop.ui.speech.speak_bar import SpeakBar
from aipm_desktop.ui.speech.speak_mode import SpeakMode, SpeakPhase
from aipm_desktop.ui.widgets.actions import make_action
from aipm_desktop.ui.widgets.reading_font import reading_font
from aipm_desktop.ui.widgets.settings import ZOOM_STEP, AppSettings
from aipm_desktop.ui.widgets.settings_section import SettingsSection

CLOCK_REFRESH_MS = 200
TYPING_PLACEHOLDER = "Type your answer. Ctrl+Return submits."
RECORDING_PLACEHOLDER = "Recording: say your answer. Ctrl+Return stops and transcribes it."
TRANSCRIBING_PLACEHOLDER = "Transcribing your answer on this computer…"
SPEAK_IDLE_PLACEHOLDER = (
    "Speak mode: press Return (or Start) to start the clock and the recording; "
    "Ctrl+Return stops it."
)


class PracticeController(QObject):
    """Drives a practice panel through one answer at a time.

    Signals:
        submitted(Attempt): an answer was stored (the host reviews it or moves on).
        assessed_changed(Attempt): the attempt under review was ticked or rated.
        rated(RatingResult): it was rated; the result carries its question's new due date.
        save_requested(): the answer was paused or peeked at: the host saves it now.
        state_changed(): the answer's state changed (started, paused, submitted, …).
        text_edited(): the user changed the answer while it can be typed.
        clock_ticked(): the clock display was refreshed (a few times a second).
        message(str): something to tell the user in passing.
    """

    submitted = Signal(object)
    assessed_changed = Signal(object)
    rated = Signal(object)
    save_requested = Signal()
    state_changed = Signal()
    text_edited = Signal()
    clock_ticked = Signal()
    message = Signal(str)

    def __init__(
        self,
        *,
        operations: Operations,
        settings: AppSettings,
        clock: Clock,
        window: QWidget,
        coverage: CoverageChecker,
    ) -> None:
        """Make the answer panel (``panel``) for ``window``, where its keys work;
        ``coverage`` checks a submitted answer's key points (one checker for the app)."""
        panel = PracticePanel()
        super().__init__(panel)
        self.panel = panel
        self.operations = operations
        self.settings = settings
        self.clock = clock
        self.coverage = coverage
        self.dialog_parent = window
        """The window the loop's dialogs belong to."""
        self.question: Question | None = None
        self.flow: AnswerFlow | None = None
        """The answer being written, if any (running or paused)."""
        self.assessed: Attempt | None = None
        """The submitted attempt being ticked and rated, if any."""
        self._swallow_typing = False
        self._told_too_long = False
        self.idle_placeholder = IDLE_PLACEHOLDER
        """What the editor says while no answer is open (the host may change it)."""

        self.speech = SpeakMode(
            settings=settings,
            clock=clock,
            data_dir=lambda: operations.workspace.data_dir,
            parent=self,
        )
        """Speak mode: the recording and transcript of a spoken answer."""
        self._typed_this_answer = False
        self._auto_submit_pending = False
        self._taken_up = False
        """The spoken answer is a left recording taken up again (its text may be in)."""
        self.speak_bar = SpeakBar()
        panel.add_answer_bar(self.speak_bar)
        self.delivery_view = DeliveryView()
        panel.add_under_answer(self.delivery_view)
        self.speak_bar.mode_chosen.connect(self.set_answer_mode)
        self.speech.phase_changed.connect(self.refresh_state)
        self.speech.level.connect(self.speak_bar.show_level)
        self.speech.progress.connect(self.speak_bar.show_transcribing)
        self.speech.transcribed.connect(self._on_transcribed)
        self.speech.message.connect(self.message.emit)
        self.delivery_view.message.connect(self.message.emit)

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_REFRESH_MS)
        self._clock_timer.timeout.connect(self.refresh_clock)
        self._build_actions()
        panel.editor.textChanged.connect(self._on_text_changed)
        panel.reveal.key_points_changed.connect(self._on_key_points_changed)
        panel.reveal.rated.connect(lambda value: self.rate(Rating(value)))
        panel.reveal.evidence_chosen.connect(lambda span: highlight_span(panel.editor, span))
        for view in (panel.editor, panel.reveal.answer_view):
            view.viewport().installEventFilter(self)
        panel.editor.installEventFilter(self)
        self.apply_appearance()
        window.addActions(self.actions())

    # ------------------------------------------------------------------
    # actions shared by both windows
    # ------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.pause_action = make_action(
            self, "&Pause", ["Ctrl+P"], self.toggle_pause, "Pause or resume the clock"
        )
        self.submit_action = make_action(
            self,
            "S&ubmit",
            ["Ctrl+Return", "Ctrl+Enter"],
            self.submit,
            "Submit your answer and reveal the model answer",
        )
        self.peek_action = make_action(
            self,
            "Pee&k",
            ["Ctrl+Shift+M"],
            self.peek,
            "Show the model answer before submitting (recorded as a peek)",
        )
        self.rate_actions: dict[Rating, QAction] = {
            rating: make_action(
                self,
                f"Rate {rating.label}",
                [str(rating.value)],
                functools.partial(self.rate, rating),
                f"Rate this answer {rating.label}",
            )
            for rating in Rating
        }
        self.zoom_in_action = make_action(
            self, "Zoom &in", ["Ctrl++", "Ctrl+="], self.zoom_in, "Larger text in the answer panels"
        )
        self.zoom_out_action = make_action(
            self, "Zoom &out", ["Ctrl+-"], self.zoom_out, "Smaller text in the answer panels"
        )
        self.zoom_reset_action = make_action(
            self, "&Reset zoom", ["Ctrl+0"], self.reset_zoom, "Text in the answer panels at 100 %"
        )
        self.hide_timer_action = make_action(
            self,
            "Hide &timer",
            ["Ctrl+T"],
            lambda: self.set_timer_hidden(self.hide_timer_action.isChecked()),
            "Hide the countdown; your time is still recorded",
        )
        self.hide_timer_action.setCheckable(True)
        self.hide_timer_action.setChecked(self.settings.timer_hidden)
        self.speak_action = make_action(
            self,
            "&Answer by speaking",
            ["Ctrl+Shift+V"],
            lambda: self.set_answer_mode(
                AnswerMode.SPEAK if self.speak_action.isChecked() else AnswerMode.TYPE
            ),
            "Speak mode: Return records your answer, Ctrl+Return stops and transcribes it",
        )
        self.speak_action.setCheckable(True)
        self.speak_action.setChecked(self.settings.answer_mode is AnswerMode.SPEAK)

    def actions(self) -> list[QAction]:
        """Every action of the loop, for the host window to add (so its keys work there)."""
        return [
            self.pause_action,
            self.submit_action,
            self.peek_action,
            *self.rate_actions.values(),
            self.zoom_in_action,
            self.zoom_out_action,
            self.zoom_reset_action,
            self.hide_timer_action,
            self.speak_action,
        ]

    # ------------------------------------------------------------------
    # the answer
    # ------------------------------------------------------------------
    @property
    def attempt(self) -> PracticeAttempt | None:
        """The free-practice attempt being answered, if that is what is open."""
        return self.flow.attempt if isinstance(self.flow, FreeAnswer) else None

    @property
    def is_answering(self) -> bool:
        """True while an answer is open (running or paused)."""
        return self.flow is not None

    @property
    def is_running(self) -> bool:
        """True while the answer clock runs and the answer can be typed."""
        flow = self.flow
        return flow is not None and flow.timer is not None and flow.is_running

    def show_question(
        self, question: Question | None, limit_seconds: int, empty_text: str = NO_QUESTIONS
    ) -> None:
        """Show a question (prompt, details, hidden model answer); nothing is open.
        Without a question, ``empty_text`` says why."""
        self._clock_timer.stop()
        self._forget_speech()
        self.question = question
        self.flow = None
        self.assessed = None
        self.panel.show_question(question, limit_seconds, empty_text)
        highlight_span(self.panel.editor, None)
        self.set_answer_text("")

    def open(self, flow: AnswerFlow, text: str = "") -> None:
        """Open an answer (new, resumed from a draft, or a session's question)."""
        self._forget_speech()
        self.flow = flow
        self.assessed = None
        if flow.peeked:
            self.panel.reveal.set_revealed(True)
        self.set_answer_text(text)
        self.refresh_state()
        self.focus_editor()

    def close(self) -> None:
        """Forget the open answer (the host has saved what it needs)."""
        self.flow = None
        self._clock_timer.stop()
        self._forget_speech()

    def answer_text(self) -> str:
        """The answer as typed."""
        return self.panel.editor.toPlainText()

    def draft_text(self) -> str:
        """The answer as a draft keeps it: at most ``MAX_ANSWER_CHARS``; the editor keeps all."""
        return self.answer_text()[:MAX_ANSWER_CHARS]

    def set_answer_text(self, text: str) -> None:
        """Put text in the editor without it counting as an edit."""
        editor = self.panel.editor
        editor.blockSignals(True)
        editor.setPlainText(text)
        editor.blockSignals(False)
        self.panel.count_words()
        self._check_length()

    def _check_length(self) -> str | None:
        """Show or hide the over-the-limit note; the note, if the answer is too long."""
        note = answer_over_cap(self.panel.answer_length())
        self.panel.show_limit(note)
        return note

    def focus_editor(self) -> None:
        """Put the cursor at the end of the answer, if it can be typed."""
        editor = self.panel.editor
        if not editor.isReadOnly():
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            editor.moveCursor(QTextCursor.MoveOperation.End)

    def resume(self) -> None:
        """Run the clocks of the open answer again."""
        if self.flow is not None and not self.flow.is_running:
            self.flow.resume()
            self.speech.resume()
            self.refresh_state()
            self.focus_editor()
            self.message.emit("The clock is running again. Ctrl+Return submits.")

    def toggle_pause(self) -> None:
        """Pause a running clock, or resume a paused one."""
        flow = self.flow
        if flow is None:
            return
        if self.speech.phase is SpeakPhase.TRANSCRIBING:
            self.message.emit("Transcribing: the clock is stopped until your text is back.")
            return
        if flow.is_running:
            flow.pause()
            self.speech.pause()
            self.refresh_state()
            self.save_requested.emit()
        else:
            self.resume()

    def peek(self) -> None:
        """Show the model answer before submitting, after asking; the attempt records it."""
        reveal = self.panel.reveal
        if self.flow is None or self.flow.timer is None or reveal.is_revealed:
            return
        answer = QMessageBox.question(
            self.dialog_parent,
            "Peek at the model answer?",
            "This answer will be marked as peeked in your history, the summary and the "
            "report.\n\nShow the model answer now?",
        )
        # The clock ran on while the question was open: hard mode may have submitted.
        flow = self.flow
        if answer != QMessageBox.StandardButton.Yes or flow is None or flow.timer is None:
            return
        flow.peek()
        reveal.set_revealed(True)
        self.refresh_state()
        self.save_requested.emit()  # the host saves the peek with the answer so far

    def submit(self, *, auto: bool = False) -> Attempt | None:
        """Stop the clock and store the answer; emits ``submitted`` with the stored attempt.

        An answer over ``MAX_ANSWER_CHARS`` is refused, never cut: it stays in the editor
        with the note saying what to trim. A hard time-up says so once and submits on the
        first tick after the answer is trimmed (the editor stays open meanwhile)."""
        flow = self.flow
        if flow is None or flow.timer is None:
            return None
        if self.speech.phase in (SpeakPhase.RECORDING, SpeakPhase.TRANSCRIBING):
            # Ctrl+Return (or a hard time-up) ends the recording; the transcript comes
            # to the editor, to be corrected and submitted (at once after a hard time-up).
            self._auto_submit_pending = self._auto_submit_pending or auto
            if self.speech.phase is SpeakPhase.RECORDING:
                flow.timer.hold()  # transcribing is not time spent answering
                self.speech.finish()
            return None
        note = self._check_length()
        if note is not None:
            if not auto:
                self.message.emit(note)
                QMessageBox.warning(self.dialog_parent, "Answer too long", note)
            elif not self._told_too_long:
                self._told_too_long = True
                self.message.emit("Time is up, but the answer is too long to save. " + note)
            return None
        self._told_too_long = False
        record = self.with_speech(flow.submit(self.answer_text(), auto=auto))
        stored = self.operations.write(
            lambda store: store.record_attempt(record), change=Change.ATTEMPT_STORED
        )
        if stored is None:
            flow.submit_failed()
            self.refresh_state()
            return None
        if stored.audio_file is not None:
            stored = after_stored(stored, self.operations, self.settings) or stored
        self.flow = None
        self._forget_speech()
        self.refresh_state()
        self.submitted.emit(stored)
        return stored

    def review(self, stored: Attempt, *, hints: bool = True) -> None:
        """Show the model answer for a submitted attempt, to tick key points and rate it."""
        self.assessed = stored
        data_dir = self.operations.workspace.data_dir
        audio = data_dir / stored.audio_file if data_dir and stored.audio_file else None
        self.delivery_view.show_attempt(stored.transcript, audio)
        reveal = self.panel.reveal
        reveal.set_revealed(True)
        reveal.set_assessable(True)
        question = self.question
        if hints and question is not None:
            check_answer(reveal, self.coverage, question, stored.answer)  # on a pool thread
        self.refresh_state()
        if stored.auto_submitted and self.panel.editor.hasFocus():
            # Time ran out mid-sentence: keys still being typed must not tick key points
            # or rate the answer. The editor keeps the focus and swallows them until the
            # user leaves it (Tab goes on to the checklist).
            self._swallow_typing = True
            self.message.emit("Time is up: your answer was saved. Press Tab to tick key points.")
        else:
            reveal.focus_checklist()

    def rate(self, rating: Rating) -> None:
        """Store the self-rating of the attempt under review."""
        if self.assessed is None:
            return
        attempt_id, now = self.assessed.id, self.clock.now()
        result: RatingResult | None = self.operations.write(
            lambda store: store.set_rating(attempt_id, rating, now), change=Change.RATED
        )
        if result is None:
            return
        self.assessed = result.attempt
        self.panel.reveal.set_rating(rating)
        self.rated.emit(result)
        self.assessed_changed.emit(result.attempt)

    def _on_key_points_changed(self, ticked: list[str]) -> None:
        if self.assessed is None:
            return
        attempt_id = self.assessed.id
        stored = self.operations.write(
            lambda store: store.set_key_points(attempt_id, ticked), change=Change.KEY_POINTS
        )
        if stored is not None:
            self.assessed = stored
            self.assessed_changed.emit(stored)

    def _on_text_changed(self) -> None:
        self._check_length()
        if self.flow is not None and not self.panel.editor.isReadOnly():
            self.text_edited.emit()

    # ------------------------------------------------------------------
    # clock and state
    # ------------------------------------------------------------------
    def refresh_clock(self) -> None:
        """Update the countdown; in hard mode, submit when time is up."""
        flow = self.flow
        timer = flow.timer if flow is not None else None
        if (
            flow is not None
            and timer is not None
            and timer.is_running
            and timer.is_expired
            and flow.time_up_mode == TimeUpMode.HARD
        ):
            self.submit(auto=True)
        else:
            self.refresh_countdown()
            if self.speech.phase is SpeakPhase.RECORDING:
                self._refresh_speak_bar()
        self.clock_ticked.emit()

    def refresh_countdown(self) -> None:
        """The countdown as things stand: the open answer's clock, or the attempt's result."""
        countdown = self.panel.countdown
        if self.flow is None and self.assessed is not None:
            countdown.show_result(self.assessed)
        else:
            countdown.show_timer(self.flow.timer if self.flow is not None else None)

    def refresh_state(self) -> None:
        """Editor, titles, actions and the clock from the answer's state."""
        flow = self.flow
        answering = flow is not None and flow.timer is not None
        running = self.is_running
        assessing = self.assessed is not None
        self._begin_speaking_if_due()
        phase = self.speech.phase
        speaking = phase in (SpeakPhase.RECORDING, SpeakPhase.TRANSCRIBING)
        editor = self.panel.editor
        editor.setReadOnly(not running or speaking)
        if phase is SpeakPhase.RECORDING:
            placeholder = RECORDING_PLACEHOLDER
        elif phase is SpeakPhase.TRANSCRIBING:
            placeholder = TRANSCRIBING_PLACEHOLDER
        elif running:
            placeholder = TYPING_PLACEHOLDER
        elif answering:
            placeholder = PAUSED_PLACEHOLDER
        elif self.speech.mode is AnswerMode.SPEAK and self.idle_placeholder == IDLE_PLACEHOLDER:
            placeholder = SPEAK_IDLE_PLACEHOLDER
        else:
            placeholder = self.idle_placeholder
        if editor.placeholderText() != placeholder:
            editor.setPlaceholderText(placeholder)
            editor.viewport().update()
        if assessing:
            title = "<b>Your answer</b> (submitted)"
        elif phase is SpeakPhase.TRANSCRIBING:
            title = "<b>Your answer</b> (transcribing; the clock is stopped)"
        elif flow is not None and not flow.is_running:
            title = "<b>Your answer</b> (paused)"
        else:
            title = "<b>Your answer</b>"
        self.panel.editor_title.setText(title)
        self.pause_action.setEnabled(flow is not None and phase is not SpeakPhase.TRANSCRIBING)
        self.pause_action.setText(
            "Resu&me"
            if flow is not None and not flow.is_running and phase is not SpeakPhase.TRANSCRIBING
            else "&Pause"
        )
        self.submit_action.setEnabled(answering)
        self.submit_action.setText("S&top recording" if speaking else "S&ubmit")
        self.peek_action.setEnabled(answering and not self.panel.reveal.is_revealed)
        for action in self.rate_actions.values():
            action.setEnabled(assessing)
        if assessing and self.assessed is not None:
            self.panel.reveal.set_ticked(self.assessed.key_points_ticked)
            self.panel.reveal.set_rating(self.assessed.rating)
        if flow is not None and flow.is_running:
            self._clock_timer.start()
        else:
            self._clock_timer.stop()
        if assessing:
            self.delivery_view.setVisible(self.delivery_view.has_figures)
        else:
            self.delivery_view.hide()
        self.refresh_countdown()
        self._refresh_speak_bar()
        self.state_changed.emit()

    # ------------------------------------------------------------------
    # Speak mode: Return records, Ctrl+Return stops and transcribes
    # ------------------------------------------------------------------
    def set_answer_mode(self, mode: AnswerMode) -> None:
        """Type or Speak for the next answer (remembered); Speak says why it can't, if so."""
        if self.speech.phase is not SpeakPhase.IDLE:
            self.message.emit("Finish this answer first; the next one can change how.")
        elif self.speech.set_mode(mode):
            self.message.emit(
                "Speak mode: Return starts recording, Ctrl+Return stops and transcribes."
                if mode is AnswerMode.SPEAK
                else "Type mode: type your answer."
            )
        else:
            QMessageBox.information(
                self.dialog_parent, "Speak mode is not available", self.speech.last_reason
            )
        self.refresh_state()

    def speech_settings_section(self) -> SettingsSection:
        """The Speak mode section of Settings (imported when Settings opens)."""
        from aipm_desktop.ui.speech.settings_section import SpeechSection

        return SpeechSection(self.settings, self.operations.workspace.data_dir)

    def _begin_speaking_if_due(self) -> None:
        """In Speak mode, the answer clock starting starts the recording (once an answer)."""
        flow, question = self.flow, self.question
        if (
            self.speech.mode is AnswerMode.SPEAK
            and self.speech.phase is SpeakPhase.IDLE
            and not self._typed_this_answer
            and flow is not None
            and flow.timer is not None
            and flow.is_running
            and question is not None
        ):
            self._typed_this_answer = True  # one try an answer: a failure leaves it typed
            if self.speech.begin(question.id, question.pack_id, question.prompt):
                self.message.emit("Recording. Ctrl+Return stops and transcribes your answer.")

    def take_up_recording(self, recording: Recording) -> bool:
        """The open answer's recording, left unfinished (a crash, a closed window), becomes
        its spoken answer again: its text goes into the editor (unless it is there
        already), and the stored attempt keeps its transcript and audio. False when no
        answer is open to take it."""
        flow = self.flow
        if flow is None or flow.timer is None or self.speech.phase is not SpeakPhase.IDLE:
            return False
        self._typed_this_answer = True  # no second recording for this answer
        self._taken_up = True
        self.speech.take_up(recording)
        self.refresh_state()
        return True

    def _on_transcribed(self, transcript: Transcript | None) -> None:
        if self.flow is not None and self.flow.timer is not None:
            self.flow.timer.release()  # the clock runs on while the text is corrected
        heard = transcript.text.strip() if transcript is not None else ""
        if heard and self._taken_up and heard in self.answer_text():
            self.message.emit("Your spoken answer is back. Correct it, then Ctrl+Return submits.")
        elif transcript is not None and heard:
            before = self.answer_text().rstrip()
            self.set_answer_text(f"{before} {heard}".strip())
            self.text_edited.emit()  # the host keeps it as a draft
            self.message.emit("Transcribed. Correct anything misheard, then Ctrl+Return submits.")
        elif transcript is not None:
            self.message.emit("No words were heard in the recording. Type your answer instead.")
        self.refresh_state()
        self.focus_editor()
        if self._auto_submit_pending:
            self.submit(auto=True)

    def with_speech(self, record: NewAttempt) -> NewAttempt:
        """A spoken answer's record keeps its transcript and recording."""
        recording = self.speech.recording
        if self.speech.phase is not SpeakPhase.CORRECTING or recording is None:
            return record
        return dataclasses.replace(
            record,
            answer_mode=AnswerMode.SPEAK,
            transcript=self.speech.transcript,
            audio_file=recording.relative_name,
        )

    def _forget_speech(self) -> None:
        self.speech.reset()
        self.delivery_view.stop()
        self._typed_this_answer = False
        self._auto_submit_pending = False
        self._taken_up = False

    def _refresh_speak_bar(self) -> None:
        bar, phase, flow = self.speak_bar, self.speech.phase, self.flow
        bar.set_mode(self.speech.mode)
        self.speak_action.setChecked(self.speech.mode is AnswerMode.SPEAK)
        bar.set_switch_enabled(phase is SpeakPhase.IDLE)
        if phase is SpeakPhase.RECORDING and flow is not None and flow.timer is not None:
            bar.show_recording(flow.timer.elapsed_seconds, paused=not flow.is_running)
        elif phase is SpeakPhase.TRANSCRIBING:
            bar.show_transcribing(bar.progress_bar.value() / 100)
        else:
            bar.show_idle()

    # ------------------------------------------------------------------
    # appearance: zoom, fonts, the hidden timer
    # ------------------------------------------------------------------
    def apply_appearance(self) -> None:
        """The editor's font, the text zoom and the hidden timer, from the settings."""
        self.panel.editor.setFont(reading_font(self.settings, self.panel.font()))
        # The model answer: the same size as the answer, in the app's font.
        self.panel.reveal.set_text_font(
            reading_font(self.settings, self.panel.font(), family=False)
        )
        self.hide_timer_action.setChecked(self.settings.timer_hidden)
        self.panel.countdown.set_timer_hidden(self.settings.timer_hidden)
        self.refresh_countdown()

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
        self.message.emit(f"Text zoom {self.settings.zoom_percent} %")

    def set_timer_hidden(self, hidden: bool) -> None:
        """Hide or show the countdown; the clock runs and is recorded either way."""
        self.settings.timer_hidden = hidden
        self.apply_appearance()
        self.message.emit(
            "The timer is hidden; your time is still recorded. Ctrl+T shows it."
            if hidden
            else "The timer is shown."
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+wheel over the answer panels zooms the way Ctrl+Plus/Minus do; after a hard
        time-up, the read-only editor swallows the keys still being typed."""
        if watched is self.panel.editor and self._swallow_typing:
            if event.type() == QEvent.Type.FocusOut:
                self._swallow_typing = False
            elif event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
                assert isinstance(event, QKeyEvent)
                plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
                if plain and event.text().strip():
                    event.accept()  # typed text: neither a shortcut nor a tick
                    return event.type() == QEvent.Type.KeyPress
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
