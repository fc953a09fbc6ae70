"""Issue 14, "data can be lost or replaced": real commands against real files and processes.

Every command that writes a file refuses the data folder's own files and nodes
that are not regular files; ``restore`` holds the folder's lock throughout, reads
its source with SQLite (write-ahead log included) and installs only a file with
exactly our schema.
"""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from aipm_desktop.cli.backup import run_restore
from aipm_desktop.services.instance import InstanceRunningError, hold_instance_lock
from aipm_desktop.services.paths import lock_path
from aipm_desktop.storage.backup import create_backup

from .test_cli import describe, run
from .test_recovery import LONG, T0, crash_after_writing, make_data, stored_answers, wait_for

pytestmark = pytest.mark.e2e

OWN_FILES = ["aipm.sqlite3", "aipm.sqlite3-wal", "aipm.sqlite3-shm", "aipm.sqlite3-journal"]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", [*OWN_FILES, "backups/attempts.csv"])
def test_export_refuses_the_data_folders_own_files(
    tmp_path: Path, env: dict[str, str], name: str
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["kept"])
    (data / "backups").mkdir(exist_ok=True)
    before = snapshot(data)

    result = run(
        ["--data-dir", str(data), "export-attempts", "--format", "csv", "-o", str(data / name)],
        env,
        cwd=tmp_path,
    )

    assert result.returncode == 1, describe(result)
    assert "data folder" in result.stderr
    assert snapshot(data) == before
    assert stored_answers(db_file) == ["kept"]


