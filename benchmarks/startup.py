"""Cold start-up time of AIPM Desktop, compared with a bare PySide6 window.

Each run starts a fresh Python process, offscreen, and times it (``launch.py``) from
launch until its window is ready, and until the process has exited:

* ``app``:  ``python -m aipm_desktop --exit-when-ready --data-dir TMP`` (ready, and
  quits, as soon as the main window is shown with its question list filled);
* ``bare``: a tiny script that shows a ``QMainWindow`` holding a ``QLabel``, says it is
  ready on the first turn of the event loop after showing it, and quits;
* ``shell``: ``shell_window.py``, the app's layout drawn in plain PySide6 without the
  app's code, ready at the same moment: the floor of any start-up of this layout.

Runs alternate (bare, shell, app, app-returning, ...) so that drift in the machine's load
affects all alike; one untimed warm-up of each comes first. ``app`` gets a fresh,
empty data folder every run (a first start: the data file is created);
``app-returning`` reuses the folder its warm-up made (every later start). The
ratio is of the times to ready. The XDG folders point into a temporary folder so
the user's real settings are neither read nor written.

Usage::

    python benchmarks/startup.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from launch import BARE_WINDOW_SCRIPT, Launch, time_launch, tracing

DEFAULT_RUNS = 15
SHELL_WINDOW = Path(__file__).with_name("shell_window.py")


@dataclass(frozen=True)
class Summary:
    """The timings of one measure, in milliseconds."""

    measure: str
    runs: int
    median_ms: float
    """Launch until the window is ready."""
    p95_ms: float
    min_ms: float
    exit_median_ms: float
    """Launch until the process had exited."""


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` percentile (0..1) of ``samples``, interpolating linearly."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def summarize(measure: str, launches: Sequence[Launch]) -> Summary:
    """Median, 95th percentile and minimum of the times to ready, and the median to exit."""
    ready = [launch.ready for launch in launches]
    return Summary(
        measure=measure,
        runs=len(launches),
        median_ms=statistics.median(ready),
        p95_ms=percentile(ready, 0.95),
        min_ms=min(ready),
        exit_median_ms=statistics.median(launch.exited for launch in launches),
    )


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


def benchmark(runs: int, python: str = sys.executable) -> list[Summary]:
    """Time ``runs`` alternating launches of each kind; returns bare, shell, app and
    app-returning."""
    with tempfile.TemporaryDirectory(prefix="aipm-startup-") as folder:
        scratch = Path(folder)
        env = tracing(child_environment(scratch))
        bare_script = scratch / "bare_window.py"
        bare_script.write_text(BARE_WINDOW_SCRIPT, encoding="utf-8")
        data_dirs = (scratch / f"data-{index}" for index in range(2 * runs + 2))
        app_command = [python, "-m", "aipm_desktop", "--exit-when-ready", "--data-dir"]
        returning = scratch / "returning"

        measures: dict[str, Callable[[], Launch]] = {
            "bare": lambda: time_launch([python, str(bare_script)], env, scratch),
            "shell": lambda: time_launch([python, str(SHELL_WINDOW)], env, scratch),
            "app": lambda: time_launch([*app_command, str(next(data_dirs))], env, scratch),
            "app-returning": lambda: time_launch([*app_command, str(returning)], env, scratch),
        }
        samples: dict[str, list[Launch]] = {name: [] for name in measures}
        for measure in measures.values():  # warm-up: disk caches, .pyc files
            measure()
        for _ in range(runs):
            for name, measure in measures.items():
                samples[name].append(measure())
    return [summarize(name, launches) for name, launches in samples.items()]


def format_table(summaries: Sequence[Summary]) -> str:
    """A small text table of the measures and each one's ratio to the bare window's."""
    bare = summaries[0]
    header = f"{'measure':<14} {'ready median':>12} {'p95':>8} {'min':>8} {'ratio':>7}"
    lines = [f"{header} {'exit median':>12}"]
    for row in summaries:
        lines.append(
            f"{row.measure:<14} {row.median_ms:>12.1f} {row.p95_ms:>8.1f} {row.min_ms:>8.1f} "
            f"{row.median_ms / bare.median_ms:>6.2f}x {row.exit_median_ms:>12.1f}"
        )
    lines.append(
        f"(ms from launch until the window is ready; {bare.runs} runs each, alternating, "
        "after one warm-up; offscreen)"
    )
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
    summaries = benchmark(args.runs)
    if args.json:
        bare = summaries[0]
        report = {
            row.measure: {**asdict(row), "ratio_to_bare": row.median_ms / bare.median_ms}
            for row in summaries
        }
        print(json.dumps(report, indent=2))
    else:
        print(format_table(summaries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
