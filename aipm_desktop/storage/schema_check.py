"""Is a database file exactly ours? Its schema must be the one our migrations produce.

A restore installs a file the user points at, so it must not bring anything of
its own: no extra tables, views, indexes or triggers (a trigger on ``attempts``
could delete every new answer).
"""

from __future__ import annotations

import sqlite3

from aipm_desktop.storage import migrations
from aipm_desktop.storage.sqlite_utils_loader import load_sqlite_utils

SchemaEntry = tuple[str, str, str, str]
"""(type, name, table name, SQL) of one ``sqlite_master`` row."""


def schema_entries(conn: sqlite3.Connection) -> set[SchemaEntry]:
    """The file's schema, without SQLite's own internal tables and indexes."""
    rows = conn.execute("select type, name, tbl_name, coalesce(sql, '') from sqlite_master")
    return {
        (str(kind), str(name), str(table), _normalise(str(sql)))
        for kind, name, table, sql in rows
        if not str(name).startswith("sqlite_")
    }


def reference_entries(format_version: int) -> set[SchemaEntry]:
    """The schema a file of ``format_version`` has when our first steps made it."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    steps = Migrations(migrations.MIGRATION_SET_NAME)
    for name, step in migrations.steps()[:format_version]:
        steps(name=name)(step)
    conn = sqlite3.connect(":memory:")
    try:
        steps.apply(Database(conn))
        return schema_entries(conn)
    finally:
        conn.close()


def schema_differences(conn: sqlite3.Connection) -> list[str]:
    """What the file has, or lacks, compared with our schema of its format; empty when exact."""
    load_sqlite_utils()
    from sqlite_utils import Database

    version = migrations.stored_format(Database(conn))
    if version > migrations.SCHEMA_VERSION:
        return [f"it was made by a newer version (format {version})"]
    found = schema_entries(conn)
    expected = reference_entries(version)
    problems = [f"unexpected {kind} {name!r}" for kind, name, _t, _s in sorted(found - expected)]
    problems += [f"missing {kind} {name!r}" for kind, name, _t, _s in sorted(expected - found)]
    return problems


def _normalise(sql: str) -> str:
    """SQL text with runs of white space made single, so formatting does not matter."""
    return " ".join(sql.split())
