"""Past attempts from the main window: the history panel, reading and comparing past
answers, the History and Statistics windows, and exporting every attempt.

It needs only a small host (see :class:`HistoryHost`), never the main window itself.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from aipm_desktop.core.atomic_file import write_atomically
from aipm_desktop.core.clock import Clock
from aipm_desktop.core.export import ExportFormat, format_for_path, write_export
from aipm_desktop.core.history import HistoryTable, history_table
from aipm_desktop.core.questions import Question
from aipm_desktop.services.pack_history import known_prompts, question_as_attempted
from aipm_desktop.services.write_targets import check_write_target
from aipm_desktop.storage.export_rows import export_rows
from aipm_desktop.storage.store import attempt_summaries
from aipm_desktop.ui.history.panel import AttemptDialog, HistoryPanel
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.widgets.background import collector_paused
from aipm_desktop.ui.widgets.reading_font import reading_font
from aipm_desktop.ui.widgets.settings import AppSettings
from aipm_desktop.ui.widgets.windows import bring_to_front

if TYPE_CHECKING:
    from sqlite_utils import Database

    # Windows are imported where they are first opened, not at start-up.
    from aipm_desktop.core.stats import Dashboard
    from aipm_desktop.ui.history.dashboard import DashboardWindow
    from aipm_desktop.ui.history.window import HistoryWindow


PANEL_ROWS = 200
"""The panel under the list shows at most this many of a question's newest attempts."""


class HistoryHost(Protocol):
    """What the history feature needs from the window it lives in."""

    clock: Clock
    questions_by_id: dict[str, Question]
    settings: AppSettings

    @property
    def current_question(self) -> Question | None:
        """The question selected for practice, if any."""


