"""CSV and TSV files -> draft questions.

The columns are named by a header row, or by Anki's ``#columns:`` line; without
either they are Column 1, Column 2... Anki's other header lines are understood too:
``#separator:``, ``#html:``, ``#tags:``, ``#tags column:``, ``#deck:`` and
``#deck column:``. Rows are read one at a time and the file is refused as soon as it
holds more rows than a pack may have questions.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from aipm_desktop.core.importers.html_text import html_to_markdown, html_to_plain
from aipm_desktop.core.importers.model import (
    ConversionError,
    ConvertedPack,
    DraftBuilder,
    DraftQuestion,
    FieldMapping,
    SourceFormat,
    Target,
    lookup,
    pack_id_from_name,
    title_from_name,
)
from aipm_desktop.core.importers.values import parse_time_limit, split_key_points, split_tags
from aipm_desktop.core.packs import MAX_QUESTIONS

_SEPARATOR_NAMES = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "space": " ",
    "pipe": "|",
    "colon": ":",
}
_ANKI_HEADER = re.compile(r"^#([a-z ]+):(.*)$", re.IGNORECASE)
KNOWN_COLUMNS: dict[str, Target] = {
    "prompt": Target.PROMPT,
    "question": Target.PROMPT,
    "front": Target.PROMPT,
    "q": Target.PROMPT,
    "answer": Target.ANSWER,
    "model answer": Target.ANSWER,
    "model_answer": Target.ANSWER,
    "back": Target.ANSWER,
    "a": Target.ANSWER,
    "key points": Target.KEY_POINTS,
    "key_points": Target.KEY_POINTS,
    "keypoints": Target.KEY_POINTS,
    "rubric": Target.KEY_POINTS,
    "category": Target.CATEGORY,
    "deck": Target.CATEGORY,
    "topic": Target.CATEGORY,
    "level": Target.LEVEL,
    "difficulty": Target.LEVEL,
    "tags": Target.TAGS,
    "tag": Target.TAGS,
    "time limit": Target.TIME_LIMIT,
    "time_limit": Target.TIME_LIMIT,
    "time_limit_seconds": Target.TIME_LIMIT,
    "time": Target.TIME_LIMIT,
    "seconds": Target.TIME_LIMIT,
}


@dataclass
class _Header:
    """What Anki's ``#key:value`` lines said."""

    separator: str | None = None
    html: bool = False
    columns: list[str] | None = None
    columns_text: str | None = None
    tags: list[str] = field(default_factory=list)
    deck: str = ""
    column_targets: dict[int, Target] = field(default_factory=dict)
    lines: int = 0


def convert_delimited(
    text: str, mapping: FieldMapping | None, file: str, *, tab_default: bool = False
) -> ConvertedPack:
    """Convert CSV/TSV ``text`` (already decoded)."""
    text = text.removeprefix("\ufeff")
    header = _read_anki_header(text)
    body = text.split("\n", header.lines)[-1] if header.lines else text
    separator = header.separator or _guess_separator(body, tab_default)
    _check_row_count(body, separator, file, header.lines)
    rows = _rows(body, separator, file, header.lines)
    columns, first = _columns(header, rows)
    targets = _targets(columns, header, mapping)
    builder = DraftBuilder(file)
    row_number = header.lines + (0 if first is not None else 1)
    pending = [first] if first is not None else []
    for row in _chain(pending, rows):
        row_number += 1
        if any(cell.strip() for cell in row):
            builder.add(_question(row, targets, header, row_number))
    source_format = SourceFormat.TSV if separator == "\t" else SourceFormat.CSV
    return ConvertedPack(
        source_name=file,
        source_format=source_format,
        pack_id=pack_id_from_name(file),
        title=title_from_name(file),
        questions=tuple(builder.questions),
        counts=builder.counts,
        fields=tuple(columns),
        mapping=dict(zip(columns, targets, strict=True)),
    )


def _check_row_count(body: str, separator: str, file: str, offset: int) -> None:
    """Refuse, before converting anything, a file with more rows than a pack has questions.

    Counts non-blank rows with the C CSV reader and stops one row past the limit, so even
    a file with a million rows is refused in a moment.
    """
    limit = MAX_QUESTIONS + 1  # one more for a header row
    rows = (row for row in _rows(body, separator, file, offset) if any(c.strip() for c in row))
    if sum(1 for _row in itertools.islice(rows, limit + 1)) > limit:
        raise ConversionError(
            file,
            f"the file has more than {MAX_QUESTIONS} rows; a pack can have at most "
            f"{MAX_QUESTIONS} questions (split the file and import each part)",
        )


