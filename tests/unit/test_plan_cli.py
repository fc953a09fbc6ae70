"""``interview add|list|remove`` and ``plan``, run in-process on a fixed clock (no Qt)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from aipm_desktop.app import main
from aipm_desktop.cli.interview import run_interview_add, run_interview_list
from aipm_desktop.cli.plan import run_plan
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path
from aipm_desktop.storage import Store

NOW = datetime(2027, 1, 7, 9, 0, tzinfo=UTC)


def add(data: Path, when: str, **options: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_interview_add(
        data_dir_option=str(data),
        environ={},
        when=when,
        now=NOW,
        out=out,
        err=err,
        **options,  # type: ignore[arg-type]
    )
    return code, out.getvalue(), err.getvalue()


def plan(data: Path, *extra: str, interview: int | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_plan(
        data_dir_option=str(data),
        environ={},
        interview_id=interview,
        output_format=extra[0] if extra else "text",
        now=NOW,
        out=out,
        err=err,
    )
    return code, out.getvalue(), err.getvalue()


def test_add_prints_the_id_and_plan_json_has_the_documented_shape(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, err = add(data, "2027-01-14", title="Acme", minutes_per_day=30)
    assert (code, err) == (0, "")
    interview_id = int(out.strip())

    code, out, err = plan(data, "json", interview=interview_id)

    assert code == 0, err
    document = json.loads(out)
    assert set(document) == {"interviews", "days"}
    [interview] = document["interviews"]
    assert interview["id"] == str(interview_id)
    assert (interview["date"], interview["title"]) == ("2027-01-14", "Acme")
    assert set(interview["forecast"]) == {"with_plan", "without_practice", "today"}
    assert interview["forecast"]["without_practice"] == 0.0  # nothing practised yet
    assert 0.0 < interview["forecast"]["with_plan"] <= 1.0
    assert [d["date"] for d in document["days"]] == [
        (date(2027, 1, 7) + timedelta(days=n)).isoformat() for n in range(7)
    ]
    bank = {q.id: q.effective_time_limit() / 60 for q in PackLibrary(data).load().questions()}
    for day in document["days"]:
        assert set(day) == {"date", "minutes", "questions"}
        assert day["minutes"] <= 30
        assert day["minutes"] == pytest.approx(sum(q["minutes"] for q in day["questions"]))
        for question in day["questions"]:
            assert question["minutes"] == pytest.approx(bank[question["id"]], abs=0.05)


def test_text_plan_has_the_forecast_sentence_and_every_day(tmp_path: Path) -> None:
    data = tmp_path / "data"
    add(data, "2027-01-10", title="Loop", minutes_per_day=20)

    code, out, _err = plan(data)

    assert code == 0
    assert "Interview 1: Loop, 2027-01-10 (20 min/day)" in out
    assert "ready on Jan 10 (today: 0)." in out
    for day in ("2027-01-07 (today)", "2027-01-08", "2027-01-09: "):
        assert day in out
    assert "2027-01-10:" not in out  # no practice on the day itself


def test_a_small_budget_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    add(data, "2027-01-09", minutes_per_day=5)

    code, out, err = plan(data)
    assert code == 0
    assert "The daily budget is too small" in out
    code, _out, err = plan(data, "json")
    assert "The daily budget is too small" in err


@pytest.mark.parametrize(
    ("when", "options", "message"),
    [
        ("2027-01-06", {}, "is in the past"),
        ("14/01/2027", {}, "YYYY-MM-DD"),
        ("2027-02-30", {}, "YYYY-MM-DD"),
        ("2027-01-14", {"minutes_per_day": 0}, "minutes per day"),
    ],
)
def test_bad_interviews_are_refused(
    tmp_path: Path, when: str, options: dict[str, object], message: str
) -> None:
    data = tmp_path / "data"
    code, out, err = add(data, when, **options)
    assert (code, out) == (1, "")
    assert message in err
    if database_path(data).is_file():
        with Store.open(database_path(data)) as store:
            assert store.interviews() == []


def test_plan_without_interviews_and_an_unknown_id(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert plan(data, "json")[:2] == (0, '{"interviews": [], "days": []}\n')
    assert "No upcoming interviews" in plan(data)[1]
    code, _out, err = plan(data, interview=7)
    assert code == 1
    assert "no interview 7" in err


def test_main_dispatches_interview_and_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    future = (datetime.now().date() + timedelta(days=5)).isoformat()
    argv = ["--data-dir", str(data), "interview", "add", "--date", future, "--category", "X"]
    assert main(argv) == 0
    interview_id = capsys.readouterr().out.strip()
    assert main(["--data-dir", str(data), "interview", "list"]) == 0
    assert f"{interview_id}\t{future}\t30 min/day" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "plan", "--format", "json"]) == 0
    forecast = json.loads(capsys.readouterr().out)["interviews"][0]
    assert forecast["id"] == interview_id
    assert main(["--data-dir", str(data), "interview", "remove", interview_id]) == 0
    assert main(["--data-dir", str(data), "interview", "remove", interview_id]) == 1
    out = io.StringIO()
    run_interview_list(data_dir_option=str(data), environ={}, out=out, err=io.StringIO())
    assert out.getvalue() == "No interviews.\n"


def test_list_marks_past_interviews(tmp_path: Path) -> None:
    data = tmp_path / "data"
    add(data, "2027-01-08", title="Soon")
    out = io.StringIO()
    later = NOW + timedelta(days=3)
    run_interview_list(data_dir_option=str(data), environ={}, out=out, err=out, now=later)
    assert out.getvalue() == "1\t2027-01-08\t30 min/day\tSoon (past)\t(all questions)\n"
    code, text, _err = plan(data)
    assert code == 0
    assert "Interview 1: Soon" in text  # before the date it is planned for


def test_the_default_time_limit_comes_from_the_settings_file(
    tmp_path: Path, write_pack: Callable[..., Path]
) -> None:
    data = tmp_path / "data"
    pack_file = write_pack("coach", questions=2)
    pack = json.loads(pack_file.read_text(encoding="utf-8"))
    for question in pack["questions"]:
        del question["time_limit_seconds"]  # these use the default from the settings
    pack_file.write_text(json.dumps(pack), encoding="utf-8")
    PackLibrary(data).import_pack(pack_file)
    add(data, "2027-01-10", categories=["Strategy"])
    (data / "settings.ini").write_text("[practice]\ndefault_time_limit=420\n", encoding="utf-8")

    code, out, _err = plan(data, "json")

    assert code == 0
    planned = [q for day in json.loads(out)["days"] for q in day["questions"]]
    assert {q["id"] for q in planned} == {"coach-q1", "coach-q2"}
    assert {q["minutes"] for q in planned} == {7.0}
