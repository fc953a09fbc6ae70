"""Start the GUI: the QApplication, the store, the question bank and the main window."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from aipm_desktop import APP_NAME, __version__
from aipm_desktop.core.clock import SystemClock
from aipm_desktop.pack_cache import ValidatedPackCache, validated_packs_path
from aipm_desktop.paths import (
    database_path,
    is_data_dir_overridden,
    resolve_data_dir,
    set_application_names,
    settings_path,
)
from aipm_desktop.question_bank import all_questions, load_question_bank, user_pack_files
from aipm_desktop.storage import Store, StoreError
from aipm_desktop.ui.main_window import MainWindow
from aipm_desktop.ui.settings import AppSettings, open_qsettings

HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal"})
"""Qt platforms with no screen: a modal dialog there would wait forever."""


def create_application() -> QApplication:
    """The QApplication, named before anything asks Qt for paths or settings."""
    set_application_names()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def run_gui(
    *, data_dir_option: str | None, exit_when_ready: bool, environ: Mapping[str, str]
) -> int:
    """Show the main window until the user quits; returns the exit code."""
    app = create_application()
    data_dir = resolve_data_dir(data_dir_option, environ)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        store = Store.open(database_path(data_dir))
    except (StoreError, OSError) as error:
        message = f"{error}\n\nData folder: {data_dir}"
        print(f"{APP_NAME} cannot open your data: {message}", file=sys.stderr)
        if not exit_when_ready and app.platformName() not in HEADLESS_PLATFORMS:
            QMessageBox.critical(None, f"{APP_NAME} cannot open your data", message)
        return 1
    overridden = is_data_dir_overridden(data_dir_option, environ)
    ini_file = settings_path(data_dir) if overridden else None
    validated = ValidatedPackCache(validated_packs_path(data_dir))
    bank = load_question_bank(extra_files=user_pack_files(data_dir), validated=validated)
    validated.save()
    window = MainWindow(
        store=store,
        questions=all_questions(bank),
        clock=SystemClock(),
        settings=AppSettings(open_qsettings(ini_file)),
        pack_problems=bank.problems,
        stats_in_background=True,
    )
    if exit_when_ready:
        window.ready.connect(app.quit)
    window.show()
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()  # e.g. the history read, before closing
        store.close()
