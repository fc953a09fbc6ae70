"""The frozen app beside a frozen PySide6 "hello" window: .deb size and cold start.

Builds, in one run and with the same PyInstaller settings (packaging/qt_filter.py:
the same Qt plugin keep list, console=False, upx=False, strip on Linux, onedir):

* the app, from build.spec, and its .deb (packaging/linux/build_deb.py);
* "hello": a QMainWindow holding a QLabel that quits as soon as it is shown, frozen
  with QtCore/QtGui/QtWidgets only, and packed as a .deb with the same dpkg-deb
  compression (xz).

Then prints:

* the compressed .deb sizes and their ratio (target: app <= 1.8x hello since the app
  ships its key-point model, onnxruntime and numpy: issue 16);
* the start-up time from launch until the window is ready (``launch.py``), for the
  app with ``--exit-when-ready`` (ready, and quits, once its window is shown with the
  question list filled) and for hello (ready on the first turn of its event loop);
  runs alternate (hello, app, app-returning, ...) after one
  untimed warm-up each, every run in an ``env -i``-like environment, offscreen, with a
  fresh HOME; medians (target: app <= 2x hello). ``app`` gets a new, empty data folder
  each run (the first start ever: the data file is created and migrated);
  ``app-returning`` reuses the folder its warm-up made (every later start).

"Cold" means a new process each time, not an empty OS file cache: the warm-up
loads the files into the page cache for both alike.

Usage (needs the ``dist`` extra and dpkg-deb)::

    python benchmarks/frozen.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import targets
from launch import BARE_WINDOW_SCRIPT, time_launch, tracing

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging" / "linux"))

from build_deb import architecture, pack  # noqa: E402

DEFAULT_RUNS = 11
TIMEOUT_SECONDS = 120


HELLO_SPEC = """\
import sys
from pathlib import Path

import PySide6

sys.path.insert(0, {packaging!r})
from qt_filter import EXE_OPTIONS, QT_PLUGINS, QtFilter

qt = QtFilter(qt_modules=["QtCore", "QtGui", "QtWidgets"], plugins=QT_PLUGINS,
              keep_translations=False)
a = Analysis([{script!r}], hiddenimports=qt.hidden_imports(),
             excludes=[*qt.excludes(Path(PySide6.__file__).parent), "tkinter"])
a.datas, a.binaries = qt.filter(a.datas, a.binaries)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="hello", **EXE_OPTIONS)
coll = COLLECT(exe, a.binaries, a.datas, strip=EXE_OPTIONS["strip"],
               upx=EXE_OPTIONS["upx"], name="hello")
