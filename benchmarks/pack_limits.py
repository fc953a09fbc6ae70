"""How fast packs are refused or loaded, and how much memory that takes.

Times (median of N runs, ``time.perf_counter``) and peak Python memory
(``tracemalloc``) for:

* ``too_many``:  a pack with 10,001 (tiny) questions: refused before the schema check;
* ``too_deep``:  a pack whose key points nest 500 arrays deep (the JSON reader copes): refused;
* ``deep_json``: a 400 KB file of ``[[[[...]]]]``: refused by the JSON reader;
* ``too_big``:   a 21 MB file: refused from its size, without being read;
* ``valid_10k``: a valid pack with 10,000 questions (about 3.5 MB): fully validated and loaded;
* ``bundled``:   the bundled 10-question pack.

Usage::

    python benchmarks/pack_limits.py [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aipm_desktop.core.packs import MAX_QUESTIONS, PackError, load_pack

BUNDLED = Path(__file__).resolve().parent.parent / "questions" / "technical_depth.json"


def question(number: int) -> dict[str, Any]:
    return {
        "id": f"q-{number}",
        "number": number,
        "prompt": f"Question {number}: how would you measure an AI feature's success?",
        "category": "Metrics",
        "level": "Senior",
        "model_answer": "Define the **goal**, then the metric.\n\n| a | b |\n| - | - |\n| 1 | 2 |",
        "key_points": ["Defines the goal", "Picks a metric", "Names a guardrail"],
    }


def pack(questions: list[Any]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": "bench",
        "title": "Bench",
        "description": "",
        "version": "1",
        "questions": questions,
    }


def make_files(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}

    def write(name: str, text: str) -> None:
        files[name] = folder / f"{name}.json"
        files[name].write_text(text, encoding="utf-8")

    write("too_many", json.dumps(pack([{}] * (MAX_QUESTIONS + 1))))
    nested: Any = "x"
    for _ in range(500):
        nested = [nested]
    deep = question(1)
    deep["key_points"] = [nested]
    write("too_deep", json.dumps(pack([deep])))
    write("deep_json", "[" * 200_000 + "]" * 200_000)
    write("too_big", " " * (21 * 1024 * 1024))
    write("valid_10k", json.dumps(pack([question(n) for n in range(1, MAX_QUESTIONS + 1)])))
    files["bundled"] = BUNDLED
    return files


def measure(load: Callable[[], object], runs: int) -> tuple[float, float, str]:
    times = []
    outcome = ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            load()
            outcome = "loaded"
        except PackError as error:
            outcome = "refused: " + error.problems[0].message[:60]
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    with contextlib.suppress(PackError):
        load()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / (1024 * 1024), outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = make_files(Path(folder))
        print(f"{'case':<10} {'size MB':>8} {'median s':>9} {'peak MB':>8}  outcome")
        for name, path in files.items():
            seconds, peak, outcome = measure(lambda p=path: load_pack(p), args.runs)
            size = path.stat().st_size / (1024 * 1024)
            print(f"{name:<10} {size:>8.2f} {seconds:>9.4f} {peak:>8.1f}  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
