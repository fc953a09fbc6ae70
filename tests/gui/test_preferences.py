"""The settings dialog, themes and zoom, driven through the real window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPalette, QTextFormat, QTextTable
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QSpinBox
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.timer import ClockTone, TimeUpMode
from aipm_desktop.ui.backups.settings_section import BackupSection
from aipm_desktop.ui.main.settings_dialog import SettingsDialog, SettingsSection
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.clock_spin_box import parse_clock
from aipm_desktop.ui.widgets.markdown_view import MarkdownView
from aipm_desktop.ui.widgets.settings import AppSettings, Theme
from aipm_desktop.ui.widgets.theme import apply_theme, is_dark, notice_style

from .conftest import WindowFactory

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def system_theme_afterwards(qapp: QApplication) -> Iterator[None]:
    """Themes are application-wide: put the system's back for the next test."""
    yield
    apply_theme(qapp, Theme.SYSTEM)


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# -- the dialog on its own ---------------------------------------------------
def test_dialog_shows_and_saves_every_setting(
    qtbot: QtBot, settings: AppSettings, tmp_path: Path
) -> None:
    settings.time_up_mode = TimeUpMode.HARD
    dialog = SettingsDialog(settings, tmp_path)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.practice.time_limit.text() == "5:00"
    assert dialog.practice.time_up.currentData() == "hard"
    assert dialog.practice.think_time.text() == "Off"
    assert dialog.appearance.theme.currentData() == "system"
    assert dialog.data.folder.text() == str(tmp_path)

    limit = dialog.practice.time_limit
    limit.lineEdit().selectAll()
    qtbot.keyClicks(limit, "7:30")
    qtbot.keyClick(dialog.practice.time_up, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.practice.think_time, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.practice.think_time, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.appearance.theme, Qt.Key.Key_End)
    dialog.appearance.font_size.setValue(14)
    dialog.appearance.zoom.setValue(130)
    qtbot.keyClick(dialog.appearance.zoom, Qt.Key.Key_Return)  # Return saves

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert settings.default_time_limit_seconds == 450
    assert settings.time_up_mode == TimeUpMode.SOFT
    assert settings.think_seconds == 10
    assert settings.theme == Theme.DARK
    assert settings.editor_font_size == 14
    assert settings.zoom_percent == 130
    assert settings.editor_font_family == ""  # untouched: still the system's font


def test_cancel_saves_nothing(qtbot: QtBot, settings: AppSettings) -> None:
    dialog = SettingsDialog(settings, None)
    qtbot.addWidget(dialog)
    dialog.appearance.theme.setCurrentIndex(dialog.appearance.theme.findData("dark"))
    dialog.practice.think_time.setValue(60)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert settings.theme == Theme.SYSTEM
    assert settings.think_seconds == 0
    assert not dialog.data.open_button.isEnabled()  # an in-memory store has no folder


def test_open_folder_opens_the_data_folder(
    qtbot: QtBot, settings: AppSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = SettingsDialog(settings, tmp_path)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.data.open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


@pytest.mark.parametrize(
    ("text", "seconds"), [("5:00", 300), ("7", 420), ("0:45", 45), ("1:75", None), ("x", None)]
)
def test_time_limit_reads_minutes_and_seconds(text: str, seconds: int | None) -> None:
    assert parse_clock(text) == seconds


def test_stored_nonsense_falls_back_to_defaults(settings: AppSettings) -> None:
    qsettings = settings._qsettings
    for key in ("practice/think_seconds", "appearance/zoom_percent", "appearance/theme"):
        qsettings.setValue(key, "nonsense")
    qsettings.setValue("appearance/editor_font_size", 500)
    assert settings.think_seconds == 0
    assert settings.zoom_percent == 100
    assert settings.theme == Theme.SYSTEM
    assert settings.editor_font_size == 11


# -- the dialog from the window ------------------------------------------------
def test_ctrl_comma_opens_settings_and_the_window_follows_them(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path | None] = []

    def user_saves(
        _parent: object, settings: AppSettings, data_dir: Path | None, _extra: object = ()
    ) -> bool:
        asked.append(data_dir)
        settings.time_up_mode = TimeUpMode.HARD
        settings.default_time_limit_seconds = 90
        return True

    monkeypatch.setattr(SettingsDialog, "ask", user_saves)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Comma, CTRL)
    assert asked == [window.workspace.store.path.parent if window.workspace.store.path else None]
    assert window.preferences.hard_action.isChecked()
    assert not window.preferences.soft_action.isChecked()
    assert window.statusBar().currentMessage() == "Settings saved."


