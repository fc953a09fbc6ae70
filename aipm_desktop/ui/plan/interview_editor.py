"""Add and remove the interviews the plan prepares for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.plan import DEFAULT_MINUTES_PER_DAY, Interview
from aipm_desktop.core.questions import Question
from aipm_desktop.services.study_plan import past_readiness
from aipm_desktop.services.workspace import Change
from aipm_desktop.storage.interviews import MINUTES_PER_DAY_RANGE
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import settle_layout

_PACK, _CATEGORY = "pack", "category"
_KIND_ROLE = Qt.ItemDataRole.UserRole
_VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


def describe_interview(
    interview: Interview, today: date, on_the_day: tuple[int, int] | None = None
) -> str:
    """One plain-text line: date, name, budget and what it covers; after the date,
    "past" with the kept forecast beside ``on_the_day`` (ready, total): what the user did."""
    covers = ", ".join((*interview.packs, *interview.categories)) or "all questions"
    line = (
        f"{interview.date.isoformat()} — {interview.label} "
        f"({interview.minutes_per_day} min/day; {covers})"
    )
    if interview.date >= today:
        return line
    kept = interview.forecast
    forecast = kept.describe() if kept is not None else "no forecast was made"
    line += f" — past: {forecast}"
    if on_the_day is not None:
        ready, total = on_the_day
        line += f"; on the day {ready} of {total} were ready"
    return line


class InterviewEditor(QDialog):
    """The stored interviews, with a form to add one; ``changed`` after every change."""

    changed = Signal()

    def __init__(
        self,
        operations: Operations,
        questions: Sequence[Question],
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Interviews")
        self._operations = operations
        self._questions = list(questions)
        self._now = now
        today = now().astimezone().date()

        self.interview_list = QListWidget()
        describe_control(self.interview_list, "Interviews", "The interviews you prepare for.")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_selected)

        self.date_edit = QDateEdit(_qdate(today + timedelta(days=7)))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(_qdate(today))
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        describe_control(self.date_edit, "Interview date", "The day of the interview.")
        self.title_edit = QLineEdit()
        self.company_edit = QLineEdit()
        self.role_edit = QLineEdit()
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(*MINUTES_PER_DAY_RANGE)
        self.minutes_spin.setValue(DEFAULT_MINUTES_PER_DAY)
        self.minutes_spin.setSuffix(" min")
        describe_control(
            self.minutes_spin, "Minutes per day", "How long you can practise each day."
        )
        self.covers_list = QListWidget()
        describe_control(
            self.covers_list,
            "Covers",
            "Tick the packs or categories the interview covers; none ticked means all.",
        )
        for value, kind, label in _cover_choices(questions):
            item = QListWidgetItem(label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(_KIND_ROLE, kind)
            item.setData(_VALUE_ROLE, value)
            self.covers_list.addItem(item)
        self.add_button = QPushButton("&Add interview")
        self.add_button.clicked.connect(self.add_interview)

        form = QFormLayout()
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Company:", self.company_edit)
        form.addRow("R&ole:", self.role_edit)
        form.addRow("&Minutes per day:", self.minutes_spin)
        form.addRow("Co&vers:", self.covers_list)
        list_row = QHBoxLayout()
        list_row.addWidget(self.interview_list, 1)
        list_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(list_row)
        layout.addLayout(form)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(buttons)
        self.reload()
        settle_layout(self)

    def reload(self) -> None:
        """Show the stored interviews again."""
        self.interview_list.clear()
        interviews = self._operations.read(lambda store: store.interviews()) or []
        now = self._now().astimezone()
        for interview in interviews:
            on_the_day = self._on_the_day(interview, now) if interview.date < now.date() else None
            item = QListWidgetItem(describe_interview(interview, now.date(), on_the_day))
            item.setData(_VALUE_ROLE, interview.id)
            self.interview_list.addItem(item)
        self.remove_button.setEnabled(bool(interviews))

    def _on_the_day(self, interview: Interview, now: datetime) -> tuple[int, int] | None:
        """What the user did for a past interview: its questions ready on the day."""
        questions, zone = self._questions, now.tzinfo or UTC
        return self._operations.read(
            lambda store: past_readiness(store, questions, interview, zone)
        )

    def add_interview(self) -> Interview | None:
        """Store the interview in the form; None (with a message) when refused."""
        packs, categories = self._ticked(_PACK), self._ticked(_CATEGORY)
        day, now = self.date_edit.date().toPython(), self._now()
        title, company = self.title_edit.text(), self.company_edit.text()
        role, minutes = self.role_edit.text(), self.minutes_spin.value()
        try:
            interview = self._operations.write(
                lambda store: store.add_interview(
                    day,  # type: ignore[arg-type]
                    now,
                    title=title,
                    company=company,
                    role=role,
                    packs=packs,
                    categories=categories,
                    minutes_per_day=minutes,
                ),
                change=Change.INTERVIEWS,
            )
        except ValueError as error:
            QMessageBox.warning(self, "Interviews", f"The interview was not added: {error}")
            return None
        if interview is None:
            return None
        self.title_edit.clear()
        self.company_edit.clear()
        self.role_edit.clear()
        self.reload()
        self.changed.emit()
        return interview

    def remove_selected(self) -> None:
        """Forget the selected interview (its forecast goes with it)."""
        if self.interview_list.currentRow() < 0:
            return
        item = self.interview_list.currentItem()
        interview_id = int(item.data(_VALUE_ROLE))
        removed = self._operations.write(
            lambda store: store.remove_interview(interview_id), change=Change.INTERVIEWS
        )
        if removed is None:
            return
        self.reload()
        self.changed.emit()

    def _ticked(self, kind: str) -> list[str]:
        values = []
        for row in range(self.covers_list.count()):
            item = self.covers_list.item(row)
            if item.data(_KIND_ROLE) == kind and item.checkState() == Qt.CheckState.Checked:
                values.append(str(item.data(_VALUE_ROLE)))
        return values


def _cover_choices(questions: Sequence[Question]) -> list[tuple[str, str, str]]:
    """(value, kind, label) for every pack, then every category of the questions."""
    packs = sorted({q.pack_id for q in questions})
    categories = sorted({q.category for q in questions})
    return [(p, _PACK, f"Pack: {p}") for p in packs] + [
        (c, _CATEGORY, f"Category: {c}") for c in categories
    ]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
