"""The benchmark suite still runs: ``benchmarks/run.py --small`` in a subprocess.

Only that it works and prints every measure is checked here; the numbers are
judged by hand on a full run (``make bench``), never by a test.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from aipm_desktop.services.pack_library import PackLibrary, PackSource
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store

pytestmark = pytest.mark.e2e

MEASURES = (
    "cold start: bare PySide6 window",
    "cold start: app, 10 bundled questions",
    "cold start: app, 200 q + 2,000 attempts",
    "first start with a new pack (validates it)",
    "peak memory: app with the large data",
    "idle work after the window is shown (once)",
    "filter: one keystroke over 210 questions",
    "select next question + render model answer",
    "submit attempt: commit only (synchronous=FULL)",
    "submit attempt: whole UI path",
    "keystroke in the answer editor",
    "draft save (runs on the timer)",
    "countdown drift over 10 min, UI busy",
    "statistics dashboard data, 365 days",
)


def test_small_benchmark_reports_every_measure(repo_root: Path, tmp_path: Path) -> None:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["TMPDIR"] = str(tmp_path)
    env.pop("AIPM_DATA_DIR", None)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / "xdg" / name.lower()
        folder.mkdir(parents=True)
        env[name] = str(folder)
    result = subprocess.run(
        [sys.executable, str(repo_root / "benchmarks" / "run.py"), "--small", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {row["measure"]: row for row in json.loads(result.stdout)}
    assert tuple(rows) == MEASURES
    for name in MEASURES:
        assert rows[name]["median"] is not None, name
        assert rows[name]["samples"] >= 1, name
    assert "generated: 200 questions" in result.stderr


def load_generator(repo_root: Path) -> ModuleType:
    """benchmarks/generate.py as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "bench_generate", repo_root / "benchmarks" / "generate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_generated_data_is_what_the_app_reads(repo_root: Path, tmp_path: Path) -> None:
    generate = load_generator(repo_root)
    data_dir = tmp_path / "data"

    generate.generate(data_dir, questions=30, attempts=200, seed=1)

    contents = PackLibrary(data_dir).load()
    assert contents.problems == ()
    assert [entry.source for entry in contents.entries].count(PackSource.IMPORTED) == 1
    assert len(contents.entry(generate.PACK_ID).pack.questions) == 30
    with Store.open(database_path(data_dir)) as store:
        assert store.attempt_count() == 200
        assert store.unfinished_session() is None
        sessions = store.finished_sessions()
        assert len(sessions) > 10
        assert sum(len(store.session_attempts(s.id)) for s in sessions) == 200
        assert store.review_states()  # rebuilt from the ratings
        assert not store.set_desired_retention(store.desired_retention)  # nothing to redo
        attempted = store.attempted_question_ids()
        assert set(store.latest_question_snapshots()) == attempted


HEARTBEAT_STEPS = (
    "start: build the window",
    "start: show, first paint",
    "start: ready until filled and idle",
    "select: the question with the most attempts",
    "type: start answering, type, save the draft",
    "submit",
    "rate",
    "history: open every attempt",
    "statistics: open",
    "statistics: 365 days",
    "compare: the last two answers",
    "check database",
    "big answer: paste 199,990 characters",
    "big answer: submit 200,000 characters",
    "quit: close the window",
    "quit: the exit backup, window closed",
)


def test_small_heartbeat_drives_every_step(repo_root: Path, tmp_path: Path) -> None:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["TMPDIR"] = str(tmp_path)
    env.pop("AIPM_DATA_DIR", None)
    env["AIPM_BENCH_TARGETS"] = str(tmp_path / "targets.jsonl")
    result = subprocess.run(
        [sys.executable, str(repo_root / "benchmarks" / "heartbeat.py"), "--small", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert tuple(step["step"] for step in report["steps"]) == HEARTBEAT_STEPS
    assert all(step["longest_stall_ms"] > 0 for step in report["steps"])
    assert len(report["big_answer_keystrokes_ms"]) == 10
    assert "The integrity check found no problems" in report["steps"][11]["note"]
    assert not (tmp_path / "targets.jsonl").exists()  # a small run is never judged


def test_targets_summary_lists_every_target(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_targets", repo_root / "benchmarks" / "targets.py"
    )
    assert spec is not None
    assert spec.loader is not None
    targets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(targets)
    reports = tmp_path / "targets.jsonl"
    monkeypatch.setenv(targets.ENVIRONMENT, str(reports))

    targets.report("stall", "worst 80 ms", True, detail="worst step: submit")
    targets.report("filter", "p95 12.0 ms", False)

    summary = targets.format_summary(targets.read_reports(reports)).splitlines()
    assert len(summary) == 3 + len(targets.TARGETS) + 1  # the stall's detail line
    assert "    worst step: submit" in summary
    by_start = {line.split("  ")[0]: line for line in summary[3:] if not line.startswith(" ")}
    assert by_start["longest UI stall, every heartbeat step"].endswith(" met")
    assert by_start["filter keystroke, 10,010 questions"].endswith("NOT MET")
    assert "not measured (frozen.py)" in by_start["cold start, frozen app"]
