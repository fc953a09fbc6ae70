"""Parallel runs a call on a thread and hands back its value or its exception."""

from __future__ import annotations

import threading

import pytest

from aipm_desktop.ui.app.parallel import Parallel


def test_the_result_is_the_value_computed_on_another_thread() -> None:
    caller = threading.get_ident()
    work = Parallel(lambda: threading.get_ident(), name="test")
    assert work.result() != caller


def test_an_exception_is_raised_again_by_result() -> None:
    def fail() -> int:
        raise ValueError("broken pack folder")

    work = Parallel(fail, name="test")
    with pytest.raises(ValueError, match="broken pack folder"):
        work.result()
