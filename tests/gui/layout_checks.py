"""A reusable check that no visible text is cut short: ``assert_nothing_clipped(widget)``."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QWidget,
)


def clipped_widgets(root: QWidget) -> list[str]:
    """Visible buttons, one-line labels, spin boxes and combo boxes narrower or lower
    than they need to be to show their text."""
    for _ in range(3):  # layouts settle through posted events
        QApplication.processEvents()
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
            continue
        if not isinstance(widget, QAbstractButton | QLabel | QAbstractSpinBox | QComboBox):
            continue
        need = widget.minimumSizeHint()
        if widget.width() < need.width() or widget.height() < need.height():
            text = getattr(widget, "text", lambda: "")()
            problems.append(
                f"{type(widget).__name__} {text!r}: {widget.width()}×{widget.height()} "
                f"< {need.width()}×{need.height()}"
            )
    return problems


def assert_nothing_clipped(root: QWidget) -> None:
    """Fail listing every control whose text is cut short."""
    problems = clipped_widgets(root)
    assert not problems, "\n".join(problems)
