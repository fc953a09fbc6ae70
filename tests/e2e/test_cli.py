"""End-to-end: start the real program as a subprocess, as a user or a script would.

Every run is offscreen, has a timeout, and points every place the app may write
(``AIPM_DATA_DIR``, the XDG folders where ``QSettings`` and Qt keep their files,
``TMPDIR``) at the test's own temporary folder, so nothing touches the real user's
data or preferences.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from aipm_desktop import APP_NAME, __version__
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.paths import DATA_DIR_ENV_VAR, database_path, settings_path
from aipm_desktop.storage import Store

pytestmark = pytest.mark.e2e

TIMEOUT_SECONDS = 60
CONSOLE_SCRIPT = Path(sys.executable).parent / "aipm-desktop"


def run(
    args: Sequence[str],
    env: Mapping[str, str],
    *,
    cwd: Path,
    program: Sequence[str] = (sys.executable, "-m", "aipm_desktop"),
) -> subprocess.CompletedProcess[str]:
    """Run the program with ``args``; fails the test (not hangs) if it does not finish."""
    return subprocess.run(
        [*program, *args],
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def describe(result: subprocess.CompletedProcess[str]) -> str:
    """The exit code and output, for assertion messages."""
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def tree(folder: Path) -> list[str]:
    """Every path under ``folder``, relative and sorted."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


# -- --self-test and --version ---------------------------------------------------


