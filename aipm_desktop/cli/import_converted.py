"""``import-pack`` for Anki decks, CSV/TSV and Markdown files: convert, show the counts,
then import the result as an ordinary JSON pack. No Qt."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO, cast

from aipm_desktop.core.importers import ConversionError, convert_file, parse_mapping
from aipm_desktop.core.packs import PackError
from aipm_desktop.services.converted_import import converted_pack_file
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.services.paths import resolve_data_dir_without_qt

ImportJson = Callable[[str, TextIO], int]
"""Imports a JSON pack file, writing problems to the given stream; returns the exit code."""


def import_converted_command(
    file: str,
    mapping_text: str | None,
    data_dir_option: str | None,
    environ: Mapping[str, str],
    out: TextIO,
    err: TextIO,
    import_json: ImportJson,
) -> int:
    """Convert ``file``, print its counts to ``out``, then import it with ``import_json``."""
    try:
        mapping = parse_mapping(mapping_text) if mapping_text else None
    except ValueError as error:
        print(f"--map: {error}", file=err)
        return 2
    try:
        converted = convert_file(Path(file), mapping)
    except ConversionError as error:
        for problem in error.problems:
            print(problem, file=err)
        print(f"{file}: not imported; nothing was changed.", file=err)
        return 1
    print(f"{file}: {converted.source_format.label}", file=out)
    if converted.fields:
        fields = ", ".join(f"{name}={target.value}" for name, target in converted.mapping.items())
        print(f"  fields: {fields}", file=out)
    for line in converted.counts.lines():
        print(f"  {line}", file=out)
    if not converted.questions:
        print(f"{file}: not imported: no question could be made from it.", file=err)
        return 1
    library = PackLibrary(resolve_data_dir_without_qt(data_dir_option, environ))
    try:
        with converted_pack_file(converted, library) as json_file:
            renamed = cast(TextIO, _Renaming(err, str(json_file), file))
            return import_json(str(json_file), renamed)
    except PackError as error:
        for problem in error.problems:
            print(problem, file=err)
        print(f"{file}: not imported; nothing was changed.", file=err)
        return 1
    except OSError as error:
        print(f"{file}: not imported; the converted pack could not be written: {error}", file=err)
        return 1


class _Renaming:
    """A text stream that shows the user's file name in place of the temporary file's path."""

    def __init__(self, stream: TextIO, temporary: str, shown: str) -> None:
        self._stream = stream
        self._temporary = temporary
        self._shown = shown

    def write(self, text: str) -> int:
        self._stream.write(text.replace(self._temporary, self._shown))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()
