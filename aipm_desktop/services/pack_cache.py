"""A small file in the data folder remembering which pack files passed validation.

Checking a large pack against the JSON schema takes far longer than reading it,
and the packs rarely change between starts. The cache holds content keys (a
SHA-256 of the schema and the file's bytes, see
:func:`aipm_desktop.core.packs.pack_content_key`), so any edit to a pack or to
the schema means a full check again. The file is only a speed-up: if it is
missing, unreadable or damaged, every pack is simply validated.
"""

from __future__ import annotations

import json
from pathlib import Path

from aipm_desktop.core.atomic_file import write_text_atomically

CACHE_FILE_NAME = "validated-packs.json"
MAX_KEYS = 500
"""Older keys are forgotten beyond this many (packs replaced long ago)."""
_FORMAT = 1


def validated_packs_path(data_dir: Path) -> Path:
    """Where a data folder keeps its validation cache."""
    return data_dir / "cache" / CACHE_FILE_NAME


class ValidatedPackCache:
    """The keys of validated pack files, read from and saved to one JSON file."""

    def __init__(self, path: Path) -> None:
        """Read the cache at ``path``; a missing or damaged file counts as empty."""
        self.path = path
        self._keys: dict[str, None] = dict.fromkeys(_read_keys(path))
        self._changed = False

    def is_valid(self, key: str) -> bool:
        """True if a file with this content key passed validation before."""
        return key in self._keys

    def remember(self, key: str) -> None:
        """Note that a file with this content key passed validation."""
        if key not in self._keys:
            self._keys[key] = None
            self._changed = True

    def save(self) -> None:
        """Write the keys if any were added; failures are ignored (it is only a cache)."""
        if not self._changed:
            return
        keys = list(self._keys)[-MAX_KEYS:]
        try:
            write_text_atomically(self.path, json.dumps({"format": _FORMAT, "keys": keys}))
        except OSError:
            return
        self._changed = False


def _read_keys(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return []
    keys = data.get("keys")
    if not isinstance(keys, list):
        return []
    return [key for key in keys if isinstance(key, str)]


class HeldPackCache(ValidatedPackCache):
    """A cache that writes nothing until `release`: packs can be read while it is not
    yet known whether the data folder may be changed (e.g. it holds a newer app's data)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._held = True

    def save(self) -> None:
        """Write the keys if any were added, unless still held."""
        if not self._held:
            super().save()

    def release(self) -> None:
        """Allow writing from now on, and write what was held back."""
        self._held = False
        self.save()
