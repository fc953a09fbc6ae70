"""The user's own time limit per question: read from the data file and put on the
questions as they are listed, so free practice, sessions and the plan all use it
(`Question.effective_time_limit`); set or taken away from Practice → My time limit…."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from aipm_desktop.core.packs import PackProblem
from aipm_desktop.core.questions import Question, with_own_time_limits
from aipm_desktop.core.timer import format_clock
from aipm_desktop.services.workspace import Change
from aipm_desktop.storage import Store
from aipm_desktop.ui.main.time_limit_dialog import TimeLimitDialog
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.widgets.settings import AppSettings


class OwnLimitsHost(Protocol):
    """What the feature needs from the window that lists the questions."""

    settings: AppSettings

    @property
    def current_question(self) -> Question | None:
        """The question selected for practice, if any."""

    def set_questions(
        self,
        questions: Sequence[Question],
        problems: Sequence[PackProblem] | None = None,
        *,
        select_id: str | None = None,
    ) -> None:
        """List these questions (the pack problems shown stay when None)."""


class OwnTimeLimits(QObject):
    """Keeps the questions as the packs give them and lists them with the user's limits
    (again after a backup is restored, which may bring other limits)."""

    def __init__(self, host: OwnLimitsHost, operations: Operations, window: QMainWindow) -> None:
        super().__init__(window)
        self._host = host
        self._window = window
        self._operations = operations
        self.pack_questions: list[Question] = []
        """The questions as the packs give them (without the user's limits)."""
        unsubscribe = operations.workspace.subscribe(self._on_change)
        self.destroyed.connect(lambda: unsubscribe())

    def _on_change(self, change: Change) -> None:
        if change == Change.RESTORED:
            self.relist()

    def apply(self, questions: Sequence[Question]) -> list[Question]:
        """``questions`` (as the packs give them) with the user's own limits."""
        self.pack_questions = list(questions)
        limits = self._operations.read(lambda store: store.own_time_limits()) or {}
        return with_own_time_limits(questions, limits)

    def relist(self) -> None:
        """List the questions again with the limits in the data file (e.g. after a restore)."""
        self._host.set_questions(self.pack_questions)

    def ask(self) -> None:
        """Ask for the selected question's own limit; store it and list the questions again."""
        question = self._host.current_question
        if question is None:
            return
        default = self._host.settings.default_time_limit_seconds
        choice = TimeLimitDialog.ask(question, default, self._window)
        if choice is None or choice.seconds == question.own_time_limit_seconds:
            return
        seconds = choice.seconds

        def store_limit(store: Store) -> bool:
            store.set_own_time_limit(question.id, seconds)
            return True

        stored = self._operations.write(store_limit, change=Change.TIME_LIMITS)
        if not stored:
            return
        self.relist()
        if seconds is None:
            limit = format_clock(question.time_limit_seconds or default)
            note = f"Q{question.number} has its pack's time limit again: {limit}."
        else:
            note = f"Q{question.number} has your own time limit: {format_clock(seconds)}."
        self._window.statusBar().showMessage(note, 8000)
