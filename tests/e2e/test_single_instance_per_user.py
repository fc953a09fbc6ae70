"""Issue 14, findings 14 and 15: the single-instance socket is private to the user,
and a data-folder path that is not UTF-8 is refused clearly instead of crashing.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from aipm_desktop.services.instance import peer_uid, private_socket_folder, socket_name
from aipm_desktop.ui.app.single_instance import SingleInstance

from .test_cli import describe, run
from .test_recovery import make_data

NOBODY = 65534


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A temporary folder with a short path, as a socket's folder needs."""
    folder = Path(tempfile.mkdtemp(dir="/tmp", prefix="aipm-t"))
    yield folder
    shutil.rmtree(folder)


def test_the_socket_goes_in_a_private_runtime_folder(
    qtbot: QtBot, tmp_path: Path, short_tmp: Path
) -> None:
    runtime = short_tmp / "runtime"
    runtime.mkdir(mode=0o700)
    (tmp_path / "data").mkdir()
    instance = SingleInstance(tmp_path / "data", environ={"XDG_RUNTIME_DIR": str(runtime)})
    assert instance.acquire()
    try:
        (sock,) = runtime.iterdir()
        assert sock.name == socket_name(tmp_path / "data")
        assert stat.S_ISSOCK(sock.stat().st_mode)
    finally:
        instance.release()


def test_a_runtime_folder_others_can_enter_is_not_used(short_tmp: Path) -> None:
    shared = short_tmp / "shared"
    shared.mkdir()
    shared.chmod(0o777)

    folder = private_socket_folder({"XDG_RUNTIME_DIR": str(shared)}, temp_dir=short_tmp)

    assert folder == short_tmp / f"aipm-desktop-{os.getuid()}"
    assert folder != shared
    info = folder.stat()
    assert info.st_uid == os.getuid()
    assert stat.S_IMODE(info.st_mode) == 0o700


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a folder of another user")
def test_a_folder_squatted_by_another_user_is_not_used(short_tmp: Path) -> None:
    squatted = short_tmp / f"aipm-desktop-{os.getuid()}"
    squatted.mkdir(mode=0o700)
    os.chown(squatted, NOBODY, NOBODY)

    folder = private_socket_folder({}, temp_dir=short_tmp)

    assert folder == short_tmp / f"aipm-desktop-{os.getuid()}-1"
    assert folder is not None
    assert folder != squatted
    assert folder.stat().st_uid == os.getuid()


def test_peer_uid_is_read_from_the_socket() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        assert peer_uid(left.fileno()) == os.getuid()


SQUATTER = """
import os, socket, sys
path = sys.argv[1]
server = socket.socket(socket.AF_UNIX)
server.bind(path)
os.chmod(path, 0o777)
os.setgid(65534)
os.setuid(65534)
server.listen(1)
print("listening", flush=True)
connection, _ = server.accept()
connection.settimeout(5)
try:
    data = connection.recv(100)
except OSError:
    data = b""
print("received", repr(data), flush=True)
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a process as another user")
def test_a_second_launch_tells_a_squatter_of_another_user_nothing(
    qtbot: QtBot, tmp_path: Path, short_tmp: Path
) -> None:
    folder = short_tmp / "open-to-all"
    folder.mkdir()
    folder.chmod(0o777)
    data = tmp_path / "data"
    squatter = subprocess.Popen(
        [sys.executable, "-c", SQUATTER, str(folder / socket_name(data))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert squatter.stdout is not None
    assert squatter.stdout.readline().strip() == "listening"

    answered = SingleInstance(data, socket_folder=folder).ask_first_to_activate()
    out, _err = squatter.communicate(timeout=30)

    assert not answered
    assert "received b''" in out


@pytest.mark.e2e
def test_a_data_folder_path_that_is_not_utf8_is_refused_clearly(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = Path(os.fsdecode(os.fsencode(tmp_path) + b"/data-\xff"))

    started = run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path)

    assert started.returncode == 1, describe(started)
    assert "not valid UTF-8" in started.stderr
    assert "Traceback" not in started.stderr
    make_data(data, ["kept"])
    exported = run(
        ["--data-dir", str(data), "export-attempts", "--format", "json"], env, cwd=tmp_path
    )
    assert exported.returncode == 0, describe(exported)
    assert "kept" in exported.stdout