def test_the_menu_and_the_dialog_agree_on_time_up(
    qtbot: QtBot, window: MainWindow, settings: AppSettings
) -> None:
    window.preferences.hard_action.trigger()
    dialog = SettingsDialog(settings, None, window)
    qtbot.addWidget(dialog)
    assert dialog.practice.time_up.currentData() == TimeUpMode.HARD.value


def test_default_time_limit_applies_to_questions_without_one(
    qtbot: QtBot, window: MainWindow, settings: AppSettings, clock: FakeClock
) -> None:
    settings.default_time_limit_seconds = 90
    window.preferences.apply()
    question = window.current_question
    assert question is not None
    expected = question.effective_time_limit(90)
    assert f"{expected // 60}:{expected % 60:02d} to answer" in window.practice.meta_label.text()


# -- themes ------------------------------------------------------------------------
def select_a_question_with_a_table(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(window.question_list.proxy.rowCount()):
        question = window.current_question
        if question is not None and "| ---" in question.model_answer:
            return
        qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Down)
    raise AssertionError("no bundled question has a table in its model answer")


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_both_themes_are_readable(
    qtbot: QtBot, window: MainWindow, settings: AppSettings, clock: FakeClock, theme: Theme
) -> None:
    settings.theme = theme
    window.apply_appearance()
    # Qt hands the new palette to existing widgets through posted events.
    qtbot.waitUntil(lambda: is_dark(window.palette()) == (theme == Theme.DARK))
    palette = QApplication.palette()
    assert is_dark(palette) == (theme == Theme.DARK)
    window_colour = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    assert contrast(palette.color(QPalette.ColorRole.WindowText), window_colour) >= 7
    assert contrast(palette.color(QPalette.ColorRole.Text), base) >= 7

    # The timer's warning and overtime colours, and their text.
    countdown = window.practice.countdown
    select_a_question_with_a_table(qtbot, window)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    question = window.current_question
    assert question is not None
    clock.advance(question.effective_time_limit() - 20)
    window.loop.refresh_clock()
    assert countdown.tone is ClockTone.WARNING
    assert countdown.text().startswith("⚠")  # not colour alone
    assert contrast(countdown.palette().color(QPalette.ColorRole.WindowText), window_colour) >= 4.5
    clock.advance(40)
    window.loop.refresh_clock()
    assert countdown.tone is ClockTone.OVERTIME
    assert countdown.text().startswith("Over time")
    assert contrast(countdown.palette().color(QPalette.ColorRole.WindowText), window_colour) >= 4.5

    # The model answer's table borders and header follow the palette.
    qtbot.keyClick(window.practice.editor, Qt.Key.Key_Return, CTRL)
    view = window.practice.reveal.answer_view
    tables = [f for f in view.document().rootFrame().childFrames() if isinstance(f, QTextTable)]
    table = tables[0]
    assert table.format().borderBrush().color() == view.palette().color(QPalette.ColorRole.Mid)
    header = table.cellAt(0, 0).format().background().color()
    assert header == view.palette().color(QPalette.ColorRole.AlternateBase)
    assert contrast(view.palette().color(QPalette.ColorRole.Text), header) >= 7


def test_switching_theme_restyles_tables_and_the_timer(
    qtbot: QtBot, window: MainWindow, settings: AppSettings
) -> None:
    view = window.practice.reveal.answer_view
    view.set_markdown("| A | B |\n| --- | --- |\n| 1 | 2 |")
    settings.theme = Theme.DARK
    window.apply_appearance()
    qtbot.waitUntil(lambda: is_dark(view.palette()))
    table = next(f for f in view.document().rootFrame().childFrames() if isinstance(f, QTextTable))
    dark_header = table.cellAt(0, 0).format().background().color()
    assert dark_header.lightness() < 80
    assert notice_style(dark=True) == window.problems_label.styleSheet()
    settings.theme = Theme.LIGHT
    window.apply_appearance()
    qtbot.waitUntil(lambda: not is_dark(view.palette()))
    assert table.cellAt(0, 0).format().background().color().lightness() > 200
    assert not is_dark(QApplication.palette())
    assert notice_style(dark=False) == window.problems_label.styleSheet()


