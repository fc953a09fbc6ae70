"""The sessions table: the 0002 migration keeps every attempt; sessions store and resume."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.session import SessionStatus
from aipm_desktop.storage import SCHEMA_VERSION, Store
from aipm_desktop.storage.migrations import MIGRATIONS

from .test_store import ANSWER, T0, new_attempt, new_draft


def make_0001_file(path: Path) -> None:
    """A data file exactly as the 0001 schema wrote it, with two attempts and a draft."""
    with closing(Database(path, execute_plugins=False)) as db:
        MIGRATIONS.apply(db, stop_before="0002_sessions")
        db.execute("PRAGMA user_version = 1")
        for n, rating in ((1, 3), (2, None)):
            db.table("attempts").insert(
                {
                    "question_id": f"q{n}",
                    "pack_id": "core",
                    "pack_version": "1.0.0",
                    "started_at": (T0 + timedelta(minutes=n)).isoformat(),
                    "ended_at": (T0 + timedelta(minutes=n, seconds=90)).isoformat(),
                    "seconds_used": 90.0,
                    "time_limit_seconds": 120,
                    "overtime_seconds": 0.0,
                    "answer": ANSWER,
                    "revealed_before_submit": 0,
                    "key_points_ticked": '["a"]',
                    "key_points_total": 3,
                    "rating": rating,
                    "rated_at": T0.isoformat() if rating else None,
                    "time_up_mode": "soft",
                    "pause_count": 1,
                    "paused_seconds": 4.5,
                    "auto_submitted": 0,
                }
            )
        db.table("drafts").insert(
            {
                "question_id": "q3",
                "pack_id": "core",
                "text": "draft",
                "elapsed_seconds": 3.0,
                "started_at": T0.isoformat(),
                "updated_at": T0.isoformat(),
                "revealed_before_submit": 0,
                "pause_count": 0,
                "paused_seconds": 0.0,
            }
        )
        db.conn.commit()
        assert "sessions" not in db.table_names()


def test_a_0001_file_migrates_with_every_attempt_kept(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    make_0001_file(path)
    with closing(sqlite3.connect(path)) as conn:
        before = conn.execute("select * from attempts order by id").fetchall()

    with Store.open(path) as store:
        assert store.attempt_count() == 2
        (q1,) = store.attempts_for("q1")
        assert q1.answer == ANSWER
        assert q1.rating == Rating.GOOD
        assert q1.key_points_ticked == ("a",)
        assert q1.session_id is None
        assert [d.text for d in store.drafts()] == ["draft"]
        assert store.unfinished_session() is None

    with closing(sqlite3.connect(path)) as conn:
        after = conn.execute("select * from attempts order by id").fetchall()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # Same rows: a NULL session_id added (0002), then typed, with no transcript or audio (0008),
    # and the number of key points ticked worked out by SQLite (0010).
    ticked = [len(json.loads(row[11])) for row in before]
    assert [
        (*row, None, "type", None, None, n) for row, n in zip(before, ticked, strict=True)
    ] == after


def test_sessions_store_resume_and_finish(tmp_path: Path) -> None:
    path = tmp_path / "aipm.db"
    with Store.open(path) as store:
        session_id = store.create_session(T0, {"count": 3}, {"index": 0})
        store.save_draft(new_draft("q1"))
        attempt = store.record_attempt(new_attempt("q1", session_id=session_id))
        store.record_attempt(new_attempt("q2"))
        store.save_session(session_id, {"index": 1}, pause_count=2, paused_seconds=12.5)

    with Store.open(path) as store:
        assert [d.question_id for d in store.drafts()] == ["q1"], "practice draft kept"
        unfinished = store.unfinished_session()
        assert unfinished is not None
        assert unfinished.id == session_id
        assert unfinished.status == SessionStatus.RUNNING
        assert unfinished.started_at == T0
        assert unfinished.settings == {"count": 3}
        assert unfinished.state == {"index": 1}
        assert (unfinished.pause_count, unfinished.paused_seconds) == (2, 12.5)
        assert store.session_attempts(session_id) == [attempt]
        assert attempt.session_id == session_id

        ended = T0 + timedelta(minutes=20)
        store.save_session(
            session_id,
            {"index": 2},
            pause_count=2,
            paused_seconds=12.5,
            ended_at=ended,
            status=SessionStatus.FINISHED,
        )
        assert store.unfinished_session() is None
        (finished,) = store.finished_sessions()
        assert finished.ended_at == ended

        other = store.create_session(T0, {}, {})
        store.set_session_status(other, SessionStatus.ABANDONED)
        assert store.unfinished_session() is None
        assert len(store.finished_sessions()) == 1


def test_last_attempts_per_question() -> None:
    with Store.open_memory() as store:
        store.record_attempt(new_attempt("q1", minutes=0, answer="old"))
        store.record_attempt(new_attempt("q1", minutes=5, answer="new"))
        store.record_attempt(new_attempt("q2", minutes=1))
        latest = store.last_attempts()
        assert set(latest) == {"q1", "q2"}
        assert latest["q1"].answer == "new"
        assert latest["q2"].question_id == "q2"
