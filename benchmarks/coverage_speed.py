"""Key-point coverage speed: model load time, and the time to score one 250-word answer.

* load: ``load_matcher()`` in a fresh process (imports of onnxruntime and numpy, the
  sha256 check of the 23 MB model file, the vocabulary, the ONNX session), median and
  worst of ``--loads`` processes;
* score: ``CoverageChecker.check`` on a 250-word answer with the model loaded, as the
  app runs it after each submit; p50 and p95 over ``--runs`` answers, in wall-clock time
  and in CPU time (all threads; a shared machine stretches the first, not the second).
  The first answer to a question also embeds its key points and prompt (cached after
  that): its own row.

Usage::

    python benchmarks/coverage_speed.py [--runs N] [--loads N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aipm_desktop.services.coverage import CoverageChecker  # noqa: E402
from tests.questions import bundled_questions  # noqa: E402

ANSWER_WORDS = 250
LOAD_SNIPPET = (
    "import time; start, cpu = time.perf_counter(), time.process_time()\n"
    "from aipm_desktop.core.coverage import load_matcher\n"
    "loaded = load_matcher()\n"
    "assert loaded.fallback_reason is None, loaded.fallback_reason\n"
    "print(time.perf_counter() - start, time.process_time() - cpu)\n"
)


def answers(count: int) -> list[str]:
    """``count`` different 250-word answers, cut from the hand-written answers."""
    source = json.loads((ROOT / "tests" / "data" / "hint_answers.json").read_text("utf-8"))
    words = [
        word
        for key, texts in source.items()
        if not key.startswith("_")
        for text in texts.values()
        if isinstance(text, str)
        for word in text.split()
    ]
    return [
        " ".join(words[(start * 37) % len(words) :][:ANSWER_WORDS]) or " ".join(words[:250])
        for start in range(count)
    ]


def load_seconds(loads: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds to load the matcher in each of ``loads`` fresh processes."""
    times = []
    for _ in range(loads):
        result = subprocess.run(
            [sys.executable, "-c", LOAD_SNIPPET],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            timeout=120,
        )
        wall, cpu = result.stdout.split()
        times.append((float(wall), float(cpu)))
    return times


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60, help="answers to score (default 60)")
    parser.add_argument("--loads", type=int, default=5, help="fresh-process loads (default 5)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)

    loads = load_seconds(args.loads)
    checker = CoverageChecker()
    loaded = checker.loaded()
    if loaded.fallback_reason:
        print(f"The semantic matcher is not available: {loaded.fallback_reason}", file=sys.stderr)
        return 1
    questions = bundled_questions()
    texts = answers(args.runs + len(questions))
    first: list[float] = []
    for question, text in zip(questions, texts, strict=False):
        start = time.perf_counter()
        checker.check(question, text)
        first.append(time.perf_counter() - start)
    steady: list[float] = []
    cpu: list[float] = []
    for index, text in enumerate(texts[len(questions) :]):
        question = questions[index % len(questions)]
        start, start_cpu = time.perf_counter(), time.process_time()
        checker.check(question, text)
        steady.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    results = {
        "load_median_s": statistics.median(wall for wall, _cpu in loads),
        "load_max_s": max(wall for wall, _cpu in loads),
        "load_cpu_median_s": statistics.median(cpu for _wall, cpu in loads),
        "score_p50_ms": 1000 * statistics.median(steady),
        "score_p95_ms": 1000 * percentile(steady, 0.95),
        "score_cpu_p50_ms": 1000 * statistics.median(cpu),
        "score_cpu_p95_ms": 1000 * percentile(cpu, 0.95),
        "load_average_1min": os.getloadavg()[0],
        "first_answer_to_a_question_p50_ms": 1000 * statistics.median(first),
        "answer_words": ANSWER_WORDS,
        "runs": len(steady),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"model load (fresh process): median {results['load_median_s']:.2f} s, "
          f"worst {results['load_max_s']:.2f} s over {len(loads)} loads; CPU time median "
          f"{results['load_cpu_median_s']:.2f} s")  # fmt: skip
    print(f"score one {ANSWER_WORDS}-word answer: p50 {results['score_p50_ms']:.0f} ms, "
          f"p95 {results['score_p95_ms']:.0f} ms over {len(steady)} answers")  # fmt: skip
    print(f"  CPU time (all threads) for the same: p50 {results['score_cpu_p50_ms']:.0f} ms, "
          f"p95 {results['score_cpu_p95_ms']:.0f} ms; machine load average "
          f"{results['load_average_1min']:.1f} on {os.cpu_count()} cores")  # fmt: skip
    print(f"first answer to a question (also embeds its key points): p50 "
          f"{results['first_answer_to_a_question_p50_ms']:.0f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