def test_system_theme_hands_colours_back_to_the_platform(qapp: QApplication) -> None:
    system_window = qapp.palette().color(QPalette.ColorRole.Window)
    apply_theme(qapp, Theme.DARK)
    assert is_dark(qapp.palette())
    apply_theme(qapp, Theme.SYSTEM)
    assert qapp.palette().color(QPalette.ColorRole.Window) == system_window
    assert qapp.styleHints().colorScheme() != Qt.ColorScheme.Dark or is_dark(qapp.palette())


# -- zoom ------------------------------------------------------------------------------
def test_zoom_keys_in_the_editor_and_reveal_panel_persist(
    qtbot: QtBot, open_window: WindowFactory, settings: AppSettings
) -> None:
    window = open_window()
    editor = window.practice.editor
    answer = window.practice.reveal.answer_view
    editor_size = editor.font().pointSizeF()
    answer_size = answer.font().pointSizeF()
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Equal, CTRL)
    assert settings.zoom_percent == 120
    assert editor.font().pointSizeF() == pytest.approx(editor_size * 1.2)
    assert answer.font().pointSizeF() == pytest.approx(answer_size * 1.2)
    assert window.statusBar().currentMessage() == "Text zoom 120 %"
    qtbot.keyClick(answer, Qt.Key.Key_Minus, CTRL)
    assert settings.zoom_percent == 110
    window.close()

    again = open_window()
    assert again.practice.editor.font().pointSizeF() == pytest.approx(editor_size * 1.1)
    qtbot.keyClick(again.question_list.question_view, Qt.Key.Key_0, CTRL)
    assert settings.zoom_percent == 100
    assert again.practice.editor.font().pointSizeF() == pytest.approx(editor_size)
    for _ in range(30):
        again.loop.zoom_out()
    assert settings.zoom_percent == 50  # stops at the smallest


def test_editor_font_from_settings(qtbot: QtBot, window: MainWindow, settings: AppSettings) -> None:
    family = QApplication.font().family()
    settings.editor_font_family = family
    settings.editor_font_size = 16
    window.apply_appearance()
    font = window.practice.editor.font()
    assert font.pointSizeF() == pytest.approx(16)
    assert font.family() == family


# -- tables fit the panel, or scroll inside it --------------------------------------------
def test_tables_fit_or_scroll_without_breaking_words(qtbot: QtBot, window: MainWindow) -> None:
    select_a_question_with_a_table(qtbot, window)
    question = window.current_question
    assert question is not None
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(480, 400)
    with qtbot.waitExposed(view):
        view.show()
    view.set_markdown(question.model_answer)
    QApplication.processEvents()
    assert view.horizontalScrollBar().maximum() == 0  # the bundled table fits

    wide = " | ".join(f"Heading{i}" for i in range(8))
    cells = " | ".join("Unbreakablewordhere" for _ in range(8))
    view.set_markdown(
        f"{'A paragraph long enough to wrap in a narrow panel. ' * 4}\n\n| {wide} |\n"
        f"|{'---|' * 8}\n| {cells} |"
    )
    QApplication.processEvents()
    assert view.horizontalScrollBar().maximum() > 0  # the table scrolls sideways
    paragraph = view.document().firstBlock()
    assert paragraph.layout().lineCount() > 1  # while the text still wraps


