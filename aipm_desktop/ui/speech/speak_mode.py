"""Speak mode's state for the one practice loop: record, transcribe, hand over the text.

The practice controller asks this object to start, pause, resume and finish a recording;
it writes the audio into the data folder (see :mod:`aipm_desktop.services.recordings`),
transcribes it on a pool thread with progress, and announces the transcript. It knows
nothing of questions beyond their id, and nothing of the store.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from aipm_desktop.core.clock import Clock
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.transcript import Transcript
from aipm_desktop.core.speech.wav_writer import repair
from aipm_desktop.services.recordings import Recording, keep_transcript, new_recording
from aipm_desktop.services.transcription import ProgressCallback, Transcriber
from aipm_desktop.ui.speech.engine import SpeechEngine

# Re-exported: where Speak mode and the resume offer get the engine (tests replace it here).
from aipm_desktop.ui.speech.engine import installed_engine as installed_engine
from aipm_desktop.ui.speech.recorder import MicrophoneRecorder, Recorder
from aipm_desktop.ui.widgets.background import run_in_background
from aipm_desktop.ui.widgets.settings import AppSettings


class SpeakPhase(Enum):
    """Where a spoken answer is: not begun, recording, being transcribed, or to correct."""

    IDLE = "idle"
    RECORDING = "recording"
    TRANSCRIBING = "transcribing"
    CORRECTING = "correcting"


class SpeakMode(QObject):
    """One spoken answer at a time.

    Signals:
        phase_changed(): recording started or stopped, transcription began or ended.
        level(float): the input level while recording (0.0 to 1.0).
        progress(float): the share of the audio transcribed so far (0.0 to 1.0).
        transcribed(object): the Transcript, or None when transcription failed.
        message(str): something to tell the user.
    """

    phase_changed = Signal()
    level = Signal(float)
    progress = Signal(float)
    transcribed = Signal(object)
    message = Signal(str)

    def __init__(
        self,
        *,
        settings: AppSettings,
        clock: Clock,
        data_dir: Callable[[], Path | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.clock = clock
        self._data_dir = data_dir
        self.engine: SpeechEngine = installed_engine()
        """Where the transcriber comes from (tests give their own)."""
        self.make_recorder: Callable[[], Recorder] = MicrophoneRecorder
        """Makes the recorder for each answer (tests give one that feeds a WAV file)."""
        self.phase = SpeakPhase.IDLE
        self.recording: Recording | None = None
        self.transcript: Transcript | None = None
        self.recorded_seconds = 0.0
        self._recorder: Recorder | None = None
        self._transcriber: Transcriber | None = None
        self._load_lock = threading.Lock()
        self.mode_override: AnswerMode | None = None
        """A mock session's answer mode, which the settings do not change."""
        self.session_id: int | None = None
        """The mock session whose answers these are: a recording's note says so, so that
        the session, resumed after a crash, takes the recording up again."""
        self.last_reason = ""
        """Why the last switch to Speak was refused."""

    # -- the switch ----------------------------------------------------------------------
    @property
    def mode(self) -> AnswerMode:
        """Type or Speak: a session's choice, else as remembered in the settings."""
        return self.mode_override or self.settings.answer_mode

    def unavailable_reason(self) -> str | None:
        """Why Speak mode can't be used here (no speech part, no microphone), or None."""
        reason = self.engine.unavailable_reason()
        if reason is None:
            reason = self.make_recorder().unavailable_reason()
        return reason

    def set_mode(self, mode: AnswerMode) -> bool:
        """Switch to ``mode`` (remembered); switching to Speak says why it can't, if so."""
        if mode is AnswerMode.SPEAK:
            reason = self.unavailable_reason()
            if reason is not None:
                self.last_reason = reason
                self.message.emit(reason)
                return False
        if self.mode_override is not None:
            self.mode_override = mode  # for the rest of the session only
        else:
            self.settings.answer_mode = mode
        return True

    # -- recording -----------------------------------------------------------------------
    def begin(self, question_id: str, pack_id: str, prompt: str = "") -> bool:
        """Start recording an answer to ``question_id`` (whose ``prompt`` the recording's
        note keeps, to say after a crash which answer it was); False (and why) if it can't."""
        data_dir = self._data_dir()
        if data_dir is None:
            self.message.emit("Speak mode needs a data folder to keep the recording in.")
            return False
        recorder = self.make_recorder()
        recorder.setParent(self)
        recorder.level.connect(self.level.emit)
        recorder.failed.connect(self._on_recorder_failed)
        try:
            recording = new_recording(
                data_dir,
                question_id,
                pack_id,
                self.clock.now(),
                session_id=self.session_id,
                prompt=prompt,
            )
        except OSError as error:
            self.message.emit(f"Could not make the recordings folder: {error}")
            return False
        if not recorder.start(recording.path):
            recording.note.unlink(missing_ok=True)
            recorder.deleteLater()
            return False
        self._recorder, self.recording = recorder, recording
        self.transcript, self.recorded_seconds = None, 0.0
        self._set_phase(SpeakPhase.RECORDING)
        return True

    def pause(self) -> None:
        if self._recorder is not None:
            self._recorder.pause()

    def resume(self) -> None:
        if self._recorder is not None:
            self._recorder.resume()

    def finish(self) -> None:
        """Stop recording and transcribe the audio on a pool thread."""
        recorder, recording = self._recorder, self.recording
        if recorder is None or recording is None:
            return
        self.recorded_seconds = recorder.stop()
        self._recorder = None
        recorder.deleteLater()
        self._transcribe_in_background(recording)

    def take_up(self, recording: Recording) -> None:
        """Carry on with a recording this answer left unfinished (a crash, a closed
        window): its transcript as its note keeps it, else transcribed now."""
        self.reset()
        self.recording = recording
        try:
            self.recorded_seconds = repair(recording.path)  # a crash left its sizes stale
        except (OSError, ValueError):
            self.recorded_seconds = 0.0
        if recording.transcript is not None:
            self.transcript = recording.transcript
            self._set_phase(SpeakPhase.CORRECTING)
            self.transcribed.emit(recording.transcript)
            return
        self._transcribe_in_background(recording)

    def _transcribe_in_background(self, recording: Recording) -> None:
        self._set_phase(SpeakPhase.TRANSCRIBING)
        self.progress.emit(0.0)
        run_in_background(
            lambda: self.transcribe_file(recording.path, self.progress.emit),
            self._on_transcribed,
            self._on_transcription_failed,
            self,
        )

    def transcribe_file(self, path: Path, progress: ProgressCallback | None = None) -> Transcript:
        """The transcript of ``path`` (loads the transcriber once); runs on a pool thread."""
        with self._load_lock:
            if self._transcriber is None:
                self._transcriber = self.engine.load()
            transcriber = self._transcriber
        return transcriber.transcribe(path, progress)

    def _on_transcribed(self, transcript: object) -> None:
        if self.phase is not SpeakPhase.TRANSCRIBING:
            return  # the answer was closed meanwhile
        assert isinstance(transcript, Transcript)
        self.transcript = transcript
        if self.recording is not None:
            with contextlib.suppress(OSError):  # its text goes in: never added twice
                self.recording = keep_transcript(self.recording, transcript)
        self._set_phase(SpeakPhase.CORRECTING)
        self.transcribed.emit(transcript)

    def _on_transcription_failed(self, error: str) -> None:
        if self.phase is not SpeakPhase.TRANSCRIBING:
            return
        self._set_phase(SpeakPhase.CORRECTING)
        self.message.emit(
            f"The recording could not be transcribed: {error}. It is kept; type your answer."
        )
        self.transcribed.emit(None)

    def _on_recorder_failed(self, text: str) -> None:
        self.message.emit(text)
        if self.phase is SpeakPhase.RECORDING:
            self.finish()  # what was recorded is still transcribed

    def reset(self) -> None:
        """Forget the answer (it was stored or left); a recording still going is stopped,
        and kept as unfinished, to be offered on the next start."""
        if self._recorder is not None:
            self._recorder.stop()
            self._recorder.deleteLater()
            self._recorder = None
        self.recording, self.transcript, self.recorded_seconds = None, None, 0.0
        self._set_phase(SpeakPhase.IDLE)

    def _set_phase(self, phase: SpeakPhase) -> None:
        if phase is not self.phase:
            self.phase = phase
            self.phase_changed.emit()
