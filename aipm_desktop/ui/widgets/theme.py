"""Light, dark or the system's colours, through Qt's own colour-scheme support.

``QStyleHints.setColorScheme`` (Qt 6.8+) asks the platform theme for a scheme, and Qt
then delivers the matching palette. Platforms that cannot honour the request (the
offscreen platform, some Linux desktops) leave the scheme as it was; for them the
app sets a palette of its own, so "Dark" is dark everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from aipm_desktop.ui.widgets.settings import Theme

_SCHEME = {Theme.LIGHT: Qt.ColorScheme.Light, Theme.DARK: Qt.ColorScheme.Dark}

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Use ``theme`` for the whole application from now on."""
    hints = app.styleHints()
    if theme == Theme.SYSTEM:
        hints.unsetColorScheme()
        app.setPalette(QPalette())  # back to the platform's own palette
        return
    wanted = _SCHEME[theme]
    hints.setColorScheme(wanted)
    if hints.colorScheme() == wanted:
        app.setPalette(QPalette())  # the platform honoured it: use its palette
    else:
        app.setPalette(dark_palette() if theme == Theme.DARK else light_palette(app))


def is_dark(palette: QPalette) -> bool:
    """True when text is lighter than its background."""
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()


def light_palette(app: QApplication) -> QPalette:
    """The style's standard light palette."""
    palette = app.style().standardPalette()
    palette.setColor(Role.PlaceholderText, QColor("#6b6b6b"))
    return palette


def dark_palette() -> QPalette:
    """A calm dark palette; every text colour keeps at least 4.5:1 contrast.

    Text fields are a little lighter than the window, so the style's outlines (drawn
    darker than the window) stay visible around them and around check boxes.
    """
    palette = QPalette()
    colours = {
        Role.Window: "#1f2225",
        Role.WindowText: "#e8e8e8",
        Role.Base: "#2a2e33",
        Role.AlternateBase: "#343a40",
        Role.ToolTipBase: "#31363b",
        Role.ToolTipText: "#f0f0f0",
        Role.PlaceholderText: "#9a9ea3",
        Role.Text: "#e8e8e8",
        Role.Button: "#363b41",
        Role.ButtonText: "#e8e8e8",
        Role.BrightText: "#ffffff",
        Role.Light: "#474d54",
        Role.Midlight: "#3a3f44",
        Role.Mid: "#5b6168",
        Role.Dark: "#151719",
        Role.Shadow: "#000000",
        Role.Highlight: "#3d7fc4",
        Role.HighlightedText: "#ffffff",
        Role.Link: "#7cb8ff",
        Role.LinkVisited: "#c39bff",
        Role.Accent: "#3d7fc4",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = {
        Role.WindowText: "#7f848a",
        Role.Text: "#7f848a",
        Role.ButtonText: "#7f848a",
        Role.Button: "#2b2f33",
        Role.Base: "#25282c",
        Role.Highlight: "#3b4046",
        Role.HighlightedText: "#a0a4a8",
    }
    for role, colour in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def notice_style(dark: bool) -> str:
    """Style sheet of the warning band at the top of the window (pack problems)."""
    background, text = ("#4a3c00", "#fff1c2") if dark else ("#fff4ce", "#3b2f00")
    return f"#packProblems {{ background: {background}; color: {text}; padding: 6px; }}"
