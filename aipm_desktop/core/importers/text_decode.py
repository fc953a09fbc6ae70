"""Bytes of a text file -> str: a BOM wins, then UTF-8, then charset-normalizer's guess."""

from __future__ import annotations

import codecs

from aipm_desktop.core.importers.model import ConversionError

_PREFERRED = "cp1252"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(raw: bytes, file: str) -> str:
    """The text in ``raw``; :class:`ConversionError` when no encoding fits."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(raw)
    best = results.best()
    if best is None:
        raise ConversionError(
            file, "the file's text encoding could not be recognised; save it as UTF-8 and retry"
        )
    # Short Western text often fits several code pages equally well; on a tie prefer
    # Windows-1252, what spreadsheets on Western Windows save.
    tied = [
        match
        for match in results
        if (match.chaos, match.coherence) == (best.chaos, best.coherence)
        and _PREFERRED in match.could_be_from_charset
    ]
    return str(tied[0] if tied else best)


def looks_like_text(raw: bytes) -> bool:
    """True for bytes a text file could hold (no NUL bytes outside UTF-16/32)."""
    if any(raw.startswith(bom) for bom, _ in _BOMS):
        return True
    return b"\0" not in raw[:65536]
