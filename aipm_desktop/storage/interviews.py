"""The ``interviews`` table: the interview dates the user prepares for."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from aipm_desktop.core.plan import DEFAULT_MINUTES_PER_DAY, Interview, KeptForecast

if TYPE_CHECKING:  # annotations only: this module does not load sqlite-utils
    from sqlite_utils import Database

TABLE = "interviews"
MINUTES_PER_DAY_RANGE = (1, 1440)


def create_table(db: Database) -> None:
    """The ``interviews`` table (one row per interview)."""
    db.table(TABLE).create(
        {
            "id": int,
            "date": str,
            "title": str,
            "company": str,
            "role": str,
            "packs": str,
            "categories": str,
            "minutes_per_day": int,
            "created_at": str,
        },
        pk="id",
        not_null={
            "date",
            "title",
            "company",
            "role",
            "packs",
            "categories",
            "minutes_per_day",
            "created_at",
        },
        defaults={
            "title": "",
            "company": "",
            "role": "",
            "packs": "[]",
            "categories": "[]",
            "minutes_per_day": DEFAULT_MINUTES_PER_DAY,
        },
        strict=db.supports_strict,
    )
    db.table(TABLE).create_index(["date"], index_name="idx_interviews_date")


def add_forecast_column(db: Database) -> None:
    """The ``forecast`` column (migration 0007): the kept forecast as JSON, or empty."""
    db.table(TABLE).add_column("forecast", str, not_null_default="")


def keep_forecast(db: Database, interview_id: int, forecast: KeptForecast) -> bool:
    """Keep ``forecast`` as the interview's latest; False if it was already kept (or there
    is no such interview), so that showing the same forecast again writes nothing."""
    text = forecast_to_json(forecast)
    cursor = db.execute(
        f"update {TABLE} set forecast = ? where id = ? and forecast != ?",
        [text, interview_id, text],
    )
    return cursor.rowcount > 0


def forecast_to_json(forecast: KeptForecast) -> str:
    """The ``forecast`` column's text."""
    return json.dumps(
        {
            "made_on": forecast.made_on.isoformat(),
            "total": forecast.total,
            "with_plan": forecast.with_plan,
            "without_practice": forecast.without_practice,
            "today": forecast.today,
        },
        sort_keys=True,
    )


def forecast_from_json(text: str) -> KeptForecast | None:
    """The kept forecast; None when there is none or it cannot be read."""
    if not text:
        return None
    try:
        data = json.loads(text)
        return KeptForecast(
            made_on=date.fromisoformat(data["made_on"]),
            total=int(data["total"]),
            with_plan=int(data["with_plan"]),
            without_practice=int(data["without_practice"]),
            today=int(data["today"]),
        )
    except (ValueError, TypeError, KeyError):
        return None


def add_interview(
    db: Database,
    *,
    when: date,
    created_at: str,
    title: str = "",
    company: str = "",
    role: str = "",
    packs: Sequence[str] = (),
    categories: Sequence[str] = (),
    minutes_per_day: int = DEFAULT_MINUTES_PER_DAY,
) -> Interview:
    """Store a new interview; returns it with its id. `ValueError` for a bad budget."""
    low, high = MINUTES_PER_DAY_RANGE
    if not low <= minutes_per_day <= high:
        raise ValueError(f"minutes per day must be between {low} and {high}, got {minutes_per_day}")
    row = {
        "date": when.isoformat(),
        "title": title.strip(),
        "company": company.strip(),
        "role": role.strip(),
        "packs": json.dumps(sorted(set(packs)), ensure_ascii=False),
        "categories": json.dumps(sorted(set(categories)), ensure_ascii=False),
        "minutes_per_day": int(minutes_per_day),
        "created_at": created_at,
    }
    interview_id = db.table(TABLE).insert(row).last_pk
    assert isinstance(interview_id, int)
    return from_row({"id": interview_id, **row})


def interviews(conn: sqlite3.Connection) -> list[Interview]:
    """Every interview, soonest first (plain sqlite3)."""
    cursor = conn.execute(f"select * from {TABLE} order by date, id")
    names = [column[0] for column in cursor.description]
    return [from_row(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def remove_interview(db: Database, interview_id: int) -> bool:
    """Forget an interview; False if there was none with this id."""
    cursor = db.execute(f"delete from {TABLE} where id = ?", [interview_id])
    return cursor.rowcount > 0


def from_row(row: Mapping[str, Any]) -> Interview:
    """An `Interview` from a table row."""
    return Interview(
        id=int(row["id"]),
        date=date.fromisoformat(row["date"]),
        title=row["title"],
        company=row["company"],
        role=row["role"],
        packs=tuple(json.loads(row["packs"])),
        categories=tuple(json.loads(row["categories"])),
        minutes_per_day=int(row["minutes_per_day"]),
        forecast=forecast_from_json(row.get("forecast") or ""),
    )
