"""Answer a question out loud through the real recorder, in a process of its own.

Run with the environment of a sound server (see sound_server.py). By keys, as a user:
Ctrl+Shift+V switches to Speak and Return starts the recording (the real
``MicrophoneRecorder``: QAudioSource on the default input). Then:

``python microphone_driver.py answer DATA_DIR CLIP.wav PLAY_COMMAND...`` (a default source
that hears what PLAY_COMMAND plays): the clip is played once a second of audio has
reached the file, the UI thread is kept busy for 1.5 s four seconds into it (as a slow
step of the app would), Ctrl+Return stops once another second has come after the clip, and,
when the real transcriber has put the text in the editor, Ctrl+Return submits. Prints
one JSON line: the stored attempt, the recording's length, what the app said, and the
highest input level seen.

``python microphone_driver.py stall DATA_DIR`` (a source that only trickles): waits for
the recorder to end the recording on its own and prints what the app said, the seconds
recorded and the seconds it took.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from aipm_desktop.core.clock import SystemClock
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.speech.wav_writer import HEADER_BYTES, SAMPLE_BYTES, SAMPLE_RATE
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.ui.app.application import create_application
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.speech.speak_mode import SpeakPhase
from aipm_desktop.ui.widgets.settings import AppSettings

CTRL = Qt.KeyboardModifier.ControlModifier
SECOND_BYTES = SAMPLE_RATE * SAMPLE_BYTES
TIMEOUT_SECONDS = 120.0
BUSY_SECONDS = 1.5
"""How long the UI thread is kept busy in the middle of the clip."""


def wait_until(what: str, condition: Callable[[], bool], said: list[str]) -> None:
    """Process events until ``condition`` holds; exit 1 saying ``what`` if it never does."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            print(json.dumps({"error": f"timed out waiting for {what}", "said": said}))
            sys.exit(1)
        QTest.qWait(20)


def main() -> int:
    mode, data_dir = sys.argv[1], Path(sys.argv[2])
    app = create_application()
    said: list[str] = []
    QMessageBox.information = lambda _parent, _title, text, *a: said.append(text)  # type: ignore[method-assign,assignment,misc]
    window = MainWindow(
        workspace=Workspace.open(data_dir),
        questions=PackLibrary(data_dir).load().questions(),
        clock=SystemClock(),
        settings=AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)),
    )
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    speech = window.loop.speech
    speech.message.connect(said.append)
    levels: list[float] = [0.0]
    speech.level.connect(levels.append)
    view = window.question_list.question_view
    QTest.keyClick(view, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    if speech.mode is not AnswerMode.SPEAK:
        print(json.dumps({"error": "Speak mode was refused", "said": said}))
        return 1
    QTest.keyClick(view, Qt.Key.Key_Return)
    recording = speech.recording
    if speech.phase is not SpeakPhase.RECORDING or recording is None:
        print(json.dumps({"error": "the recording did not start", "said": said}))
        return 1

    if mode == "stall":
        stall(window, said)
    else:
        answer(window, recording.path, Path(sys.argv[3]), sys.argv[4:], said, levels)
    window.close()  # and end as the app does: the backup on exit, then the workers
    window.backups.finish_exit()
    QThreadPool.globalInstance().waitForDone()
    window.workspace.close()
    app.quit()
    return 0


def stall(window: MainWindow, said: list[str]) -> None:
    """Wait for the recorder to give up on its input, and print what happened."""
    speech, started = window.loop.speech, time.monotonic()
    wait_until("the recording to end", lambda: speech.phase is not SpeakPhase.RECORDING, said)
    print(
        json.dumps(
            {
                "said": said,
                "recorded_seconds": speech.recorded_seconds,
                "ended_after_seconds": time.monotonic() - started,
            }
        ),
        flush=True,
    )


def answer(
    window: MainWindow,
    path: Path,
    clip: Path,
    play: list[str],
    said: list[str],
    levels: list[float],
) -> None:
    """Play ``clip`` into the recording, stop, submit the transcript; print the result."""
    speech = window.loop.speech
    question = window.current_question
    assert question is not None

    def recorded_bytes() -> int:
        return path.stat().st_size - HEADER_BYTES

    wait_until("the first second of audio", lambda: recorded_bytes() >= SECOND_BYTES, said)
    clip_at, first_second_at = recorded_bytes() / SECOND_BYTES, time.monotonic()
    player = subprocess.Popen([*play, str(clip)])
    mid_clip = recorded_bytes() + 4 * SECOND_BYTES
    wait_until("four seconds of the clip", lambda: recorded_bytes() >= mid_clip, said)
    time.sleep(BUSY_SECONDS)  # the UI thread busy (no clock is waited for): no read meanwhile
    wait_until("the clip to be played", lambda: player.poll() is not None, said)
    after_clip = recorded_bytes() + SECOND_BYTES
    wait_until("a second of audio after the clip", lambda: recorded_bytes() >= after_clip, said)
    stopped_at = time.monotonic()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)  # stop
    editor = window.practice.editor
    wait_until("the transcript", lambda: speech.phase is SpeakPhase.CORRECTING, said)
    transcript, recorded_seconds = speech.transcript, speech.recorded_seconds
    QTest.keyClick(editor, Qt.Key.Key_Return, CTRL)  # submit
    stored = window.workspace.store.attempts_for(question.id)
    print(
        json.dumps(
            {
                "player_exit": player.returncode,
                "recorded_seconds": recorded_seconds,
                "clip_played_after_seconds": clip_at,
                "busy_seconds": BUSY_SECONDS,
                "audio_after_first_second": recorded_seconds - clip_at,
                "time_after_first_second": stopped_at - first_second_at,
                "transcript": None if transcript is None else transcript.text,
                "attempts": [
                    {
                        "answer": attempt.answer,
                        "answer_mode": attempt.answer_mode.value,
                        "transcript": attempt.transcript and attempt.transcript.text,
                        "audio_file": attempt.audio_file,
                    }
                    for attempt in stored
                ],
                "said": said,
                "peak_level": max(levels),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
