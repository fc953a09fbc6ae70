"""Issue 15: no text is cut short in message boxes, nor at 200 % scaling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from aipm_desktop.ui.main.window import MainWindow

from .layout_checks import clipped_in_modal, clipped_widgets

SCALED_SCREEN = {
    "screens": [
        {
            "name": "offscreen",
            "x": 0,
            "y": 0,
            "width": 3840,
            "height": 2160,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ]
}
"""A 4K screen: at QT_SCALE_FACTOR=2 the window has 1920×1080 logical pixels."""
SIZE_HINTS_WARNING = "This plugin does not support propagateSizeHints"
"""The offscreen platform says so when a message box or a fixed size sets size hints."""


@pytest.mark.qt_log_ignore(SIZE_HINTS_WARNING)
def test_a_word_wrapped_label_without_the_height_it_needs_is_found(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    label = QLabel("A long message that wraps onto several lines in a narrow box. " * 4)
    label.setWordWrap(True)
    QVBoxLayout(box).addWidget(label)
    box.show()
    qtbot.waitExposed(box)
    assert clipped_widgets(box) == []
    label.setFixedHeight(label.fontMetrics().height())  # one line for four
    found = clipped_widgets(box)
    assert len(found) == 1
    assert found[0].startswith("QLabel 'A long message")


@pytest.mark.qt_log_ignore(SIZE_HINTS_WARNING)
def test_message_boxes_show_all_their_text(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1280, 800)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    assert clipped_in_modal(window.loop.peek) == []  # "Peek at the model answer?"
    assert window.loop.flow is not None  # Escape said no
    assert not window.practice.reveal.is_revealed
    assert clipped_in_modal(window.help.show_about) == []
    long_path = "/home/someone/" + "a-long-folder-name/" * 6 + "report.pdf"
    assert (
        clipped_in_modal(
            lambda: QMessageBox.warning(
                window, "Could not export", f"The report could not be saved to {long_path}"
            )
        )
        == []
    )


def test_nothing_is_cut_short_at_200_percent(tmp_path: Path, repo_root: Path) -> None:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps(SCALED_SCREEN))
    data = tmp_path / "data"
    data.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        "QT_SCALE_FACTOR": "2",
        "AIPM_DATA_DIR": str(data),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.gui.scaled_clipping_driver", str(data)],
        cwd=repo_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["device_pixel_ratio"] == 2
    problems = report["problems"]
    assert set(problems) == {
        "main window, idle",
        "peek question",
        "main window, revealed",
        "about",
        "warning",
        "settings",
    }
    assert all(found == [] for found in problems.values()), problems
