"""The key-point checklist: a list of checkable, word-wrapped items."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from aipm_desktop.core.coverage import PointMatch
from aipm_desktop.core.hints import KeyPointHint
from aipm_desktop.ui.widgets.inert import tooltip_text

KEY_POINT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The key point itself (the text may also carry a hint)."""
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
"""The automatic check's verdict for the point ("covered (92 %)", "seems missing"...)."""
EVIDENCE_SPAN_ROLE = Qt.ItemDataRole.UserRole + 3
"""(start, end) of the answer's sentence that makes the point, or None."""
HINT_PREFIX = "Hint: "


class KeyPointChecklist(QListView):
    """Tick the key points an answer covered: arrows move, Space ticks.

    Signals:
        ticked_changed(list): the ticked key points, in rubric order, after each change.
    """

    ticked_changed = Signal(list)
    evidence_chosen = Signal(object)
    """The current point's evidence span in the answer, (start, end), or None."""

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
        self.setMouseTracking(True)
        self.entered.connect(self._emit_evidence)
        self.clicked.connect(self._emit_evidence)
        # Selecting a point (arrows, click) announces its evidence too.
        self.selectionModel().currentChanged.connect(self._emit_evidence)

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
        self._redraw_keeping_current()

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
            item.setData(None, EVIDENCE_SPAN_ROLE)
            if hint is None:
                item.setText(point)
                item.setToolTip(tooltip_text(point))
                item.setData("", STATUS_ROLE)
                continue
            item.setData(hint.label, STATUS_ROLE)
            mark = "✓" if hint.mentioned else "?"
            item.setText(f"{point}  ·  {mark} {HINT_PREFIX}{hint.label}")
            words = ", ".join(hint.found) if hint.mentioned else ", ".join(hint.missing)
            detail = "found" if hint.mentioned else "not found"
            item.setToolTip(
                tooltip_text(f"{point}\nAutomatic hint, not your score: {detail}: {words}")
            )
        self._model.blockSignals(False)
        self._redraw_keeping_current()

    def set_matches(self, matches: Sequence[PointMatch] | None) -> None:
        """Show under each key point whether the automatic check found it, with its score,
        and the answer's sentence that makes it (None: nothing shown).

        Everything is plain text, so neither the key points nor the answer can be read as
        markup; the tooltip is built from escaped text.
        """
        by_point = {match.text: match for match in matches or ()}
        self._model.blockSignals(True)
        for row in range(self._model.rowCount()):
            item, point = self._item(row), self._key_point(row)
            match = by_point.get(point)
            if match is None:
                item.setText(point)
                item.setToolTip(tooltip_text(point))
                item.setData("", STATUS_ROLE)
                item.setData(None, EVIDENCE_SPAN_ROLE)
                continue
            status = match_status(match)
            item.setData(status, STATUS_ROLE)
            item.setData(match.evidence_span if match.covered else None, EVIDENCE_SPAN_ROLE)
            mark = "✓" if match.covered else "?"
            # One row per point, the verdict after it: the evidence is in the tooltip and
            # is highlighted in the answer when the point is chosen.
            tip = [f"<p>{html.escape(point)}</p>", f"<p>{mark} {html.escape(status)}"]
            if match.covered and match.evidence:
                tip.append(f"<br>Your answer: “{html.escape(match.evidence)}”")
            tip.append("<br><i>Automatic check, not your score: only your ticks count.</i></p>")
            item.setText(f"{point}  ·  {mark} {status}")
            item.setToolTip("".join(tip))
        self._model.blockSignals(False)
        self._redraw_keeping_current()

    def _redraw_keeping_current(self) -> None:
        """Show the changed texts; the point the keyboard was on stays current (the check
        arrives from a pool thread, often after the user has started ticking)."""
        row = self.currentIndex().row()
        self.reset()
        if 0 <= row < self._model.rowCount():
            self.setCurrentIndex(self._model.index(row, 0))

    def content_height(self) -> int:
        """The height that shows every point without scrolling, at the current width."""
        rows = sum(
            self.sizeHintForRow(row) + 2 * self.spacing() for row in range(self._model.rowCount())
        )
        return rows + 2 * self.frameWidth() + 2

    def hint_texts(self) -> list[str]:
        """Each row's automatic verdict ("" when it has none), for tests and screen readers."""
        return [
            str(self._item(row).data(STATUS_ROLE) or "") for row in range(self._model.rowCount())
        ]

    def evidence_span(self, row: int) -> tuple[int, int] | None:
        """Where row ``row``'s evidence is in the answer, if it has any."""
        span = self._item(row).data(EVIDENCE_SPAN_ROLE)
        return (int(span[0]), int(span[1])) if span else None

    def _emit_evidence(
        self, index: QModelIndex | QPersistentModelIndex, *_previous: object
    ) -> None:
        self.evidence_chosen.emit(self.evidence_span(index.row()) if index.isValid() else None)

    def _item(self, row: int) -> QStandardItem:
        return self._model.item(row)

    def _key_point(self, row: int) -> str:
        return str(self._item(row).data(KEY_POINT_ROLE))

    def _emit_ticked(self, _item: QStandardItem) -> None:
        self.ticked_changed.emit(self.ticked())


def match_status(match: PointMatch) -> str:
    """ "covered (92 %)" or "not found"."""
    return f"covered ({round(match.score * 100)} %)" if match.covered else "not found"
