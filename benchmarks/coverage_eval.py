"""Key-point coverage: precision, recall and F1 of the lexical and the semantic matcher.

Runs both matchers over the labelled evaluation set (tests/data/coverage_eval.json:
answers of four kinds, each with a covered/not-covered label per key point, written
independently of the matchers) and prints, overall and per kind, precision, recall, F1
and the share of points marked covered, plus the share of the shallow answers' points
marked covered (the trap for word matchers).

``--calibrate`` also prints the threshold (on the semantic margin) with the best F1 on
the whole set, with and without the limit of 15 % on shallow answers' covered share,
F1 and that share at a range of thresholds, and, to show how well a calibrated
threshold carries over to unseen questions, the scores when each question is scored
with the threshold calibrated on the other nine (leave one question out).

Usage::

    python benchmarks/coverage_eval.py [--calibrate] [--json] [--set FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aipm_desktop.core.coverage import LexicalMatcher, load_matcher  # noqa: E402
from aipm_desktop.core.coverage.semantic import THRESHOLD, SemanticMatcher  # noqa: E402
from tests.questions import bundled_questions  # noqa: E402

EVAL_SET = ROOT / "tests" / "data" / "coverage_eval.json"
KINDS = ("paraphrase", "partial", "shallow", "wrong")
SHALLOW_LIMIT = 0.15


@dataclass(frozen=True)
class Pair:
    """One (answer, key point) pair with its label and what each matcher said."""

    question: str
    kind: str
    covered: bool
    lexical: bool
    margin: float
    """The semantic matcher's margin; covered when at least the threshold."""


@dataclass(frozen=True)
class Scores:
    """Precision, recall, F1 and the share of pairs predicted covered."""

    pairs: int
    precision: float | None
    recall: float | None
    f1: float | None
    marked_covered: float


