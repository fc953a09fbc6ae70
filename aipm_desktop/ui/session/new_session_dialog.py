"""The New session dialog: which questions, in what order, and how the clocks run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from random import Random

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListView,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.session_selection import select_questions
from aipm_desktop.core.session_settings import (
    SELECTION_LABELS,
    RevealPolicy,
    SelectionKind,
    SessionSettings,
)
from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.clock_spin_box import ClockSpinBox
from aipm_desktop.ui.widgets.inert import tooltip_text
from aipm_desktop.ui.widgets.settings import AppSettings

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NewSessionDialog(QDialog):
    """Choose a session's questions and clocks; remembers the last choices."""

    def __init__(
        self,
        questions: Sequence[Question],
        last_attempts: Mapping[str, Attempt],
        initial: SessionSettings,
        parent: QWidget | None = None,
        default_limit_seconds: int = 300,
    ) -> None:
        """``default_limit_seconds``: a question's time when it suggests none (for the
        estimate of how long the session takes)."""
        super().__init__(parent)
        self.setWindowTitle("New mock-interview session")
        self._default_limit = default_limit_seconds
        self._questions = list(questions)
        self._last_attempts = last_attempts

        self.selection = QComboBox()
        for kind, label in SELECTION_LABELS.items():
            self.selection.addItem(label, kind.value)
        describe_control(
            self.selection,
            "Which questions",
            "How the session chooses its questions: all, by category or level, a random "
            "number, never attempted, your weakest, or hand-picked (Alt+Q).",
        )
        self.category = self._combo(
            "Any category",
            sorted({q.category for q in questions}),
            "Category",
            "Only questions of this category, when choosing by category or level (Alt+C).",
        )
        self.level = self._combo(
            "Any level",
            sorted({q.level for q in questions}),
            "Level",
            "Only questions of this level, when choosing by category or level.",
        )
        self.count = QSpinBox()
        self.count.setRange(1, 999)
        describe_control(
            self.count,
            "Number of questions",
            "How many questions a random or weakest-first session asks (Alt+M).",
        )
        self.count.setSuffix(" questions")

        self.picked_model = QStandardItemModel(self)
        for q in questions:
            item = QStandardItem(f"Q{q.number}  {q.prompt}")
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(q.id, _ID_ROLE)
            item.setToolTip(tooltip_text(q.prompt))
            self.picked_model.appendRow(item)
        self.picked = QListView()
        self.picked.setModel(self.picked_model)
        describe_control(
            self.picked,
            "Hand-picked questions",
            "The questions to ask when hand-picking: arrow keys move, Space ticks or "
            "unticks a question (Alt+P).",
            tooltip=False,  # each row's tooltip shows its whole question
        )
        self.picked.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.picked.setMinimumHeight(120)
        self.picked.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.picked.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.order = QComboBox()
        self.order.addItem("As listed", False)
        self.order.addItem("Shuffled", True)
        describe_control(
            self.order,
            "Order",
            "Ask the questions in the listed order, or shuffled (Alt+O).",
        )

        self.fixed_time = QCheckBox("Same time &for every question:")
        describe_control(
            self.fixed_time,
            "Use a fixed time per question",
            "When ticked, every question gets the time set next to it instead of its own "
            "time limit (Alt+F).",
        )
        self.fixed_seconds = self._time_spin(
            "Time per question", "The answer time every question gets (m:ss).", 10, 7200, 30
        )
        self.think = QCheckBox("T&hink time before the answer clock:")
        describe_control(
            self.think,
            "Use think time",
            "When ticked, each question starts with time to read and think before the "
            "answer clock runs (Alt+H).",
        )
        self.think_seconds = self._time_spin(
            "Think time",
            "Time to think before the answer clock starts (m:ss); Ctrl+Shift+Return ends it early.",
            5,
            600,
            5,
        )
        self.budget = QCheckBox("Overall time &budget:")
        describe_control(
            self.budget,
            "Use an overall time budget",
            "When ticked, the whole session has a time budget as well as each question (Alt+B).",
        )
        self.budget_time = self._time_spin(
            "Time budget", "The whole session's time budget (m:ss).", 60, 600 * 60, 60
        )

        self.time_up = QComboBox()
        self.time_up.addItem("Soft: keep typing, overtime is counted", TimeUpMode.SOFT.value)
        self.time_up.addItem("Hard: submit and move on at zero", TimeUpMode.HARD.value)
        describe_control(
            self.time_up,
            "When time is up",
            "Soft: keep typing and the overtime is counted. Hard: your answer is submitted "
            "when the clock reaches zero (Alt+T).",
        )
        self.answer_mode = QComboBox()
        self.answer_mode.addItem("Typing", AnswerMode.TYPE.value)
        self.answer_mode.addItem("Speaking (recorded and transcribed)", AnswerMode.SPEAK.value)
        describe_control(
            self.answer_mode,
            "Answer by",
            "Type your answers, or say them: each is recorded and transcribed on this "
            "computer, to correct before it is stored (Alt+Y).",
        )
        self.reveal = QComboBox()
        self.reveal.addItem("After each question", RevealPolicy.AFTER_EACH.value)
        self.reveal.addItem("Only at the end", RevealPolicy.AT_END.value)
        describe_control(
            self.reveal,
            "When model answers are shown",
            "Show each model answer after you submit, or only in the summary at the end (Alt+A).",
        )

        self.preview = QLabel()
        self.preview.setAccessibleName("Questions chosen")
        self.preview.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText("&Start session")
        describe_control(
            self.start_button,
            "Start session",
            "Start the session with these questions and clocks (Alt+S or Return).",
        )
        describe_control(
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            "Cancel",
            "Close without starting a session (Escape).",
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Questions:", self.selection)
        filters = QHBoxLayout()
        filters.addWidget(self.category, 1)
        filters.addWidget(self.level, 1)
        filters_label = QLabel("&Category / level:")
        filters_label.setBuddy(self.category)
        form.addRow(filters_label, filters)
        form.addRow("How &many:", self.count)
        form.addRow("&Pick:", self.picked)
        self._form = form
        form.addRow("&Order:", self.order)
        form.addRow(self.fixed_time, self.fixed_seconds)
        form.addRow(self.think, self.think_seconds)
        form.addRow(self.budget, self.budget_time)
        form.addRow("When &time is up:", self.time_up)
        form.addRow("Show model &answers:", self.reveal)
        form.addRow("Answer b&y:", self.answer_mode)
        layout = QVBoxLayout(self)
        # A fixed minimum: the preview's changing text must not resize the window.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.setMinimumSize(620, 560)
        self.resize(760, 600)

        self._load(initial)
        for signal in (
            self.selection.currentIndexChanged,
            self.category.currentIndexChanged,
            self.level.currentIndexChanged,
            self.count.valueChanged,
            self.fixed_time.toggled,
            self.think.toggled,
            self.budget.toggled,
        ):
            signal.connect(self._update)
        self.picked_model.itemChanged.connect(self._update)
        self._update()
        self.selection.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the public way in --------------------------------------------
    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        questions: Sequence[Question],
        last_attempts: Mapping[str, Attempt],
        app_settings: AppSettings,
    ) -> SessionSettings | None:
        """Show the dialog; the chosen settings, or None when closed without starting.

        The choices are remembered for next time either way: Escape keeps what was set.
        """
        dialog = cls(
            questions,
            last_attempts,
            remembered_settings(app_settings),
            parent,
            default_limit_seconds=app_settings.default_time_limit_seconds,
        )
        started = dialog.exec() == QDialog.DialogCode.Accepted
        try:
            chosen = dialog.settings()
        except ValueError:  # a half-made choice: remember nothing new
            return None
        app_settings.last_session_settings = chosen.to_dict()
        return chosen if started else None

    def settings(self) -> SessionSettings:
        """The choices as they stand."""
        return SessionSettings(
            selection=SelectionKind(self.selection.currentData()),
            category=self.category.currentData(),
            level=self.level.currentData(),
            count=self.count.value(),
            hand_picked=tuple(self._picked_ids()),
            shuffle=bool(self.order.currentData()),
            fixed_seconds=self.fixed_seconds.value() if self.fixed_time.isChecked() else None,
            think_seconds=self.think_seconds.value() if self.think.isChecked() else 0,
            budget_seconds=self.budget_time.value() if self.budget.isChecked() else None,
            time_up_mode=TimeUpMode(self.time_up.currentData()),
            reveal=RevealPolicy(self.reveal.currentData()),
            answer_mode=AnswerMode.from_text(self.answer_mode.currentData()),
        )

    # -- internals -------------------------------------------------------
    def _combo(
        self, any_label: str, values: Sequence[str], name: str, description: str
    ) -> QComboBox:
        combo = QComboBox()
        combo.addItem(any_label, None)
        for value in values:
            combo.addItem(value, value)
        describe_control(combo, name, description)
        return combo

    def _time_spin(
        self, name: str, description: str, low: int, high: int, step: int
    ) -> ClockSpinBox:
        """A duration in seconds, shown and typed as m:ss like every time in the app."""
        spin = ClockSpinBox(low, high, step)
        describe_control(spin, name, description)
        return spin

    def _load(self, s: SessionSettings) -> None:
        _select_data(self.selection, s.selection.value)
        _select_data(self.category, s.category)
        _select_data(self.level, s.level)
        self.count.setValue(s.count)
        wanted = set(s.hand_picked)
        for row in range(self.picked_model.rowCount()):
            item = self.picked_model.item(row)
            checked = item.data(_ID_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.order.setCurrentIndex(1 if s.shuffle else 0)
        self.fixed_time.setChecked(s.fixed_seconds is not None)
        self.fixed_seconds.setValue(s.fixed_seconds or 300)
        self.think.setChecked(s.think_seconds > 0)
        self.think_seconds.setValue(s.think_seconds or 30)
        self.budget.setChecked(s.budget_seconds is not None)
        self.budget_time.setValue(s.budget_seconds or 1800)
        _select_data(self.time_up, s.time_up_mode.value)
        _select_data(self.reveal, s.reveal.value)
        _select_data(self.answer_mode, s.answer_mode.value)

    def _estimated_seconds(self, chosen: Sequence[Question]) -> int:
        """Answer time (each question's own, or the fixed time) plus think time."""
        settings = self.settings()
        think = settings.think_seconds
        if settings.fixed_seconds is not None:
            return (settings.fixed_seconds + think) * len(chosen)
        return sum(q.effective_time_limit(self._default_limit) + think for q in chosen)

    def _picked_ids(self) -> list[str]:
        return [
            str(self.picked_model.item(row).data(_ID_ROLE))
            for row in range(self.picked_model.rowCount())
            if self.picked_model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        kind = SelectionKind(self.selection.currentData())
        # Only the controls that apply to this choice are shown.
        for row, applies in (
            (1, kind == SelectionKind.FILTERED),
            (2, kind in (SelectionKind.RANDOM, SelectionKind.WEAKEST)),
            (3, kind == SelectionKind.HAND_PICKED),
        ):
            self._form.setRowVisible(row, applies)
        self.category.setEnabled(kind == SelectionKind.FILTERED)
        self.level.setEnabled(kind == SelectionKind.FILTERED)
        self.count.setEnabled(kind in (SelectionKind.RANDOM, SelectionKind.WEAKEST))
        self.picked.setEnabled(kind == SelectionKind.HAND_PICKED)
        self.fixed_seconds.setEnabled(self.fixed_time.isChecked())
        self.think_seconds.setEnabled(self.think.isChecked())
        self.budget_time.setEnabled(self.budget.isChecked())
        chosen = select_questions(
            self._questions, self.settings(), last_attempts=self._last_attempts, rng=Random(0)
        )
        if chosen:
            minutes = round(self._estimated_seconds(chosen) / 60)
            self.preview.setText(
                f"<b>{len(chosen)} question{'s' * (len(chosen) != 1)}</b>, "
                f"about {minutes} min in all."
            )
        elif kind == SelectionKind.WEAKEST:
            self.preview.setText("<b>No questions:</b> none has been attempted yet.")
        elif kind == SelectionKind.HAND_PICKED:
            self.preview.setText("<b>No questions:</b> tick at least one question (Space).")
        else:
            self.preview.setText("<b>No questions match.</b> Choose others.")
        self.start_button.setEnabled(bool(chosen))


FIRST_SESSION = SessionSettings(selection=SelectionKind.RANDOM, count=5)
"""The first time: five questions at random (about 25 minutes), not the whole bank."""


def remembered_settings(app_settings: AppSettings) -> SessionSettings:
    """The last choices, or the defaults if there are none (or they are unreadable)."""
    raw = app_settings.last_session_settings
    if raw is None:
        return FIRST_SESSION
    try:
        return SessionSettings.from_dict(raw)
    except (KeyError, TypeError, ValueError):
        return FIRST_SESSION


def _select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
