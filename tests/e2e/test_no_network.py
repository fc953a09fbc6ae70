"""A whole practice session opens no internet socket, watched at the system-call level.

The real program (start-up with its single-instance socket, typing, submitting,
rating, quitting with its backup) runs under ``strace``, which logs every
``socket()`` and ``connect()`` the process and its threads make. Only local
(AF_UNIX, and the kernel's AF_NETLINK) sockets may appear, and the
single-instance server's AF_UNIX socket must appear, which shows the trace works.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aipm_desktop.services.paths import database_path
from aipm_desktop.storage.backup import list_backups

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (apt install strace)"),
]

DRIVER = Path(__file__).with_name("crash_driver.py")
LOCAL_FAMILIES = {"AF_UNIX", "AF_LOCAL", "AF_NETLINK"}


def test_a_full_session_opens_no_internet_socket(tmp_path: Path) -> None:
    data = tmp_path / "data"
    trace = tmp_path / "trace.log"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    result = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect",
            "-o",
            str(trace),
            sys.executable,
            str(DRIVER),
            "gui",
            str(data),
            "7",
            "3",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    log = trace.read_text(encoding="utf-8") if trace.exists() else ""
    if result.returncode != 0 and "ptrace" in (result.stderr + log):
        pytest.skip(f"strace may not trace here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"submitted"') == 3, "the session did not run to its end"
    assert list_backups(database_path(data)), "quitting after changes makes a backup"

    families = re.findall(r"socket\((AF_\w+)", log)
    assert "AF_UNIX" in families, f"the trace saw no local socket at all:\n{log[:2000]}"
    internet = [line for line in log.splitlines() if re.search(r"AF_INET6?\b|AF_PACKET", line)]
    assert not internet, "internet sockets were opened:\n" + "\n".join(internet)
    assert set(families) <= LOCAL_FAMILIES, set(families)
