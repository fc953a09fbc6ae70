"""Fixtures for the end-to-end tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aipm_desktop.services.paths import DATA_DIR_ENV_VAR


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment for the child: offscreen, with every writable place under ``tmp_path``."""
    environ = dict(os.environ)
    environ.pop(DATA_DIR_ENV_VAR, None)
    environ["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / "xdg" / name.lower()
        folder.mkdir(parents=True)
        environ[name] = str(folder)
    child_tmp = tmp_path / "child-tmp"
    child_tmp.mkdir()
    environ["TMPDIR"] = str(child_tmp)
    return environ
