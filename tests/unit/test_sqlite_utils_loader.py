"""sqlite-utils is imported without numpy, which only maps numpy's number types."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from aipm_desktop.storage.sqlite_utils_loader import load_sqlite_utils
load_sqlite_utils()
import sqlite_utils.db
assert "numpy" not in sys.modules, "numpy was imported"
assert sqlite_utils.db.np is None
import numpy  # the key-point model can still load it afterwards
assert sys.modules["numpy"] is numpy
assert not [f for f in sys.meta_path if type(f).__name__ == "_LeftOutOnThisThread"]
print("ok")
"""


def test_sqlite_utils_loads_without_numpy_and_numpy_still_loads_afterwards() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_numpy_loaded_before_is_used_as_before() -> None:
    script = (
        "import numpy\n"
        "from aipm_desktop.storage.sqlite_utils_loader import load_sqlite_utils\n"
        "load_sqlite_utils()\n"
        "import sqlite_utils.db\n"
        "assert sqlite_utils.db.np is numpy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
