"""Generate large, deterministic benchmark data into a data folder.

Writes, from a fixed seed:

* ``DATA_DIR/packs/imported/benchmark-large.json``: one valid pack of N questions
  (where the app's pack library keeps imported packs)
  of (default 10,000) questions whose model answers are realistic Markdown: paragraphs, bold
  lead-ins, bullet lists, and a table in about a third of them;
* ``DATA_DIR/aipm.sqlite3``: the app's data file (created through ``Store.open``, so
  it has whatever schema this branch migrates to) holding M attempts (default
  100,000) spread over two years, skewed so some questions are practised often,
  with ratings, key points and peeks, plus a few drafts. Attempts are grouped into
  finished mock sessions (one per sitting); then, through the app's own code, the
  spaced-repetition state is rebuilt from the ratings and the attempted
  questions' texts are kept, as a returning user's file would have them.

Usage::

    python benchmarks/generate.py DATA_DIR [--questions N] [--attempts M] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aipm_desktop.core.packs import MAX_PACK_BYTES, load_pack
from aipm_desktop.core.session import SessionStatus
from aipm_desktop.core.session_settings import SelectionKind, SessionSettings
from aipm_desktop.services.pack_history import snapshot_attempted_questions
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store

if TYPE_CHECKING:
    from sqlite_utils import Database

PACK_ID = "benchmark-large"
PACK_VERSION = "1.0.0"
DEFAULT_QUESTIONS = 10_000
DEFAULT_ATTEMPTS = 100_000
DEFAULT_SEED = 20_261_127
HISTORY_DAYS = 730
DRAFT_COUNT = 40
BATCH_SIZE = 5_000

CATEGORIES = (
    "Technical Depth",
    "Product Sense",
    "Metrics & Experimentation",
    "Strategy",
    "Execution",
    "Responsible AI",
    "Behavioural",
    "Data & Infrastructure",
)
RISKS = ("low", "medium", "high")
LEVELS = ("Foundational", "Intermediate", "Advanced", "Staff")
TOPICS = (
    "retrieval-augmented generation",
    "model evaluation",
    "hallucination rate",
    "latency budgets",
    "fine-tuning",
    "prompt injection",
    "recommendation quality",
    "cold start",
    "data labelling",
    "A/B testing",
    "guardrails",
    "cost per query",
    "churn prediction",
    "fraud detection",
    "search ranking",
    "personalisation",
    "model drift",
    "human review",
    "on-device inference",
    "vector databases",
)
PRODUCTS = (
    "a support chatbot",
    "a code assistant",
    "a photo app",
    "a banking app",
    "a marketplace",
    "a news feed",
    "a ride-hailing app",
    "a hospital triage tool",
    "an email client",
    "a learning platform",
)
VERBS = (
    "How would you decide",
    "Walk me through how you would measure",
    "What would you do if",
    "How would you explain",
    "Design a launch plan for",
    "How would you prioritise",
    "What trade-offs matter for",
    "How would you debug",
)
WORDS = (
    "users trust the answers when the model cites its sources and admits uncertainty",
    "the offline metric moved but the online metric did not, so we checked the logging first",
    "precision matters more than recall here because a false alarm costs an expert's hour",
    "we set a latency budget of 800 ms at p95 and measured it per region",
    "the labelling guideline changed mid-quarter, which explains the jump in agreement",
    "a holdout group keeps the long-term effect honest after the novelty wears off",
    "the cheapest fix was a better prompt, not a bigger model",
    "we shipped behind a flag to five percent of traffic and watched the guardrail metrics",
    "the data team owns the pipeline, the PM owns the definition of success",
    "retraining monthly was enough once we monitored the input distribution weekly",
    "escalation to a human is a feature, not a failure, when the stakes are high",
    "cost per thousand requests fell by forty percent after caching the embeddings",
)
KEY_POINTS = (
    "States the user problem before the solution",
    "Names a primary metric and a guardrail metric",
    "Considers the cost of false positives and false negatives",
    "Plans a staged rollout with a holdout",
    "Mentions data quality and labelling",
    "Addresses fairness and bias",
    "Sets a latency and cost budget",
    "Explains trade-offs in business terms",
    "Describes how to monitor after launch",
    "Involves the right stakeholders",
    "Plans for failure modes and a fallback",
    "Quantifies the expected impact",
)
TAGS = (
    "metrics",
    "llm",
    "ranking",
    "evaluation",
    "safety",
    "stakeholders",
    "experimentation",
    "cost",
    "ml-fundamentals",
    "launch",
)


# ---------------------------------------------------------------- the pack


def question_text(rng: random.Random, number: int) -> dict[str, Any]:
    """One realistic question (a JSON object of the pack format)."""
    topic = rng.choice(TOPICS)
    product = rng.choice(PRODUCTS)
    prompt = f"{rng.choice(VERBS)} {topic} for {product}? (#{number})"
    item: dict[str, Any] = {
        "id": f"bench-{number:05d}",
        "number": number,
        "prompt": prompt,
        "category": rng.choice(CATEGORIES),
        "level": rng.choice(LEVELS),
        "model_answer": model_answer(rng, topic, product),
        "key_points": rng.sample(KEY_POINTS, rng.randint(3, 7)),
        "tags": rng.sample(TAGS, rng.randint(1, 4)),
    }
    if rng.random() < 0.7:
        item["time_limit_seconds"] = rng.choice((120, 180, 240, 300, 420))
    return item


def model_answer(rng: random.Random, topic: str, product: str) -> str:
    """Markdown of 0.8-2 KB: an opening, bold lead-ins, a list, sometimes a table."""
    parts = [
        f"I would start from the user of {product} and what {topic} changes for them. "
        + " ".join(rng.sample(WORDS, 2)).capitalize()
        + ".",
        "**Key points to communicate:**",
        "\n".join(
            f"- **{point}:** {rng.choice(WORDS)}."
            for point in rng.sample(KEY_POINTS, rng.randint(3, 5))
        ),
    ]
    if rng.random() < 0.35:
        rows = "\n".join(
            f"| {rng.choice(TOPICS)} | {rng.randint(1, 99)}% | {rng.choice(RISKS)} |"
            for _ in range(rng.randint(3, 5))
        )
        parts.append(f"| Option | Expected lift | Risk |\n|---|---:|---|\n{rows}")
    parts.append(f"**What not to do:** {rng.choice(WORDS).capitalize()}.")
    return "\n\n".join(parts)


def build_pack(questions: int, seed: int) -> dict[str, Any]:
    """The whole pack as JSON data."""
    rng = random.Random(seed)
    return {
        "schema_version": 1,
        "id": PACK_ID,
        "title": f"Benchmark pack ({questions:,} questions)",
        "description": "Generated by benchmarks/generate.py for performance measurements.",
        "version": PACK_VERSION,
        "questions": [question_text(rng, number) for number in range(1, questions + 1)],
    }


def pack_path(data_dir: Path) -> Path:
    """Where the generated pack goes inside a data folder."""
    return PackLibrary(data_dir).imported_dir / f"{PACK_ID}.json"


def write_pack(data_dir: Path, questions: int, seed: int) -> tuple[Path, list[dict[str, Any]]]:
    """Write the pack file, check it loads, and return its path and questions.

    (Written directly rather than through ``PackLibrary.import_pack``, which would
    pretty-print it again: the same file, only slower to make.)"""
    pack = build_pack(questions, seed)
    path = pack_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(pack, ensure_ascii=False, indent=1)
    size = len(text.encode("utf-8"))
    if size > MAX_PACK_BYTES:
        raise SystemExit(f"the generated pack is {size:,} bytes, over the app's limit")
    path.write_text(text, encoding="utf-8")
    load_pack(path)  # raises PackError if the generator ever writes an invalid pack
    items: list[dict[str, Any]] = pack["questions"]
    return path, items


# ---------------------------------------------------------------- the history


@dataclass(frozen=True)
class HistoryShape:
    """What the attempt history looks like."""

    attempts: int
    seed: int
    end: datetime
    days: int = HISTORY_DAYS


def attempt_rows(
    questions: Sequence[dict[str, Any]], shape: HistoryShape
) -> Iterator[dict[str, Any]]:
    """``shape.attempts`` attempt rows, oldest first, in practice sittings of 3-12 answers."""
    rng = random.Random(shape.seed + 1)
    # Some favourites (the first: ~500 attempts at 10,000 questions), most asked a few times.
    weights = [1.0 / (rank + 1) ** 0.5 for rank in range(len(questions))]
    start = shape.end - timedelta(days=shape.days)
    step = shape.days * 86_400 / max(shape.attempts, 1)
    moment = start
    made = 0
    sitting = 0
    while made < shape.attempts:
        sitting += 1
        picks = rng.choices(
            questions, weights=weights, k=min(rng.randint(3, 12), shape.attempts - made)
        )
        for question in picks:
            used = rng.uniform(40, 420)
            limit = int(question.get("time_limit_seconds", 180))
            ticked = rng.sample(question["key_points"], rng.randint(0, len(question["key_points"])))
            rated = rng.random() < 0.9
            yield {
                "question_id": question["id"],
                "pack_id": PACK_ID,
                "pack_version": PACK_VERSION,
                "started_at": _text(moment),
                "ended_at": _text(moment + timedelta(seconds=used)),
                "seconds_used": used,
                "time_limit_seconds": limit,
                "overtime_seconds": max(0.0, used - limit),
                "answer": " ".join(rng.sample(WORDS, rng.randint(2, 6))),
                "revealed_before_submit": int(rng.random() < 0.08),
                "key_points_ticked": json.dumps(ticked),
                "key_points_total": len(question["key_points"]),
                "rating": rng.randint(1, 4) if rated else None,
                "rated_at": _text(moment + timedelta(seconds=used + 30)) if rated else None,
                "time_up_mode": rng.choice(("soft", "hard")),
                "pause_count": rng.choice((0, 0, 0, 1, 2)),
                "paused_seconds": 0.0,
                "auto_submitted": int(used > limit and rng.random() < 0.3),
                "_sitting": sitting,
            }
            moment += timedelta(seconds=step * rng.uniform(0.5, 1.5))
            made += 1


def draft_rows(questions: Sequence[dict[str, Any]], shape: HistoryShape) -> list[dict[str, Any]]:
    """A few unfinished answers, saved in the last days."""
    rng = random.Random(shape.seed + 2)
    rows = []
    for question in rng.sample(list(questions), min(DRAFT_COUNT, len(questions))):
        updated = shape.end - timedelta(hours=rng.uniform(1, 240))
        rows.append(
            {
                "question_id": question["id"],
                "pack_id": PACK_ID,
                "text": " ".join(rng.sample(WORDS, 3)),
                "elapsed_seconds": rng.uniform(10, 200),
                "started_at": _text(updated - timedelta(minutes=5)),
                "updated_at": _text(updated),
                "revealed_before_submit": 0,
                "pause_count": 1,
                "paused_seconds": 0.0,
            }
        )
    return rows


def write_history(data_dir: Path, questions: Sequence[dict[str, Any]], shape: HistoryShape) -> str:
    """Create the data file through the app's Store, then bulk-insert the history."""
    from sqlite_utils import Database  # here, so that importing this module stays light

    path = database_path(data_dir)
    Store.open(path).close()  # the schema of this branch, migrated
    db = Database(sqlite3.connect(path), execute_plugins=False)
    try:
        db.execute("PRAGMA synchronous = OFF")  # bulk load; the app sets FULL when it opens
        attempts = db.table("attempts")
        session_ids: dict[int, int] = {}
        batch: list[dict[str, Any]] = []
        with db.conn:
            for row in attempt_rows(questions, shape):
                sitting = row.pop("_sitting")
                if sitting not in session_ids:
                    session_ids[sitting] = _insert_session(db, row)
                row["session_id"] = session_ids[sitting]
                batch.append(row)
                if len(batch) >= BATCH_SIZE:
                    attempts.insert_all(batch, batch_size=BATCH_SIZE)
                    batch.clear()
            if batch:
                attempts.insert_all(batch, batch_size=BATCH_SIZE)
            db.table("drafts").insert_all(draft_rows(questions, shape), replace=True)
        db.execute("ANALYZE")
    finally:
        db.close()
    with Store.open(path) as store:  # what the app derives from the attempts
        store.rebuild_review_state()
        library = PackLibrary(data_dir)
        snapshot_attempted_questions(store, library.load().questions(), shape.end)
    return f"{len(session_ids):,} finished sessions"


