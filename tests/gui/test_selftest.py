"""--self-test in process: it passes on the real window, and fails loudly when it should."""

from __future__ import annotations

import io

import pytest

from aipm_desktop.core.packs import PackLoadResult, PackProblem
from aipm_desktop.ui.app import selftest


def test_self_test_passes(qapp: object) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_self_test(out, err) == 0
    assert "self-test passed" in out.getvalue()
    assert err.getvalue() == ""


def test_self_test_fails_with_a_message(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = PackLoadResult(
        packs=(), problems=(PackProblem("technical_depth.json", "$", "is broken"),)
    )
    monkeypatch.setattr("aipm_desktop.services.question_bank.load_question_bank", lambda: broken)
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_self_test(out, err) == 1
    assert "self-test FAILED" in err.getvalue()
    assert "technical_depth.json: $: is broken" in err.getvalue()
