"""What the speech add-on's long-lived worker saves: one clip transcribed the old way (a
``transcribe FILE`` process each time, the model loaded each time) against one
``transcribe --serve`` worker asked three times through the app's own client
(services/speech_worker.py: the first request starts it and loads the model).

Wall time depends on the load of a shared machine; the CPU time (user + system of the
program, read from /proc for the worker) does not. Linux only.

    make bundle-speech
    .venv/bin/python benchmarks/speech_worker.py [--program PROGRAM] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aipm_desktop.services.speech_worker import WorkerTranscriber  # noqa: E402
from tests.speech_clips import clip_texts, missing_tools, synthesise  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def shown(values: list[float]) -> str:
    return f"{statistics.median(values):5.2f} s (" + ", ".join(f"{v:.2f}" for v in values) + ")"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--program",
        type=Path,
        default=ROOT / "dist" / "aipm-desktop-speech" / "aipm-desktop-speech",
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if missing := missing_tools():
        print(f"needs {', '.join(missing)} (apt-get install espeak-ng sox)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        clip = synthesise({c.id: c for c in clip_texts()}["privacy"], Path(folder))
        print(f"clip {clip.audio.name}: {clip.seconds:.1f} s of audio; program {args.program}")
        wall: dict[str, list[float]] = {"process": [], "first": [], "later": []}
        cpu: dict[str, list[float]] = {"process": [], "first": [], "later": []}
        for _ in range(args.rounds):
            start, used = time.perf_counter(), children_cpu()
            command = [str(args.program), "transcribe", str(clip.audio)]
            subprocess.run(command, check=True, capture_output=True)
            wall["process"].append(time.perf_counter() - start)
            cpu["process"].append(children_cpu() - used)
            worker = WorkerTranscriber(args.program)
            used = 0.0
            for request in range(3):
                start = time.perf_counter()
                worker.transcribe(clip.audio)
                which = "first" if request == 0 else "later"
                wall[which].append(time.perf_counter() - start)
                assert worker.pid is not None
                now = process_cpu(worker.pid)
                cpu[which].append(now - used)
                used = now
            worker.close()
    names = {
        "process": "one `transcribe FILE` process",
        "first": "worker, first request",
        "later": "worker, 2nd and 3rd requests",
    }
    print(f"{'median (each run)':<34} {'wall':<36} CPU")
    for key, name in names.items():
        print(f"{name:<34} {shown(wall[key]):<36} {shown(cpu[key])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