def _chain(first: list[list[str]], rest: Iterator[list[str]]) -> Iterator[list[str]]:
    yield from first
    yield from rest


def _read_anki_header(text: str) -> _Header:
    header = _Header()
    for line in text.split("\n", 20)[:20]:
        match = _ANKI_HEADER.match(line.rstrip("\r"))
        if match is None:
            break
        header.lines += 1
        key, value = match.group(1).strip().casefold(), match.group(2).strip()
        if key == "separator":
            header.separator = _SEPARATOR_NAMES.get(value.casefold(), value[:1] or None)
        elif key == "html":
            header.html = value.casefold() == "true"
        elif key == "columns":
            header.columns_text = value  # split once the separator is known
        elif key == "tags":
            header.tags = split_tags(value)
        elif key == "deck":
            header.deck = value
        elif key.endswith(" column") and value.isdigit():
            target = {"tags": Target.TAGS, "deck": Target.CATEGORY}.get(key[: -len(" column")])
            header.column_targets[int(value)] = target or Target.IGNORE
    if header.columns_text is not None:
        header.columns = header.columns_text.split(header.separator or "\t")
    return header


def _guess_separator(body: str, tab_default: bool) -> str:
    sample = "\n".join(body.split("\n", 20)[:20])
    first_line = sample.split("\n", 1)[0]
    present = [candidate for candidate in "\t,;|" if candidate in first_line]
    if len(present) == 1 and '"' not in first_line:
        return present[0]  # the header row (or first row) names a single separator
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        if "\t" in first or (tab_default and "," not in first):
            return "\t"
        return ";" if first.count(";") > first.count(",") else ","


def _rows(body: str, separator: str, file: str, offset: int) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=separator)
    try:
        yield from reader
    except csv.Error as error:
        raise ConversionError(
            file, f"the file is not valid CSV: {error}", f"line {offset + reader.line_num}"
        ) from None


def _columns(header: _Header, rows: Iterator[list[str]]) -> tuple[list[str], list[str] | None]:
    """The column names, and the first row when it is data rather than a header."""
    if header.columns:
        return [name.strip() or f"Column {i}" for i, name in enumerate(header.columns, 1)], None
    first = next(rows, None)
    if first is None:
        return ["Column 1", "Column 2"], None
    if any(cell.strip().casefold() in KNOWN_COLUMNS for cell in first):
        return [cell.strip() or f"Column {i}" for i, cell in enumerate(first, 1)], None
    return [f"Column {i}" for i in range(1, len(first) + 1)], first


def _targets(columns: list[str], header: _Header, mapping: FieldMapping | None) -> list[Target]:
    """Each column's target: the mapping, Anki's column lines, known names, then defaults."""
    targets: list[Target | None] = [
        lookup(mapping, name, index) or header.column_targets.get(index)
        for index, name in enumerate(columns, start=1)
    ]
    for index, name in enumerate(columns):
        guess = KNOWN_COLUMNS.get(name.strip().casefold())
        if targets[index] is None and guess is not None and guess not in targets:
            targets[index] = guess
    for wanted in (Target.PROMPT, Target.ANSWER):
        if wanted not in targets and None in targets:
            targets[targets.index(None)] = wanted
    return [target or Target.IGNORE for target in targets]


def _question(
    row: list[str], targets: list[Target], header: _Header, row_number: int
) -> DraftQuestion:
    values: dict[Target, list[str]] = {}
    for target, cell in zip(targets, row, strict=False):
        values.setdefault(target, []).append(cell)
    convert = html_to_markdown if header.html else None
    plain = html_to_plain if header.html else None

    def joined(target: Target, separator: str = " ") -> str:
        cells = values.get(target, [])
        if plain is not None:
            cells = [plain(cell).text for cell in cells]
        return separator.join(cell.strip() for cell in cells if cell.strip())

    answers = values.get(Target.ANSWER, [])
    if convert is not None:
        answer = "\n\n".join(convert(cell).text for cell in answers if cell.strip())
    else:
        answer = "\n\n".join(cell.strip() for cell in answers if cell.strip())
    limit = joined(Target.TIME_LIMIT)
    prompt = joined(Target.PROMPT, "\n")
    return DraftQuestion(
        key=prompt or f"row {row_number}",
        prompt=prompt,
        answer=answer,
        key_points=tuple(split_key_points(joined(Target.KEY_POINTS, "\n"))),
        category=joined(Target.CATEGORY) or header.deck,
        level=joined(Target.LEVEL),
        tags=(*header.tags, *split_tags(joined(Target.TAGS, ",")))
        if values.get(Target.TAGS)
        else tuple(header.tags),
        time_limit_seconds=parse_time_limit(limit) if limit else None,
    )
