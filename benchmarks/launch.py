"""Time one launch of a program: until its window is ready, and until it has exited.

Every start-up benchmark (``startup.py``, ``run.py``, ``frozen.py``) times its
launches here, the app and its bare PySide6 baseline alike. The clock starts just
before the process is created and stops when the child writes the ready line on
standard error, so the interpreter's own start is counted and nothing the program
does after its window is ready is. The app writes that line with
``AIPM_STARTUP_TRACE=1`` once its window is shown with the question list filled
(``READY_STAGE``); the baseline scripts write the same words at the same moment
(the first turn of the event loop after ``show()``). The time until the process
has exited is kept too: it adds shutting down (waiting for background work, the
interpreter's teardown), which a user does not wait for at start-up.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aipm_desktop.services.startup_trace import ENVIRONMENT_VARIABLE, READY_STAGE  # noqa: E402

TIMEOUT_SECONDS = 120

READY_LINE = f"startup: {READY_STAGE}"
"""What a launch writes on standard error when its window is ready."""

BARE_WINDOW_SCRIPT = f"""\
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def ready():
    print({READY_LINE!r}, file=sys.stderr, flush=True)
    app.quit()


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.show()
QTimer.singleShot(0, ready)
sys.exit(app.exec())
"""
"""The baseline: a bare PySide6 window that says it is ready on the first turn of the
event loop after it was shown (as the app's window does), then quits."""


@dataclass(frozen=True)
class Launch:
    """One launch, in milliseconds."""

    ready: float
    """From starting the process until it wrote the ready line."""
    exited: float
    """From starting the process until it had exited."""
    cpu: float
    """Its user + system CPU time until it exited (NaN where unknown)."""


def tracing(env: dict[str, str]) -> dict[str, str]:
    """``env`` with the app's start-up trace on, so that it writes the ready line."""
    return {**env, ENVIRONMENT_VARIABLE: "1"}


def _children_cpu_seconds() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_launch(command: Sequence[str], env: dict[str, str], cwd: Path) -> Launch:
    """Launch ``command`` and time it; raises if it failed or never wrote the ready line."""
    cpu_before = _children_cpu_seconds()
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    watchdog = threading.Timer(TIMEOUT_SECONDS, process.kill)
    watchdog.start()
    ready = None
    lines: list[str] = []
    assert process.stderr is not None
    try:
        for line in process.stderr:  # read to the end: a full pipe would block the child
            if ready is None and line.startswith(READY_LINE):
                ready = (time.perf_counter() - start) * 1000.0
            lines.append(line)
        returncode = process.wait()
    finally:
        watchdog.cancel()
    exited = (time.perf_counter() - start) * 1000.0
    if returncode != 0 or ready is None:
        problem = f"exited {returncode}" if returncode != 0 else "never said it was ready"
        raise RuntimeError(f"{' '.join(command)} {problem}\n{''.join(lines)[-4000:]}")
    return Launch(ready, exited, (_children_cpu_seconds() - cpu_before) * 1000.0)