# -- the About box and Ctrl+wheel ------------------------------------------------------
def test_about_names_the_version_and_data_folder(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from aipm_desktop import __version__

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window.named_actions["about"].trigger()
    assert __version__ in shown[0]
    assert str(window.workspace.data_dir) in shown[0]
    for credit in ("PySide6 (LGPL-3.0)", "py-fsrs, MIT", "sqlite-utils (Apache-2.0)", "MiniLM"):
        assert credit in shown[0]


def test_ctrl_wheel_zooms_like_the_keys(
    qtbot: QtBot, window: MainWindow, settings: AppSettings
) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    viewport = window.practice.editor.viewport()
    event = QWheelEvent(
        QPointF(10, 10),
        QPointF(viewport.mapToGlobal(QPoint(10, 10))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        CTRL,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)
    assert settings.zoom_percent == 110


class ExampleSection(SettingsSection):
    """What a feature with settings of its own (e.g. backups) adds."""

    def __init__(self, settings: AppSettings) -> None:
        super().__init__("Example")
        self.days = QSpinBox()
        self.days.setAccessibleName("Days")
        self.days.setAccessibleDescription("How many days")
        self.days.setValue(int(str(settings._qsettings.value("example/days", 3))))
        self.add_row("&Days:", self.days)

    def save(self, settings: AppSettings) -> None:
        settings._qsettings.setValue("example/days", self.days.value())


def test_a_feature_adds_its_own_section(
    qtbot: QtBot, window: MainWindow, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[SettingsDialog] = []

    def user_saves(
        parent: MainWindow,
        settings: AppSettings,
        data_dir: Path | None,
        extra: list[SettingsSection],
    ) -> bool:
        dialog = SettingsDialog(settings, data_dir, parent, extra)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        example = extra[-1]
        assert isinstance(example, ExampleSection)
        example.days.setValue(9)
        dialog.accept()
        return True

    monkeypatch.setattr(SettingsDialog, "ask", user_saves)
    window.preferences.section_factories.append(lambda: ExampleSection(settings))
    window.named_actions["settings"].trigger()
    titles = [section.title() for section in shown[0].sections]
    assert titles == ["Practice", "Appearance", "Backups", "Speak mode", "Example", "Your data"]
    assert settings._qsettings.value("example/days") in (9, "9")


def test_backup_interval_from_settings_applies_at_once(
    qtbot: QtBot, window: MainWindow, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def user_sets_an_hour(
        parent: MainWindow,
        settings: AppSettings,
        data_dir: Path | None,
        extra: list[SettingsSection],
    ) -> bool:
        dialog = SettingsDialog(settings, data_dir, parent, extra)
        qtbot.addWidget(dialog)
        (backups,) = [s for s in dialog.sections if isinstance(s, BackupSection)]
        assert backups.interval.value() == 30
        assert "12 days" in backups.kept.text()
        backups.interval.selectAll()
        qtbot.keyClicks(backups.interval, "60")
        dialog.accept()
        return True

    monkeypatch.setattr(SettingsDialog, "ask", user_sets_an_hour)
    qtbot.keyClick(window.question_list.question_view, Qt.Key.Key_Comma, CTRL)
    assert settings.backup_interval_minutes == 60
    assert window.backups.scheduler.interval_seconds == 3600


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_disabled_buttons_stay_readable(
    qtbot: QtBot, window: MainWindow, settings: AppSettings, theme: Theme
) -> None:
    """Issue 15: a disabled button's text keeps at least 3:1 against the button, and it
    still looks disabled (it is fainter than an enabled button's text)."""
    settings.theme = theme
    window.apply_appearance()
    qtbot.waitUntil(lambda: is_dark(window.palette()) == (theme == Theme.DARK))
    disabled = [
        button
        for button in window.findChildren(QAbstractButton)
        if button.isVisible() and not button.isEnabled()
    ]
    assert disabled  # e.g. Submit and Pause before an answer is started
    for button in disabled:
        palette = button.palette()
        text = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        face = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button)
        assert contrast(text, face) >= 3, button.accessibleName()
        enabled = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
        assert contrast(enabled, face) > contrast(text, face) + 2


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_the_evidence_highlight_keeps_its_text_readable(
    qtbot: QtBot, window: MainWindow, settings: AppSettings, theme: Theme
) -> None:
    """The words a key point was found in are tinted; in the dark theme their light text
    on the light tint was unreadable (seen in the README screenshot)."""
    from aipm_desktop.ui.practice.coverage_check import highlight_span

    settings.theme = theme
    window.apply_appearance()
    qtbot.waitUntil(lambda: is_dark(window.palette()) == (theme == Theme.DARK))
    editor = window.practice.editor
    editor.setPlainText("Spam filter: precision, because losing a real email destroys trust.")
    highlight_span(editor, (0, 22))
    (selection,) = editor.extraSelections()
    form = selection.format
    ink = (  # the text's own colour, else the editor's
        form.foreground().color()
        if form.hasProperty(QTextFormat.Property.ForegroundBrush)
        else editor.palette().color(QPalette.ColorRole.Text)
    )
    assert contrast(ink, form.background().color()) >= 7
