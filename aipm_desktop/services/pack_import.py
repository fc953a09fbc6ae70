"""Importing a pack file: the one use case behind ``import-pack`` and File → Import pack. No Qt.

The order keeps the user's data safe and a refused pack harmless:

1. check the pack (a refused pack changes nothing, not even the backups folder);
2. back up the data file (a failed backup stops the import);
3. keep the wording of the attempted questions the new version replaces;
4. copy the pack into the library.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from aipm_desktop.core.questions import Pack
from aipm_desktop.services.pack_history import snapshot_attempted_questions
from aipm_desktop.services.pack_library import ImportOutcome, PackLibrary
from aipm_desktop.storage import Store
from aipm_desktop.storage.backup import backup_before

BACKUP_REASON = "before-pack-import"


def import_pack_file(
    library: PackLibrary, path: Path, data_file: Path | None, now: datetime
) -> ImportOutcome:
    """Import ``path`` into ``library``, safely for the data in ``data_file``.

    Raises `PackError` (refused: nothing changed), `BackupError` (the backup
    failed: nothing changed), `StoreError` (the old wording could not be kept:
    nothing imported) or `OSError` (the copy failed).
    """
    pack, replaced = library.check_import(path)
    backup_before(data_file, BACKUP_REASON, now)
    if replaced is not None and data_file is not None:
        keep_wording_of_attempted_questions(replaced, data_file, now)
    return library.install(pack, replaced)


def keep_wording_of_attempted_questions(replaced: Pack, data_file: Path, now: datetime) -> None:
    """Snapshot the replaced pack's questions that have attempts, before the update.

    The app does the same at start and on every answer; this covers an update
    made before the app has seen the old version. A connection of its own is
    opened, so this may run on a worker thread while the app holds the file.
    """
    if not data_file.is_file():
        return  # no attempts yet: nothing to keep
    with Store.open(data_file) as store:
        snapshot_attempted_questions(store, replaced.questions, now)
