"""The ``export-attempts`` command: every attempt as CSV or JSON, without loading Qt."""

from __future__ import annotations

import io
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from aipm_desktop import APP_NAME
from aipm_desktop.core.atomic_file import write_atomically
from aipm_desktop.core.export import ExportFormat, write_export
from aipm_desktop.services.pack_history import known_prompts
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path, resolve_data_dir_without_qt
from aipm_desktop.storage import Store, StoreError


def run_export_attempts(
    *,
    data_dir_option: str | None,
    export_format: str,
    output: str | None,
    environ: Mapping[str, str],
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Export the data folder's attempts; 0 on success, 1 with a message on stderr."""
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    data_dir = resolve_data_dir_without_qt(data_dir_option, environ)
    database = database_path(data_dir)
    if not database.is_file():
        print(f"{APP_NAME}: no data file at {database}; there is nothing to export.", file=stderr)
        return 1
    fmt = ExportFormat(export_format)
    try:
        with Store.open(database) as store:
            prompts = known_prompts(store, PackLibrary(data_dir).load().questions())
            rows = store.export_rows(prompts)
            if output is None:
                _prepare_stdout(stdout)
                count = write_export(rows, fmt, stdout)
                stdout.flush()
            else:
                target = Path(output).expanduser()
                count = write_atomically(target, lambda out: write_export(rows, fmt, out))
    except (StoreError, OSError) as error:
        print(f"{APP_NAME}: could not export: {error}", file=stderr)
        return 1
    if output is not None:
        noun = "attempt" if count == 1 else "attempts"
        print(f"Exported {count} {noun} to {output}", file=stderr)
    return 0


def _prepare_stdout(stdout: TextIO) -> None:
    """UTF-8, and newlines inside answers written as they are."""
    if isinstance(stdout, io.TextIOWrapper):
        stdout.reconfigure(encoding="utf-8", newline="")
