"""Slow plain-Python work (an import) runs on a thread of its own while the window idles."""

from __future__ import annotations

import sys
import threading

from aipm_desktop.ui.main.idle_work import in_background, writes_prepared


def test_the_work_runs_on_another_thread_and_the_job_ends_with_it() -> None:
    ran_on: list[str] = []
    release = threading.Event()

    def work() -> None:
        release.wait()
        ran_on.append(threading.current_thread().name)

    step = in_background(work, "import something big")
    assert not step()  # started, not finished: the event loop runs meanwhile
    release.set()
    steps = 1
    while not step():
        steps += 1
        assert steps < 10_000

    assert ran_on == ["import something big"]
    assert step()  # done stays done


def test_writes_are_prepared_on_the_ui_thread_once_sqlite_utils_is_imported() -> None:
    prepared: list[str] = []
    step = writes_prepared(lambda: prepared.append(threading.current_thread().name))

    steps = 1
    while not step():
        steps += 1
        assert steps < 100_000

    assert "sqlite_utils.db" in sys.modules
    assert prepared == [threading.current_thread().name]  # the thread that runs the steps
