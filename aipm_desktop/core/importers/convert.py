"""The one entry point: :func:`convert_file` picks the importer by the file's content."""

from __future__ import annotations

import stat
from pathlib import Path

from aipm_desktop.core.importers.detect import FileKind, detect_kind
from aipm_desktop.core.importers.model import ConversionError, ConvertedPack, FieldMapping
from aipm_desktop.core.importers.text_decode import decode_text
from aipm_desktop.core.packs import MAX_PACK_BYTES

MAX_PACKAGE_BYTES = 2 * 1024 * 1024 * 1024
"""Anki packages carry media (never read), so they may be much larger than a pack."""
SUPPORTED_SUFFIXES = (".json", ".apkg", ".colpkg", ".csv", ".tsv", ".txt", ".md")


def file_kind(path: Path) -> FileKind:
    """What the file at ``path`` is, from its first bytes (UNKNOWN when unreadable)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8192)
    except OSError:
        return FileKind.UNKNOWN
    return detect_kind(head, path.name)


def needs_conversion(path: Path) -> bool:
    """True for files that are not JSON packs (they go through :func:`convert_file`).

    Unrecognised files count as needing conversion, which refuses them in plain words,
    unless they are named ``.json`` (then the JSON reader says what is wrong)."""
    kind = file_kind(path)
    if kind is FileKind.UNKNOWN:
        return path.suffix.casefold() != ".json" and path.is_file()
    return kind is not FileKind.JSON_PACK


def convert_file(
    path: Path, mapping: FieldMapping | None = None, *, file: str | None = None
) -> ConvertedPack:
    """Turn an Anki package, CSV/TSV or Markdown file into a pack.

    ``mapping`` says which source field or column goes where (field names in any case,
    or column numbers from 1). Raises :class:`ConversionError` (a ``PackError``) with a
    message for the user when the file is refused.
    """
    name = file or path.name
    size = _size(path, name)
    kind = file_kind(path)
    if kind is FileKind.ANKI:
        if size > MAX_PACKAGE_BYTES:
            raise ConversionError(name, "the Anki package is larger than 2 GB; it was not read")
        from aipm_desktop.core.importers.anki import convert_anki

        return convert_anki(path, mapping, name)
    if kind is FileKind.JSON_PACK:
        raise ConversionError(name, "this is a JSON pack: it is imported as it is, not converted")
    if kind is FileKind.UNKNOWN:
        raise ConversionError(
            name,
            "this file is not one AIPM Desktop can import (a JSON pack, an Anki .apkg or "
            ".colpkg deck, a CSV/TSV table or a Markdown file)",
        )
    if size > MAX_PACK_BYTES:
        limit = MAX_PACK_BYTES // (1024 * 1024)
        raise ConversionError(name, f"the file is too big; at most {limit} MB is read")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConversionError(name, f"could not read the file: {error.strerror or error}") from None
    text = decode_text(raw, name)
    if kind is FileKind.MARKDOWN:
        from aipm_desktop.core.importers.markdown import convert_markdown

        return convert_markdown(text, name)
    from aipm_desktop.core.importers.delimited import convert_delimited

    return convert_delimited(text, mapping, name, tab_default=name.casefold().endswith(".tsv"))


def _size(path: Path, name: str) -> int:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ConversionError(name, "file not found") from None
    except OSError as error:
        raise ConversionError(name, f"could not open the file: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ConversionError(name, "this is not a regular file")
    return info.st_size