"""

HELLO_CONTROL = """\
Package: hello-pyside6
Version: 1.0
Architecture: {arch}
Maintainer: nobody <nobody@example.invalid>
Description: a frozen PySide6 hello window (size baseline)
"""


def pyinstaller(spec: Path, work: Path, dist: Path) -> float:
    """Build ``spec``; returns the seconds it took."""
    start = time.perf_counter()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pyinstaller"),
            "--noconfirm",
            "--clean",
            "--log-level",
            "ERROR",
            "--workpath",
            str(work),
            "--distpath",
            str(dist),
            str(spec),
        ],
        check=True,
        cwd=spec.parent,
    )
    return time.perf_counter() - start


def build_app(scratch: Path) -> tuple[Path, Path, float]:
    """(bundle, .deb, PyInstaller seconds) of the app, built from build.spec."""
    seconds = pyinstaller(ROOT / "build.spec", scratch / "work-app", scratch / "dist-app")
    bundle = scratch / "dist-app" / "aipm-desktop"
    out = scratch / "deb-app"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "linux" / "build_deb.py"),
            "--bundle",
            str(bundle),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return bundle, Path(result.stdout.strip().splitlines()[-1]), seconds


def build_hello(scratch: Path) -> tuple[Path, Path, float]:
    """(bundle, .deb, PyInstaller seconds) of the hello window."""
    source = scratch / "hello-src"
    source.mkdir()
    script = source / "hello.py"
    script.write_text(BARE_WINDOW_SCRIPT, encoding="utf-8")
    spec = source / "hello.spec"
    spec.write_text(
        HELLO_SPEC.format(packaging=str(ROOT / "packaging"), script=str(script)), "utf-8"
    )
    seconds = pyinstaller(spec, scratch / "work-hello", scratch / "dist-hello")
    bundle = scratch / "dist-hello" / "hello"
    staging = scratch / "stage-hello"
    shutil.copytree(bundle, staging / "opt" / "hello", symlinks=True)
    (staging / "DEBIAN").mkdir()
    (staging / "DEBIAN" / "control").write_text(HELLO_CONTROL.format(arch=architecture()), "utf-8")
    deb = scratch / "hello.deb"
    pack(staging, deb)
    return bundle, deb, seconds


def folder_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def time_run(command: Sequence[str], env: dict[str, str]) -> float:
    """Milliseconds from starting ``command`` until its window was ready."""
    return time_launch(command, tracing(env), Path(env["HOME"])).ready


def start_times(app: Path, hello: Path, scratch: Path, runs: int) -> dict[str, list[float]]:
    """Alternating start-up times in milliseconds, after one warm-up of each."""
    counter = iter(range(10**6))

    def bare_env() -> dict[str, str]:
        home = scratch / f"home-{next(counter)}"
        home.mkdir()
        return {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}

    def run_hello() -> float:
        return time_run([str(hello)], bare_env())

    def run_app() -> float:
        env = bare_env()
        return time_run([str(app), "--exit-when-ready", "--data-dir", f"{env['HOME']}/data"], env)

    returning_data = scratch / "returning-data"

    def run_app_returning() -> float:
        env = bare_env()
        return time_run([str(app), "--exit-when-ready", "--data-dir", str(returning_data)], env)

    measures: dict[str, Callable[[], float]] = {
        "hello": run_hello,
        "app": run_app,
        "app-returning": run_app_returning,
    }
    for measure in measures.values():
        measure()
    samples: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            samples[name].append(measure())
    return samples


def main(argv: Sequence[str] | None = None) -> int:
    """Build both, measure, print; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, metavar="N")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aipm-frozen-") as folder:
        scratch = Path(folder)
        app_bundle, app_deb, app_build = build_app(scratch)
        hello_bundle, hello_deb, hello_build = build_hello(scratch)
        samples = start_times(
            app_bundle / "aipm-desktop", hello_bundle / "hello", scratch, args.runs
        )
        report = {
            "deb_bytes": {"app": app_deb.stat().st_size, "hello": hello_deb.stat().st_size},
            "bundle_bytes": {"app": folder_size(app_bundle), "hello": folder_size(hello_bundle)},
            "pyinstaller_seconds": {"app": round(app_build, 1), "hello": round(hello_build, 1)},
            "start_ms_median": {name: statistics.median(s) for name, s in samples.items()},
            "start_ms_min": {name: min(s) for name, s in samples.items()},
            "runs": args.runs,
        }
    deb_ratio = report["deb_bytes"]["app"] / report["deb_bytes"]["hello"]
    start_ratio = report["start_ms_median"]["app"] / report["start_ms_median"]["hello"]
    report["deb_ratio"] = deb_ratio
    report["start_ratio"] = start_ratio
    targets.report("frozen", f"{start_ratio:.2f}x the frozen hello", start_ratio <= 2.0)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    mib = 1024 * 1024
    print(f"{'':<26}{'app':>12}{'hello':>12}{'ratio':>8}  target")
    print(
        f"{'.deb (xz), MiB':<26}{report['deb_bytes']['app'] / mib:>12.2f}"
        f"{report['deb_bytes']['hello'] / mib:>12.2f}{deb_ratio:>7.2f}x  <= 1.8x"
    )
    print(
        f"{'bundle on disk, MiB':<26}{report['bundle_bytes']['app'] / mib:>12.1f}"
        f"{report['bundle_bytes']['hello'] / mib:>12.1f}"
        f"{report['bundle_bytes']['app'] / report['bundle_bytes']['hello']:>7.2f}x"
    )
    print(
        f"{'start, median ms':<26}{report['start_ms_median']['app']:>12.0f}"
        f"{report['start_ms_median']['hello']:>12.0f}{start_ratio:>7.2f}x  <= 2x"
    )
    returning = report["start_ms_median"]["app-returning"]
    print(
        f"{'  same, existing data':<26}{returning:>12.0f}"
        f"{report['start_ms_median']['hello']:>12.0f}"
        f"{returning / report['start_ms_median']['hello']:>7.2f}x"
    )
    print(
        f"{'start, min ms':<26}{report['start_ms_min']['app']:>12.0f}"
        f"{report['start_ms_min']['hello']:>12.0f}"
    )
    print(
        f"{'PyInstaller build, s':<26}{report['pyinstaller_seconds']['app']:>12.1f}"
        f"{report['pyinstaller_seconds']['hello']:>12.1f}"
    )
    print(f"({args.runs} timed runs each, alternating, after one warm-up; offscreen, env -i)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
