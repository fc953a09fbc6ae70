"""The key-point checklist: a list of checkable, word-wrapped items."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget


class KeyPointChecklist(QListView):
    """Tick the key points an answer covered: arrows move, Space ticks.

    Signals:
        ticked_changed(list): the ticked key points, in rubric order, after each change.
    """

    ticked_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSpacing(2)
        self.setAccessibleName("Key points")
        self.setAccessibleDescription("Tick the key points your answer covered: Space ticks")
        self._model.itemChanged.connect(self._emit_ticked)

    def set_key_points(self, key_points: Sequence[str]) -> None:
        """Show these key points, none ticked."""
        self._model.blockSignals(True)
        self._model.clear()
        for point in key_points:
            item = QStandardItem(point)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setEditable(False)
            item.setToolTip(point)
            self._model.appendRow(item)
        self._model.blockSignals(False)
        self.reset()

    def ticked(self) -> list[str]:
        """The ticked key points, in rubric order."""
        return [
            self._item(row).text()
            for row in range(self._model.rowCount())
            if self._item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_ticked(self, ticked: Sequence[str]) -> None:
        """Tick exactly these key points, without emitting ``ticked_changed``."""
        wanted = set(ticked)
        self._model.blockSignals(True)
        for row in range(self._model.rowCount()):
            item = self._item(row)
            state = Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self._model.blockSignals(False)
        self.viewport().update()

    def focus_first(self) -> None:
        """Focus the list with its first key point current."""
        if self._model.rowCount():
            self.setCurrentIndex(self._model.index(0, 0))
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _item(self, row: int) -> QStandardItem:
        return self._model.item(row)

    def _emit_ticked(self, _item: QStandardItem) -> None:
        self.ticked_changed.emit(self.ticked())