class HistoryFeature(QObject):
    """The selected question's history, past answers, comparisons, charts and export.

    Signals:
        exported(str): every attempt was exported to this file.
        message(str): something to show in the status bar.
        practise_requested(str): the user chose this question (by id) to practise now.
    """

    exported = Signal(str)
    message = Signal(str)
    practise_requested = Signal(str)

    def __init__(self, host: HistoryHost, *, operations: Operations, window: QWidget) -> None:
        super().__init__(window)
        self._host = host
        self._operations = operations
        self._window = window
        self.panel = HistoryPanel()
        self.panel.open_requested.connect(self.open_attempt)
        self.history_window: HistoryWindow | None = None
        self.dashboard_window: DashboardWindow | None = None

    # -- the panel under the list --------------------------------------------
    def refresh(self) -> None:
        """Show the current question's newest attempts in the panel (at most
        ``PANEL_ROWS``: a question with thousands must not slow each selection; the
        History window lists them all)."""
        question = self._host.current_question
        read = (
            self._operations.read(
                lambda store: (
                    store.attempts_for(question.id, limit=PANEL_ROWS),
                    store.attempt_count_for(question.id),
                )
            )
            if question
            else None
        )
        attempts, total = read or ([], 0)
        self.panel.set_attempts(attempts, total=total)

    def refresh_windows(self) -> None:
        """The open History and Statistics windows follow the attempts."""
        if self.history_window is not None and self.history_window.isVisible():
            self._load_history_window()
        if self.dashboard_window is not None and self.dashboard_window.isVisible():
            self.dashboard_window.refresh()

    def open_selected_attempt(self) -> None:
        """Open the past attempt selected in the panel."""
        index = self.panel.view.currentIndex()
        if index.isValid():
            self.open_attempt(index.row())

    def open_attempt(self, row: int) -> None:
        """Show a past answer beside the model answer (as the question read then)."""
        question = self._host.current_question
        if question is None or not 0 <= row < self.panel.model.rowCount():
            return
        attempt = self.panel.model.attempt(row)
        then = (
            self._operations.read(lambda store: question_as_attempted(store, question, attempt))
            or question
        )
        AttemptDialog(
            attempt,
            then.prompt,
            then.model_answer,
            self._window,
            key_points=then.key_points,
            data_dir=self._operations.workspace.data_dir,
        ).open()

    def compare_selected_attempt(self) -> None:
        """Compare the selected past answer (or the latest) with the attempt before it."""
        model = self.panel.model
        if model.rowCount() < 2:
            self.message.emit("Answer this question at least twice to compare your attempts.")
            return
        index = self.panel.view.currentIndex()
        row = index.row() if index.isValid() else 0
        if row + 1 >= model.rowCount():
            row = model.rowCount() - 2
        newer, older = model.attempt(row), model.attempt(row + 1)
        self.compare_attempts(older.id, newer.id)

    def compare_attempts(self, older_id: int, newer_id: int) -> None:
        """Show two stored attempts side by side with the differences highlighted."""
        pair = self._operations.read(
            lambda store: (store.attempt(older_id), store.attempt(newer_id))
        )
        if pair is None:
            return
        older, newer = pair
        question = self._host.questions_by_id.get(newer.question_id)
        prompt = question.prompt if question else newer.question_id
        if older.question_id != newer.question_id:
            prompt += " — compared with another question's attempt"
        from aipm_desktop.ui.history.compare_dialog import CompareDialog

        font = reading_font(self._host.settings, QApplication.font())
        CompareDialog(older, newer, prompt, self._dialog_parent(), text_font=font).open()

    def open_attempt_by_id(self, attempt_id: int) -> None:
        """Read any stored attempt beside its question's model answer."""
        attempt = self._operations.read(lambda store: store.attempt(attempt_id))
        if attempt is None:
            return
        question = self._host.questions_by_id.get(attempt.question_id)
        prompt = question.prompt if question else attempt.question_id
        model_answer = (
            question.model_answer
            if question
            else "*This question is no longer in any loaded pack.*"
        )
        key_points = question.key_points if question else ()
        AttemptDialog(
            attempt,
            prompt,
            model_answer,
            self._dialog_parent(),
            key_points=key_points,
            data_dir=self._operations.workspace.data_dir,
        ).open()

    def _dialog_parent(self) -> QWidget:
        window = self.history_window
        return window if window is not None and window.isActiveWindow() else self._window

    # -- the History and Statistics windows ------------------------------------
    def show_history(self) -> None:
        """Open the list of every attempt."""
        if self.history_window is None:
            from aipm_desktop.ui.history.window import HistoryWindow

            window = HistoryWindow(
                self._host.questions_by_id,
                self._load_history_window,
                self._host.clock.now().astimezone().date(),
                self._window,
            )
            window.open_requested.connect(self.open_attempt_by_id)
            window.compare_requested.connect(self.compare_attempts)
            self.history_window = window
        bring_to_front(self.history_window)
        self._load_history_window()

    def _load_history_window(self) -> None:
        window = self.history_window
        if window is None:
            return
        window.status.setText("Loading…")
        questions = self._host.questions_by_id

        def read(db: Database) -> HistoryTable:
            with collector_paused():  # a million rows: see collector_paused
                return history_table(attempt_summaries(db), questions)

        self._operations.read_in_background(
            read,
            window.set_table,
            lambda message: window.status.setText(f"Could not read your history: {message}"),
            window,
        )

    def show_statistics(self) -> None:
        """Open the statistics dashboard (QtCharts loads now, not at start-up)."""
        if self.dashboard_window is None:
            from aipm_desktop.ui.history.dashboard import DashboardWindow

            self.dashboard_window = DashboardWindow(
                self._compute_dashboard,
                background=self._operations.workspace.data_file is not None,
                parent=self._window,
            )
            self.dashboard_window.practise_requested.connect(self.practise_requested.emit)
        bring_to_front(self.dashboard_window)
        self.dashboard_window.refresh()

    def _compute_dashboard(self, range_days: int) -> Dashboard:
        """The dashboard's numbers; runs on a pool thread for a data file."""
        from aipm_desktop.storage.stats import compute_dashboard, spoken_transcripts
        from aipm_desktop.ui.speech.pace import spoken_points

        now = self._host.clock.now()
        with self._operations.workspace.store.reader() as db:  # a connection of its own
            dashboard = compute_dashboard(
                db, self._host.questions_by_id, now=now, range_days=range_days
            )
            spoken = spoken_points(spoken_transcripts(db, now, range_days))
        return dataclasses.replace(dashboard, spoken=spoken)

    def close_windows(self) -> None:
        """Close the History and Statistics windows (the app is quitting)."""
        for window in (self.history_window, self.dashboard_window):
            if window is not None:
                window.close()

    # -- export ------------------------------------------------------------------
    def export_attempts(self) -> None:
        """Ask where, then write every attempt as CSV or JSON, atomically."""
        csv_filter, json_filter = "CSV (*.csv)", "JSON (*.json)"
        suggested = Path.home() / f"aipm-attempts-{date.today().isoformat()}.csv"
        name, chosen = QFileDialog.getSaveFileName(
            self._window, "Export attempts", str(suggested), f"{csv_filter};;{json_filter}"
        )
        if not name:
            return
        path = Path(name)
        fmt = format_for_path(path)
        if fmt is None:
            fmt = ExportFormat.JSON if chosen == json_filter else ExportFormat.CSV
            path = path.with_name(f"{path.name}.{fmt.value}")
        questions = self._host.questions_by_id
        prompts = self._operations.read(lambda store: known_prompts(store, questions.values()))
        if prompts is None:
            return
        export_format = fmt

        data_file = self._operations.workspace.data_file

        def write(db: Database) -> int:
            if data_file is not None:
                check_write_target(path, data_file.parent)
            rows = export_rows(db, prompts)
            return write_atomically(path, lambda out: write_export(rows, export_format, out))

        def done(count: int) -> None:
            noun = "attempt" if count == 1 else "attempts"
            self.message.emit(f"Exported {count} {noun} to {path}")
            self.exported.emit(str(path))

        def failed(message: str) -> None:
            QMessageBox.warning(
                self._window,
                "Could not export",
                f"Your attempts could not be written to {path}:\n{message}\n\n"
                "Nothing was written there. Choose another folder and try again.",
            )

        self.message.emit(f"Exporting to {path}…")
        self._operations.read_in_background(write, done, failed, self)
