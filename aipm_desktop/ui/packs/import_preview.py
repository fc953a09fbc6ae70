"""Previewing an Anki deck, CSV/TSV or Markdown file before it is imported.

:class:`ImportPreviewDialog` shows the first questions as they will appear, the counts
(questions, skipped, media dropped, cloze notes), the field mapping (changeable for
Anki and CSV), and the pack's name and id (editable). All pack text is shown as plain
text. :class:`ConvertedImports` sends such files through the dialog and, once the user
accepts, imports the converted pack as an ordinary JSON pack.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRegularExpression, QRunnable, Qt, Signal
from PySide6.QtGui import QGuiApplication, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.importers import (
    ConvertedPack,
    Target,
    convert_file,
    needs_conversion,
)
from aipm_desktop.core.packs import PackError
from aipm_desktop.services.converted_import import converted_pack_file
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.inert import tooltip_text

if TYPE_CHECKING:
    from aipm_desktop.ui.packs.actions import PackActions

IMPORT_FILE_FILTER = (
    "Question files (*.json *.apkg *.colpkg *.csv *.tsv *.txt *.md);;"
    "Question packs (*.json);;Anki decks (*.apkg *.colpkg);;Tables (*.csv *.tsv *.txt);;"
    "Markdown (*.md);;All files (*)"
)
PREVIEW_ROWS = 50
"""The first questions listed in the preview."""
_ID_PATTERN = r"[a-z0-9][a-z0-9._-]{0,99}"
_TARGET_NAMES = {
    Target.PROMPT: "Question (prompt)",
    Target.ANSWER: "Model answer",
    Target.KEY_POINTS: "Key points",
    Target.CATEGORY: "Category",
    Target.LEVEL: "Level",
    Target.TAGS: "Tags",
    Target.TIME_LIMIT: "Time limit",
    Target.IGNORE: "Not imported",
}


class ImportPreviewDialog(QDialog):
    """The converted file before import. Signals: import_requested(ConvertedPack)."""

    import_requested = Signal(object)

    def __init__(self, converted: ConvertedPack, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import questions")
        self.path = path
        self.converted = converted
        layout = QVBoxLayout(self)
        self.source_label = _plain_label(
            f"{converted.source_name} — {converted.source_format.label}"
        )
        layout.addWidget(self.source_label)

        form = QFormLayout()
        self.title_edit = QLineEdit(converted.title)
        self.title_edit.setMaxLength(200)
        describe_control(self.title_edit, "Pack name", "The name shown in the Packs dialog")
        self.id_edit = QLineEdit(converted.pack_id)
        self.id_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(_ID_PATTERN), self.id_edit)
        )
        describe_control(
            self.id_edit,
            "Pack id",
            "Lowercase letters, digits, '.', '_' or '-'. Importing again with the same id "
            "updates the pack and keeps your history.",
        )
        form.addRow("Pack &name:", self.title_edit)
        form.addRow("Pack &id:", self.id_edit)
        layout.addLayout(form)

        self.mapping_combos: dict[str, QComboBox] = {}
        if converted.fields:
            layout.addWidget(self._mapping_box(converted))

        self.counts_label = _plain_label("")
        describe_control(self.counts_label, "Counts", "What the conversion made of the file")
        layout.addWidget(self.counts_label)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["No.", "Question", "Category", "Level"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        describe_control(
            self.table, "First questions", "The first questions as they will be imported",
            tooltip=False,
        )  # fmt: skip
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        describe_control(
            self.details, "Selected question", "Its answer, key points and tags", tooltip=False
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_details(row))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        describe_control(
            self.import_button,
            "Import",
            "Add these questions as a pack; importing the same id again updates it",
        )
        describe_control(
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            "Cancel",
            "Close without importing; nothing is changed",
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._update_button)
        self.id_edit.textChanged.connect(self._update_button)
        self.resize(820, 640)
        self._show(converted)
        settle_layout(self)

    # -- building ----------------------------------------------------------
    def _mapping_box(self, converted: ConvertedPack) -> QGroupBox:
        box = QGroupBox("Fields: where each goes")
        grid = QFormLayout(box)
        for name in converted.fields:
            combo = QComboBox()
            for target, words in _TARGET_NAMES.items():
                combo.addItem(words, target)
            current = converted.mapping.get(name, Target.IGNORE)
            combo.setCurrentIndex(combo.findData(current))
            combo.currentIndexChanged.connect(self._remap)
            describe_control(combo, f"Field {name}", f"Where the field “{name}” goes")
            label = _plain_label(name)
            label.setBuddy(combo)
            grid.addRow(label, combo)
            self.mapping_combos[name] = combo
        return box

    def _show(self, converted: ConvertedPack) -> None:
        self.converted = converted
        self.counts_label.setText("\n".join(converted.counts.lines()))
        shown = converted.questions[:PREVIEW_ROWS]
        self.table.setRowCount(len(shown))
        for row, question in enumerate(shown):
            cells = (str(row + 1), question.prompt, question.category, question.level)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(" ".join(text.split()))  # item text is never HTML
                item.setToolTip(tooltip_text(text[:500]))  # escaped: pack text is data
                self.table.setItem(row, column, item)
        if shown:
            self.table.setCurrentCell(0, 1)
            self._show_details(0)
        else:
            self.details.setPlainText("No question could be made from this file.")
        self._update_button()

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self.converted.questions):
            return
        question = self.converted.questions[row]
        parts = [question.prompt, "", "Model answer:", question.answer, "", "Key points:"]
        parts += [f"- {point}" for point in question.key_points]
        if question.tags:
            parts += ["", "Tags: " + ", ".join(question.tags)]
        if question.time_limit_seconds:
            parts += [f"Time limit: {question.time_limit_seconds} s"]
        self.details.setPlainText("\n".join(parts))

    # -- reacting ------------------------------------------------------------
    def mapping(self) -> dict[str, Target]:
        """The field mapping chosen in the combo boxes."""
        return {name: Target(combo.currentData()) for name, combo in self.mapping_combos.items()}

    def _remap(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            converted = convert_file(self.path, self.mapping(), file=self.converted.source_name)
        except PackError as error:
            self.counts_label.setText("The file could not be converted again:\n" + str(error))
            self.import_button.setEnabled(False)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show(converted)

    def _update_button(self) -> None:
        valid = (
            bool(self.converted.questions)
            and bool(self.title_edit.text().strip())
            and re.fullmatch(_ID_PATTERN, self.id_edit.text()) is not None
        )
        self.import_button.setEnabled(valid)

    def result_pack(self) -> ConvertedPack:
        """The converted pack under the name and id the user chose."""
        return self.converted.with_identity(self.id_edit.text(), self.title_edit.text().strip())

    def _accept(self) -> None:
        if not self.import_button.isEnabled():
            return
        self.import_requested.emit(self.result_pack())
        self.accept()


class ConvertSignals(QObject):
    """Signals: finished(str, object): the file's path, and a ConvertedPack or the error."""

    finished = Signal(str, object)


