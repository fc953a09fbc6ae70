"""Reusable checks that a window or dialog can be used with a screen reader.

``assert_accessible(widget)`` walks every interactive control under ``widget`` and
asserts that a screen reader gets a name and a description for it. The name and
description are read through ``QAccessible``, the interface screen readers use, so a
button's text counts as its name and a tooltip counts as a description, exactly as Qt
reports them. Use it on every new window and dialog::

    from .accessibility import assert_accessible

    assert_accessible(MyDialog(...))
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE: tuple[type[QWidget], ...] = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)
"""Controls a user can focus or operate."""

PARTS_OF_A_WHOLE: tuple[type[QWidget], ...] = (*INTERACTIVE, QMenuBar)
"""Controls whose inner widgets (a spin box's line edit, a table's header, a combo
box's popup list, a menu bar's overflow button) are announced as part of them."""


def _is_part_of_another_control(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, PARTS_OF_A_WHOLE):
            return True
        parent = parent.parentWidget()
    return False


def interactive_widgets(root: QWidget) -> Iterator[QWidget]:
    """Every interactive control under ``root`` that a screen reader announces on its own."""
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue
        if _is_part_of_another_control(widget, root):
            continue
        yield widget


def accessible_text(widget: QWidget, kind: QAccessible.Text) -> str:
    """What a screen reader is told about ``widget``."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, f"{widget!r} has no accessibility interface"
    return interface.text(kind).strip()


def describe(widget: QWidget) -> str:
    """A readable identification for failure messages."""
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__}(objectName={widget.objectName()!r}, text={text!r})"


def missing_names(root: QWidget) -> list[str]:
    """Controls under ``root`` without an accessible name or description."""
    problems = []
    for widget in interactive_widgets(root):
        if not accessible_text(widget, QAccessible.Text.Name):
            problems.append(f"{describe(widget)} has no accessible name")
        if not accessible_text(widget, QAccessible.Text.Description):
            problems.append(f"{describe(widget)} has no accessible description")
    return problems


def assert_accessible(root: QWidget) -> int:
    """Assert every interactive control under ``root`` is named and described.

    Returns how many controls were checked, so a test can also assert it saw some.
    """
    problems = missing_names(root)
    assert not problems, "\n".join(problems)
    return sum(1 for _ in interactive_widgets(root))
