"""A big module is imported on a thread of its own while the window stays idle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aipm_desktop.ui.main.idle_work import imported_in_background


def test_the_module_is_imported_on_another_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "slow_module_for_test.py").write_text(
        "import threading\nLOADED_ON = threading.current_thread().name\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "slow_module_for_test", raising=False)
    step = imported_in_background("slow_module_for_test")

    steps = 1
    while not step():
        steps += 1
        assert steps < 10_000

    module = sys.modules["slow_module_for_test"]
    assert module.LOADED_ON == "import slow_module_for_test"
    assert step()  # done stays done
