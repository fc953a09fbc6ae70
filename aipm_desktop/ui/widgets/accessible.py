"""Naming and describing controls for screen readers, the same way everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def describe_control(widget: QWidget, name: str, description: str, *, tooltip: bool = True) -> None:
    """Name and describe a control for screen readers; the description is its tooltip too.

    Pass ``tooltip=False`` for large areas (editors, tables) where a tooltip would pop up
    over the text whenever the mouse rests there; the screen reader still gets the
    description.
    """
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)
    if tooltip:
        widget.setToolTip(description)
