"""Start the GUI: the QApplication, the store, the question bank and the main window."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from aipm_desktop import APP_NAME, __version__
from aipm_desktop.core.clock import SystemClock
from aipm_desktop.services.pack_cache import HeldPackCache, validated_packs_path
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import (
    is_data_dir_overridden,
    resolve_data_dir,
    settings_path,
)
from aipm_desktop.services.startup_trace import READY_STAGE, TRACE
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage.sound_check import EarlySoundCheck
from aipm_desktop.ui.app.data_dir import platform_data_dir, set_application_names
from aipm_desktop.ui.app.parallel import Parallel
from aipm_desktop.ui.app.single_instance import SingleInstance
from aipm_desktop.ui.app.startup import (
    CannotOpenDataError,
    RecoveryDialog,
    default_choice,
    open_data,
)
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.icons import ICON_NAME, app_icon
from aipm_desktop.ui.widgets.settings import AppSettings, open_qsettings

HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal"})
"""Qt platforms with no screen: a modal dialog there would wait forever."""


def create_application() -> QApplication:
    """The QApplication, named before anything asks Qt for paths or settings."""
    set_application_names()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    # Wayland finds the menu entry, and so the icon, by this name (aipm-desktop.desktop).
    app.setDesktopFileName(ICON_NAME)
    return app


def run_gui(
    *,
    data_dir_option: str | None,
    exit_when_ready: bool,
    environ: Mapping[str, str],
    early_check: EarlySoundCheck | None = None,
) -> int:
    """Show the main window until the user quits; returns the exit code.

    ``early_check`` is the data file's check, if the caller started it already.
    """
    app = create_application()
    TRACE.mark("Qt application")
    data_dir = resolve_data_dir(data_dir_option, environ, platform_data_dir)
    interactive = not exit_when_ready and app.platformName() not in HEADLESS_PLATFORMS
    if not qt_can_name(data_dir):
        message = (
            f"The data folder's path is not valid UTF-8 text, which Qt cannot use: "
            f"{str(data_dir)!a}. Nothing was changed. Start {APP_NAME} with "
            "--data-dir and a folder whose name is plain text."
        )
        print(f"{APP_NAME}: {message}", file=sys.stderr)
        if interactive:
            QMessageBox.critical(None, f"{APP_NAME} cannot use this data folder", message)
        return 1
    with contextlib.suppress(OSError):  # opening the data reports a folder it cannot make
        data_dir.mkdir(parents=True, exist_ok=True)
    instance = SingleInstance(data_dir)
    if not instance.acquire():
        return _hand_over_to_running_app(instance, data_dir, interactive)
    try:
        return _run_window(
            app, instance, data_dir, data_dir_option, exit_when_ready, environ, early_check
        )
    finally:
        instance.release()


def qt_can_name(path: Path) -> bool:
    """True when ``path`` is valid text, so Qt's files (lock, settings) land in that folder."""
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _hand_over_to_running_app(instance: SingleInstance, data_dir: Path, interactive: bool) -> int:
    if instance.ask_first_to_activate():
        print(
            f"{APP_NAME} is already running on {data_dir}; its window was brought to the front.",
            file=sys.stderr,
        )
        return 0
    pid = instance.holder_pid()
    message = (
        f"{APP_NAME} is already running on this data folder (process {pid}), but it did not "
        f"answer. Only one copy may write to the folder at a time.\n\nData folder: {data_dir}"
    )
    print(message, file=sys.stderr)
    if interactive:
        QMessageBox.information(None, f"{APP_NAME} is already running", message)
    return 1


def _run_window(
    app: QApplication,
    instance: SingleInstance,
    data_dir: Path,
    data_dir_option: str | None,
    exit_when_ready: bool,
    environ: Mapping[str, str],
    early_check: EarlySoundCheck | None,
) -> int:
    interactive = not exit_when_ready and app.platformName() not in HEADLESS_PLATFORMS
    clock = SystemClock()
    validated = HeldPackCache(validated_packs_path(data_dir))
    library = PackLibrary(data_dir, validated=validated)
    # The packs are read (plain Python) while SQLite checks the data file (no Python,
    # outside the interpreter lock), so the two overlap. The check, the recovery
    # dialog and every write to the data file stay on this thread, in the same order
    # as before; the packs' validation cache is written only once the data opened.
    loading = Parallel(library.load, name="read question packs")
    try:
        opened = open_data(
            data_dir,
            now=clock.now,
            ask=RecoveryDialog.ask if interactive else default_choice,
            early_check=early_check,
        )
    except CannotOpenDataError as error:
        message = f"{error}\n\nData folder: {data_dir}"
        print(f"{APP_NAME} cannot open your data: {message}", file=sys.stderr)
        if interactive:
            QMessageBox.critical(None, f"{APP_NAME} cannot open your data", message)
        return 1
    TRACE.mark("store open")
    workspace = Workspace(opened.store, library=library)
    if opened.notice:
        print(f"{APP_NAME}: {opened.notice}", file=sys.stderr)
    overridden = is_data_dir_overridden(data_dir_option, environ)
    ini_file = settings_path(data_dir) if overridden else None
    contents = loading.result()
    validated.release()
    TRACE.mark("packs loaded (waited)")
    window = MainWindow(
        workspace=workspace,
        questions=contents.questions(),
        clock=clock,
        settings=AppSettings(open_qsettings(ini_file)),
        pack_problems=contents.problems,
        offer_session_resume=not exit_when_ready,
        welcome_on_first_run=interactive,
        stats_in_background=True,
        snapshots_on_idle=True,
    )
    TRACE.mark("window built")
    instance.activation_requested.connect(window.bring_to_front)
    if opened.notice:
        window.statusBar().showMessage(opened.notice)
    if exit_when_ready:
        window.ready.connect(app.quit)
    window.show()
    TRACE.mark("window shown")
    if TRACE.enabled:
        window.ready.connect(lambda: TRACE.mark(READY_STAGE))
        window.stats_loaded.connect(lambda: TRACE.mark("list statistics filled"))
    try:
        return app.exec()
    finally:
        window.backups.finish_exit()  # the backup on exit, started as the window closed
        QThreadPool.globalInstance().waitForDone()  # e.g. the history read, before closing
        workspace.close()
