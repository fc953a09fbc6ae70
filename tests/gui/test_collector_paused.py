"""Pool threads that build a million rows pause the garbage collector, nested or not."""

from __future__ import annotations

import gc

from aipm_desktop.ui.widgets.background import collector_paused


def test_the_collector_is_paused_until_the_last_block_ends_then_rows_are_frozen() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            rows = [{"row": n} for n in range(1000)]
        assert not gc.isenabled()  # the outer block still builds
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(rows)  # out of reach of later collections
    gc.unfreeze()


def test_the_collector_comes_back_after_an_error() -> None:
    try:
        with collector_paused():
            raise ValueError("the read failed")
    except ValueError:
        pass
    assert gc.isenabled()
    gc.unfreeze()
