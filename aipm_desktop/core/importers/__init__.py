"""Importers: Anki decks, CSV/TSV tables and Markdown files turned into question packs.

Qt-free. :func:`convert_file` is the one entry point; the result is validated with the
pack schema and imported like any JSON pack.
"""

from aipm_desktop.core.importers.convert import (
    SUPPORTED_SUFFIXES,
    convert_file,
    file_kind,
    needs_conversion,
)
from aipm_desktop.core.importers.model import (
    ConversionError,
    ConvertedPack,
    DraftQuestion,
    FieldMapping,
    ImportCounts,
    SourceFormat,
    Target,
    parse_mapping,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ConversionError",
    "ConvertedPack",
    "DraftQuestion",
    "FieldMapping",
    "ImportCounts",
    "SourceFormat",
    "Target",
    "convert_file",
    "file_kind",
    "needs_conversion",
    "parse_mapping",
]
