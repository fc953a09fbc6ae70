"""The end-of-session summary: per-question rows, totals, comparison, review and report export."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.clock import Clock
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.report import report_markdown
from aipm_desktop.core.session import MockSession, SessionError
from aipm_desktop.core.session_summary import (
    OUTCOME_LABELS,
    ComparisonLine,
    SessionSummary,
    SessionTotals,
    SummaryRow,
    snapshot_totals,
    summarise,
)
from aipm_desktop.core.timer import format_clock, format_elapsed
from aipm_desktop.services.workspace import Change, Workspace
from aipm_desktop.storage import Store
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.practice.reveal_panel import RevealPanel
from aipm_desktop.ui.session.report_pdf import write_pdf
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import answer_beside_model_answer, titled
from aipm_desktop.ui.widgets.inert import tooltip_text
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel
from aipm_desktop.ui.widgets.settings import AppSettings

REPORT_TITLE = "Mock interview report"
NO_READINESS_CHANGE = "Readiness for your interviews: no change from this session."


class SummaryColumn(IntEnum):
    """The summary table's columns."""

    NUMBER = 0
    QUESTION = 1
    RESULT = 2
    TIME = 3
    OVERTIME = 4
    RATING = 5
    KEY_POINTS = 6


class SummaryModel(RowTableModel[SummaryRow]):
    """One row per question of the session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            ("#", "Question", "Result", "Time used", "Overtime", "Rating", "Key points"),
            parent=parent,
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.object_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == SummaryColumn.QUESTION:
            return tooltip_text(row.question.prompt)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == SummaryColumn.NUMBER:
            return str(row.position)
        if column == SummaryColumn.QUESTION:
            return row.question.prompt
        if column == SummaryColumn.RESULT:
            result = OUTCOME_LABELS[row.outcome]
            extras = [
                text
                for flag, text in (
                    (row.item.auto_submitted, "time up"),
                    (row.item.peeked, "peeked"),
                )
                if flag
            ]
            return f"{result} ({', '.join(extras)})" if extras else result
        if column == SummaryColumn.TIME:
            return row.time_text
        if column == SummaryColumn.OVERTIME:
            return row.overtime_text or "–"
        if column == SummaryColumn.RATING:
            if row.attempt is None:
                return "–"
            return row.rating.label if row.rating else "Not rated"
        if column == SummaryColumn.KEY_POINTS:
            return row.coverage_text
        return None

    def update_rows(self, rows: Sequence[SummaryRow]) -> None:
        """Replace the rows; a reset only if their number changed."""
        if len(rows) != self.rowCount():
            self.set_rows(rows)
            return
        self._rows = list(rows)
        if rows:
            last = self.index(len(rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class ComparisonModel(RowTableModel[ComparisonLine]):
    """This session beside the mean of the previous ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(("Measure", "This session", "Previous average", "Trend"), parent=parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        line = self.object_at(index)
        if line is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (line.measure, line.show(line.this), line.show(line.previous), line.verdict)[
            index.column()
        ]


def load_summary(store: Store, session: MockSession) -> SessionSummary:
    """The session's summary, with its stored attempts and every earlier finished session."""
    session_id = session.session_id
    attempts = {} if session_id is None else {a.id: a for a in store.session_attempts(session_id)}
    previous: list[SessionTotals] = []
    for record in store.finished_sessions():
        if record.id == session_id or (
            session.started_at is not None and record.started_at > session.started_at
        ):
            continue
        try:
            previous.append(snapshot_totals(record.state, store.session_attempts(record.id)))
        except SessionError:
            continue  # an unreadable old session is left out of the comparison
    return summarise(session, attempts, previous)


class SummaryDialog(QDialog):
    """Per-question results, totals and the comparison; review answers; export the report.

    Signals:
        attempts_changed(): a key point was ticked or a rating given here.
        exported(str): the report was written to this path.
    """

    attempts_changed = Signal()
    exported = Signal(str)

    def __init__(
        self,
        session: MockSession,
        summary: SessionSummary,
        *,
        workspace: Workspace,
        clock: Clock,
        readiness: Callable[[], Sequence[str]] | None = None,
        settings: AppSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``summary``: `load_summary` of ``session``, read by the caller. ``readiness``:
        how the session moved the interview forecast, one sentence per interview (asked
        again after each rating here); None when there is nothing to say. ``settings``
        remembers whether the report includes the model answers (on when not given)."""
        super().__init__(parent)
        self.session = session
        self.operations = Operations(
            workspace, self, clock=clock, show_status=lambda text: self.status_label.setText(text)
        )
        self.clock = clock
        self.setWindowTitle("Session summary")
        self.summary = summary
        self._readiness = readiness
        self.readiness_lines: list[str] = []
        """What the summary and the report say about readiness (plain text)."""

        self.model = SummaryModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        describe_control(
            self.view,
            "Questions of the session",
            "Each question with its result, time, rating and key points. Up and Down "
            "choose the question whose answer is shown below; Tab moves on to it.",
            tooltip=False,
        )
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SummaryColumn.QUESTION, QHeaderView.ResizeMode.Stretch)

        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setAccessibleName("Totals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comparison_title = QLabel()
        self.comparison_model = ComparisonModel(self)
        self.comparison_view = QTableView()
        self.comparison_view.setModel(self.comparison_model)
        self.comparison_view.verticalHeader().hide()
        self.comparison_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        describe_control(
            self.comparison_view,
            "Compared with previous sessions",
            "This session's totals beside the average of your previous sessions.",
            tooltip=False,
        )
        self.comparison_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.comparison_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.comparison_view.horizontalHeader().setStretchLastSection(True)

        self.answer_view = QPlainTextEdit()
        self.answer_view.setReadOnly(True)
        describe_control(
            self.answer_view,
            "Your answer",
            "The answer you gave to the selected question, read-only; compare it with "
            "the model answer beside it.",
            tooltip=False,
        )
        self.answer_title = QLabel("<b>Your answer</b>")
        self.reveal = RevealPanel()
        self.detail = answer_beside_model_answer(
            titled(self.answer_title, self.answer_view), self.reveal
        )

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.view, 1)
        below = QHBoxLayout()
        below.addWidget(self.totals_label, 1, Qt.AlignmentFlag.AlignTop)
        comparison = QVBoxLayout()
        comparison.addWidget(self.comparison_title)
        comparison.addWidget(self.comparison_view)
        comparison.addStretch(1)
        below.addLayout(comparison, 1)
        top_layout.addLayout(below)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([400, 420])

        self.export_action = QAction("&Export report…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.export_action.setToolTip("Save this report as PDF or Markdown (Ctrl+Shift+R)")
        self.export_action.triggered.connect(self.export_report)
        self.addAction(self.export_action)
        self.rate_actions: dict[Rating, QAction] = {}
        for rating in Rating:
            action = QAction(f"Rate {rating.label}", self)
            action.setShortcut(QKeySequence(str(rating.value)))
            action.triggered.connect(functools.partial(self.rate, rating))
            self.addAction(action)
            self.rate_actions[rating] = action
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("&Export report… (Ctrl+Shift+R)")
        describe_control(self.export_button, "Export report", self.export_action.toolTip())
        describe_control(
            self.buttons.button(QDialogButtonBox.StandardButton.Close),
            "Close",
            "Close the summary (Escape). Your answers, ticks and ratings are already saved.",
        )
        self.export_button.clicked.connect(self.export_report)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self._settings = settings
        self.model_answers_box = QCheckBox("Include the &model answers in the report")
        self.model_answers_box.setChecked(settings.report_model_answers if settings else True)
        describe_control(
            self.model_answers_box,
            "Include the model answers in the report",
            "The exported report shows each question's model answer under your answer.",
        )
        self.model_answers_box.toggled.connect(self._remember_model_answers)
        self.buttons.rejected.connect(self.reject)
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Status")
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        # The window's minimum size is fixed here, not derived from labels whose text
        # changes while it is shown (that would resize the window under the user).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(900, 640)
        self.headline = QLabel()
        self.headline.setAccessibleName("Session")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.readiness_label = QLabel()
        self.readiness_label.setTextFormat(Qt.TextFormat.PlainText)  # interview names
        self.readiness_label.setWordWrap(True)
        self.readiness_label.setAccessibleName("Readiness")
        self.readiness_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readiness_label.setVisible(readiness is not None)
        layout.addWidget(self.readiness_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.model_answers_box)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)
        self.resize(1180, 820)

        self.view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.reveal.key_points_changed.connect(self._on_key_points_changed)
        self.reveal.rated.connect(lambda value: self.rate(Rating(value)))
        self._show_summary()
        self._show_readiness()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, SummaryColumn.QUESTION))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()

    # -- what is shown ---------------------------------------------------
    @property
    def current_row(self) -> SummaryRow | None:
        """The question selected in the table."""
        return self.model.object_at(self.view.currentIndex())

    def _show_summary(self) -> None:
        summary = self.summary
        t = summary.totals
        when = (
            summary.started_at.astimezone().strftime("%Y-%m-%d %H:%M") if summary.started_at else ""
        )
        ending = (
            " · the overall budget ran out"
            if summary.budget_ran_out
            else " · ended early"
            if summary.ended_early
            else ""
        )
        self.headline.setText(
            f"<b>Mock interview of {html.escape(when)}</b>{ending}. Select a question to read "
            "your answer beside the model answer; tick key points (Space) and rate (1–4)."
        )
        coverage = (
            f"{t.key_points_ticked} of {t.key_points_total} ({t.coverage * 100:.0f}%)"
            if t.coverage is not None
            else "–"
        )
        rating = f"{t.mean_rating:.1f} of 4" if t.mean_rating is not None else "not rated yet"
        self.totals_label.setText(
            "<b>Totals</b><br>"
            f"{t.answered} answered, {t.skipped} skipped, "
            f"{t.not_reached} not reached, of {t.questions}<br>"
            f"Interview time {format_clock(t.overall_seconds)} "
            f"(answering {format_elapsed(t.seconds_used)}, "
            f"overtime {format_clock(t.overtime_seconds)})<br>"
            f"Key points {coverage} · mean rating {rating}<br>"
            f"{t.pause_count} pause{'s' * (t.pause_count != 1)} ({format_clock(t.paused_seconds)})"
            f" · {t.peeks} peek{'s' * (t.peeks != 1)} at a model answer"
        )
        if summary.previous_sessions:
            n = summary.previous_sessions
            self.comparison_title.setText(
                f"<b>Compared with your previous {n} session{'s' * (n != 1)}</b>"
            )
            self.comparison_model.set_rows(summary.comparison)
            self.comparison_view.show()
            self._fit_comparison()
        else:
            self.comparison_title.setText(
                "<b>Compared with previous sessions:</b> this is your first finished session."
            )
            self.comparison_model.set_rows([])
            self.comparison_view.hide()
        # Same questions, new numbers: refresh the cells without losing the selection
        # (and with it the checklist's place).
        self.model.update_rows(summary.rows)

    def _fit_comparison(self) -> None:
        """Show every comparison row without a scroll bar."""
        view = self.comparison_view
        view.resizeRowsToContents()
        height = view.horizontalHeader().height() + view.verticalHeader().length()
        view.setFixedHeight(height + 2 * view.frameWidth())

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.object_at(current)
        if row is None:
            return
        self.answer_view.setPlainText(row.answer)
        self.answer_title.setText(
            f"<b>Your answer</b> · {html.escape(OUTCOME_LABELS[row.outcome])} · {row.time_text}"
        )
        self.reveal.show_question(row.question)
        self.reveal.set_revealed(True)
        assessable = row.attempt is not None
        self.reveal.set_assessable(assessable)
        self.reveal.set_ticked(row.ticked)
        self.reveal.set_rating(row.rating)
        for action in self.rate_actions.values():
            action.setEnabled(assessable)

    # -- reviewing ---------------------------------------------------------
    def rate(self, rating: Rating) -> None:
        """Rate the selected question's answer."""
        row = self.current_row
        if row is None or row.attempt is None:
            return
        attempt_id = row.attempt.id
        now = self.clock.now()
        rated = self.operations.write(
            lambda store: store.set_rating(attempt_id, rating, now), change=Change.RATED
        )
        if rated is not None:
            self.reveal.set_rating(rating)
            self._reload()

    def _on_key_points_changed(self, ticked: list[str]) -> None:
        row = self.current_row
        if row is None or row.attempt is None:
            return
        attempt_id = row.attempt.id
        ticked_now = self.operations.write(
            lambda store: store.set_key_points(attempt_id, ticked), change=Change.KEY_POINTS
        )
        if ticked_now is not None:
            self._reload()

    def _reload(self) -> None:
        summary = self.operations.read(lambda store: load_summary(store, self.session))
        if summary is None:
            return
        self.summary = summary
        self._show_summary()
        self._show_readiness()
        self.attempts_changed.emit()

    def _show_readiness(self) -> None:
        if self._readiness is None:
            return
        lines = list(self._readiness())
        self.readiness_lines = lines or [NO_READINESS_CHANGE]
        self.readiness_label.setText("\n".join(self.readiness_lines))

    # -- the report ----------------------------------------------------------
    def report_markdown(self) -> str:
        """The report as it stands, with the model answers if the box is ticked."""
        return report_markdown(
            self.summary,
            title=REPORT_TITLE,
            readiness=self.readiness_lines,
            model_answers=self.model_answers_box.isChecked(),
        )

    def _remember_model_answers(self, included: bool) -> None:
        if self._settings is not None:
            self._settings.report_model_answers = included

    def export_report(self) -> None:
        """Ask where, then save the report as PDF or Markdown (by the file's extension)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        started = self.summary.started_at
        day = started.astimezone().strftime("%Y-%m-%d") if started else "session"
        suggested = str(Path(folder) / f"mock-interview-{day}.pdf")
        chosen, selected_filter = QFileDialog.getSaveFileName(
            self,
            "Export session report",
            suggested,
            "PDF document (*.pdf);;Markdown (*.md)",
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".pdf", ".md"):
            path = path.with_name(path.name + (".md" if "*.md" in selected_filter else ".pdf"))
        try:
            if path.suffix.lower() == ".md":
                path.write_text(self.report_markdown(), encoding="utf-8")
                detail = "Markdown"
            else:
                pages = write_pdf(self.report_markdown(), path, title=REPORT_TITLE)
                detail = f"PDF, {pages} page{'s' * (pages != 1)}"
        except OSError as error:
            QMessageBox.warning(
                self, "Could not export", f"The report could not be saved to {path}:\n{error}"
            )
            return
        self.status_label.setText(f"Report saved to {path} ({detail}).")
        self.exported.emit(str(path))