class ConvertTask(QRunnable):
    """Convert one file in a worker thread: a large deck takes a few seconds."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.signals = ConvertSignals()

    def run(self) -> None:
        result: ConvertedPack | Exception
        try:
            result = convert_file(self.path)
        except Exception as error:  # shown to the user; the app keeps running
            result = error
        self.signals.finished.emit(str(self.path), result)


class ConvertedImports(QObject):
    """Routes files that need converting through the preview, then imports the result."""

    def __init__(self, actions: PackActions) -> None:
        super().__init__(actions)
        self.actions = actions
        self.dialog: ImportPreviewDialog | None = None
        self.converting: Path | None = None
        self._queue: list[Path] = []
        self._temporary: dict[Path, ExitStack] = {}

    def route(self, paths: Iterable[Path]) -> list[Path]:
        """The JSON packs among ``paths``; the other files are previewed one by one."""
        direct: list[Path] = []
        for path in paths:
            (self._queue if needs_conversion(path) else direct).append(path)
        self._open_next()
        return direct

    def import_done(self, path: Path) -> None:
        """An import ended: remove the temporary converted pack file, if it was one."""
        stack = self._temporary.pop(path, None)
        if stack is not None:
            stack.close()

    def _open_next(self) -> None:
        if self.dialog is not None or self.converting is not None or not self._queue:
            return
        path = self._queue.pop(0)
        self.converting = path
        self.actions.window.statusBar().showMessage(f"Reading {path.name}…")
        task = ConvertTask(path)
        task.signals.finished.connect(self._converted)
        self.actions.pool.start(task)

    def _converted(self, path_text: str, result: object) -> None:
        self.converting = None
        path = Path(path_text)
        self.actions.window.statusBar().clearMessage()
        if isinstance(result, ConvertedPack):
            dialog = ImportPreviewDialog(result, path, self.actions.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.import_requested.connect(self._import)
            dialog.finished.connect(self._closed)
            self.dialog = dialog
            dialog.open()
            return
        if isinstance(result, PackError):
            self._refused(path.name, result)
        else:
            QMessageBox.warning(
                self.actions.window,
                "The file was not imported",
                f"{path.name} could not be read, and nothing was changed: {result}",
            )
        self._open_next()

    def _closed(self) -> None:
        self.dialog = None
        self._open_next()

    def _import(self, converted: ConvertedPack) -> None:
        library = self.actions.library
        if library is None:
            return
        stack = ExitStack()
        try:
            pack_file = stack.enter_context(converted_pack_file(converted, library))
        except PackError as error:
            stack.close()
            self._refused(converted.source_name, error)
            return
        except OSError as error:
            stack.close()
            self.actions.window.statusBar().showMessage(
                f"{converted.source_name} was not imported: {error}", 10000
            )
            return
        self._temporary[pack_file] = stack
        self.actions.import_files([pack_file])

    def _refused(self, name: str, error: PackError) -> None:
        from aipm_desktop.ui.packs.problems_dialog import ProblemsDialog

        self.actions.window.statusBar().showMessage(f"{name} was not imported.", 10000)
        self.actions.problems_dialog = ProblemsDialog.show_problems(
            self.actions.window,
            "The file was not imported",
            f"<b>{html.escape(name)}</b> was not imported, and nothing was changed:",
            error.problems,
        )


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
