"""A read-only table model over a list of Python objects, one object per row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows are objects, columns have fixed headers; subclasses implement ``data``."""

    def __init__(
        self, headers: Sequence[str], rows: Sequence[RowT] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: list[RowT] = list(rows)

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> RowT:
        """The object shown on ``row``."""
        return self._rows[row]

    def object_at(self, index: AnyIndex) -> RowT | None:
        """The object of a valid index of this model, else None."""
        if not index.isValid() or index.parent().isValid():
            return None
        return self._rows[index.row()] if 0 <= index.row() < len(self._rows) else None

    def row_data(self, row: int, column: int, role: int) -> object:
        """``data`` for a valid row and column, without an index (for a `RowListProxy`)."""
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None
