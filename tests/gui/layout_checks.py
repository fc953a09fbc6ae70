"""A reusable check that no visible text is cut short: ``assert_nothing_clipped(widget)``,
for windows, dialogs and message boxes (``clipped_in_modal``), at any scale."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QWidget,
)


def _describe(widget: QWidget, need: str) -> str:
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__} {text!r}: {widget.width()}×{widget.height()} < {need}"


def clipped_widgets(root: QWidget) -> list[str]:
    """Visible buttons, labels, spin boxes and combo boxes narrower or lower than they
    need to be to show their text; a word-wrapped label must have the height its text
    takes at its width (message boxes wrap theirs)."""
    for _ in range(3):  # layouts settle through posted events
        QApplication.processEvents()
    problems = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            need_height = widget.heightForWidth(widget.width())
            if widget.height() < need_height:
                problems.append(_describe(widget, f"{widget.width()}×{need_height}"))
            continue
        if not isinstance(widget, QAbstractButton | QLabel | QAbstractSpinBox | QComboBox):
            continue
        need = widget.minimumSizeHint()
        if widget.width() < need.width() or widget.height() < need.height():
            problems.append(_describe(widget, f"{need.width()}×{need.height()}"))
    return problems


def assert_nothing_clipped(root: QWidget) -> None:
    """Fail listing every control whose text is cut short."""
    problems = clipped_widgets(root)
    assert not problems, "\n".join(problems)


def clipped_in_modal(open_modal: Callable[[], object]) -> list[str] | None:
    """Call ``open_modal`` (which shows a modal dialog or message box and waits for it),
    check the dialog while it is open, then close it (Escape's answer). Returns what is
    cut short in it, or None when no modal dialog opened."""
    found: list[list[str]] = []
    returned = False

    def inspect() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            if not returned:
                QTimer.singleShot(10, inspect)  # not shown yet
            return
        found.append(clipped_widgets(modal))
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    QTimer.singleShot(0, inspect)
    open_modal()
    returned = True
    return found[0] if found else None
