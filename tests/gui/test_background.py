"""Work on a pool thread hands its result to the UI thread, or to nobody once the waiter is gone."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from aipm_desktop.ui.widgets.background import run_in_background


def test_the_result_arrives_on_the_ui_thread(qtbot: QtBot) -> None:
    waiter = QWidget()
    qtbot.addWidget(waiter)
    delivered: list[tuple[object, bool]] = []

    def done(result: object) -> None:
        delivered.append((result, threading.current_thread() is threading.main_thread()))

    run_in_background(lambda: 42, done, print, waiter)
    qtbot.waitUntil(lambda: bool(delivered))
    assert delivered == [(42, True)]


def test_a_failure_is_a_message_on_the_ui_thread(qtbot: QtBot) -> None:
    waiter = QWidget()
    qtbot.addWidget(waiter)
    messages: list[str] = []

    def fail() -> object:
        raise OSError("disk unplugged")

    run_in_background(fail, print, messages.append, waiter)
    qtbot.waitUntil(lambda: messages == ["disk unplugged"])


def test_a_result_for_a_deleted_window_is_dropped_without_harm(qtbot: QtBot) -> None:
    waiter = QWidget()
    release = threading.Event()
    delivered: list[object] = []
    pool = QThreadPool()

    def slow() -> object:
        release.wait(10)
        return "late"

    relay = run_in_background(slow, delivered.append, delivered.append, waiter, pool)
    shiboken6.delete(waiter)  # the window closes while the work runs
    release.set()
    assert pool.waitForDone(10_000)
    # The result reaches the UI thread, finds no window, and the relay is deleted.
    qtbot.waitUntil(lambda: not shiboken6.isValid(relay))
    assert delivered == []
