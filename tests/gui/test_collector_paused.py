"""Pool threads that build a million rows pause the garbage collector, nested or not."""

from __future__ import annotations

import gc

import pytest

from aipm_desktop.ui.widgets import background
from aipm_desktop.ui.widgets.background import collector_paused


def test_the_collector_is_paused_until_the_last_block_ends_then_many_rows_are_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(background, "FREEZE_AT", 500)
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            rows = [{"row": n} for n in range(1000)]
        assert not gc.isenabled()  # the outer block still builds
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(rows)  # out of reach of later collections
    gc.unfreeze()


def test_a_few_rows_are_left_to_the_collector() -> None:
    gc.collect()
    frozen = gc.get_freeze_count()
    with collector_paused():
        rows = [{"row": n} for n in range(100)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert len(rows) == 100


def test_the_collector_comes_back_after_an_error() -> None:
    with pytest.raises(ValueError, match="the read failed"), collector_paused():
        raise ValueError("the read failed")
    assert gc.isenabled()
