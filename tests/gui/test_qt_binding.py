"""The Qt binding itself must not break long sessions.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every call of a
Qt method that returns nothing. The countdown alone makes such calls several
times a second, so after some minutes of practice ``None`` is deallocated and
the interpreter aborts. (Python 3.12 made ``None`` immortal, so it is safe
there.) pyproject.toml excludes that release; this test catches a return.
"""

from __future__ import annotations

import sys

import pytest
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.timer import AnswerTimer
from aipm_desktop.ui.countdown_label import CountdownLabel

CALLS = 2000


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_countdown_updates_keep_the_reference_count_of_none(qtbot: QtBot) -> None:
    label = CountdownLabel()
    qtbot.addWidget(label)
    clock = FakeClock()
    timer = AnswerTimer(clock, 600)
    timer.start()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        clock.advance(0.2)
        label.show_timer(timer)
        label.setVisible(True)
    assert sys.getrefcount(None) > before - CALLS // 10
