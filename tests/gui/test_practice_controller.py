"""The one practice loop on its own: a bare host widget, an in-memory workspace, no window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from aipm_desktop.core.answer_flow import FreeAnswer
from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.coverage import LexicalMatcher, LoadedMatcher
from aipm_desktop.core.practice import PracticeAttempt
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.coverage import CoverageChecker
from aipm_desktop.services.workspace import Change, Workspace
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.practice.controller import PracticeController
from aipm_desktop.ui.widgets.settings import AppSettings
from tests.questions import bundled_questions

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def loop(qtbot: QtBot, clock: FakeClock, settings: AppSettings) -> Iterator[PracticeController]:
    workspace = Workspace.in_memory(rescue_to=[])
    host = QWidget()
    qtbot.addWidget(host)
    operations = Operations(workspace, host, clock=clock, show_status=print)
    word_match = CoverageChecker(lambda: LoadedMatcher(LexicalMatcher(), "word match"))
    controller = PracticeController(
        operations=operations, settings=settings, clock=clock, window=host, coverage=word_match
    )
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # a fixed-size host
    layout.addWidget(controller.panel)
    host.resize(1200, 800)
    with qtbot.waitExposed(host):
        host.show()
    controller.submitted.connect(controller.review)  # what free practice does after a submit
    yield controller
    workspace.close()


def test_answer_submit_tick_and_rate_without_a_main_window(
    qtbot: QtBot, loop: PracticeController, clock: FakeClock
) -> None:
    changes: list[Change] = []
    workspace = loop.operations.workspace
    workspace.subscribe(changes.append)
    question = bundled_questions()[0]
    limit = question.effective_time_limit(300)
    loop.show_question(question, limit)
    loop.open(FreeAnswer(PracticeAttempt.start(question, clock, 300), lambda: TimeUpMode.SOFT))
    editor = loop.panel.editor
    assert not editor.isReadOnly()
    qtbot.keyClicks(editor, "An analogy: like training a new employee with examples.")
    clock.advance(limit + 1)
    loop.refresh_clock()  # soft mode: over time, still open
    assert loop.flow is not None
    assert loop.panel.countdown.text().startswith("Over time")

    with qtbot.waitSignal(loop.submitted) as submitted:
        qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    stored = submitted.args[0]
    assert stored.overtime_seconds == pytest.approx(1)
    assert loop.panel.countdown.text().endswith("(+0:01 over)")
    checklist = loop.panel.reveal.checklist
    qtbot.waitUntil(lambda: all(checklist.hint_texts()))
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    qtbot.keyClick(checklist, Qt.Key.Key_3)
    [attempt] = workspace.store.attempts_for(question.id)
    assert attempt.rating is Rating.GOOD
    assert attempt.key_points_ticked == (question.key_points[0],)
    assert changes == [Change.ATTEMPT_STORED, Change.KEY_POINTS, Change.RATED]


def test_hard_time_up_submits_by_itself(
    qtbot: QtBot, loop: PracticeController, clock: FakeClock
) -> None:
    question = bundled_questions()[1]
    limit = question.effective_time_limit(300)
    loop.show_question(question, limit)
    loop.open(FreeAnswer(PracticeAttempt.start(question, clock, 300), lambda: TimeUpMode.HARD))
    qtbot.keyClicks(loop.panel.editor, "half")
    clock.advance(limit + 1)
    with qtbot.waitSignal(loop.submitted):
        loop.refresh_clock()
    assert loop.flow is None
    assert loop.panel.editor.isReadOnly()
