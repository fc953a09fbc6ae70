"""--self-test in process: it passes on the real window, and fails loudly when it should."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from aipm_desktop.ui.app import selftest


def test_self_test_passes(qapp: object) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_self_test(out, err) == 0
    assert "self-test passed" in out.getvalue()
    assert err.getvalue() == ""


def test_self_test_fails_with_a_message(
    qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The self-test loads the packs the way the app does: through the pack library."""
    bundled = tmp_path / "questions"
    bundled.mkdir()
    (bundled / "technical_depth.json").write_text('{"schema_version": 1}', encoding="utf-8")
    monkeypatch.setattr("aipm_desktop.services.pack_library.bundled_questions_dir", lambda: bundled)
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_self_test(out, err) == 1
    assert "self-test FAILED: bundled packs have problems" in err.getvalue()
    assert "technical_depth.json: $: missing required field 'id'" in err.getvalue()
