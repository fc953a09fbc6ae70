"""After a spoken answer is stored: its recording is no longer unfinished, and the
Settings choice (keep all, keep the last N, delete once transcribed) is applied."""

from __future__ import annotations

from aipm_desktop.core.records import Attempt
from aipm_desktop.core.speech.audio_keeping import recordings_to_delete
from aipm_desktop.services.recordings import delete_recording, finish_note
from aipm_desktop.services.workspace import Change
from aipm_desktop.storage import Store
from aipm_desktop.ui.operations import Operations
from aipm_desktop.ui.widgets.settings import AppSettings


def after_stored(stored: Attempt, operations: Operations, settings: AppSettings) -> Attempt | None:
    """Mark ``stored``'s recording finished and let go of the recordings the choice does
    not keep; returns ``stored`` as it is now (None when it is unchanged)."""
    data_dir = operations.workspace.data_dir
    if data_dir is None or stored.audio_file is None:
        return None
    finish_note(data_dir, stored.audio_file)
    kept = operations.read(lambda store: store.audio_files()) or {}
    doomed = recordings_to_delete(kept, settings.audio_keeping, settings.audio_keep_last)
    gone = [attempt_id for attempt_id, name in doomed.items() if delete_recording(data_dir, name)]
    if not gone:
        return None

    def forget(store: Store) -> Attempt:
        for attempt_id in gone:
            store.set_audio_file(attempt_id, None)
        return store.attempt(stored.id)

    return operations.write(forget, change=Change.ATTEMPT_STORED, quiet=True)
