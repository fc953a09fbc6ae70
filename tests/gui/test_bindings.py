"""The Qt bindings keep Python's reference counts right (PySide6 6.12.0 did not)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 returned None without a new reference from every void method.
    # On Python 3.11 (where None is not immortal) the app then aborted with
    # "none_dealloc" after a few thousand calls, e.g. ~35 minutes of a running countdown.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("tick")
    assert sys.getrefcount(None) >= before - 10
