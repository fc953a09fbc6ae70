"""The key-point checklist: a list of checkable, word-wrapped items."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from aipm_desktop.core.hints import KeyPointHint
from aipm_desktop.ui.widgets.inert import tooltip_text

KEY_POINT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The key point itself (the text may also carry a hint)."""
HINT_PREFIX = "Hint: "


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
            item.setData(point, KEY_POINT_ROLE)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setEditable(False)
            item.setToolTip(tooltip_text(point))
            self._model.appendRow(item)
        self._model.blockSignals(False)
        self.reset()

    def ticked(self) -> list[str]:
        """The ticked key points, in rubric order."""
        return [
            self._key_point(row)
            for row in range(self._model.rowCount())
            if self._item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_ticked(self, ticked: Sequence[str]) -> None:
        """Tick exactly these key points, without emitting ``ticked_changed``."""
        wanted = set(ticked)
        self._model.blockSignals(True)
        for row in range(self._model.rowCount()):
            item = self._item(row)
            checked = self._key_point(row) in wanted
            state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self._model.blockSignals(False)
        self.viewport().update()

    def focus_first(self) -> None:
        """Focus the list with its first key point current."""
        if self._model.rowCount():
            self.setCurrentIndex(self._model.index(0, 0))
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_hints(self, hints: Sequence[KeyPointHint] | None) -> None:
        """Show under each key point whether the answer seems to mention it (None: no hints).

        The hint is text ("Hint: seems mentioned"), so it does not rely on colour.
        """
        by_point = {hint.key_point: hint for hint in hints or ()}
        self._model.blockSignals(True)
        for row in range(self._model.rowCount()):
            item, point = self._item(row), self._key_point(row)
            hint = by_point.get(point)
            if hint is None:
                item.setText(point)
                item.setToolTip(tooltip_text(point))
                continue
            mark = "✓" if hint.mentioned else "?"
            item.setText(f"{point}\n    {mark} {HINT_PREFIX}{hint.label}")
            words = ", ".join(hint.found) if hint.mentioned else ", ".join(hint.missing)
            detail = "found" if hint.mentioned else "not found"
            item.setToolTip(
                tooltip_text(f"{point}\nAutomatic hint, not your score: {detail}: {words}")
            )
        self._model.blockSignals(False)
        self.reset()

    def hint_texts(self) -> list[str]:
        """Each row's hint line ("" when it has none), for tests and screen readers."""
        texts = []
        for row in range(self._model.rowCount()):
            _point, _sep, rest = self._item(row).text().partition(HINT_PREFIX)
            texts.append(rest)
        return texts

    def _item(self, row: int) -> QStandardItem:
        return self._model.item(row)

    def _key_point(self, row: int) -> str:
        return str(self._item(row).data(KEY_POINT_ROLE))

    def _emit_ticked(self, _item: QStandardItem) -> None:
        self.ticked_changed.emit(self.ticked())
