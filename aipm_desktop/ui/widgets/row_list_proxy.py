"""A table proxy that shows a chosen list of its source's rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QObject, Qt

from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel


class RowListProxy(QAbstractProxyModel):
    """Shows the source rows listed in ``_source_rows``, in that order (a flat table).

    Subclasses choose the rows, in one pass of plain Python, and hand them to the
    view in one layout change; they also map a source row back to its place
    (``_index_of_source_row``). This class answers the view from that list, so no
    Python runs per row on a filter change, as it would in QSortFilterProxyModel.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source_rows: Sequence[int] = []
        """Proxy row -> source row (a ``range`` when every row is shown in order)."""

    def _row_model(self) -> RowTableModel[Any] | None:
        """The source model, once set."""
        raise NotImplementedError

    def _index_of_source_row(self, source_row: int, column: int) -> QModelIndex:
        """This proxy's index of a source row, or an invalid one when it is not shown."""
        raise NotImplementedError

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        model = self._row_model()
        if model is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._source_rows):
            return None
        return model.row_data(self._source_rows[row], index.column(), role)

    def mapToSource(self, proxy_index: AnyIndex) -> QModelIndex:  # noqa: N802
        model = self._row_model()
        if model is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._source_rows):
            return QModelIndex()
        return model.index(self._source_rows[row], proxy_index.column())

    def mapFromSource(self, source_index: AnyIndex) -> QModelIndex:  # noqa: N802
        if not source_index.isValid():
            return QModelIndex()
        return self._index_of_source_row(source_index.row(), source_index.column())

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._source_rows)):
            return QModelIndex()
        if not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: AnyIndex | None = None) -> Any:
        """No row has a parent (a table); without an index, the QObject parent."""
        if child is None:
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: AnyIndex) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._source_rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        model = self._row_model()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and bool(self._source_rows)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """The source's column titles; rows have none (the view would ask for every row's)."""
        model = self._row_model()
        if model is None or orientation != Qt.Orientation.Horizontal:
            return None
        return model.headerData(section, orientation, role)
