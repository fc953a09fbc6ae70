"""A spoken answer left unfinished in a mock session (a crash, a closed window) goes back
into that session when it is resumed, by keys in the real windows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.session import MockSession, Phase
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.wav_writer import WavWriter
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.recordings import Recording, new_recording, unfinished_recordings
from aipm_desktop.storage import Store
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.session.window import SessionWindow
from aipm_desktop.ui.speech import speak_mode
from aipm_desktop.ui.speech.engine import SpeechEngine
from aipm_desktop.ui.speech.speak_mode import SpeakPhase

from .conftest import WindowFactory
from .speech_fakes import SPOKEN, FakeTranscriber, fake_engine
from .test_sessions import hand_picked

CTRL = Qt.KeyboardModifier.ControlModifier


def leave_as_a_crash_does(data_dir: Path, clock: FakeClock) -> tuple[int, Recording]:
    """A spoken mock session killed mid-answer: its last snapshot (question 1 of 2, the
    answer clock running) and the recording with its note, the WAV header stale."""
    questions = {q.id: q for q in PackLibrary(data_dir).load().questions()}
    settings = hand_picked(2, answer_mode=AnswerMode.SPEAK)
    chosen = [questions[question_id] for question_id in settings.hand_picked]
    session = MockSession(clock, settings, chosen, default_limit_seconds=300)
    session.start()
    assert session.phase is Phase.ANSWERING
    started = session.started_at
    assert started is not None
    clock.advance(4)
    with Store.open(database_path(data_dir)) as store:
        session_id = store.create_session(started, settings.to_dict(), session.to_dict())
    question = chosen[0]
    recording = new_recording(
        data_dir, question.id, question.pack_id, clock.now(), session_id=session_id
    )
    writer = WavWriter(recording.path)
    writer.write(b"\x10\x00" * 16000 * 2 + b"\x20\x00" * 8000)  # 2.5 s; synced at 2 s
    writer._file.flush()  # type: ignore[union-attr]  # as a SIGKILL leaves it
    writer._file.close()  # type: ignore[union-attr]  # the process is gone: no header fix
    return session_id, recording


class Dialogs:
    """Answers the app's questions: Yes to resuming (unless told otherwise) and to
    transcribing; remembers each question's text by its title."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, resume: bool = True) -> None:
        self.asked: dict[str, str] = {}
        self.resume = resume
        monkeypatch.setattr(QMessageBox, "question", self.answer)

    def answer(self, parent: object, title: str, text: str, *args: object) -> object:
        self.asked[title] = text
        if title == "Resume your session?" and not self.resume:
            return QMessageBox.StandardButton.No
        return QMessageBox.StandardButton.Yes


def resumed_view(qtbot: QtBot, window: MainWindow) -> SessionWindow:
    qtbot.waitUntil(lambda: window.sessions.window is not None)
    view = window.sessions.window
    assert view is not None
    qtbot.waitExposed(view)
    view.activateWindow()  # the test's window factory activated the main window after it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)  # its keys work
    return view


