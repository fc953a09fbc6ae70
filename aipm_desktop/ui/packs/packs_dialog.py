"""The Packs dialog: every bundled, imported and own pack, switched on or off."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.services.pack_library import LibraryError, PackEntry, PackLibrary, PackSource
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.inert import escaped_text, tooltip_text
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel


class PackColumn(IntEnum):
    """The pack table's columns."""

    ENABLED = 0
    NAME = 1
    SOURCE = 2
    QUESTIONS = 3
    VERSION = 4


_HEADERS = ("On", "Pack", "Source", "Questions", "Version")
_SOURCE_WORDS = {
    PackSource.BUNDLED: "Bundled",
    PackSource.IMPORTED: "Imported",
    PackSource.OWN: "Your own",
}


class PackTableModel(RowTableModel[PackEntry]):
    """One pack per row; the first column is a checkbox that switches the pack on or off.

    Signals:
        enabled_changed(str, bool): the user switched the pack with this id.
    """

    enabled_changed = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_HEADERS, parent=parent)

    def entry(self, row: int) -> PackEntry:
        """The pack on ``row``."""
        return self.row_object(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.object_at(index)
        if entry is None:
            return None
        column = index.column()
        if column == PackColumn.ENABLED:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if entry.enabled else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                state = "on" if entry.enabled else "off"
                text = f"{entry.pack.title} is {state}; Space switches it"
                return tooltip_text(text) if role == Qt.ItemDataRole.ToolTipRole else text
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == PackColumn.NAME:
            return tooltip_text(entry.pack.description or entry.pack.title)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == PackColumn.NAME:
            return entry.pack.title
        if column == PackColumn.SOURCE:
            return _SOURCE_WORDS[entry.source]
        if column == PackColumn.QUESTIONS:
            return len(entry.pack.questions)
        if column == PackColumn.VERSION:
            return entry.pack.version
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == PackColumn.ENABLED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entry = self.object_at(index)
        if entry is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.enabled_changed.emit(entry.pack.id, checked)
        return True


class PacksDialog(QDialog):
    """Lists the packs; switch them on and off, import new ones, remove imported ones.

    Signals:
        library_changed(): packs were switched, imported or removed.
        import_requested(): the user pressed Import….
        removed_history_requested(): the user wants the history of removed questions.
    """

    library_changed = Signal()
    import_requested = Signal()
    removed_history_requested = Signal()

    def __init__(self, library: PackLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Packs")
        self.model = PackTableModel(self)
        self.model.enabled_changed.connect(self._set_enabled)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName("Packs")
        self.view.setToolTip("Space switches the selected pack on or off")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PackColumn.NAME, QHeaderView.ResizeMode.Stretch)

        intro = QLabel(
            "Switched-off packs leave the question list. Removing an imported pack deletes "
            "its copy; your attempts at its questions are always kept."
        )
        intro.setWordWrap(True)
        self.import_button = self._button("&Import…", "Import a pack file (Ctrl+I)")
        self.import_button.clicked.connect(self.import_requested.emit)
        self.remove_button = self._button("&Remove", "Remove the selected imported pack")
        self.remove_button.clicked.connect(self.remove_selected)
        self.history_button = self._button(
            "&History of removed questions…", "Read your attempts at questions no longer listed"
        )
        self.history_button.clicked.connect(self.removed_history_requested.emit)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.history_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        describe_control(
            buttons.button(QDialogButtonBox.StandardButton.Close),
            "Close",
            "Close the Packs window (Escape).",
        )

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        settle_layout(self)  # sized before it is shown, so showing it resizes nothing
        self.resize(720, 360)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.refresh()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        return button

    def refresh(self, entries: Sequence[PackEntry] | None = None) -> None:
        """Show the library's packs again, keeping the selected pack selected."""
        selected = self.selected_entry()
        self.model.set_rows(self.library.load().entries if entries is None else entries)
        row = 0
        if selected is not None:
            for candidate in range(self.model.rowCount()):
                if self.model.entry(candidate).pack.id == selected.pack.id:
                    row = candidate
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, PackColumn.ENABLED))
        self._update_buttons()

    def selected_entry(self) -> PackEntry | None:
        """The pack on the current row, if any."""
        index = self.view.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def remove_selected(self) -> None:
        """Remove the selected imported pack, after asking."""
        entry = self.selected_entry()
        if entry is None or entry.source != PackSource.IMPORTED:
            return
        count = len(entry.pack.questions)
        answer = QMessageBox.question(
            self,
            "Remove pack?",
            escaped_text(
                f"Remove “{entry.pack.title}” {entry.pack.version}? Its {count} questions leave "
                "the list. Your attempts at them are kept and stay readable under "
                "History of removed questions."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.library.remove_pack(entry.pack.id)
        except (LibraryError, OSError) as error:
            QMessageBox.warning(self, "Could not remove the pack", str(error))
            return
        self.refresh()
        self.library_changed.emit()

    def _set_enabled(self, pack_id: str, enabled: bool) -> None:
        try:
            self.library.set_enabled(pack_id, enabled)
        except OSError as error:
            QMessageBox.warning(self, "Could not save the change", str(error))
        self.refresh()
        self.library_changed.emit()

    def _update_buttons(self, *_args: QModelIndex) -> None:
        entry = self.selected_entry()
        self.remove_button.setEnabled(entry is not None and entry.source == PackSource.IMPORTED)
