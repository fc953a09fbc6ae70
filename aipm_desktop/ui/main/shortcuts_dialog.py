"""Help → Keyboard shortcuts (F1): every action and the keys that reach it.

The list is built from the window's own actions and menus, so it can't drift from
what is registered. An action without a shortcut is listed with its menu route
(e.g. "Alt+H, A" for Help → About).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel


@dataclass(frozen=True)
class Shortcut:
    """One row of the list: what it does and the keys."""

    action: str
    keys: str


def action_name(action: QAction) -> str:
    """The action's text without mnemonic markers."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&``, upper-case; None when there is none."""
    index = text.replace("&&", "__").find("&")
    if index < 0 or index + 1 >= len(text):
        return None
    return text[index + 1].upper()


def keys_of(action: QAction) -> str:
    """The action's shortcuts in the platform's notation, joined by "or"."""
    native = QKeySequence.SequenceFormat.NativeText
    return " or ".join(key.toString(native) for key in action.shortcuts())


def menu_actions(window: QMainWindow) -> Iterator[tuple[QAction, list[str]]]:
    """Every command in the menu bar with its route of mnemonic keys (None: no mnemonic)."""

    def walk(menu: QMenu, route: list[str]) -> Iterator[tuple[QAction, list[str]]]:
        for action in menu.actions():
            if action.isSeparator():
                continue
            step = [*route, mnemonic(action.text()) or ""]
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                yield from walk(submenu, step)
            else:
                yield action, step

    for top in window.menuBar().actions():
        submenu = top.menu()
        if isinstance(submenu, QMenu):
            letter = mnemonic(top.text())
            yield from walk(submenu, [f"Alt+{letter}" if letter else ""])


def menu_route(steps: Sequence[str]) -> str:
    """E.g. "Alt+H, A"; empty when a step has no mnemonic."""
    return ", ".join(steps) if all(steps) else ""


def registered_actions(window: QMainWindow) -> list[QAction]:
    """The window's actions and every command in its menus, each once, in menu order."""
    seen: dict[int, QAction] = {}
    for action, _route in menu_actions(window):
        seen.setdefault(id(action), action)
    for action in window.actions():
        if not action.isSeparator() and action.menu() is None:
            seen.setdefault(id(action), action)
    return list(seen.values())


def shortcut_rows(window: QMainWindow, extra: Sequence[Shortcut] = ()) -> list[Shortcut]:
    """Every action with its shortcut, or its menu route when it has none."""
    routes = {id(action): menu_route(route) for action, route in menu_actions(window)}
    rows = list(extra)
    for action in registered_actions(window):
        keys = keys_of(action) or routes.get(id(action), "")
        rows.append(Shortcut(action_name(action), keys))
    return rows


class ShortcutModel(RowTableModel[Shortcut]):
    """Action and keys, one shortcut per row."""

    def __init__(self, rows: Sequence[Shortcut], parent: QObject | None = None) -> None:
        super().__init__(("Action", "Keys"), rows, parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.object_at(index)
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return row.action if index.column() == 0 else row.keys


class ShortcutsDialog(QDialog):
    """A table of every action and its keys."""

    def __init__(self, rows: Sequence[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.model = ShortcutModel(rows, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setAccessibleName("Keyboard shortcuts")
        self.view.setAccessibleDescription("Each action and the keys that run it.")
        note = QLabel(
            "Menus open with Alt and their underlined letter; "
            "a route such as “Alt+H, A” means Alt+H, then A."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setAccessibleDescription("Close the list of shortcuts.")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 620)
        settle_layout(self)
