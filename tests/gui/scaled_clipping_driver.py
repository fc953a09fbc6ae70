"""Run in a subprocess by test_clipping.py: the main window, a dialog and message boxes
at the scale the environment sets (QT_SCALE_FACTOR), printing what is cut short as JSON.

Usage: python -m tests.gui.scaled_clipping_driver DATA_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store
from aipm_desktop.ui.main.settings_dialog import SettingsDialog
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.settings import AppSettings
from tests.gui.layout_checks import clipped_in_modal, clipped_widgets


def main(data_dir: Path) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))
    library = PackLibrary(data_dir)
    clock = FakeClock()
    problems: dict[str, object] = {}
    with Store.open(database_path(data_dir)) as store:
        window = MainWindow(
            workspace=Workspace(store, library=library),
            questions=library.load().questions(),
            clock=clock,
            settings=settings,
            offer_session_resume=False,
        )
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        problems["main window, idle"] = clipped_widgets(window)
        window.start_or_resume()
        problems["peek question"] = clipped_in_modal(window.loop.peek)
        window.loop.panel.editor.setPlainText("Precision and recall trade off.")
        clock.advance(60)
        window.loop.submit()
        problems["main window, revealed"] = clipped_widgets(window)
        problems["about"] = clipped_in_modal(window.help.show_about)
        problems["warning"] = clipped_in_modal(
            lambda: QMessageBox.warning(
                window, "Could not export", "The report could not be saved to /nowhere/report.pdf"
            )
        )
        dialog = SettingsDialog(settings, data_dir, window)
        problems["settings"] = clipped_in_modal(dialog.exec)
        ratio = window.devicePixelRatio()
        window.close()
    return {"device_pixel_ratio": ratio, "problems": problems}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
