"""The one policy for reading and writing the data file from the GUI.

Every window reads and writes through an `Operations` of its own (its own parent
for dialogs, its own status line, its own answer on screen), so a failure looks
and behaves the same everywhere:

- a failed read puts a note in the status line and returns None;
- a failed write first saves the answer on screen as a text file (storage/rescue),
  then asks Retry or Cancel (a quiet write, e.g. a draft, only notes it);
- a successful write is announced through the workspace's change events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from aipm_desktop.core.clock import Clock
from aipm_desktop.core.questions import Question
from aipm_desktop.services.workspace import Change, Workspace
from aipm_desktop.storage import Store, StoreError
from aipm_desktop.storage.rescue import write_rescue_file
from aipm_desktop.ui.widgets.background import run_in_background

if TYPE_CHECKING:  # annotations only: sqlite-utils is loaded on first use
    from sqlite_utils import Database

T = TypeVar("T")


@dataclass(frozen=True)
class AnswerOnScreen:
    """The answer a window shows, to rescue into a text file when it cannot be stored."""

    question: Question
    text: str


def no_answer() -> AnswerOnScreen | None:
    """For windows with no answer to rescue."""
    return None


class Operations:
    """Reads and writes of one window, with the app's one error policy."""

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget,
        *,
        clock: Clock,
        show_status: Callable[[str], object],
        answer_on_screen: Callable[[], AnswerOnScreen | None] = no_answer,
    ) -> None:
        self.workspace = workspace
        self._parent = parent
        self._clock = clock
        self._show_status = show_status
        self._answer_on_screen = answer_on_screen
        self._last_rescued: tuple[str, Path] | None = None

    def read(self, operation: Callable[[Store], T]) -> T | None:
        """``operation(store)``; on failure, a note in the status line and None."""
        try:
            return operation(self.workspace.store)
        except StoreError as error:
            self._show_status(f"Could not read your history: {error}")
            return None

    def read_in_background(
        self,
        work: Callable[[Database], T],
        done: Callable[[T], None],
        failed: Callable[[str], None],
        waiting: QObject,
    ) -> None:
        """``work(db)`` on a pool thread, through a read-only connection of its own.

        ``done`` or ``failed`` (with a message for the user) is then called on the
        UI thread, unless ``waiting`` is gone. In-memory data has no file for a
        second connection, so it is read here and now.
        """
        store = self.workspace.store

        def run() -> T:
            with store.reader() as db:
                return work(db)

        if store.path is None:
            try:
                result = run()
            except (StoreError, OSError) as error:
                failed(str(error))
                return
            done(result)
            return
        run_in_background(run, done, failed, waiting)  # type: ignore[arg-type]

    def write(
        self, operation: Callable[[Store], T], *, change: Change | None, quiet: bool = False
    ) -> T | None:
        """``operation(store)``, then announce ``change``; None when it failed.

        On failure the answer on screen is saved as a text file, and the user is
        asked to Retry or Cancel; with ``quiet`` (e.g. a draft saved while typing)
        a status note says so instead, without asking.
        """
        while True:
            try:
                result = operation(self.workspace.store)
            except (StoreError, OSError) as error:
                rescued = self.rescue_answer()
                where = f" and saved as a text file:\n{rescued}" if rescued else ""
                if quiet:
                    self._show_status(
                        f"Could not save your draft: {error}. It is kept in the window{where}."
                    )
                    return None
                if self._ask_retry(error, where):
                    continue
                return None
            if change is not None:
                self.workspace.announce(change)
            return result

    def write_or_note(
        self, operation: Callable[[Store], object], *, failure: str, change: Change | None = None
    ) -> bool:
        """A write whose failure only deserves a status note (e.g. a copy of question text)."""
        try:
            operation(self.workspace.store)
        except (StoreError, OSError) as error:
            self._show_status(f"{failure}: {error}")
            return False
        if change is not None:
            self.workspace.announce(change)
        return True

    def rescue_answer(self) -> Path | None:
        """Write the answer on screen to a text file, once per different text."""
        answer = self._answer_on_screen()
        if answer is None or not answer.text.strip():
            return None
        if self._last_rescued is not None and self._last_rescued[0] == answer.text:
            return self._last_rescued[1]
        question = answer.question
        saved = write_rescue_file(
            self.workspace.rescue_to, question.id, question.prompt, answer.text, self._clock.now()
        )
        if saved is not None:
            self._last_rescued = (answer.text, saved)
        return saved

    def _ask_retry(self, error: Exception, where: str) -> bool:
        message = (
            f"Your work could not be saved: {error}\n\n"
            f"Your answer is kept in the window{where}.\n\n"
            "Nothing already saved was harmed. Free some disk space or make the data "
            "folder writable, then press Retry."
        )
        choice = QMessageBox.warning(
            self._parent,
            "Could not save",
            message,
            QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Retry,
        )
        return choice == QMessageBox.StandardButton.Retry
