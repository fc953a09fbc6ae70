"""Every window and dialog added after the main window meets the same standards:
each control is named and described for screen readers, and no text is cut short
at 1280×720."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.packs import PackProblem
from aipm_desktop.core.question_edit import QuestionFields
from aipm_desktop.core.session_settings import RevealPolicy, SelectionKind, SessionSettings
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.ui.backups.dialog import BackupsDialog
from aipm_desktop.ui.history.compare_dialog import CompareDialog
from aipm_desktop.ui.history.removed_history import RemovedHistoryDialog
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.packs.packs_dialog import PacksDialog
from aipm_desktop.ui.packs.problems_dialog import ProblemsDialog
from aipm_desktop.ui.packs.question_editor import QuestionEditorDialog
from aipm_desktop.ui.session.new_session_dialog import NewSessionDialog, remembered_settings

from .accessibility import assert_accessible
from .layout_checks import assert_nothing_clipped
from .test_accessibility import focus_chain
from .test_sessions import start_session, type_and_submit

SCREEN = (1280, 720)
PackWriter = Callable[..., Path]


def check(qtbot: QtBot, widget: QWidget, size: tuple[int, int] = SCREEN) -> None:
    """Show ``widget`` at ``size`` (or its minimum, if larger) and check both standards."""
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    assert assert_accessible(widget) > 0
    assert_nothing_clipped(widget)


def test_new_session_dialog(qtbot: QtBot, window: MainWindow) -> None:
    dialog = NewSessionDialog(
        window.sessions.questions, {}, remembered_settings(window.settings), window
    )
    qtbot.addWidget(dialog)
    check(qtbot, dialog, (dialog.sizeHint().width(), dialog.sizeHint().height()))


def test_session_window_and_summary(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [window.question_list.question_model.question(row).id for row in range(2)]
    settings = SessionSettings(
        selection=SelectionKind.HAND_PICKED,
        hand_picked=tuple(ids),
        think_seconds=10,
        budget_seconds=600,
        reveal=RevealPolicy.AT_END,
    )
    view = start_session(qtbot, window, monkeypatch, settings)
    check(qtbot, view)
    clock.advance(10)
    view.tick()
    type_and_submit(qtbot, view, "An answer.")
    clock.advance(10)
    view.tick()
    type_and_submit(qtbot, view, "Another answer.")
    summary = window.sessions.summary
    assert summary is not None
    check(qtbot, summary)


def test_history_compare_statistics_and_backups(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    for text in ("First answer.", "Second, better answer."):
        qtbot.keyClicks(window.question_list.question_view, "")
        window.start_or_resume()
        qtbot.keyClicks(window.practice.editor, text)
        clock.advance(30)
        window.loop.submit()
    window.history.show_history()
    history = window.history.history_window
    assert history is not None
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)
    check(qtbot, history)

    ids = sorted(
        a.id
        for a in window.workspace.store.attempts_for(
            window.question_list.question_model.question(0).id
        )
    )
    window.history.compare_attempts(ids[0], ids[1])
    (compare,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, CompareDialog)]
    qtbot.waitUntil(lambda: compare.diff is not None)
    check(qtbot, compare)

    window.history.show_statistics()
    dashboard = window.history.dashboard_window
    assert dashboard is not None
    qtbot.waitUntil(lambda: dashboard.dashboard is not None)
    check(qtbot, dashboard)

    window.backups.show_dialog()
    (backups,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, BackupsDialog)]
    check(qtbot, backups)


CLOCKS = [
    "Use a fixed time per question",
    "Time per question",
    "Use think time",
    "Think time",
    "Use an overall time budget",
    "Time budget",
    "When time is up",
    "When model answers are shown",
    "Answer by",
    "Start session",
    "Cancel",
]


def show_active(qtbot: QtBot, dialog: QWidget) -> None:
    """Show ``dialog`` and wait until it has the keyboard."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


@pytest.mark.parametrize(
    ("kind", "choice"),
    [
        (SelectionKind.FILTERED, ["Category", "Level"]),
        (SelectionKind.RANDOM, ["Number of questions"]),
        (SelectionKind.HAND_PICKED, ["Hand-picked questions"]),
    ],
)
def test_new_session_dialog_tab_order_follows_the_form(
    qtbot: QtBot, window: MainWindow, kind: SelectionKind, choice: list[str]
) -> None:
    # Every clock ticked, so each of their fields is enabled and in the chain; one
    # question picked, so Start is enabled whatever the selection.
    initial = SessionSettings(
        selection=kind,
        hand_picked=(window.question_list.question_model.question(0).id,),
        fixed_seconds=120,
        think_seconds=20,
        budget_seconds=900,
    )
    dialog = NewSessionDialog(window.sessions.questions, {}, initial, window)
    show_active(qtbot, dialog)
    chain = focus_chain(qtbot, dialog.selection, len(choice) + 14)
    assert chain == ["Which questions", *choice, "Order", *CLOCKS, "Which questions"]


