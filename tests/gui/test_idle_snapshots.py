"""The question-snapshot catch-up runs once the window is idle, not before it is shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from aipm_desktop.core.clock import FakeClock
from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.services.workspace import Workspace
from aipm_desktop.storage import Store
from aipm_desktop.ui.main.window import MainWindow
from aipm_desktop.ui.widgets.settings import AppSettings

T0 = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


def attempt_at(question: Question) -> NewAttempt:
    return NewAttempt(
        question_id=question.id,
        pack_id=question.pack_id,
        pack_version=question.pack_version,
        started_at=T0,
        ended_at=T0 + timedelta(seconds=10),
        seconds_used=10,
        time_limit_seconds=300,
        overtime_seconds=0,
        answer="an answer",
        revealed_before_submit=False,
        key_points_total=len(question.key_points),
        time_up_mode=TimeUpMode.SOFT,
    )


def test_attempted_questions_are_snapshotted_after_the_window_is_ready(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: AppSettings
) -> None:
    questions = PackLibrary(data_dir).load().questions()
    tried = questions[1]
    with Store.open(database_path(data_dir)) as store:
        store.record_attempt(attempt_at(tried))
    store = Store.open(database_path(data_dir))
    try:
        window = MainWindow(
            workspace=Workspace(store),
            questions=questions,
            clock=clock,
            settings=settings,
            snapshots_on_idle=True,
        )
        qtbot.addWidget(window)
        # Nothing is written while the window is being built and shown.
        assert store.question_snapshot(tried.id, tried.pack_version) is None
        with qtbot.waitSignal(window.ready):
            window.show()
        qtbot.waitUntil(lambda: window.snapshots_caught_up)

        kept = store.question_snapshot(tried.id, tried.pack_version)
        assert kept is not None
        assert (kept.prompt, kept.model_answer) == (tried.prompt, tried.model_answer)
        assert set(store.latest_question_snapshots()) == {tried.id}
    finally:
        store.close()


def test_without_the_option_the_window_keeps_no_snapshots_at_start(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: AppSettings
) -> None:
    questions = PackLibrary(data_dir).load().questions()
    with Store.open(database_path(data_dir)) as store:
        store.record_attempt(attempt_at(questions[0]))
    store = Store.open(database_path(data_dir))
    try:
        window = MainWindow(
            workspace=Workspace(store), questions=questions, clock=clock, settings=settings
        )
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.ready):
            window.show()
        qtbot.waitUntil(lambda: store._db is not None)  # the idle work is done

        assert not window.snapshots_caught_up
        assert store.latest_question_snapshots() == {}
    finally:
        store.close()
