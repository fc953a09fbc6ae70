"""Which importer fits a file: decided by its content, the extension only breaking ties."""

from __future__ import annotations

import re
from enum import StrEnum

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_MARKDOWN_LINE = re.compile(
    rb"^(?: {0,3}#{1,6}[ \t]+\S|\s*\?\??\s*$|[^\n:]*\S\s*:{2,3}\s*\S)", re.MULTILINE
)
_ANKI_TEXT_HEADER = re.compile(rb"^#(separator|html|columns|tags|deck|notetype)[a-z ]*:", re.I)


class FileKind(StrEnum):
    """The importers."""

    JSON_PACK = "json"
    ANKI = "anki"
    DELIMITED = "delimited"
    MARKDOWN = "markdown"
    UNKNOWN = "unknown"


def detect_kind(head: bytes, name: str) -> FileKind:
    """The kind of file whose first bytes are ``head`` (a few KB) and whose name is ``name``."""
    suffix = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    if head.startswith(_ZIP_MAGIC):
        return FileKind.ANKI
    text = _strip_bom(head)
    stripped = text.lstrip()
    if stripped.startswith(b"{"):
        return FileKind.JSON_PACK
    if _is_utf16(head):
        return FileKind.MARKDOWN if suffix in ("md", "markdown") else FileKind.DELIMITED
    if not text.strip() or b"\0" in text[:4096]:
        return FileKind.UNKNOWN  # empty, or binary
    if _ANKI_TEXT_HEADER.match(text):
        return FileKind.DELIMITED
    if suffix in ("md", "markdown"):
        return FileKind.MARKDOWN
    if suffix in ("csv", "tsv"):
        return FileKind.DELIMITED
    if _MARKDOWN_LINE.search(text) and not _looks_delimited(text):
        return FileKind.MARKDOWN
    return FileKind.DELIMITED


def _strip_bom(head: bytes) -> bytes:
    return head.removeprefix(b"\xef\xbb\xbf")


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _looks_delimited(text: bytes) -> bool:
    """Most of the first lines have the same number (at least one) of tabs, or of commas."""
    lines = [line for line in text.split(b"\n")[:20] if line.strip()]
    if len(lines) < 2:
        return False
    for separator in (b"\t", b",", b";"):
        counts = [line.count(separator) for line in lines]
        common = max(set(counts), key=counts.count)
        if common and counts.count(common) >= len(counts) * 0.8:
            return True
    return False