def test_export_through_a_hard_link_to_the_data_file_is_refused(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["kept"])
    link = tmp_path / "innocent.json"
    os.link(db_file, link)

    result = run(
        ["--data-dir", str(data), "export-attempts", "--format", "json", "-o", str(link)],
        env,
        cwd=tmp_path,
    )

    assert result.returncode == 1, describe(result)
    assert stored_answers(db_file) == ["kept"]


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _device(path: Path) -> Path:
    """A character device like /dev/null (as root), else a link to /dev/null."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        path.symlink_to("/dev/null")
    return path


@pytest.mark.parametrize("make_node", [_fifo, _device], ids=["fifo", "device"])
@pytest.mark.parametrize("command", ["export-attempts", "backup"])
def test_writing_commands_never_replace_a_fifo_or_a_device(
    tmp_path: Path, env: dict[str, str], make_node: object, command: str
) -> None:
    data = tmp_path / "data"
    make_data(data, ["kept"])
    assert callable(make_node)
    node = make_node(tmp_path / "node")
    kind_before = os.lstat(node).st_mode
    args = ["export-attempts", "--format", "csv"] if command == "export-attempts" else ["backup"]

    result = run(["--data-dir", str(data), *args, "-o", str(node)], env, cwd=tmp_path)

    assert result.returncode == 1, describe(result)
    assert "not a regular file" in result.stderr or "already exists" in result.stderr
    assert os.lstat(node).st_mode == kind_before
    assert not stat.S_ISREG(os.stat(node).st_mode)


@pytest.mark.parametrize("name", ["aipm.sqlite3-wal", "aipm.sqlite3-journal", "backups/mine.db"])
def test_backup_refuses_to_write_into_the_data_folders_own_files(
    tmp_path: Path, env: dict[str, str], name: str
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["kept"])
    before = snapshot(data)

    result = run(["--data-dir", str(data), "backup", "-o", str(data / name)], env, cwd=tmp_path)

    assert result.returncode == 1, describe(result)
    assert "data folder" in result.stderr
    assert snapshot(data) == before
    reopened = run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path)
    assert reopened.returncode == 0, describe(reopened)
    assert stored_answers(db_file) == ["kept"]


def test_restore_holds_the_lock_so_the_app_cannot_start_midway(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, LONG[:6])
    backup = create_backup(db_file, T0, destination=tmp_path / "backup.sqlite3")
    launches: list[subprocess.CompletedProcess[str]] = []

    def start_the_app_midway(_left: int, _total: int) -> None:
        if not launches:
            launches.append(run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path))

    out, err = io.StringIO(), io.StringIO()
    code = run_restore(data, str(backup.path), out, err, on_progress=start_the_app_midway)

    assert code == 0, err.getvalue()
    (app,) = launches
    assert app.returncode == 1, describe(app)
    assert "already running" in app.stderr
    assert not lock_path(data).exists()
    assert stored_answers(db_file) == LONG[:6]


def test_the_instance_lock_refuses_a_second_holder_and_takes_over_a_dead_ones(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    with hold_instance_lock(data):
        second = hold_instance_lock(data)
        with pytest.raises(InstanceRunningError):
            second.__enter__()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    lock_path(data).write_text(f"{dead.stdout.strip()}\npython3\n{os.uname().nodename}\n")
    with hold_instance_lock(data):
        assert lock_path(data).read_text().split("\n")[0] == str(os.getpid())
    assert not lock_path(data).exists()


def test_restore_brings_the_data_still_in_the_sources_write_ahead_log(
    tmp_path: Path, env: dict[str, str]
) -> None:
    source_dir = tmp_path / "source"
    source = make_data(source_dir, ["checkpointed"])
    crash_after_writing(source, "only in the write-ahead log", env)
    data = tmp_path / "data"
    db_file = make_data(data, ["current"])

    result = run(["--data-dir", str(data), "restore", str(source)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert stored_answers(db_file) == ["checkpointed", "only in the write-ahead log"]


def test_restore_refuses_a_database_with_a_trigger_that_eats_answers(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["current"])
    hostile = make_data(tmp_path / "hostile", ["bait"])
    with closing(sqlite3.connect(hostile)) as conn:
        conn.execute(
            "create trigger eat after insert on attempts begin "
            "delete from attempts where id = new.id; end"
        )
        conn.commit()
    before = snapshot(data)

    result = run(["--data-dir", str(data), "restore", str(hostile)], env, cwd=tmp_path)

    assert result.returncode == 1, describe(result)
    assert "trigger 'eat'" in result.stderr
    assert snapshot(data) == before
    assert stored_answers(db_file) == ["current"]


@pytest.mark.parametrize(
    "extra",
    [
        "create table notes (x)",
        "create view every_answer as select answer from attempts",
        "create index idx_extra on attempts (answer)",
    ],
)
def test_restore_refuses_extra_tables_views_and_indexes(tmp_path: Path, extra: str) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["current"])
    other = make_data(tmp_path / "other", ["other"])
    with closing(sqlite3.connect(other)) as conn:
        conn.execute(extra)
        conn.commit()
    out, err = io.StringIO(), io.StringIO()

    code = run_restore(data, str(other), out, err)

    assert code == 1
    assert "not exactly an AIPM Desktop backup" in err.getvalue()
    assert stored_answers(db_file) == ["current"]


def test_restore_refuses_another_programs_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["current"])
    foreign = tmp_path / "foreign.sqlite3"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("create table attempts (id integer primary key, answer text)")
        conn.commit()
    out, err = io.StringIO(), io.StringIO()

    assert run_restore(data, str(foreign), out, err) == 1
    assert "not exactly an AIPM Desktop backup" in err.getvalue()
    assert stored_answers(db_file) == ["current"]


def test_a_missing_restore_source_is_not_found_not_damaged(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    make_data(data, ["current"])

    result = run(
        ["--data-dir", str(data), "restore", str(tmp_path / "nowhere.sqlite3")], env, cwd=tmp_path
    )

    assert result.returncode == 1
    assert "not found" in result.stderr
    assert "damaged" not in result.stderr


def test_a_killed_restores_leftover_is_removed_on_the_next_run(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = make_data(data, ["current"])
    backup = create_backup(db_file, T0, destination=tmp_path / "backup.sqlite3")
    leftover = db_file.with_name(db_file.name + ".restoring")
    leftover.write_bytes(b"x" * 100_000)
    Path(f"{leftover}-journal").write_bytes(b"y" * 1000)

    started = run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path)
    assert started.returncode == 0, describe(started)
    assert not leftover.exists()
    assert not Path(f"{leftover}-journal").exists()

    leftover.write_bytes(b"x" * 100_000)
    restored = run(["--data-dir", str(data), "restore", str(backup.path)], env, cwd=tmp_path)
    assert restored.returncode == 0, describe(restored)
    assert str(leftover) in restored.stderr
    assert not leftover.exists()


def test_a_killed_backups_partial_files_are_removed_on_the_next_run(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    make_data(data, ["current"])
    target = tmp_path / "copy.sqlite3"
    Path(f"{target}.partial").write_bytes(b"x" * 4096)
    Path(f"{target}.partial-journal").write_bytes(b"y" * 512)

    result = run(["--data-dir", str(data), "backup", "-o", str(target)], env, cwd=tmp_path)

    assert result.returncode == 0, describe(result)
    assert sorted(p.name for p in tmp_path.glob("copy*")) == ["copy.sqlite3"]
    assert stored_answers(target) == ["current"]


def test_sigterm_during_a_backup_leaves_no_partial_files(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    make_data(data, ["x" * 400_000 for _ in range(100)])  # 40 MB: the copy takes a while
    target = tmp_path / "copy.sqlite3"
    partial = Path(f"{target}.partial")
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aipm_desktop",
            "--data-dir",
            str(data),
            "backup",
            "-o",
            str(target),
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wait_for(lambda: partial.exists() or child.poll() is not None)
    child.send_signal(signal.SIGTERM)
    _out, err = child.communicate(timeout=60)
    if child.returncode == 0:
        pytest.skip("the backup finished before SIGTERM arrived")

    assert child.returncode == 128 + signal.SIGTERM, err
    assert b"Traceback" not in err
    assert [p.name for p in tmp_path.glob("copy*")] == []


def test_an_empty_data_dir_option_is_an_error(tmp_path: Path, env: dict[str, str]) -> None:
    result = run(["--data-dir", "", "export-attempts", "--format", "json"], env, cwd=tmp_path)

    assert result.returncode == 2
    assert "--data-dir" in result.stderr
    assert "empty" in result.stderr


def test_export_with_standard_output_closed_exits_cleanly(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    make_data(data, ["kept"])
    closed = subprocess.run(
        [
            sys.executable,
            "-m",
            "aipm_desktop",
            "--data-dir",
            str(data),
            "export-attempts",
            "--format",
            "json",
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        pass_fds=(),
        timeout=60,
        check=False,
        preexec_fn=lambda: os.close(1),
    )

    assert closed.returncode == 1
    assert "Traceback" not in closed.stderr
    assert "standard output" in closed.stderr
