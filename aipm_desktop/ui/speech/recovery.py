"""On start: a recording a crash left unfinished is offered for transcription, in one
dialog. Its transcript becomes (or is added to) the question's draft, so the answer
comes back the way a typed one does.

A recording made in a mock-interview session that can still be resumed is not offered
here: it waits for the session, which takes it up again when resumed (see
``SessionController.offer_resume``). If the session is set aside instead, or can no
longer be resumed, the recording is offered here, and the dialog says its text goes
into the question's draft in free practice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from aipm_desktop.core.clock import Clock
from aipm_desktop.core.records import Draft
from aipm_desktop.core.speech.transcript import Transcript
from aipm_desktop.core.speech.wav_writer import repair
from aipm_desktop.services.recordings import (
    Recording,
    finish_note,
    session_recording,
    unfinished_recordings,
)
from aipm_desktop.services.workspace import Change
from aipm_desktop.storage import Store
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.speech.speak_mode import SpeakMode
from aipm_desktop.ui.widgets.background import run_in_background


class RecordingRecovery(QObject):
    """Offers the recordings left unfinished; ``recovered(question_id, text)`` is called
    for each answer whose draft now ends with the transcript ``text``; ``message`` tells
    the user."""

    def __init__(
        self,
        speech: SpeakMode,
        operations: Operations,
        clock: Clock,
        *,
        window: QWidget,
        recovered: Callable[[str, str], None],
        message: Callable[[str], None],
        waiting_answer: Callable[[], tuple[int, str] | None] = lambda: None,
    ) -> None:
        """``waiting_answer``: the resumable session's open answer (session id, question
        id), whose left recording waits for the session instead of being offered here."""
        super().__init__(window)
        self._waiting_answer = waiting_answer
        self._offered: set[str] = set()
        """Recordings already offered in this run (asked about once)."""
        self._speech = speech
        self._operations = operations
        self._clock = clock
        self._window = window
        self._recovered = recovered
        self._message = message

    def offer(self) -> None:
        """Ask once about every recording left unfinished, and transcribe them if wanted
        (again after a session is set aside: its recording is offered then)."""
        data_dir = self._operations.workspace.data_dir
        left = unfinished_recordings(data_dir) if data_dir is not None else []
        waiting = self._waiting_answer() if left else None
        waits = session_recording(left, *waiting) if waiting is not None else None
        left = [r for r in left if r != waits and r.relative_name not in self._offered]
        if data_dir is None or not left:
            return
        self._offered.update(r.relative_name for r in left)
        reason = self._speech.engine.unavailable_reason()
        if reason is not None:
            self._message(f"A recording was left unfinished in {left[0].path.parent}. {reason}")
            return
        seconds = []
        for recording in left:
            try:
                seconds.append(repair(recording.path))
            except (OSError, ValueError):
                seconds.append(0.0)
        total = sum(seconds)
        answer = QMessageBox.question(
            self._window, "Transcribe the unfinished recording?", offer_text(left, total)
        )
        if answer != QMessageBox.StandardButton.Yes:
            for recording in left:
                finish_note(data_dir, recording.relative_name)
            self._message(
                f"The recording is kept in {left[0].path.parent}; it won't be offered again."
            )
            return
        for recording, length in zip(left, seconds, strict=True):
            run_in_background(
                lambda r=recording: self._speech.transcribe_file(r.path),  # type: ignore[misc]
                lambda result, r=recording, s=length: self._keep(r, s, result),  # type: ignore[misc]
                lambda error: self._message(f"The recording could not be transcribed: {error}"),
                self,
            )

    def _keep(self, recording: Recording, seconds: float, result: object) -> None:
        assert isinstance(result, Transcript)
        now = self._clock.now()

        def keep_as_draft(store: Store) -> bool:
            earlier = store.draft_for(recording.question_id)
            text = f"{earlier.text.rstrip()} {result.text.strip()}" if earlier else result.text
            if earlier is not None and result.text.strip() in earlier.text:
                text = earlier.text  # already there (it was transcribed before the crash)
            store.save_draft(
                Draft(
                    question_id=recording.question_id,
                    pack_id=earlier.pack_id if earlier else recording.pack_id,
                    text=text.strip(),
                    elapsed_seconds=earlier.elapsed_seconds if earlier else seconds,
                    started_at=earlier.started_at if earlier else recording.started_at,
                    updated_at=now,
                    revealed_before_submit=earlier.revealed_before_submit if earlier else False,
                    pause_count=earlier.pause_count if earlier else 0,
                    paused_seconds=earlier.paused_seconds if earlier else 0.0,
                )
            )
            return True

        if self._operations.write(keep_as_draft, change=Change.DRAFT):
            data_dir = self._operations.workspace.data_dir
            if data_dir is not None:
                finish_note(data_dir, recording.relative_name)
            self._recovered(recording.question_id, result.text.strip())  # then say so
            self._message(
                "The unfinished recording from the mock interview, which can no longer be "
                "resumed, was transcribed into its question's unfinished answer in free "
                "practice."
                if recording.in_session
                else "The unfinished recording was transcribed into its question's answer."
            )


PROMPT_SHOWN = 90
"""Characters of a question's prompt the dialog shows."""


def offer_text(left: list[Recording], total_seconds: float) -> str:
    """What the dialog asks, saying plainly where the text of each recording goes.

    The first line is the app's own: QMessageBox looks for markup in the first line
    only, so a prompt (pack text) further down is always shown as plain text.
    """
    count = len(left)
    in_session = sum(recording.in_session for recording in left)
    text = (
        f"{'A recording' if count == 1 else f'{count} recordings'} of a spoken answer "
        f"({total_seconds:.0f} s in all) was left when the app last closed without finishing "
        "it. The audio is kept in the data folder.\n\n"
    )
    prompt = _one_line(left[0].prompt) if count == 1 else ""
    if prompt:
        text += f"It was your answer to “{prompt}”. "
    text += "Transcribe it now? "
    if not in_session:
        return text + "The text goes into the question's unfinished answer, to correct and submit."
    which = "It was" if count == 1 else ("They were" if in_session == count else "Some were")
    return text + (
        f"{which} made during a mock interview that can no longer be resumed (it was "
        "finished or set aside), so the text goes into that question's unfinished answer in "
        "free practice: select the question in the list to correct and submit it there."
    )


def _one_line(text: str) -> str:
    """``text`` on one line, cut at :data:`PROMPT_SHOWN` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= PROMPT_SHOWN else flat[: PROMPT_SHOWN - 1].rstrip() + "…"
