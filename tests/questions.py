"""The bundled questions for tests, read the way the app reads them: by the pack library."""

from __future__ import annotations

import tempfile
from pathlib import Path

from aipm_desktop.core.questions import Question
from aipm_desktop.services.pack_library import PackLibrary


def bundled_questions() -> list[Question]:
    """Every bundled question, as a fresh data folder lists them (nothing is written)."""
    with tempfile.TemporaryDirectory(prefix="aipm-no-data-") as folder:
        return PackLibrary(Path(folder)).load().questions()
