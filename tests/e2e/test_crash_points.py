"""Kill the real program with SIGKILL at many random moments; nothing submitted is lost.

Kill points: while typing and during submit (the real main window, driven by
crash_driver.py's typist), during a backup, and during a migration. After each
kill the next run starts on what the killed one left (that is the restart), and
this test checks: the integrity check passes, every attempt logged as submitted
is stored, and the draft lacks at most the last 2 s of typing.

``AIPM_KILL_POINTS=500 pytest tests/e2e/test_crash_points.py -s`` runs more by hand
(default 52) and prints the numbers.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import SCHEMA_VERSION
from aipm_desktop.storage.backup import integrity_problems, list_backups

from .crash_driver import KILL_STEP, KILL_STEP_ROWS

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]

DRIVER = Path(__file__).with_name("crash_driver.py")
DRAFT_PROMISE_SECONDS = 2.0
TOTAL = int(os.environ.get("AIPM_KILL_POINTS", "52"))
SHARES = {"gui": 0.3, "backup": 0.35, "migrate": 0.35}
SEED = int(os.environ.get("AIPM_KILL_SEED", "20261127"))


@dataclass
class Tally:
    """What the kill points found; printed at the end of each test."""

    points: dict[str, int] = field(default_factory=dict)
    attempts_checked: int = 0
    attempts_lost: int = 0
    largest_draft_loss: float = 0.0

    def count(self, kind: str) -> None:
        self.points[kind] = self.points.get(kind, 0) + 1

    def report(self, name: str) -> str:
        return (
            f"{name}: kill points {sum(self.points.values())} {self.points}; "
            f"attempts checked {self.attempts_checked}, lost {self.attempts_lost}; "
            f"largest draft loss {self.largest_draft_loss:.2f} s"
        )


class Driver:
    """One run of crash_driver.py whose JSON lines are read on a thread as they come."""

    def __init__(self, mode: str, data: Path, seed: int, env: dict[str, str], *extra: str) -> None:
        self.events: list[dict[str, Any]] = []
        self._seen = threading.Condition()
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115  (closed in finish)
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), mode, str(data), str(seed), *extra],
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            env=env,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                event = json.loads(line)
            except ValueError:  # a line cut short by the kill
                continue
            with self._seen:
                self.events.append(event)
                self._seen.notify_all()
        with self._seen:
            self._seen.notify_all()

    def wait_for(self, event: str, after: int = 0, timeout: float = 60.0) -> int:
        """Block until ``event`` is logged (at index >= after); returns its index."""
        deadline = time.monotonic() + timeout
        with self._seen:
            while True:
                for i in range(after, len(self.events)):
                    if self.events[i]["e"] == event:
                        return i
                if self.process.poll() is not None and not self._reader.is_alive():
                    raise AssertionError(f"driver ended early: {self.finish()}")
                if not self._seen.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise AssertionError(f"no {event!r} from the driver: {self.events[-3:]}")

    def kill(self) -> float:
        """SIGKILL now; returns the monotonic moment of the kill."""
        moment = time.monotonic()
        self.process.send_signal(signal.SIGKILL)
        self.finish()
        return moment

    def finish(self) -> str:
        """Wait for the end; returns what the driver wrote to stderr."""
        self.process.wait(timeout=60)
        self._reader.join(timeout=10)  # the only reader of stdout
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._stderr.seek(0)
        err = self._stderr.read()
        self._stderr.close()
        return err


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "TMPDIR"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        environ[name] = str(folder)
    return environ


def sound(db_file: Path) -> None:
    assert integrity_problems(db_file) == [], "the integrity check failed after a kill"


def stored_attempts(db_file: Path) -> dict[int, str]:
    with closing(sqlite3.connect(db_file)) as conn:
        return dict(conn.execute("select id, answer from attempts"))


def stored_drafts(db_file: Path) -> dict[str, str]:
    with closing(sqlite3.connect(db_file)) as conn:
        return dict(conn.execute("select question_id, text from drafts"))


def check_submitted(events: list[dict[str, Any]], db_file: Path, tally: Tally) -> None:
    stored = stored_attempts(db_file)
    for event in events:
        if event["e"] == "submitted":
            tally.attempts_checked += 1
            if stored.get(event["id"]) != event["text"]:
                tally.attempts_lost += 1


def draft_loss(events: list[dict[str, Any]], killed_at: float, db_file: Path) -> float:
    """Seconds of typing the stored draft lacks (0 when the answer was submitted)."""
    begins = [i for i, e in enumerate(events) if e["e"] == "begin"]
    if not begins:
        return 0.0
    start = begins[-1]
    question = events[start]["q"]
    typed = events[start]["text"]
    typed_at: list[float] = [events[start]["t"]] * len(typed)
    for event in events[start + 1 :]:
        if event["e"] == "keys":
            typed += event["k"]
            typed_at += [event["t"]] * len(event["k"])
    answers = set(stored_attempts(db_file).values())
    if any(e["e"] == "submitting" for e in events[start:]) and typed in answers:
        return 0.0  # committed before the kill, logged or not
    draft = stored_drafts(db_file).get(question, "")
    assert typed.startswith(draft), "the stored draft is not what was typed"
    if len(draft) == len(typed):
        return 0.0
    first_lost = typed_at[len(draft)]
    return killed_at - first_lost


def test_kill_while_typing_and_during_submit(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    db_file = database_path(data)
    rng = random.Random(SEED)
    tally = Tally()
    previous_drafts: dict[str, str] = {}
    for point in range(max(1, round(TOTAL * SHARES["gui"]))):
        at_submit = bool(point % 2)
        # Short answers for the submit points, so a submit comes soon.
        extra = ("-", "60") if at_submit else ()
        driver = Driver("gui", data, rng.randrange(1 << 30), env, *extra)
        ready = driver.wait_for("ready")
        begin = driver.wait_for("begin", after=ready)
        # The restart brought back the draft the killed run had stored.
        restored = driver.events[begin]
        assert restored["text"] == previous_drafts.get(restored["q"], "")
        if at_submit:
            # During submit: kill within a few milliseconds of pressing Ctrl+Return.
            driver.wait_for("submitting", after=begin)
            time.sleep(rng.uniform(0, 0.03))
        else:
            time.sleep(rng.uniform(0.2, 2.2))  # the moment to kill at, not a wait for a result
        killed_at = driver.kill()
        events = driver.events
        last = next(e["e"] for e in reversed(events) if e["e"] in ("keys", "submitting", "begin"))
        tally.count("during submit" if last == "submitting" else "while typing")
        sound(db_file)
        check_submitted(events, db_file, tally)
        tally.largest_draft_loss = max(
            tally.largest_draft_loss, draft_loss(events, killed_at, db_file)
        )
        previous_drafts = stored_drafts(db_file)
    print(tally.report("typing/submit"))
    assert tally.attempts_lost == 0
    assert tally.attempts_checked > 0
    assert tally.largest_draft_loss <= DRAFT_PROMISE_SECONDS


def test_kill_during_backups(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    db_file = database_path(data)
    rng = random.Random(SEED + 1)
    tally = Tally()
    for _ in range(max(1, round(TOTAL * SHARES["backup"]))):
        driver = Driver("backup", data, rng.randrange(1 << 30), env)
        ready = driver.wait_for("ready")
        started = driver.wait_for("backup-start", after=ready + rng.randrange(0, 6))
        time.sleep(rng.uniform(0, 0.06))  # somewhere inside the backup
        driver.kill()
        events = driver.events
        inside = events[-1]["e"] == "backup-start" and started == len(events) - 1
        tally.count("during a backup" if inside else "between backups")
        sound(db_file)
        check_submitted(events, db_file, tally)
        for info in list_backups(db_file):  # a half-made backup is never listed as one
            assert integrity_problems(info.path) == [], info.path
    print(tally.report("backups"))
    assert tally.attempts_lost == 0
    assert tally.points.get("during a backup", 0) > 0


def downgrade(db_file: Path) -> None:
    """Make the file one the previous version wrote again, so the step is pending."""
    with closing(sqlite3.connect(db_file)) as conn, conn:
        conn.execute("drop table if exists kill_test")
        conn.execute("delete from _sqlite_migrations where name = ?", [KILL_STEP])
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def step_state(db_file: Path) -> str:
    """ "before" or "after" the slow step, or "half" when it was applied in part."""
    with closing(sqlite3.connect(db_file)) as conn:
        recorded = conn.execute(
            "select count(*) from _sqlite_migrations where name = ?", [KILL_STEP]
        ).fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("select name from sqlite_master")}
        rows = (
            conn.execute("select count(*) from kill_test").fetchone()[0]
            if ("kill_test" in tables)
            else 0
        )
    if not recorded and "kill_test" not in tables and version == SCHEMA_VERSION:
        return "before"
    if recorded and rows == KILL_STEP_ROWS and version == SCHEMA_VERSION + 1:
        return "after"
    return "half"


def test_kill_during_migrations(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    db_file = database_path(data)
    rng = random.Random(SEED + 2)
    tally = Tally()
    history = Driver("backup", data, 1, env)  # a file with some history, from a real run
    history.wait_for("backup-done")
    history.kill()
    first = stored_attempts(db_file)
    downgrade(db_file)
    for _ in range(max(1, round(TOTAL * SHARES["migrate"]))):
        # Each run is also the restart after the previous kill: it must open the file.
        driver = Driver("migrate", data, 0, env)
        driver.wait_for("start")
        time.sleep(rng.uniform(0, 0.2))  # somewhere inside the backup or the step
        driver.kill()
        done = any(e["e"] == "migrated" for e in driver.events)
        assert done or driver.process.returncode == -signal.SIGKILL, "the restart failed"
        tally.count("after the migration" if done else "during a migration")
        sound(db_file)
        assert step_state(db_file) in ("before", "after"), "a migration was half applied"
        tally.attempts_checked += len(first)
        tally.attempts_lost += len(set(first.items()) - set(stored_attempts(db_file).items()))
        for info in list_backups(db_file):
            assert integrity_problems(info.path) == [], info.path
        downgrade(db_file)
    restart = Driver("verify", data, 0, env)
    verified = restart.events[restart.wait_for("verified")]
    restart.finish()
    assert verified["rows"] == KILL_STEP_ROWS
    assert verified["attempts"] == len(first)
    print(tally.report("migrations"))
    assert tally.attempts_lost == 0
    assert tally.points.get("during a migration", 0) > 0