def test_self_test_passes_and_leaves_the_data_folder_alone(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    env[DATA_DIR_ENV_VAR] = str(data)

    result = run(["--self-test"], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert "self-test passed" in result.stdout
    assert tree(data) == [], "the self-test wrote into AIPM_DATA_DIR"
    assert tree(Path(env["XDG_CONFIG_HOME"])) == [], "the self-test wrote user settings"
    assert tree(Path(env["TMPDIR"])) == [], "the self-test left its temporary folder behind"


def test_self_test_ignores_data_dir_option(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"

    result = run(["--self-test", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert not data.exists()


@pytest.mark.parametrize(
    "program",
    [
        pytest.param((sys.executable, "-m", "aipm_desktop"), id="python-m"),
        pytest.param((str(CONSOLE_SCRIPT),), id="console-script"),
    ],
)
def test_version(tmp_path: Path, env: dict[str, str], program: tuple[str, ...]) -> None:
    if not Path(program[0]).exists():
        pytest.skip(f"{program[0]} is not installed")

    result = run(["--version"], env, cwd=tmp_path, program=program)

    assert result.returncode == 0, describe(result)
    assert result.stdout.strip() == f"{APP_NAME} {__version__}"


# -- bad arguments ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--no-such-flag"], id="unknown-flag"),
        pytest.param(["check-pack"], id="check-pack-without-files"),
        pytest.param(["no-such-command"], id="unknown-command"),
    ],
)
def test_bad_arguments_print_usage_and_exit_2(
    tmp_path: Path, env: dict[str, str], args: list[str]
) -> None:
    data = tmp_path / "data"
    env[DATA_DIR_ENV_VAR] = str(data)

    result = run(args, env, cwd=tmp_path)

    assert result.returncode == 2, describe(result)
    assert "usage:" in result.stderr
    assert result.stdout == ""
    assert not data.exists(), "bad arguments must not start the app"


# -- check-pack -------------------------------------------------------------------


def test_check_pack_accepts_the_bundled_pack(
    tmp_path: Path, env: dict[str, str], repo_root: Path
) -> None:
    pack = repo_root / "questions" / "technical_depth.json"

    result = run(["check-pack", str(pack)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert result.stdout.startswith(f"{pack}: ok (")


@pytest.mark.parametrize(
    ("content", "location"),
    [
        pytest.param('{"questions": []}', "questions", id="empty-questions"),
        pytest.param('{"questions": [\n  1,,\n]}', "line 2, column 5", id="invalid-json"),
    ],
)
def test_check_pack_reports_a_broken_file(
    tmp_path: Path, env: dict[str, str], content: str, location: str
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(content, encoding="utf-8")

    result = run(["check-pack", str(broken)], env, cwd=tmp_path)

    assert result.returncode == 1, describe(result)
    lines = result.stdout.splitlines()
    assert lines, describe(result)
    assert all(line.startswith(f"{broken}: ") for line in lines), describe(result)
    assert any(line.startswith(f"{broken}: {location}: ") for line in lines), describe(result)
    assert "ok (" not in result.stdout


def test_check_pack_reports_every_file(
    tmp_path: Path, env: dict[str, str], repo_root: Path
) -> None:
    good = repo_root / "questions" / "technical_depth.json"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    missing = tmp_path / "missing.json"

    result = run(["check-pack", str(good), str(bad), str(missing)], env, cwd=tmp_path)

    assert result.returncode == 1, describe(result)
    lines = result.stdout.splitlines()
    assert f"{good}: ok (10 questions)" in lines
    assert any(line.startswith(f"{bad}: line 1, column ") for line in lines), describe(result)
    assert any(line.startswith(f"{missing}: $: ") for line in lines), describe(result)


def test_check_pack_accepts_a_relative_path(
    tmp_path: Path, env: dict[str, str], repo_root: Path
) -> None:
    result = run(["check-pack", "questions/technical_depth.json"], env, cwd=repo_root)

    assert result.returncode == 0, describe(result)
    assert result.stdout.startswith("questions/technical_depth.json: ok (")


# -- starting the window ----------------------------------------------------------


@pytest.mark.parametrize(
    "program",
    [
        pytest.param((sys.executable, "-m", "aipm_desktop"), id="python-m"),
        pytest.param((str(CONSOLE_SCRIPT),), id="console-script"),
    ],
)
def test_exit_when_ready_creates_the_database_in_data_dir(
    tmp_path: Path, env: dict[str, str], program: tuple[str, ...]
) -> None:
    if not Path(program[0]).exists():
        pytest.skip(f"{program[0]} is not installed")
    data = tmp_path / "data"
    elsewhere = tmp_path / "env-data"
    env[DATA_DIR_ENV_VAR] = str(elsewhere)  # the option wins over the variable

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path, program=program)

    assert result.returncode == 0, describe(result)
    assert database_path(data).is_file()
    assert not elsewhere.exists()


def test_exit_when_ready_uses_the_environment_variable(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "from-env"
    env[DATA_DIR_ENV_VAR] = str(data)

    result = run(["--exit-when-ready"], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert database_path(data).is_file()


def test_a_chosen_data_folder_keeps_its_own_settings(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "profile"

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert settings_path(data).is_file()
    assert "geometry" in settings_path(data).read_text(encoding="utf-8")
    assert tree(Path(env["XDG_CONFIG_HOME"])) == [], "the user's own settings were written"


def test_restart_keeps_a_valid_database(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"

    for _ in range(2):
        result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)
        assert result.returncode == 0, describe(result)

    with Store.open(database_path(data)) as store:
        assert store.attempt_count() == 0
    with sqlite3.connect(database_path(data)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_restart_keeps_attempts_made_in_between(tmp_path: Path, env: dict[str, str]) -> None:
    """The data written before a run is read, not replaced, by the next run."""
    data = tmp_path / "data"
    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)
    assert result.returncode == 0, describe(result)
    with Store.open(database_path(data)) as store:
        stored = store.record_attempt(_an_attempt())

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    with Store.open(database_path(data)) as store:
        assert store.attempt_count() == 1
        assert store.attempt(stored.id).answer == stored.answer


def _an_attempt() -> NewAttempt:
    started = datetime(2025, 1, 2, 9, 0, tzinfo=UTC)
    return NewAttempt(
        question_id="td-01-explain-ml-to-executives",
        pack_id="technical-depth-intermediate",
        pack_version="1.0.0",
        started_at=started,
        ended_at=started + timedelta(seconds=90),
        seconds_used=90.0,
        time_limit_seconds=300,
        overtime_seconds=0.0,
        answer="Machine learning finds patterns in examples.",
        revealed_before_submit=False,
        key_points_total=4,
        time_up_mode=TimeUpMode.SOFT,
    )


def _newer_database(data: Path) -> Path:
    """A data file as a future version (format 99) would leave it."""
    db_file = database_path(data)
    Store.open(db_file).close()
    conn = sqlite3.connect(db_file)
    try:
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
    finally:
        conn.close()
    return db_file


def test_newer_database_is_refused_without_hanging(tmp_path: Path, env: dict[str, str]) -> None:
    """With --exit-when-ready the error goes to stderr; no modal dialog blocks the run."""
    data = tmp_path / "data"
    db_file = _newer_database(data)
    before = db_file.read_bytes()
    files_before = tree(data)

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 1, describe(result)
    assert "newer version" in result.stderr, describe(result)
    assert str(data) in result.stderr, describe(result)
    assert db_file.read_bytes() == before
    assert tree(data) == files_before


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path, env: dict[str, str]) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")

    result = run(["--exit-when-ready", "--data-dir", str(not_a_folder)], env, cwd=tmp_path)

    assert result.returncode == 1, describe(result)
    assert "cannot open your data" in result.stderr, describe(result)
    assert not_a_folder.read_text(encoding="utf-8") == "a file, not a folder"


def test_newer_database_offscreen_without_exit_when_ready_does_not_hang(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = _newer_database(data)
    before = db_file.read_bytes()

    result = run(["--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 1, describe(result)
    assert "newer version" in result.stderr, describe(result)
    assert db_file.read_bytes() == before


def test_packs_in_the_data_folder_are_loaded_and_a_broken_one_is_not_fatal(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    packs = data / "packs" / "imported"
    packs.mkdir(parents=True)
    (packs / "broken.json").write_text('{"questions": [', encoding="utf-8")

    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    # The bundled pack passed validation and is remembered; the broken one is not.
    cache = json.loads((data / "cache" / "validated-packs.json").read_text(encoding="utf-8"))
    assert len(cache["keys"]) == 1


def test_a_returning_start_imports_neither_sqlite_utils_nor_jsonschema(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    first = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path)
    assert first.returncode == 0, describe(first)

    program = (sys.executable, "-X", "importtime", "-m", "aipm_desktop")
    again = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path, program=program)

    assert again.returncode == 0, describe(again)
    imported = {line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines()}
    assert "PySide6.QtWidgets" in imported  # the import log is there
    assert not {name for name in imported if name.split(".")[0] in {"sqlite_utils", "jsonschema"}}
    # The key-point model loads lazily, after start-up (docs/coverage.md).
    assert not {name for name in imported if name.split(".")[0] in {"numpy", "onnxruntime"}}


WINDOWS_OPENED_ON_DEMAND = frozenset(
    {
        "aipm_desktop.storage.check",
        "aipm_desktop.storage.stats",
        "aipm_desktop.core.stats",
        "aipm_desktop.ui.backups.settings_section",
        "aipm_desktop.ui.backups.dialog",
        "aipm_desktop.ui.history.compare_dialog",
        "aipm_desktop.ui.history.dashboard",
        "aipm_desktop.ui.history.window",
        "aipm_desktop.ui.packs.import_task",
        "aipm_desktop.ui.packs.packs_dialog",
        "aipm_desktop.ui.packs.problems_dialog",
        "aipm_desktop.ui.packs.question_editor",
        "aipm_desktop.ui.history.removed_history",
        "aipm_desktop.ui.session.new_session_dialog",
        "aipm_desktop.ui.session.window",
        "aipm_desktop.ui.main.settings_dialog",
        "aipm_desktop.ui.main.shortcuts_dialog",
        "aipm_desktop.ui.session.summary_dialog",
        "aipm_desktop.ui.main.welcome_dialog",
    }
)
"""Modules of windows and dialogs the start-up leaves to the moment they are opened."""


def test_the_start_up_imports_no_window_or_dialog_it_does_not_show(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    program = (sys.executable, "-X", "importtime", "-m", "aipm_desktop")
    result = run(["--exit-when-ready", "--data-dir", str(data)], env, cwd=tmp_path, program=program)

    assert result.returncode == 0, describe(result)
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "aipm_desktop.ui.main.window" in imported  # the import log is there
    assert sorted(imported & WINDOWS_OPENED_ON_DEMAND) == []
