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
        palette = QPalette()  # back to the platform's own palette
    else:
        wanted = _SCHEME[theme]
        hints.setColorScheme(wanted)
        if hints.colorScheme() == wanted:
            palette = QPalette()  # the platform honoured it: use its palette
        else:
            palette = dark_palette() if theme == Theme.DARK else light_palette(app)
    app.setPalette(readable_disabled(palette))


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_TEXT_ON = ((Role.ButtonText, Role.Button), (Role.WindowText, Role.Window), (Role.Text, Role.Base))


def readable_disabled(palette: QPalette) -> QPalette:
    """``palette`` with each disabled text colour moved towards the enabled one just
    far enough to keep `DISABLED_CONTRAST` against its background (platform palettes
    often draw disabled buttons grey on grey)."""
    palette = QPalette(palette)
    for text_role, background_role in _TEXT_ON:
        background = palette.color(Group.Disabled, background_role)
        faint = palette.color(Group.Disabled, text_role)
        full = palette.color(Group.Active, text_role)
        for step in range(11):
            share = step / 10
            colour = QColor.fromRgbF(
                faint.redF() + (full.redF() - faint.redF()) * share,
                faint.greenF() + (full.greenF() - faint.greenF()) * share,
                faint.blueF() + (full.blueF() - faint.blueF()) * share,
            )
            if contrast(colour, background) >= DISABLED_CONTRAST:
                palette.setColor(Group.Disabled, text_role, colour)
                break
    return palette


def is_dark(palette: QPalette) -> bool:
    """True when text is lighter than its background."""
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()


DISABLED_CONTRAST = 3.0
"""The least contrast of a disabled control's text against its face (WCAG's for large
text and controls): fainter than enabled text, still readable."""


def light_palette(app: QApplication) -> QPalette:
    """The style's standard light palette (`apply_theme` makes its disabled text readable)."""
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
    disabled = {  # about 4:1 on the disabled button and window
        Role.WindowText: "#8a8f95",
        Role.Text: "#8a8f95",
        Role.ButtonText: "#8a8f95",
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
