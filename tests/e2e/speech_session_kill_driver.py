"""A spoken mock-interview answer in a process of its own, for test_speech_session_kill.py.

``python speech_session_kill_driver.py start DATA_DIR``: start a spoken two-question
session (a WAV file stands in for the microphone), record 2.5 s of the first answer and
print ``RECORDING`` once that audio is written and the session's snapshot stored, then
keep running until SIGKILL.

``python speech_session_kill_driver.py resume DATA_DIR``: start the app as a user would,
answer Yes to every question, wait for the transcript in the resumed answer, press
Ctrl+P and Ctrl+Return, and print what was asked and what was stored as one JSON line.
A stand-in transcriber (no model) returns a fixed text and notes each file's length.
"""

from __future__ import annotations

import json
import math
import os
import struct
import sys
import wave
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from aipm_desktop.core.clock import SystemClock
from aipm_desktop.core.session_settings import SelectionKind, SessionSettings
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.transcript import Transcript, Word
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.transcription import ProgressCallback
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.ui.app.application import create_application
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.speech import speak_mode
from aipm_desktop.ui.speech.engine import SpeechEngine
from aipm_desktop.ui.speech.recorder import WavFileRecorder
from aipm_desktop.ui.speech.speak_mode import SpeakPhase
from aipm_desktop.ui.widgets.settings import AppSettings

SPOKEN = Transcript("Precision first, then recall.", (Word("Precision", 0.2, 0.7),), 2.5)
CTRL = Qt.KeyboardModifier.ControlModifier


class StandIn:
    """Returns :data:`SPOKEN`; keeps each file's length in seconds."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def transcribe(self, audio: Path, progress: ProgressCallback | None = None) -> Transcript:
        with wave.open(str(audio), "rb") as opened:
            self.seconds.append(opened.getnframes() / opened.getframerate())
        return SPOKEN


def open_window(data_dir: Path, transcriber: StandIn) -> MainWindow:
    speak_mode.installed_engine = lambda: SpeechEngine(lambda: None, lambda: transcriber)
    questions = PackLibrary(data_dir).load().questions()
    window = MainWindow(
        workspace=Workspace.open(data_dir),
        questions=questions,
        clock=SystemClock(),
        settings=AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)),
    )
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    return window


def tone(path: Path, seconds: float) -> Path:
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(16000)
        audio.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / 16000)))
                for n in range(int(seconds * 16000))
            )
        )
    return path


def start(data_dir: Path) -> int:
    app = create_application()
    source = tone(data_dir.parent / "tone.wav", 4.0)
    recorders: list[WavFileRecorder] = []

    def make() -> WavFileRecorder:
        recorders.append(WavFileRecorder(source))
        return recorders[-1]

    speak_mode.MicrophoneRecorder = make  # type: ignore[misc,assignment]
    window = open_window(data_dir, StandIn())
    ids = tuple(q.id for q in window.sessions.questions[:2])
    settings = SessionSettings(
        selection=SelectionKind.HAND_PICKED, hand_picked=ids, answer_mode=AnswerMode.SPEAK
    )
    view = window.sessions.start_session(settings)
    assert view is not None
    QTest.qWaitForWindowExposed(view)
    assert view.loop.speech.phase is SpeakPhase.RECORDING
    recorders[-1].feed(2.5)  # written as it goes; the header is fixed only at the end
    view.saved.connect(lambda: print("RECORDING", flush=True))
    view.save_snapshot()
    return app.exec()  # until killed


def resume(data_dir: Path) -> int:
    app = create_application()
    asked: list[str] = []

    def answer(parent: object, title: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    QMessageBox.question = answer  # type: ignore[method-assign,assignment]
    transcriber = StandIn()
    window = open_window(data_dir, transcriber)

    def submit_when_back() -> None:
        view = window.sessions.window
        if view is None or view.loop.speech.phase is not SpeakPhase.CORRECTING:
            return
        poll.stop()
        shown = view.editor.toPlainText()
        view.activateWindow()
        QTest.keyClick(view.editor, Qt.Key.Key_P, CTRL)  # it came back paused
        QTest.keyClick(view.editor, Qt.Key.Key_Return, CTRL)
        session_id = view.session.session_id
        assert session_id is not None
        stored = window.workspace.store.session_attempts(session_id)
        print(
            json.dumps(
                {
                    "asked": asked,
                    "shown": shown,
                    "transcribed_seconds": transcriber.seconds,
                    "attempts": [
                        {
                            "answer": a.answer,
                            "mode": a.answer_mode.value,
                            "transcript": a.transcript.text if a.transcript else None,
                            "audio_file": a.audio_file,
                        }
                        for a in stored
                    ],
                    "notes_left": sorted(p.name for p in (data_dir / "audio").glob("*.json")),
                }
            ),
            flush=True,
        )
        app.quit()

    poll = QTimer()
    poll.timeout.connect(submit_when_back)
    poll.start(50)
    QTimer.singleShot(20000, app.quit)
    return app.exec()


if __name__ == "__main__":
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    mode, folder = sys.argv[1], Path(sys.argv[2])
    sys.exit(start(folder) if mode == "start" else resume(folder))
