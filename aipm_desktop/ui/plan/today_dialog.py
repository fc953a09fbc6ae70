"""Today: the plan's questions for today with their minutes, and the interview forecast.

Return starts the first question (or the selected one). The main window connects
``start_requested`` (one question id) and ``session_requested`` (today's ids, in
order); `open_today` does both and shows the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.plan import InterviewForecast, StudyPlan
from aipm_desktop.core.questions import DEFAULT_TIME_LIMIT_SECONDS, Question
from aipm_desktop.services.study_plan import keep_forecasts, study_plan
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.plan.forecast_chart import forecast_chart
from aipm_desktop.ui.plan.interview_editor import InterviewEditor
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import settle_layout

_ID_ROLE = Qt.ItemDataRole.UserRole
_PROMPT_CHARACTERS = 90
CHART_MINIMUM_WIDTH = 480
CHART_MINIMUM_HEIGHT = 240


class TodayDialog(QDialog):
    """Today's plan, the forecast per interview, and a chart of readiness per day."""

    start_requested = Signal(str)
    """Answer this question now."""
    session_requested = Signal(list)
    """Start a mock session with these question ids, in this order."""

    def __init__(
        self,
        operations: Operations,
        questions: Sequence[Question],
        now: Callable[[], datetime],
        default_time_limit_seconds: int = DEFAULT_TIME_LIMIT_SECONDS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Today")
        self._operations = operations
        self._questions = list(questions)
        self._by_id = {q.id: q for q in self._questions}
        self._now = now
        self._default_limit = default_time_limit_seconds
        self.plan: StudyPlan | None = None
        self.editor: InterviewEditor | None = None

        self.forecast_label = _plain_label()
        self.notice_label = _plain_label()
        self.heading = _plain_label()
        self.question_list = QListWidget()
        describe_control(
            self.question_list,
            "Today's questions",
            "The plan's questions for today, weakest first. Return starts the selected one.",
            tooltip=False,
        )
        self.question_list.itemActivated.connect(self._start_item)
        self.interview_choice = QComboBox()
        describe_control(self.interview_choice, "Interview", "The interview the chart shows.")
        self.interview_choice.currentIndexChanged.connect(self._show_chart)
        self.chart_area = QWidget()
        """Holds the chart; its fixed minimum keeps the dialog's size when the chart changes."""
        self.chart_area.setMinimumSize(CHART_MINIMUM_WIDTH, CHART_MINIMUM_HEIGHT)
        self.chart_box = QVBoxLayout(self.chart_area)
        self.chart_box.setContentsMargins(0, 0, 0, 0)
        self.chart: QWidget | None = None

        self.start_button = QPushButton("&Start")
        self.start_button.setDefault(True)
        self.start_button.setAutoDefault(True)
        self.start_button.clicked.connect(self.start_first)
        self.session_button = QPushButton("Start a mock &session")
        self.session_button.clicked.connect(self.start_session)
        self.interviews_button = QPushButton("&Interviews…")
        self.interviews_button.clicked.connect(self.edit_interviews)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        button_row = QHBoxLayout()
        for button in (self.start_button, self.session_button, self.interviews_button):
            button_row.addWidget(button)
        button_row.addStretch(1)
        button_row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.forecast_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.heading)
        layout.addWidget(self.question_list, 1)
        layout.addWidget(self.interview_choice)
        layout.addWidget(self.chart_area)
        layout.addLayout(button_row)
        self.refresh()
        settle_layout(self)

    # -- content ---------------------------------------------------------
    def refresh(self) -> None:
        """Compute the plan again from the data file (after practice or a new interview)."""
        now, questions, limit = self._now().astimezone(), self._questions, self._default_limit
        plan = self._operations.read(
            lambda store: study_plan(store, questions, now, default_time_limit_seconds=limit)
        )
        if plan is None:
            return
        self.plan = plan
        self._operations.write_or_note(  # shown, so kept: a past interview shows it
            lambda store: keep_forecasts(store, plan), failure="Could not keep the forecast"
        )
        self.forecast_label.setText("\n".join(_forecast_line(i) for i in plan.interviews))
        if not plan.interviews:
            self.forecast_label.setText(
                "No interview yet. Add one with Interviews… to get a daily plan."
            )
        self.notice_label.setText(plan.notice())
        self.notice_label.setVisible(plan.budget_too_small)
        self.question_list.clear()
        today = plan.day(plan.today)
        planned = today.questions if today is not None else ()
        for planned_question in planned:
            item = QListWidgetItem(self._describe(planned_question.id, planned_question.minutes))
            item.setData(_ID_ROLE, planned_question.id)
            self.question_list.addItem(item)
        if planned:
            self.question_list.setCurrentRow(0)
            total = sum(q.minutes for q in planned)
            self.heading.setText(f"Today's plan: {len(planned)} questions, {total:.0f} min")
        elif plan.interviews:
            self.heading.setText("Nothing left to practise today.")
        else:
            self.heading.setText("")
        self.start_button.setEnabled(bool(planned))
        self.session_button.setEnabled(bool(planned))
        self.interview_choice.blockSignals(True)
        self.interview_choice.clear()
        for forecast in plan.interviews:
            self.interview_choice.addItem(forecast.interview.label, forecast.interview.id)
        self.interview_choice.blockSignals(False)
        self.interview_choice.setVisible(len(plan.interviews) > 1)
        self._show_chart()

    def today_ids(self) -> list[str]:
        """Today's question ids, in the plan's order."""
        return [
            str(self.question_list.item(row).data(_ID_ROLE))
            for row in range(self.question_list.count())
        ]

    def _describe(self, question_id: str, minutes: float) -> str:
        question = self._by_id.get(question_id)
        prompt = " ".join(question.prompt.split()) if question else question_id
        if len(prompt) > _PROMPT_CHARACTERS:
            prompt = prompt[: _PROMPT_CHARACTERS - 1] + "…"
        return f"{prompt} — {minutes:.0f} min"

    def _show_chart(self) -> None:
        if self.chart is not None:
            self.chart_box.removeWidget(self.chart)
            self.chart.deleteLater()
            self.chart = None
        forecast = self._chosen_forecast()
        if forecast is not None and forecast.readiness:
            self.chart = forecast_chart(forecast, self.chart_area)
            self.chart.setMinimumSize(0, 0)
            self.chart_box.addWidget(self.chart)

    def _chosen_forecast(self) -> InterviewForecast | None:
        if self.plan is None or not self.plan.interviews:
            return None
        index = max(0, self.interview_choice.currentIndex())
        return self.plan.interviews[min(index, len(self.plan.interviews) - 1)]

    # -- actions ---------------------------------------------------------
    def start_first(self) -> None:
        """Start the selected question, else the first of today's plan."""
        row = max(0, self.question_list.currentRow())
        if row < self.question_list.count():
            self._start_item(self.question_list.item(row))

    def start_session(self) -> None:
        """Ask for a mock session made of today's questions."""
        ids = self.today_ids()
        if ids:
            self.session_requested.emit(ids)
            self.accept()

    def edit_interviews(self) -> InterviewEditor:
        """Open the interview editor; the plan follows every change."""
        if self.editor is None:
            self.editor = InterviewEditor(self._operations, self._questions, self._now, self)
            self.editor.changed.connect(self.refresh)
        self.editor.show()
        self.editor.activateWindow()
        return self.editor

    def _start_item(self, item: QListWidgetItem) -> None:
        self.start_requested.emit(str(item.data(_ID_ROLE)))
        self.accept()


def open_today(
    parent: QWidget | None,
    operations: Operations,
    questions: Sequence[Question],
    now: Callable[[], datetime],
    *,
    default_time_limit_seconds: int = DEFAULT_TIME_LIMIT_SECONDS,
    on_start: Callable[[str], None],
    on_session: Callable[[Sequence[str]], None] | None = None,
) -> TodayDialog:
    """Show the Today dialog (not modal) and connect its requests; returns it."""
    dialog = TodayDialog(operations, questions, now, default_time_limit_seconds, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.start_requested.connect(on_start)
    if on_session is not None:
        dialog.session_requested.connect(on_session)
    else:
        dialog.session_button.hide()
    dialog.show()
    return dialog


def _forecast_line(item: InterviewForecast) -> str:
    f = item.forecast
    return (
        f"{item.interview.label} ({item.interview.date.isoformat()}): {item.sentence()} "
        f"Without practice: {f.without_practice}."
    )


def _plain_label() -> QLabel:
    """A label that never reads its text as HTML (interview names are the user's text)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
