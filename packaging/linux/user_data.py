"""Make, and later check, a user's data folder for the installer's upgrade test.

    python packaging/linux/user_data.py create DATA_DIR   # an attempt, as this version stores it
    python packaging/linux/user_data.py check DATA_DIR    # after the new version has run on it

``create`` stores one attempt with the checkout's own Store (the same code the frozen
app of this version runs) and notes it in ``upgrade-test.json``. ``check`` first reads
the file with plain sqlite3, to see that the *installed app* (not this script) brought
it up to this checkout's schema, then opens it with the Store and finds the attempt.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from aipm_desktop.core.records import NewAttempt
from aipm_desktop.core.timer import TimeUpMode
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store
from aipm_desktop.storage.migrations import (
    MIGRATION_NAMES,
    MIGRATIONS,
    SCHEMA_VERSION,
)

NOTE = "upgrade-test.json"
ANSWER = "An answer written before the upgrade; it must survive it."


def create(data_dir: Path) -> None:
    """Store one attempt in ``data_dir`` and note its id."""
    question = PackLibrary(data_dir).load().questions()[0]
    now = datetime.now(UTC)
    store = Store.open(database_path(data_dir))
    try:
        attempt = store.record_attempt(
            NewAttempt(
                question_id=question.id,
                pack_id=question.pack_id,
                pack_version=question.pack_version,
                started_at=now,
                ended_at=now,
                seconds_used=42.0,
                time_limit_seconds=question.effective_time_limit(),
                overtime_seconds=0.0,
                answer=ANSWER,
                revealed_before_submit=False,
                key_points_total=len(question.key_points),
                time_up_mode=TimeUpMode.SOFT,
            )
        )
    finally:
        store.close()
    (data_dir / NOTE).write_text(json.dumps({"attempt_id": attempt.id}), encoding="utf-8")
    print(f"stored attempt {attempt.id} in {data_dir}")


def check(data_dir: Path) -> int:
    """0 if the installed app migrated the data and the attempt is still there."""
    attempt_id = json.loads((data_dir / NOTE).read_text(encoding="utf-8"))["attempt_id"]
    database = database_path(data_dir)
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        user_version = connection.execute("PRAGMA user_version").fetchone()[0]
        rows = connection.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATIONS.name,)
        )
        applied = {row[0] for row in rows}
    finally:
        connection.close()
    problems = []
    if user_version != SCHEMA_VERSION:
        problems.append(f"schema version {user_version}, expected {SCHEMA_VERSION}")
    if missing := [name for name in MIGRATION_NAMES if name not in applied]:
        problems.append(f"migrations not applied by the app: {missing}")
    store = Store.open(database)
    try:
        stored = store.attempt(attempt_id)
    finally:
        store.close()
    if stored.answer != ANSWER:
        problems.append(f"attempt {attempt_id} has another answer: {stored.answer!r}")
    for problem in problems:
        print(f"upgrade check: {problem}", file=sys.stderr)
    if not problems:
        print(f"attempt {attempt_id} kept; schema {SCHEMA_VERSION} ({', '.join(MIGRATION_NAMES)})")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    """Run ``create`` or ``check``; returns the exit code."""
    if len(argv) != 2 or argv[0] not in {"create", "check"}:
        print(__doc__, file=sys.stderr)
        return 2
    data_dir = Path(argv[1])
    if argv[0] == "create":
        create(data_dir)
        return 0
    return check(data_dir)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