def _insert_session(db: Database, first: dict[str, Any]) -> int:
    """One finished sessions row for the sitting that begins with attempt ``first``."""
    settings = SessionSettings(selection=SelectionKind.RANDOM, count=5).to_dict()
    row = {
        "started_at": first["started_at"],
        "ended_at": first["ended_at"],
        "status": SessionStatus.FINISHED.value,
        "settings": json.dumps(settings),
        "pause_count": 0,
        "paused_seconds": 0.0,
        "state": json.dumps({"items": []}),  # the totals of a stored session read these
    }
    row_id = db.table("sessions").insert(row).last_rowid
    assert isinstance(row_id, int)
    return row_id


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


# ---------------------------------------------------------------- command line


def generate(
    data_dir: Path,
    *,
    questions: int = DEFAULT_QUESTIONS,
    attempts: int = DEFAULT_ATTEMPTS,
    seed: int = DEFAULT_SEED,
) -> str:
    """Fill ``data_dir`` (which should be new or empty) and describe what was written."""
    begun = time.perf_counter()
    data_dir.mkdir(parents=True, exist_ok=True)
    if database_path(data_dir).exists():
        raise SystemExit(f"{database_path(data_dir)} exists; pick a new data folder")
    path, items = write_pack(data_dir, questions, seed)
    end = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)  # fixed, so runs are comparable
    note = write_history(data_dir, items, HistoryShape(attempts=attempts, seed=seed, end=end))
    elapsed = time.perf_counter() - begun
    size_mb = path.stat().st_size / 1e6
    db_mb = database_path(data_dir).stat().st_size / 1e6
    return (
        f"{questions:,} questions ({size_mb:.1f} MB pack), {attempts:,} attempts over "
        f"{HISTORY_DAYS} days ({db_mb:.1f} MB data file), {DRAFT_COUNT} drafts; {note}; "
        f"{elapsed:.1f} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and generate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data_dir", type=Path, help="the data folder to fill (new or empty)")
    parser.add_argument("--questions", type=int, default=DEFAULT_QUESTIONS, metavar="N")
    parser.add_argument("--attempts", type=int, default=DEFAULT_ATTEMPTS, metavar="M")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if not 1 <= args.questions <= 10_000:
        parser.error("--questions must be between 1 and 10000 (the pack format's limit)")
    if args.attempts < 0:
        parser.error("--attempts must not be negative")
    print(generate(args.data_dir, questions=args.questions, attempts=args.attempts, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
