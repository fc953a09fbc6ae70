"""The ``import-pack`` command: validate a pack and copy it into the data folder. No Qt."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from aipm_desktop.core.packs import PackError
from aipm_desktop.services.pack_import import import_pack_file
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import database_path, resolve_data_dir_without_qt
from aipm_desktop.storage import StoreError
from aipm_desktop.storage.backup import BackupError


def import_pack_command(
    file: str,
    data_dir_option: str | None,
    environ: Mapping[str, str],
    out: TextIO,
    err: TextIO,
    mapping: str | None = None,
) -> int:
    """Import ``file``; print what happened or every problem. Returns 0, or 1 when refused.

    Anki decks, CSV/TSV and Markdown files are converted first (``mapping``: the
    ``--map`` text), then imported as a JSON pack.
    """
    from aipm_desktop.core.importers import needs_conversion

    if needs_conversion(Path(file)):
        from aipm_desktop.cli.import_converted import import_converted_command

        return import_converted_command(
            file,
            mapping,
            data_dir_option,
            environ,
            out,
            err,
            lambda pack_file, errors: import_pack_command(
                pack_file, data_dir_option, environ, out, errors
            ),
        )
    if mapping:
        print("--map applies to Anki, CSV and Markdown files; ignored for a JSON pack", file=err)
    data_dir = resolve_data_dir_without_qt(data_dir_option, environ)
    library = PackLibrary(data_dir)
    try:
        outcome = import_pack_file(library, Path(file), database_path(data_dir), datetime.now(UTC))
    except PackError as error:
        for problem in error.problems:
            print(problem, file=err)
        print(f"{file}: not imported; nothing was changed.", file=err)
        return 1
    except BackupError as error:
        print(
            f"{file}: not imported; the backup made before every import failed: {error}", file=err
        )
        return 1
    except StoreError as error:
        print(f"{file}: not imported; nothing was changed: {error}", file=err)
        return 1
    except OSError as error:
        print(f"{file}: could not be copied into {library.imported_dir}: {error}", file=err)
        return 1
    print(f"{outcome.describe()} It is kept in {outcome.pack.source}.", file=out)
    return 0
