"""Domain and storage stay free of Qt, so they run and test without a window."""

from __future__ import annotations

import subprocess
import sys

QT_FREE_MODULES = [
    "aipm_desktop.core.backup_policy",
    "aipm_desktop.core.clock",
    "aipm_desktop.core.hints",
    "aipm_desktop.core.pack_data",
    "aipm_desktop.core.question_edit",
    "aipm_desktop.services.pack_library",
    "aipm_desktop.cli.import_pack",
    "aipm_desktop.core.packs",
    "aipm_desktop.core.practice",
    "aipm_desktop.core.questions",
    "aipm_desktop.core.rating",
    "aipm_desktop.core.scheduling",
    "aipm_desktop.core.stats",
    "aipm_desktop.core.export",
    "aipm_desktop.core.compare",
    "aipm_desktop.core.history",
    "aipm_desktop.core.records",
    "aipm_desktop.core.timer",
    "aipm_desktop.storage",
    "aipm_desktop.storage.review_state",
    "aipm_desktop.storage.stats",
    "aipm_desktop.storage.export_rows",
    "aipm_desktop.cli.export_attempts",
    "aipm_desktop.storage.backup",
    "aipm_desktop.storage.check",
    "aipm_desktop.storage.recovery",
    "aipm_desktop.storage.rescue",
    "aipm_desktop.cli.backup",
    "aipm_desktop.services.bundled",
    "aipm_desktop.cli.check_pack",
    "aipm_desktop.services.question_bank",
    "aipm_desktop.core.coverage",
    "aipm_desktop.core.coverage.semantic",
    "aipm_desktop.core.coverage.embedder",
    "aipm_desktop.services.coverage",
    "aipm_desktop.cli.coverage",
    # The command line stays light: --version and check-pack never load Qt.
    "aipm_desktop.app",
    "aipm_desktop.cli.parser",
    "aipm_desktop.services.paths",
]


def test_core_and_storage_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in QT_FREE_MODULES)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
