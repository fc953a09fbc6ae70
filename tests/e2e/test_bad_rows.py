"""Issue 14, finding 11: a sound data file with one bad value degrades, it never crashes.

The review state is rebuilt from the attempts; an attempt with a bad value is
shown and exported with that field marked unreadable, never dropped.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aipm_desktop.core.rating import Rating
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store
from aipm_desktop.storage.values import read_moment
from tests.unit.storage.test_store import new_attempt

from .test_cli import describe, run

pytestmark = pytest.mark.e2e

FIRST_QUESTION = "td-01-explain-ml-to-executives"
"""The bundled pack's first question: the one the app shows, with its history, at start."""

BAD_VALUES = {
    "rating": "update attempts set rating = 7 where id = 1",
    "started_at": "update attempts set started_at = '2026-01-01T10:00:00' where id = 1",
    "key_points_ticked": "update attempts set key_points_ticked = 'not json' where id = 1",
}


def rated_data(data: Path) -> Path:
    """Two rated attempts at the first question; the first is the one made bad."""
    db_file = database_path(data)
    with Store.open(db_file) as store:
        for minutes, rating in ((0, Rating.GOOD), (5, Rating.HARD)):
            attempt = store.record_attempt(
                new_attempt(FIRST_QUESTION, minutes, pack_id="technical-depth-intermediate")
            )
            store.set_rating(attempt.id, rating, datetime.now(UTC))
    return db_file


def spoil(db_file: Path, sql: str) -> None:
    with closing(sqlite3.connect(db_file)) as conn:
        conn.execute(sql)
        conn.commit()


def test_an_unreadable_review_state_is_rebuilt_from_the_attempts(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "data"
    db_file = rated_data(data)
    spoil(db_file, "update review_state set due = 'garbage'")

    started = run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path)

    assert started.returncode == 0, describe(started)
    assert "Traceback" not in started.stderr
    with closing(sqlite3.connect(db_file)) as conn:
        (due,) = conn.execute("select due from review_state").fetchone()
    assert read_moment(due) is not None
    again = run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path)
    assert again.returncode == 0, describe(again)


@pytest.mark.parametrize("field", sorted(BAD_VALUES))
def test_an_attempt_with_a_bad_value_is_shown_and_exported_marked_unreadable(
    tmp_path: Path, env: dict[str, str], field: str
) -> None:
    data = tmp_path / "data"
    db_file = rated_data(data)
    spoil(db_file, BAD_VALUES[field])

    started = run(["--data-dir", str(data), "--exit-when-ready"], env, cwd=tmp_path)
    as_json = run(
        ["--data-dir", str(data), "export-attempts", "--format", "json"], env, cwd=tmp_path
    )
    as_csv = run(["--data-dir", str(data), "export-attempts", "--format", "csv"], env, cwd=tmp_path)

    assert started.returncode == 0, describe(started)
    assert "Traceback" not in started.stderr
    assert as_json.returncode == 0, describe(as_json)
    attempts = json.loads(as_json.stdout)["attempts"]
    assert [a["attempt_id"] for a in sorted(attempts, key=lambda a: a["attempt_id"])] == [1, 2]
    (bad,) = [a for a in attempts if a["attempt_id"] == 1]
    (good,) = [a for a in attempts if a["attempt_id"] == 2]
    assert bad["unreadable"] == [field]
    assert "unreadable" not in good
    assert as_csv.returncode == 0, describe(as_csv)
    lines = as_csv.stdout.splitlines()
    assert len(lines) == 3
    assert "unreadable" in next(line for line in lines[1:] if line.startswith("1,"))
    with Store.open(db_file) as store:
        (shown,) = [a for a in store.attempts_for(FIRST_QUESTION) if a.id == 1]
        summaries = store.attempt_summaries()
        stats = store.question_stats()
    assert shown.unreadable == (field,)
    assert [s.id for s in summaries if s.unreadable] == [1]
    assert stats[FIRST_QUESTION].attempt_count == 2
