"""``aipm-desktop interview add|list|remove``: the interview dates to prepare for. No Qt."""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TextIO

from aipm_desktop import APP_NAME
from aipm_desktop.core.plan import DEFAULT_MINUTES_PER_DAY
from aipm_desktop.services.paths import database_path, resolve_data_dir_without_qt
from aipm_desktop.storage import Store, StoreError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date; `ValueError` with a message for the user otherwise."""
    try:
        if not _ISO_DATE.fullmatch(text.strip()):
            raise ValueError
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def run_interview(
    args: argparse.Namespace, environ: Mapping[str, str], out: TextIO, err: TextIO
) -> int:
    """Run ``interview add``, ``list`` or ``remove`` from parsed arguments."""
    common = {"data_dir_option": args.data_dir, "environ": environ, "out": out, "err": err}
    if args.interview_command == "add":
        return run_interview_add(
            when=args.date,
            title=args.title,
            company=args.company,
            role=args.role,
            packs=args.pack,
            categories=args.category,
            minutes_per_day=args.minutes_per_day,
            **common,
        )
    if args.interview_command == "remove":
        return run_interview_remove(interview_id=args.id, **common)
    return run_interview_list(**common)


def run_interview_add(
    *,
    data_dir_option: str | None,
    environ: Mapping[str, str],
    when: str,
    title: str = "",
    company: str = "",
    role: str = "",
    packs: Sequence[str] = (),
    categories: Sequence[str] = (),
    minutes_per_day: int = DEFAULT_MINUTES_PER_DAY,
    now: datetime | None = None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Store an interview and print its id; 1 with a message on ``err`` when refused."""
    now = datetime.now().astimezone() if now is None else now
    try:
        day = parse_date(when)
    except ValueError as error:
        print(f"{APP_NAME}: {error}.", file=err)
        return 1
    if day < now.date():
        print(f"{APP_NAME}: {day.isoformat()} is in the past; give the interview's date.", file=err)
        return 1
    data_dir = resolve_data_dir_without_qt(data_dir_option, environ)
    try:
        with Store.open(database_path(data_dir)) as store:
            interview = store.add_interview(
                day,
                now,
                title=title,
                company=company,
                role=role,
                packs=packs,
                categories=categories,
                minutes_per_day=minutes_per_day,
            )
    except ValueError as error:
        print(f"{APP_NAME}: {error}.", file=err)
        return 1
    except (StoreError, OSError) as error:
        print(f"{APP_NAME}: could not save the interview: {error}", file=err)
        return 1
    print(interview.id, file=out)
    return 0


def run_interview_list(
    *,
    data_dir_option: str | None,
    environ: Mapping[str, str],
    out: TextIO,
    err: TextIO,
    now: datetime | None = None,
) -> int:
    """Print one line per interview: id, date, budget, name and what it covers."""
    today = (datetime.now().astimezone() if now is None else now).date()
    database = database_path(resolve_data_dir_without_qt(data_dir_option, environ))
    if not database.is_file():
        print("No interviews.", file=out)
        return 0
    try:
        with Store.open(database) as store:
            interviews = store.interviews()
    except (StoreError, OSError) as error:
        print(f"{APP_NAME}: could not read the interviews: {error}", file=err)
        return 1
    if not interviews:
        print("No interviews.", file=out)
    for item in interviews:
        covers = ", ".join((*item.packs, *item.categories)) or "all questions"
        past = " (past)" if item.date < today else ""
        print(
            f"{item.id}\t{item.date.isoformat()}\t{item.minutes_per_day} min/day\t"
            f"{item.label}{past}\t({covers})",
            file=out,
        )
    return 0


def run_interview_remove(
    *,
    data_dir_option: str | None,
    environ: Mapping[str, str],
    interview_id: int,
    out: TextIO,
    err: TextIO,
) -> int:
    """Forget an interview; 1 when there is none with this id."""
    database = database_path(resolve_data_dir_without_qt(data_dir_option, environ))
    try:
        removed = False
        if database.is_file():
            with Store.open(database) as store:
                removed = store.remove_interview(interview_id)
    except (StoreError, OSError) as error:
        print(f"{APP_NAME}: could not remove the interview: {error}", file=err)
        return 1
    if not removed:
        print(f"{APP_NAME}: there is no interview {interview_id}.", file=err)
        return 1
    print(f"Removed interview {interview_id}.", file=out)
    return 0
