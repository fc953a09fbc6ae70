"""The staged start-up timer (AIPM_STARTUP_TRACE=1)."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from aipm_desktop.services.startup_trace import StartupTrace


def test_an_enabled_trace_prints_each_stage_in_order() -> None:
    out = io.StringIO()
    trace = StartupTrace(enabled=True, stream=out)
    trace.mark("imports")
    trace.mark("store open")
    assert [stage for stage, _ms in trace.stages] == ["imports", "store open"]
    assert all(ms >= 0 for _stage, ms in trace.stages)
    lines = out.getvalue().splitlines()
    assert [line.split()[1] for line in lines] == ["imports", "store"]
    assert all(line.startswith("startup: ") and " ms" in line for line in lines)


def test_a_disabled_trace_records_and_prints_nothing() -> None:
    out = io.StringIO()
    trace = StartupTrace(enabled=False, stream=out)
    trace.mark("imports")
    assert trace.stages == []
    assert out.getvalue() == ""


def test_the_app_prints_its_stages_when_asked(tmp_path: object) -> None:
    env = {**os.environ, "AIPM_STARTUP_TRACE": "1", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "aipm_desktop", "--data-dir", str(tmp_path), "--exit-when-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    stages = [
        line[len("startup: ") :].split("  ")[0].strip()
        for line in result.stderr.splitlines()
        if line.startswith("startup: ")
    ]
    for stage in ("imports", "store open", "window built", "first paint, list ready"):
        assert stage in stages
    assert stages.index("imports") < stages.index("store open") < stages.index("window built")