def score(labels: Sequence[bool], predicted: Sequence[bool]) -> Scores:
    """The scores of ``predicted`` against ``labels`` (None where undefined)."""
    tp = sum(label and guess for label, guess in zip(labels, predicted, strict=True))
    fp = sum(guess and not label for label, guess in zip(labels, predicted, strict=True))
    fn = sum(label and not guess for label, guess in zip(labels, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    share = sum(predicted) / len(predicted) if predicted else 0.0
    return Scores(len(labels), precision, recall, f1, share)


def collect(path: Path, semantic: SemanticMatcher) -> list[Pair]:
    """Run both matchers over every item of the set."""
    questions = {question.id: question for question in bundled_questions()}
    lexical = LexicalMatcher()
    pairs: list[Pair] = []
    for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
        question = questions[item["question"]]
        labels = {label["key_point"]: bool(label["covered"]) for label in item["labels"]}
        points = list(question.key_points)
        missing = set(labels) - set(points)
        if missing:
            raise SystemExit(f"{item['question']}: labels for unknown key points {missing}")
        lexical_matches = lexical.match(item["answer"], points, question.prompt)
        margins = semantic.margins(item["answer"], points, question.prompt)
        for point, lexical_match, margin in zip(points, lexical_matches, margins, strict=True):
            if point in labels:
                pairs.append(
                    Pair(
                        question.id,
                        item["kind"],
                        labels[point],
                        lexical_match.covered,
                        margin,
                    )
                )
    return pairs


def table(pairs: list[Pair], threshold: float) -> dict[str, dict[str, Scores]]:
    """kind (and "overall") -> matcher -> scores."""
    groups = {
        "overall": pairs,
        "all but wrong": [p for p in pairs if p.kind != "wrong"],
    } | {kind: [p for p in pairs if p.kind == kind] for kind in KINDS}
    return {
        name: {
            "lexical": score([p.covered for p in group], [p.lexical for p in group]),
            "semantic": score([p.covered for p in group], [p.margin >= threshold for p in group]),
        }
        for name, group in groups.items()
    }


def calibrated_threshold(pairs: Sequence[Pair], shallow_limit: float | None = None) -> float:
    """The margin threshold with the best F1 (optionally: with the shallow answers' covered
    share at most ``shallow_limit``)."""
    candidates = sorted({round(p.margin, 3) for p in pairs if p.margin > -1})
    best: tuple[float, float] | None = None
    labels = [p.covered for p in pairs]
    shallow = [p for p in pairs if p.kind == "shallow"]
    for threshold in candidates:
        marked = sum(p.margin >= threshold for p in shallow) / len(shallow) if shallow else 0.0
        if shallow_limit is not None and marked > shallow_limit:
            continue
        f1 = score(labels, [p.margin >= threshold for p in pairs]).f1 or 0.0
        if best is None or f1 > best[0]:
            best = (f1, threshold)
    return best[1] if best else THRESHOLD


def curve(pairs: Sequence[Pair], thresholds: Sequence[float]) -> list[dict[str, float | None]]:
    """Overall and paraphrase F1 and the shallow covered share at each threshold."""
    rows = []
    for threshold in thresholds:
        results = table(list(pairs), threshold)
        rows.append(
            {
                "threshold": threshold,
                "overall_f1": results["overall"]["semantic"].f1,
                "paraphrase_f1": results["paraphrase"]["semantic"].f1,
                "shallow_covered": results["shallow"]["semantic"].marked_covered,
            }
        )
    return rows


def leave_one_question_out(pairs: list[Pair]) -> list[Pair]:
    """Each question's pairs with margins shifted by its own held-out threshold (so 0 is it)."""
    shifted = []
    for question in sorted({p.question for p in pairs}):
        threshold = calibrated_threshold([p for p in pairs if p.question != question])
        shifted += [
            Pair(p.question, p.kind, p.covered, p.lexical, p.margin - threshold)
            for p in pairs
            if p.question == question
        ]
    return shifted


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def print_table(title: str, results: dict[str, dict[str, Scores]]) -> None:
    """A Markdown table, lexical beside semantic."""
    print(f"\n{title}\n")
    print("| answers | pairs | lexical P / R / F1 | semantic P / R / F1 | covered lex / sem |")
    print("| --- | ---: | --- | --- | --- |")
    for name, by_matcher in results.items():
        lex, sem = by_matcher["lexical"], by_matcher["semantic"]
        print(
            f"| {name} | {lex.pairs} | {_cell(lex.precision)} / {_cell(lex.recall)} / "
            f"{_cell(lex.f1)} | {_cell(sem.precision)} / {_cell(sem.recall)} / {_cell(sem.f1)} "
            f"| {lex.marked_covered:.0%} / {sem.marked_covered:.0%} |"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=EVAL_SET, help="the labelled set (JSON)")
    parser.add_argument("--calibrate", action="store_true", help="also calibrate the threshold")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    loaded = load_matcher()
    if not isinstance(loaded.matcher, SemanticMatcher):
        print(f"The semantic matcher is not available: {loaded.fallback_reason}", file=sys.stderr)
        return 1
    pairs = collect(args.set, loaded.matcher)
    shipped = table(pairs, THRESHOLD)
    results: dict[str, object] = {"threshold": THRESHOLD, "shipped": shipped}
    if args.calibrate:
        results["best_f1_threshold"] = calibrated_threshold(pairs)
        results["best_f1_threshold_shallow_limited"] = calibrated_threshold(pairs, SHALLOW_LIMIT)
        results["curve"] = curve(pairs, [round(-0.06 + 0.02 * step, 2) for step in range(10)])
        results["leave_one_question_out"] = table(leave_one_question_out(pairs), 0.0)
    if args.json:
        print(json.dumps(results, default=lambda scores: scores.__dict__, indent=2))
        return 0
    answers = len({(p.question, p.kind) for p in pairs})
    print(f"{len(pairs)} labelled pairs ({answers} question-and-kind groups) from {args.set.name}")
    print_table(f"Shipped threshold (margin >= {THRESHOLD})", shipped)
    if args.calibrate:
        print(
            f"\nBest F1 on the whole set at threshold {results['best_f1_threshold']}; "
            f"with shallow answers' covered share <= {SHALLOW_LIMIT:.0%}: "
            f"{results['best_f1_threshold_shallow_limited']}\n"
        )
        print("| threshold | overall F1 | paraphrase F1 | shallow marked covered |")
        print("| ---: | --- | --- | --- |")
        for row in results["curve"]:  # type: ignore[attr-defined]
            print(
                f"| {row['threshold']:+.2f} | {_cell(row['overall_f1'])} | "
                f"{_cell(row['paraphrase_f1'])} | {row['shallow_covered']:.0%} |"
            )
        print_table(
            "Leave one question out (each question scored with the best-F1 threshold of "
            "the other nine)",
            results["leave_one_question_out"],  # type: ignore[arg-type]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
