"""Importing a converted file (Anki deck, CSV, Markdown) through the ordinary pack import.

The converted pack is written as a JSON pack into a private temporary folder, which is
always removed afterwards; the library's import then validates and copies it into
``packs/imported/`` like any pack, so it can be switched off, exported or removed.
No Qt.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aipm_desktop.core.importers import ConvertedPack
from aipm_desktop.core.pack_data import version_key
from aipm_desktop.services.pack_library import PackLibrary, PackSource


def next_version(library: PackLibrary, pack_id: str) -> str:
    """ "1" for a new pack; one above the imported pack with this id, so re-importing an
    updated deck replaces the earlier import (attempts stay linked to its question ids)."""
    entry = library.load().entry(pack_id)
    if entry is None or entry.source != PackSource.IMPORTED:
        return "1"
    return str(version_key(entry.pack.version)[0] + 1)


@contextmanager
def converted_pack_file(converted: ConvertedPack, library: PackLibrary) -> Iterator[Path]:
    """The converted pack as a JSON pack file, named after its source file (so problems
    name the file the user chose), in a private temporary folder removed on exit.

    Raises :class:`aipm_desktop.core.packs.PackError` when the pack data is invalid.
    """
    data = converted.to_pack_data(next_version(library, converted.pack_id))
    with tempfile.TemporaryDirectory(prefix="aipm-import-") as folder:
        path = Path(folder) / _file_name(converted.source_name)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        yield path


def _file_name(source_name: str) -> str:
    name = re.sub(r"[^\w.() -]+", "_", Path(source_name).name).strip(". ")[:120]
    return name or "converted-pack"
