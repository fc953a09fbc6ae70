"""Help → Keyboard shortcuts (F1): every action and the keys that reach it.

The list is built from the window's own actions and menus, so it can't drift from
what is registered. An action without a shortcut is listed with its menu route
(e.g. "Alt+H, A" for Help → About). Rows are grouped by menu, and a search field
keeps the rows whose action, keys or menu contain what is typed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel

OTHER_GROUP = "Other keys"
"""The group of an action that is in no menu."""


@dataclass(frozen=True)
class Shortcut:
    """One row of the list: what it does and the keys."""

    action: str
    keys: str
    group: str = OTHER_GROUP
    """The menu it is in (e.g. "Practice"), or where the keys work."""

    def matches(self, words: str) -> bool:
        """True when every word of ``words`` is in the action or its keys, or starts
        its group's name ("view" keeps the whole View menu)."""
        text = f"{self.action} {self.keys}".casefold()
        group = self.group.casefold()
        return all(word in text or group.startswith(word) for word in words.casefold().split())


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


def menu_groups(window: QMainWindow) -> dict[int, str]:
    """By ``id`` of each command in the menu bar, the name of its top menu."""
    groups: dict[int, str] = {}
    for top in window.menuBar().actions():
        submenu = top.menu()
        if not isinstance(submenu, QMenu):
            continue
        name = action_name(top)
        menus = [submenu]
        while menus:
            for action in menus.pop().actions():
                inner = action.menu()
                if isinstance(inner, QMenu):
                    menus.append(inner)
                else:
                    groups.setdefault(id(action), name)
    return groups


def shortcut_rows(window: QMainWindow, extra: Sequence[Shortcut] = ()) -> list[Shortcut]:
    """Every action with its shortcut, or its menu route when it has none, grouped by
    menu in menu-bar order (``extra`` rows join their group's end)."""
    routes = {id(action): menu_route(route) for action, route in menu_actions(window)}
    groups = menu_groups(window)
    rows: list[Shortcut] = []
    for action in registered_actions(window):
        keys = keys_of(action) or routes.get(id(action), "")
        rows.append(Shortcut(action_name(action), keys, groups.get(id(action), OTHER_GROUP)))
    order = list(dict.fromkeys([row.group for row in rows] + [row.group for row in extra]))
    everything = rows + list(extra)
    return sorted(everything, key=lambda row: order.index(row.group))


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
    """Every action and its keys, grouped by menu, with a search field."""

    def __init__(self, rows: Sequence[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.model = ShortcutModel(rows, self)
        """Every row, ungrouped and unfiltered."""
        self._rows = list(rows)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type to find an action or a key, e.g. “zoom” or “Ctrl+P”")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a shortcut")
        search_label = QLabel("&Find:")
        search_label.setBuddy(self.search)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setAccessibleDescription("Each action and the keys that run it, by menu.")
        self.no_match = QLabel("No shortcut matches.")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()  # swapping pages never changes the dialog's size hints
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.no_match)
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
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._fill)
        self._fill("")
        self.resize(600, 680)
        settle_layout(self)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self, words: str) -> None:
        """Show the rows matching ``words`` under a bold heading per menu."""
        self.tree.clear()
        heading_font = QFont(self.tree.font())
        heading_font.setBold(True)
        headings: dict[str, QTreeWidgetItem] = {}
        for row in self._rows:
            if not row.matches(words):
                continue
            heading = headings.get(row.group)
            if heading is None:
                heading = QTreeWidgetItem(self.tree, [row.group, ""])
                heading.setFont(0, heading_font)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                heading.setFirstColumnSpanned(True)
                headings[row.group] = heading
            QTreeWidgetItem(heading, [row.action, row.keys])
        self.tree.expandAll()
        self.stack.setCurrentWidget(self.tree if headings else self.no_match)

    def shown_groups(self) -> dict[str, list[tuple[str, str]]]:
        """What the list shows: per menu heading, its (action, keys) rows."""
        shown: dict[str, list[tuple[str, str]]] = {}
        for index in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(index)
            if heading is None:
                continue
            children = (heading.child(i) for i in range(heading.childCount()))
            shown[heading.text(0)] = [
                (child.text(0), child.text(1)) for child in children if child is not None
            ]
        return shown