def test_new_session_dialog_labels_jump_to_their_fields(qtbot: QtBot, window: MainWindow) -> None:
    initial = SessionSettings(selection=SelectionKind.FILTERED)
    dialog = NewSessionDialog(window.sessions.questions, {}, initial, window)
    show_active(qtbot, dialog)
    alt = Qt.KeyboardModifier.AltModifier
    for key, field in (
        (Qt.Key.Key_C, dialog.category),
        (Qt.Key.Key_H, dialog.think),
        (Qt.Key.Key_B, dialog.budget),
        (Qt.Key.Key_T, dialog.time_up),
        (Qt.Key.Key_Y, dialog.answer_mode),
    ):
        qtbot.keyClick(dialog, key, alt)
        assert QApplication.focusWidget() is field, field.accessibleName()
    dialog.selection.setCurrentIndex(dialog.selection.findData(SelectionKind.HAND_PICKED.value))
    qtbot.keyClick(dialog, Qt.Key.Key_P, alt)
    assert QApplication.focusWidget() is dialog.picked


def test_session_window_tab_order_is_reading_order_in_every_phase(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [window.question_list.question_model.question(row).id for row in range(2)]
    settings = SessionSettings(
        selection=SelectionKind.HAND_PICKED, hand_picked=tuple(ids), think_seconds=10
    )
    view = start_session(qtbot, window, monkeypatch, settings)
    # The command row, then the answer, then the model answer side; round again.
    thinking = ["Start answering", "Pause", "Skip question", "End session", "Your answer"]
    assert focus_chain(qtbot, view.buttons[view.answer_action], 6) == [
        *thinking,
        "Start answering",
    ]
    clock.advance(10)
    view.tick()
    answering = ["Pause", "Submit", "Peek", "Skip question", "End session", "Your answer"]
    assert focus_chain(qtbot, view.buttons[view.pause_action], 7) == [*answering, "Pause"]
    type_and_submit(qtbot, view, "An answer.")
    # Reviewing: the rating buttons are one group, entered once by Tab.
    chain = focus_chain(qtbot, view.buttons[view.next_action], 7)
    assert chain[:5] == [
        "Next question",
        "End session",
        "Your answer",
        "Model answer",
        "Key points",
    ]
    assert chain[5].startswith("Rate ")
    assert chain[6] == "Next question"


@pytest.mark.parametrize(
    ("reveal", "said", "not_said"),
    [
        (RevealPolicy.AT_END, "in the summary at the end", "until you submit"),
        (RevealPolicy.AFTER_EACH, "until you submit", "in the summary at the end"),
    ],
)
def test_session_window_says_when_the_model_answer_is_shown(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    reveal: RevealPolicy,
    said: str,
    not_said: str,
) -> None:
    ids = (window.question_list.question_model.question(0).id,)
    settings = SessionSettings(selection=SelectionKind.HAND_PICKED, hand_picked=ids, reveal=reveal)
    view = start_session(qtbot, window, monkeypatch, settings)
    hint = view.findChild(QLabel, "hiddenAnswerHint")
    assert isinstance(hint, QLabel)
    assert hint.isVisible()
    assert said in hint.text()
    assert not_said not in hint.text()


def test_pack_and_question_windows(qtbot: QtBot, tmp_path: Path, write_pack: PackWriter) -> None:
    library = PackLibrary(tmp_path / "data")
    library.import_pack(write_pack("coach-pack", questions=2))
    packs = PacksDialog(library)
    qtbot.addWidget(packs)
    check(qtbot, packs, (900, 480))

    fields = QuestionFields(
        prompt="How would you price a generative AI feature?",
        model_answer="| Model | Fits when |\n| --- | --- |\n| Per seat | Usage is even |",
        key_points=("Prices on value", "Knows the cost to serve"),
        category="Strategy",
        level="Senior",
        tags=("pricing",),
        time_limit_seconds=300,
    )
    editor = QuestionEditorDialog("New question", fields, categories=["Strategy"])
    qtbot.addWidget(editor)
    check(qtbot, editor, (1000, 720))

    problem = PackProblem(file="coach.json", location="questions[0].prompt", message="is empty")
    problems = ProblemsDialog(
        "The pack was not imported", "coach.json was not imported.", [problem]
    )
    qtbot.addWidget(problems)
    check(qtbot, problems, (800, 400))

    removed = RemovedHistoryDialog([])
    qtbot.addWidget(removed)
    check(qtbot, removed, (800, 400))


def test_time_limit_and_shortcuts_dialogs(qtbot: QtBot, window: MainWindow) -> None:
    from aipm_desktop.ui.main.shortcuts_dialog import ShortcutsDialog
    from aipm_desktop.ui.main.time_limit_dialog import TimeLimitDialog

    question = window.current_question
    assert question is not None
    limit = TimeLimitDialog(question, 300, window)
    qtbot.addWidget(limit)
    check(qtbot, limit, (limit.sizeHint().width(), limit.sizeHint().height()))
    shortcuts = ShortcutsDialog(window.help._shortcut_rows(), window)
    qtbot.addWidget(shortcuts)
    check(qtbot, shortcuts, (600, 680))
