"""Which recordings to keep: all of them, the last few, or none once transcribed."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

DEFAULT_KEEP_LAST = 20
KEEP_LAST_RANGE = (1, 1000)


class AudioKeeping(StrEnum):
    """The user's choice for the recordings of spoken answers (Settings)."""

    ALL = "all"
    LAST = "last"
    NONE = "none"

    @property
    def label(self) -> str:
        """How the settings dialog names it."""
        return {
            "all": "Keep every recording",
            "last": "Keep the most recent recordings",
            "none": "Delete each recording once it is transcribed",
        }[self.value]


def recordings_to_delete(
    kept: Mapping[int, str], keeping: AudioKeeping, keep_last: int
) -> dict[int, str]:
    """Of ``kept`` (attempt id to file, oldest first), the ones the choice lets go."""
    if keeping is AudioKeeping.ALL:
        return {}
    if keeping is AudioKeeping.NONE:
        return dict(kept)
    items = list(kept.items())
    return dict(items[: max(0, len(items) - max(1, keep_last))])
