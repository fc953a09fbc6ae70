"""Migration 0004 keeps every existing row; snapshots keep a question's text per pack version."""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.storage import Store
from aipm_desktop.storage.migrations import MIGRATION_NAMES, MIGRATIONS

T0 = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def question(version: str = "1.0.0", prompt: str = "What is recall?") -> Question:
    return Question(
        id="q-recall",
        number=1,
        prompt=prompt,
        category="Metrics",
        level="Intermediate",
        model_answer="| a | b |\n| - | - |\n| 1 | 2 |",
        key_points=("Defines recall", "Gives an example 🎯"),
        time_limit_seconds=120,
        tags=("metrics",),
        pack_id="coach-pack",
        pack_version=version,
    )


def attempt(question_id: str, minutes: int) -> NewAttempt:
    started = T0 + timedelta(minutes=minutes)
    return NewAttempt(
        question_id=question_id,
        pack_id="coach-pack",
        pack_version="1.0.0",
        started_at=started,
        ended_at=started + timedelta(seconds=60),
        seconds_used=60.0,
        time_limit_seconds=120,
        overtime_seconds=0.0,
        answer=f"answer {minutes}",
        revealed_before_submit=False,
        key_points_total=2,
        time_up_mode=TimeUpMode.SOFT,
    )


def make_0001_file(path: Path) -> None:
    """A data file made by the first schema only, holding three attempts and a draft."""
    first_only = [name for name in MIGRATION_NAMES if name != "0001_initial"]
    with closing(Database(path, execute_plugins=False)) as db:
        MIGRATIONS.apply(db, stop_before=first_only[0])
        db.execute("PRAGMA user_version = 1")
        assert [m.name for m in MIGRATIONS.applied(db)] == ["0001_initial"]
        assert "question_snapshots" not in db.table_names()
        for number in range(3):
            db.table("attempts").insert(
                {
                    "question_id": f"q{number}",
                    "pack_id": "old-pack",
                    "pack_version": "0.9",
                    "started_at": (T0 + timedelta(minutes=number)).isoformat(),
                    "ended_at": (T0 + timedelta(minutes=number, seconds=30)).isoformat(),
                    "seconds_used": 30.0,
                    "time_limit_seconds": 300,
                    "answer": f"old answer {number}",
                    "key_points_total": 3,
                    "key_points_ticked": '["a"]',
                    "rating": 3,
                    "rated_at": T0.isoformat(),
                    "time_up_mode": "soft",
                }
            )
        db.table("drafts").insert(
            {
                "question_id": "q9",
                "pack_id": "old-pack",
                "text": "half",
                "elapsed_seconds": 12.0,
                "started_at": T0.isoformat(),
                "updated_at": T0.isoformat(),
            }
        )
        db.conn.commit()


def test_migration_from_the_first_schema_keeps_every_attempt_and_draft(tmp_path: Path) -> None:
    path = tmp_path / "aipm.sqlite3"
    make_0001_file(path)
    with closing(sqlite3.connect(path)) as conn:
        before = conn.execute("select * from attempts order by id").fetchall()

    with Store.open(path) as store:
        assert store.attempt_count() == 3
        assert [a.answer for a in store.attempts_for("q2")] == ["old answer 2"]
        assert store.attempted_question_ids() == {"q0", "q1", "q2"}
        assert store.draft_for("q9") is not None
        assert store.latest_question_snapshots() == {}

    with closing(sqlite3.connect(path)) as conn:
        after = conn.execute("select * from attempts order by id").fetchall()
        tables = {row[0] for row in conn.execute("select name from sqlite_master")}
    assert "question_snapshots" in tables
    # Every old column keeps its value; later steps only add columns (e.g. session_id).
    assert [row[: len(before[0])] for row in after] == before


def test_snapshots_keep_each_version_and_never_overwrite(tmp_path: Path) -> None:
    with Store.open(tmp_path / "aipm.sqlite3") as store:
        old = question("1.0.0")
        store.save_question_snapshots([old], T0)
        store.save_question_snapshots([dataclasses.replace(old, prompt="changed")], T0)
        new = question("2.0.0", prompt="What is recall, and why care?")
        store.save_question_snapshots([new], T0 + timedelta(days=1))

        kept = store.question_snapshot("q-recall", "1.0.0")
        assert kept is not None
        assert kept.prompt == "What is recall?"
        assert kept.key_points == old.key_points
        assert kept.model_answer == old.model_answer
        assert store.question_snapshot("q-recall", "9.9") is None
        latest = store.latest_question_snapshots()
        assert latest["q-recall"].prompt == "What is recall, and why care?"
        assert latest["q-recall"].pack_version == "2.0.0"


def test_attempted_question_ids(tmp_path: Path) -> None:
    with Store.open(tmp_path / "aipm.sqlite3") as store:
        assert store.attempted_question_ids() == set()
        store.record_attempt(attempt("a", 0))
        store.record_attempt(attempt("b", 1))
        store.record_attempt(attempt("a", 2))
        assert store.attempted_question_ids() == {"a", "b"}


def test_many_snapshots_at_once_add_only_the_missing_and_an_unchanged_set_writes_nothing(
    tmp_path: Path,
) -> None:
    many = [dataclasses.replace(question(), id=f"q-{n}", prompt=f"Prompt {n}") for n in range(40)]
    with Store.open(tmp_path / "aipm.sqlite3") as store:
        store.save_question_snapshots(many[:1], T0)  # looked up one by one
        changed = [dataclasses.replace(q, prompt="changed") for q in many]
        store.save_question_snapshots(changed, T0)  # all existing keys read at once
        writes = store.change_count

        store.save_question_snapshots(changed, T0)  # nothing new: no write at all

        assert store.change_count == writes
        latest = store.latest_question_snapshots()
        assert len(latest) == 40
        assert latest["q-0"].prompt == "Prompt 0"  # never overwritten
        assert latest["q-39"].prompt == "changed"
