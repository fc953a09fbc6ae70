"""Issue 14, finding 6 in the GUI: File → Export uses the same guard as the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from aipm_desktop.ui.main.window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_export_into_the_backups_folder_is_refused(
    qtbot: QtBot, window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = data_dir / "backups"
    backups.mkdir(exist_ok=True)
    target = backups / "attempts.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text)
    )

    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_X, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(warnings))

    assert "part of your data folder" in warnings[0]
    assert not target.exists()
