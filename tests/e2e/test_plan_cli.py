"""End-to-end: ``interview add`` then ``plan`` as a script would run them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.test_cli import describe, run

pytestmark = pytest.mark.e2e


def test_add_an_interview_then_print_the_plan_as_json(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    when = (datetime.now().astimezone().date() + timedelta(days=6)).isoformat()
    added = run(
        ["--data-dir", str(data), "interview", "add", "--date", when, "--title", "Acme"],
        env,
        cwd=tmp_path,
    )
    assert added.returncode == 0, describe(added)
    interview_id = added.stdout.strip()
    assert interview_id.isdigit()

    shown = run(
        ["--data-dir", str(data), "plan", "--interview", interview_id, "--format", "json"],
        env,
        cwd=tmp_path,
    )

    assert shown.returncode == 0, describe(shown)
    document = json.loads(shown.stdout)
    assert document["interviews"][0]["id"] == interview_id
    assert document["interviews"][0]["date"] == when
    assert len(document["days"]) in (5, 6)  # 5 if the date changed between the two runs
    assert document["days"][0]["questions"]
