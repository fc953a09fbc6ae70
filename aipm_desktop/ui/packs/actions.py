"""The main window's pack and question-editing commands, kept out of main_window.py.

:class:`PackActions` owns the actions (Import pack, Manage packs, New/Edit/Duplicate/
Delete question, Export my questions), their menus, drag-and-drop of pack files,
and reloading the question list when the library changes.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QAction, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QMenuBar, QMessageBox

from aipm_desktop.core.packs import PackError
from aipm_desktop.core.question_edit import QuestionFields
from aipm_desktop.services.pack_history import (
    attempts_at_removed_questions,
    snapshot_attempted_questions,
)
from aipm_desktop.services.pack_library import OWN_PACK_ID, ImportOutcome, LibraryError, PackLibrary
from aipm_desktop.services.workspace import Change
from aipm_desktop.storage.backup import BackupError
from aipm_desktop.ui.packs.folder_watch import PackFolderWatch
from aipm_desktop.ui.widgets.actions import make_action
from aipm_desktop.ui.widgets.inert import escaped_text

if TYPE_CHECKING:
    # The dialogs are imported when first opened, not at start-up.
    from aipm_desktop.ui.history.removed_history import RemovedHistoryDialog
    from aipm_desktop.ui.main.window import MainWindow
    from aipm_desktop.ui.packs.import_preview import ConvertedImports
    from aipm_desktop.ui.packs.packs_dialog import PacksDialog
    from aipm_desktop.ui.packs.problems_dialog import ProblemsDialog
    from aipm_desktop.ui.packs.question_editor import QuestionEditorDialog

T = TypeVar("T")

PACK_FILE_FILTER = "Question packs (*.json);;All files (*)"
READ_ONLY_HINT = (
    "Bundled and imported questions are read-only. "
    "Duplicate to my questions (Ctrl+Shift+U) makes a copy you can edit."
)


class PackActions(QObject):
    """Pack import/export/management and the question editor, for one main window.

    Signals:
        import_finished(bool): an import ended (True: the pack was added or updated).
        questions_reloaded(): the question list was rebuilt from the library.
    """

    import_finished = Signal(bool)
    questions_reloaded = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.editor: QuestionEditorDialog | None = None
        self.packs_dialog: PacksDialog | None = None
        self.problems_dialog: ProblemsDialog | None = None
        self._pending: list[Path] = []
        self.previews: ConvertedImports | None = None
        """Anki decks, CSV and Markdown files: previewed, then imported as JSON packs."""
        self._importing = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        action = functools.partial(make_action, window)
        self.import_action = action(
            "&Import pack…", ["Ctrl+I"], self.import_from_dialog, "Import a question pack file"
        )
        self.manage_action = action(
            "&Packs…", ["Ctrl+Shift+P"], self.manage_packs, "Switch packs on or off, remove them"
        )
        self.new_action = action(
            "&New question…", ["Ctrl+N"], self.new_question, "Write a question of your own"
        )
        self.edit_action = action(
            "&Edit question…", ["Ctrl+E"], self.edit_question, "Edit the selected own question"
        )
        self.duplicate_action = action(
            "&Duplicate to my questions",
            ["Ctrl+Shift+U"],
            self.duplicate_question,
            "Copy the selected question into your own questions, to edit it",
        )
        self.delete_action = action(
            "De&lete my question",
            ["Ctrl+Delete"],
            self.delete_question,
            "Delete the selected own question (your attempts are kept)",
        )
        self.export_action = action(
            "E&xport my questions…",
            ["Ctrl+Shift+O"],
            self.export_questions,
            "Save your own questions as a pack file another user can import",
        )
        if self.library is None:
            for each in self.all_actions():
                each.setEnabled(False)
        self.folder_watch = (
            PackFolderWatch(self.library, self.reload, self) if self.library is not None else None
        )
        """Packs changed by another program (import-pack in a terminal) reload the list."""

    def all_actions(self) -> list[QAction]:
        """Every action this object adds."""
        return [
            self.import_action,
            self.manage_action,
            self.new_action,
            self.edit_action,
            self.duplicate_action,
            self.delete_action,
            self.export_action,
        ]

    def build_menus(self, bar: QMenuBar, file_menu: QMenu, tools: QMenu, before: QAction) -> None:
        """Import/export at the top of File, a Questions menu before ``before``, Packs in Tools.

        Both menus already hold the window's own items.
        """
        first_in_file = file_menu.actions()[0]
        file_menu.insertAction(first_in_file, self.import_action)
        file_menu.insertAction(first_in_file, self.export_action)
        file_menu.insertSeparator(first_in_file)
        questions = QMenu("&Questions", bar)
        for each in (self.new_action, self.edit_action, self.duplicate_action, self.delete_action):
            questions.addAction(each)
        bar.insertMenu(before, questions)
        tools.insertAction(tools.actions()[0], self.manage_action)

    @property
    def library(self) -> PackLibrary | None:
        """The workspace's pack library (None: packs cannot be changed here)."""
        return self.window.workspace.library

    # -- importing -------------------------------------------------------
    def import_from_dialog(self) -> None:
        """Ask for a pack file, then import it."""
        from aipm_desktop.ui.packs.import_preview import IMPORT_FILE_FILTER

        name, _filter = QFileDialog.getOpenFileName(
            self.window, "Import a question pack", "", IMPORT_FILE_FILTER
        )
        if name:
            self.import_files([Path(name)])

    def import_files(self, paths: Iterable[Path]) -> None:
        """Import pack files one after another, in a worker thread."""
        if self.library is None:
            return
        if self.previews is None:
            from aipm_desktop.ui.packs.import_preview import ConvertedImports

            self.previews = ConvertedImports(self)
        self._pending.extend(self.previews.route(paths))
        self._start_next_import()

    def _start_next_import(self) -> None:
        if self._importing or not self._pending or self.library is None:
            return
        path = self._pending.pop(0)
        self._importing = True
        self.import_action.setEnabled(False)
        self.window.statusBar().showMessage(f"Checking {path.name}…")
        from aipm_desktop.ui.packs.import_task import ImportTask

        data_file = self.window.workspace.data_file
        task = ImportTask(self.library, path, data_file, self.window.clock.now())
        task.signals.finished.connect(self._import_done)
        self.pool.start(task)

    def _import_done(self, path_text: str, result: object) -> None:
        self._importing = False
        self.import_action.setEnabled(True)
        if self.previews is not None:
            self.previews.import_done(Path(path_text))
        name = Path(path_text).name
        imported = isinstance(result, ImportOutcome)
        if isinstance(result, ImportOutcome):
            answering = self.window.loop.is_answering  # never pull the user off an answer
            self.reload(select_id=None if answering else result.pack.questions[0].id)
            self.window.statusBar().showMessage(result.describe(), 10000)
        elif isinstance(result, PackError):
            self.window.statusBar().showMessage(f"{name} was not imported.", 10000)
            from aipm_desktop.ui.packs.problems_dialog import ProblemsDialog

            self.problems_dialog = ProblemsDialog.show_problems(
                self.window,
                "The pack was not imported",
                f"<b>{html.escape(name)}</b> was not imported, and nothing was changed. "
                "What is wrong, by file and place in the JSON:",
                result.problems,
            )
        elif isinstance(result, BackupError):
            QMessageBox.warning(
                self.window,
                "The pack was not imported",
                escaped_text(
                    f"{name} was not imported, and nothing was changed: the backup made before "
                    f"every import failed.\n\n{result}"
                ),
            )
        else:
            QMessageBox.warning(
                self.window,
                "The pack was not imported",
                escaped_text(f"{name} could not be copied: {result}"),
            )
        self.import_finished.emit(imported)
        self._start_next_import()

    def accepts_drag(self, event: QDragMoveEvent) -> None:
        """Accept a drag of local files (the import checks what they are)."""
        if self.library is not None and _local_files(event.mimeData().urls()):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        """Import dropped pack files."""
        files = _local_files(event.mimeData().urls())
        if self.library is not None and files:
            event.acceptProposedAction()
            self.import_files(files)

    # -- the Packs dialog --------------------------------------------------
    def manage_packs(self) -> None:
        """Open the Packs dialog."""
        if self.library is None:
            return
        dialog = self.packs_dialog
        if dialog is None:  # one dialog, opened again and again
            from aipm_desktop.ui.packs.packs_dialog import PacksDialog

            dialog = PacksDialog(self.library, self.window)
            dialog.library_changed.connect(lambda: self.reload())
            dialog.import_requested.connect(self.import_from_dialog)
            dialog.removed_history_requested.connect(self.show_removed_history)
            self.questions_reloaded.connect(dialog.refresh)
            self.packs_dialog = dialog
        else:
            dialog.refresh()
        dialog.open()

    def show_removed_history(self) -> RemovedHistoryDialog | None:
        """List attempts at questions that are no longer listed."""
        listed = [q.id for q in self.window.question_list.question_model.rows()]
        rows = self.window.operations.read(
            lambda store: attempts_at_removed_questions(store, listed)
        )
        if rows is None:
            return None
        parent = self.packs_dialog if self.packs_dialog is not None else self.window
        from aipm_desktop.ui.history.removed_history import RemovedHistoryDialog

        data_dir = self.window.operations.workspace.data_dir
        dialog = RemovedHistoryDialog(rows, parent, data_dir=data_dir)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- own questions -----------------------------------------------------
    def new_question(self) -> None:
        """Open the editor on an empty question."""
        current = self.window.current_question
        fields = QuestionFields(
            category=current.category if current else "",
            level=current.level if current else "",
        )
        self._open_editor("New question", fields, None)

    def edit_question(self) -> None:
        """Open the editor on the selected own question."""
        question = self.window.current_question
        if question is None:
            return
        if question.pack_id != OWN_PACK_ID:
            self.window.statusBar().showMessage(READ_ONLY_HINT, 10000)
            return
        self._open_editor("Edit question", QuestionFields.from_question(question), question.id)

    def duplicate_question(self) -> None:
        """Copy the selected question into the own questions and open the copy."""
        question = self.window.current_question
        if question is None or self.library is None:
            return
        library = self.library
        copy = self._change(lambda: library.duplicate_to_own(question))
        if copy is not None:
            self.reload(select_id=copy.id)
            self.window.statusBar().showMessage(
                "Copied into your questions. Ctrl+E edits the copy.", 10000
            )

    def delete_question(self) -> None:
        """Delete the selected own question, after asking. Its attempts are kept."""
        question = self.window.current_question
        if question is None or self.library is None:
            return
        if question.pack_id != OWN_PACK_ID:
            self.window.statusBar().showMessage(READ_ONLY_HINT, 10000)
            return
        answer = QMessageBox.question(
            self.window,
            "Delete this question?",
            escaped_text(
                f"Delete “{_short(question.prompt)}” from your questions?\n\n"
                "Your attempts at it are kept; Tools → Packs → History of removed questions "
                "shows them."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        library = self.library

        def delete() -> bool:
            library.delete_own_question(question.id)
            return True

        if self._change(delete):
            self.reload()
            self.window.statusBar().showMessage("Question deleted. Your attempts are kept.", 8000)

    def export_questions(self) -> None:
        """Save the own questions as a pack file."""
        if self.library is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self.window, "Export my questions", "my-interview-questions.json", PACK_FILE_FILTER
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        library = self.library
        pack = self._change(lambda: library.export_own(path))
        if pack is not None:
            count = len(pack.questions)
            self.window.statusBar().showMessage(
                f"Exported {count} question{'s' if count != 1 else ''} to {path}. "
                "Another user imports it with File → Import pack (Ctrl+I).",
                12000,
            )

    def _open_editor(self, title: str, fields: QuestionFields, question_id: str | None) -> None:
        if self.library is None:
            return
        questions = self.window.question_list.question_model.rows()
        from aipm_desktop.ui.packs.question_editor import QuestionEditorDialog

        editor = QuestionEditorDialog(
            title,
            fields,
            categories=sorted({q.category for q in questions}),
            levels=sorted({q.level for q in questions}),
            parent=self.window,
        )
        editor.save_requested.connect(lambda value: self._save(editor, value, question_id))
        if self.editor is not None and not self.editor.isVisible():
            self.editor.deleteLater()  # keep one closed editor at most
        self.editor = editor
        editor.open()

    def _save(
        self, editor: QuestionEditorDialog, fields: QuestionFields, question_id: str | None
    ) -> None:
        library = self.library
        if library is None:
            return
        saved = self._change(lambda: library.save_own_question(fields, question_id))
        if saved is None:
            return  # the message was shown; the editor stays open with the text
        editor.accept()
        self.window.activateWindow()
        self.reload(select_id=saved.id)
        self.window.statusBar().showMessage(
            "Saved in your questions. Press Return to practise it.", 8000
        )

    def _change(self, operation: Callable[[], T]) -> T | None:
        try:
            return operation()
        except LibraryError as error:
            QMessageBox.warning(self.window, "Not saved", str(error))
        except OSError as error:
            QMessageBox.warning(
                self.window,
                "Not saved",
                f"Your questions could not be written: {error}\n\nNothing you typed is lost; "
                "free some disk space or check the data folder, then try again.",
            )
        return None

    # -- reloading -------------------------------------------------------
    def reload(self, select_id: str | None = None) -> None:
        """Rebuild the question list from the library, keeping the selection where possible."""
        if self.library is None:
            return
        contents = self.library.load()
        questions = contents.questions()
        self.window.set_questions(questions, contents.problems, select_id=select_id)
        now = self.window.clock.now()
        self.window.operations.write_or_note(
            lambda store: snapshot_attempted_questions(store, questions, now),
            failure="Could not keep a copy of the question text",
        )
        self.window.workspace.announce(Change.PACKS)
        if self.folder_watch is not None:
            self.folder_watch.accept_current()
        self.questions_reloaded.emit()


def _local_files(urls: Sequence[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