def test_a_crashed_sessions_recording_is_transcribed_into_the_resumed_answer(
    qtbot: QtBot,
    open_window: WindowFactory,
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Resume: the text comes into the session's answer (not a free-practice draft);
    a second crash before submitting does not add it twice; the stored attempt keeps the
    transcript and the recording, as any spoken answer does."""
    transcriber = FakeTranscriber()
    monkeypatch.setattr(speak_mode, "installed_engine", lambda: fake_engine(transcriber))
    session_id, recording = leave_as_a_crash_does(data_dir, clock)
    dialogs = Dialogs(monkeypatch)

    window = open_window()
    view = resumed_view(qtbot, window)
    qtbot.waitUntil(lambda: view.editor.toPlainText() == SPOKEN.text)
    assert list(dialogs.asked) == ["Resume your session?"]  # not offered to free practice
    assert (
        "Your spoken answer to this question was left unfinished"
        in (dialogs.asked["Resume your session?"])
    )
    assert abs(transcriber.files[0][1] - 2.5) < 1e-9  # the file was repaired first
    assert view.loop.speech.phase is SpeakPhase.CORRECTING
    assert window.workspace.store.draft_for(recording.question_id) is None
    qtbot.waitUntil(lambda: view.session.item.answer == SPOKEN.text)  # the snapshot has it

    window.close()  # left again before submitting (as a crash after the snapshot)
    window.backups.finish_exit()  # as the app does: the exit backup is done before the end
    dialogs.asked.clear()
    window = open_window()
    view = resumed_view(qtbot, window)
    qtbot.waitUntil(lambda: view.loop.speech.phase is SpeakPhase.CORRECTING)
    assert view.editor.toPlainText() == SPOKEN.text  # once, not twice
    assert len(transcriber.files) == 1  # its note kept the transcript
    assert list(dialogs.asked) == ["Resume your session?"]

    qtbot.keyClick(view.editor, Qt.Key.Key_P, CTRL)  # carry on: the session came back paused
    qtbot.waitUntil(lambda: not view.editor.isReadOnly())
    qtbot.keyClicks(view.editor, " Corrected.")
    qtbot.keyClick(view.editor, Qt.Key.Key_Return, CTRL)

    (stored,) = window.workspace.store.session_attempts(session_id)
    assert stored.answer == SPOKEN.text + " Corrected."
    assert stored.answer_mode is AnswerMode.SPEAK
    assert stored.transcript == SPOKEN
    assert stored.audio_file == recording.relative_name
    assert not recording.note.exists()  # finished: never offered again
    assert recording.path.exists()
    assert unfinished_recordings(data_dir) == []


def test_a_recording_of_a_session_set_aside_goes_to_free_practice_and_says_so(
    qtbot: QtBot,
    open_window: WindowFactory,
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No to resuming: the session is set aside, and only then is its recording offered,
    its text going into the question's draft, as the dialog says."""
    transcriber = FakeTranscriber()
    monkeypatch.setattr(speak_mode, "installed_engine", lambda: fake_engine(transcriber))
    _, recording = leave_as_a_crash_does(data_dir, clock)
    dialogs = Dialogs(monkeypatch, resume=False)

    window = open_window()
    question_id = recording.question_id
    qtbot.waitUntil(lambda: window.workspace.store.draft_for(question_id) is not None)

    assert list(dialogs.asked) == ["Resume your session?", "Transcribe the unfinished recording?"]
    offer = dialogs.asked["Transcribe the unfinished recording?"]
    assert "made during a mock interview that can no longer be resumed" in offer
    assert "goes into that question's unfinished answer in free practice" in offer
    draft = window.workspace.store.draft_for(question_id)
    assert draft is not None
    assert draft.text == SPOKEN.text
    assert window.sessions.window is None
    assert "can no longer be resumed" in window.statusBar().currentMessage()
    assert not recording.note.exists()
    assert QApplication.activeModalWidget() is None


def test_ending_the_session_keeps_the_spoken_answer_with_its_recording(
    qtbot: QtBot,
    open_window: WindowFactory,
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """End session (Ctrl+Shift+E) stores the answer on screen: a spoken one keeps its
    transcript and recording there too."""
    transcriber = FakeTranscriber()
    monkeypatch.setattr(speak_mode, "installed_engine", lambda: fake_engine(transcriber))
    session_id, recording = leave_as_a_crash_does(data_dir, clock)
    Dialogs(monkeypatch)
    window = open_window()
    view = resumed_view(qtbot, window)
    qtbot.waitUntil(lambda: view.editor.toPlainText() == SPOKEN.text)

    qtbot.keyClick(view.editor, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)

    qtbot.waitUntil(lambda: window.sessions.summary is not None)
    (stored,) = window.workspace.store.session_attempts(session_id)
    assert stored.answer == SPOKEN.text
    assert stored.transcript == SPOKEN
    assert stored.audio_file == recording.relative_name
    assert not recording.note.exists()


def test_without_the_speech_part_the_resume_offer_keeps_the_recording_and_says_why(
    qtbot: QtBot,
    open_window: WindowFactory,
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No promise of text that cannot come: the dialog says the recording is kept and why
    it cannot be transcribed here; the recording stays for later."""
    missing = "Answering out loud needs the optional speech add-on, which is not installed."
    engine = SpeechEngine(lambda: missing, lambda: FakeTranscriber())
    monkeypatch.setattr(speak_mode, "installed_engine", lambda: engine)
    _session_id, recording = leave_as_a_crash_does(data_dir, clock)
    dialogs = Dialogs(monkeypatch, resume=False)

    window = open_window()
    qtbot.waitUntil(lambda: "Resume your session?" in dialogs.asked)
    offer = dialogs.asked["Resume your session?"]
    assert "puts its text back" not in offer
    assert "Its recording is kept, but it cannot be turned into text here" in offer
    assert missing in offer
    assert recording.path.exists()
    window.close()
