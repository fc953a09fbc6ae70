"""Is the app running on a data folder? Read from the folder's lock file. No Qt."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from aipm_desktop.services.paths import lock_path


def running_app_pid(data_dir: Path) -> int | None:
    """The process id of an app that holds the data folder's lock and is still alive."""
    try:
        lines = lock_path(data_dir).read_text(encoding="utf-8", errors="replace").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    host = lines[2] if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return pid  # another machine holds it; assume it is running
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # a stale lock left by a crash
    except PermissionError:
        return pid
    except OSError:
        return None
    return pid
