"""Domain, storage, services and the command line stay free of Qt; the layers hold.

`make lint` runs import-linter with the contracts in pyproject.toml (every module, by
its imports). These tests check the same at run time, over every module found on disk,
and show that the contracts really catch a break.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import aipm_desktop

QT_FREE_PACKAGES = ("core", "storage", "services", "cli")
PACKAGE_DIR = Path(aipm_desktop.__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent


def qt_free_modules() -> list[str]:
    """Every module of the Qt-free packages, found on disk (not a hand-kept list)."""
    names = ["aipm_desktop.app"]  # --version and check-pack never load Qt
    for package in QT_FREE_PACKAGES:
        names.append(f"aipm_desktop.{package}")
        for module in pkgutil.walk_packages(
            [str(PACKAGE_DIR / package)], prefix=f"aipm_desktop.{package}."
        ):
            names.append(module.name)
    return names


def test_every_qt_free_module_loads_no_qt() -> None:
    modules = qt_free_modules()
    assert "aipm_desktop.core.timer" in modules
    assert "aipm_desktop.services.paths" in modules
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in modules)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_import_contracts_hold_and_catch_a_core_module_importing_qt(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE_DIR, tmp_path / "aipm_desktop")
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path)
    kept = _lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr

    timer = tmp_path / "aipm_desktop" / "core" / "timer.py"
    timer.write_text(timer.read_text() + "\nfrom PySide6.QtCore import QTimer  # noqa\n")
    broken = _lint_imports(tmp_path)
    assert broken.returncode != 0
    assert "aipm_desktop.core is not allowed to import PySide6" in broken.stdout
    assert "aipm_desktop.core.timer -> PySide6" in broken.stdout


def test_the_layers_contract_catches_an_upward_import(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE_DIR, tmp_path / "aipm_desktop")
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path)
    storage = tmp_path / "aipm_desktop" / "storage" / "check.py"
    storage.write_text(storage.read_text() + "\nimport aipm_desktop.services.paths  # noqa\n")
    broken = _lint_imports(tmp_path)
    assert broken.returncode != 0
    assert "aipm_desktop.storage is not allowed to import aipm_desktop.services" in broken.stdout
