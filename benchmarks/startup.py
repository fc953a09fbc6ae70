"""Cold start-up time of AIPM Desktop, compared with a bare PySide6 window.

Each run starts a fresh Python process, offscreen, and times it with
``time.perf_counter`` from launch until the process has exited:

* ``app``:  ``python -m aipm_desktop --exit-when-ready --data-dir TMP`` (quits as soon
  as the main window is shown with its question list filled);
* ``bare``: a tiny script that shows a ``QMainWindow`` holding a ``QLabel`` and quits
  from the event loop right after showing it.

Runs alternate (bare, app, bare, app, ...) so that drift in the machine's load
affects both alike; one untimed warm-up of each comes first. Every app run gets a
fresh, empty data folder, and the XDG folders point into a temporary folder so
the user's real settings are neither read nor written.

Usage::

    python benchmarks/startup.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_RUNS = 15
TIMEOUT_SECONDS = 120

BARE_WINDOW_SCRIPT = """\
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


@dataclass(frozen=True)
class Summary:
    """The timings of one measure, in milliseconds."""

    measure: str
    runs: int
    median_ms: float
    p95_ms: float
    min_ms: float


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` percentile (0..1) of ``samples``, interpolating linearly."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def summarize(measure: str, samples_ms: Sequence[float]) -> Summary:
    """Median, 95th percentile and minimum of ``samples_ms``."""
    return Summary(
        measure=measure,
        runs=len(samples_ms),
        median_ms=statistics.median(samples_ms),
        p95_ms=percentile(samples_ms, 0.95),
        min_ms=min(samples_ms),
    )


def time_run(command: Sequence[str], env: dict[str, str], cwd: Path) -> float:
    """Milliseconds from starting ``command`` until it has exited; raises if it failed."""
    start = time.perf_counter()
    result = subprocess.run(
        list(command),
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    elapsed_ms = (time.perf_counter() - start) * 1000.0
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited {result.returncode}\n{result.stdout}{result.stderr}"
        )
    return elapsed_ms


def child_environment(scratch: Path) -> dict[str, str]:
    """Offscreen Qt, with settings and caches kept under ``scratch``."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("AIPM_DATA_DIR", None)
    # An installed app runs from byte-code: let the warm-up runs write it, or every
    # timed start would compile the app's sources again (~100 ms).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = scratch / name.lower()
        folder.mkdir(exist_ok=True)
        env[name] = str(folder)
    return env


def benchmark(runs: int, python: str = sys.executable) -> tuple[Summary, Summary]:
    """Time ``runs`` alternating bare and app start-ups; returns (bare, app)."""
    with tempfile.TemporaryDirectory(prefix="aipm-startup-") as folder:
        scratch = Path(folder)
        env = child_environment(scratch)
        bare_script = scratch / "bare_window.py"
        bare_script.write_text(BARE_WINDOW_SCRIPT, encoding="utf-8")
        data_dirs = (scratch / f"data-{index}" for index in range(2 * runs + 2))

        def bare() -> float:
            return time_run([python, str(bare_script)], env, scratch)

        def app() -> float:
            data_dir = next(data_dirs)
            command = [python, "-m", "aipm_desktop", "--exit-when-ready", "--data-dir"]
            return time_run([*command, str(data_dir)], env, scratch)

        measures: dict[str, Callable[[], float]] = {"bare": bare, "app": app}
        samples: dict[str, list[float]] = {name: [] for name in measures}
        for measure in measures.values():  # warm-up: disk caches, .pyc files
            measure()
        for _ in range(runs):
            for name, measure in measures.items():
                samples[name].append(measure())
    return summarize("bare", samples["bare"]), summarize("app", samples["app"])


def format_table(bare: Summary, app: Summary) -> str:
    """A small text table of both measures and the app/bare ratio of the medians."""
    lines = [f"{'measure':<8} {'median ms':>10} {'p95 ms':>10} {'min ms':>10}"]
    for row in (bare, app):
        lines.append(
            f"{row.measure:<8} {row.median_ms:>10.1f} {row.p95_ms:>10.1f} {row.min_ms:>10.1f}"
        )
    lines.append(f"ratio app/bare (medians): {app.median_ms / bare.median_ms:.2f}x")
    lines.append(f"({app.runs} runs each, alternating, after one warm-up; offscreen)")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        metavar="N",
        help=f"timed runs of each measure (default {DEFAULT_RUNS})",
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the results."""
    args = parse_args(argv)
    bare, app = benchmark(args.runs)
    if args.json:
        report = {
            "bare": asdict(bare),
            "app": asdict(app),
            "ratio_app_over_bare_median": app.median_ms / bare.median_ms,
        }
        print(json.dumps(report, indent=2))
    else:
        print(format_table(bare, app))
    return 0


if __name__ == "__main__":
    sys.exit(main())
