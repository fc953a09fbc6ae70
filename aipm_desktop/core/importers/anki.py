"""Anki packages (.apkg, .colpkg) -> draft questions.

Fields: the one mapped to ``prompt`` (default: the note type's first field) becomes the
prompt, the one mapped to ``answer`` (default: the second) the model answer. Deck names
become categories, tags stay tags, HTML becomes Markdown, media is dropped and counted.

Cloze notes become one question per cloze number: the prompt shows the text with that
cloze hidden as ``[...]`` (or ``[hint]``), the answer shows it in bold, followed by the
note's other answer fields (such as Back Extra).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from aipm_desktop.core.importers.anki_collection import Collection, Note, NoteType
from aipm_desktop.core.importers.anki_package import read_package
from aipm_desktop.core.importers.html_text import html_to_markdown, html_to_plain
from aipm_desktop.core.importers.model import (
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

_CLOZE = re.compile(r"\{\{c(\d{1,4})::(.*?)(?:::((?:(?!\}\}).)*?))?\}\}", re.DOTALL)
CLOZE_POLICY = "one question per cloze number"
MAX_FIELD_CHARS = 1_000_000
"""Longer fields (a pasted book, a hostile file) are skipped before any HTML is parsed."""


def convert_anki(path: Path, mapping: FieldMapping | None, file: str) -> ConvertedPack:
    """Read the package at ``path`` and convert its notes."""
    contents = read_package(path, file)
    builder = DraftBuilder(file)
    field_names: dict[str, None] = {}
    used: dict[str, Target] = {}
    references = 0
    with Collection(contents.database, file) as collection:
        for note in collection.notes():
            targets = _targets(note.note_type, mapping)
            for name, target in targets.items():
                field_names.setdefault(name, None)
                used.setdefault(name, target)
            references += _convert_note(note, targets, builder)
    builder.counts.media_dropped = max(contents.media_files, references)
    source_format = (
        SourceFormat.ANKI_COLPKG if file.casefold().endswith(".colpkg") else SourceFormat.ANKI_APKG
    )
    return ConvertedPack(
        source_name=file,
        source_format=source_format,
        pack_id=pack_id_from_name(file),
        title=title_from_name(file),
        questions=tuple(builder.questions),
        counts=builder.counts,
        fields=tuple(field_names),
        mapping=used,
    )


def _targets(note_type: NoteType, mapping: FieldMapping | None) -> dict[str, Target]:
    """Field name -> target for one note type: the mapping, then defaults for the rest."""
    targets: dict[str, Target] = {}
    for index, name in enumerate(note_type.fields, start=1):
        target = lookup(mapping, name, index)
        if target is not None:
            targets[name] = target
    for wanted in (Target.PROMPT, Target.ANSWER):
        if wanted in targets.values():
            continue
        free = next((name for name in note_type.fields if name not in targets), None)
        if free is not None:
            targets[free] = wanted
    for name in note_type.fields:
        targets.setdefault(name, Target.IGNORE)
    return targets


def _convert_note(note: Note, targets: Mapping[str, Target], builder: DraftBuilder) -> int:
    """Add the note's question(s) to ``builder``; returns how many media references it had."""
    by_target: dict[Target, list[str]] = {}
    for name, value in zip(note.note_type.fields, note.fields, strict=False):
        by_target.setdefault(targets.get(name, Target.IGNORE), []).append(value)
    if len(note.fields) < len(note.note_type.fields) or not note.note_type.fields:
        builder.skip("notes whose fields do not match their note type")
        return 0
    if any(len(value) > MAX_FIELD_CHARS for value in note.fields):
        builder.skip(f"notes with a field over {MAX_FIELD_CHARS} characters")
        return 0
    media = 0
    extras = [html_to_markdown(value) for value in by_target.get(Target.ANSWER, [])]
    key_points = []
    for value in by_target.get(Target.KEY_POINTS, []):
        key_points += split_key_points(html_to_plain(value).text)
    tags = list(note.tags)
    for value in by_target.get(Target.TAGS, []):
        tags += split_tags(html_to_plain(value).text)
    category = " ".join(html_to_plain(v).text for v in by_target.get(Target.CATEGORY, []))
    level = " ".join(html_to_plain(v).text for v in by_target.get(Target.LEVEL, []))
    limit_text = " ".join(html_to_plain(v).text for v in by_target.get(Target.TIME_LIMIT, []))
    base = DraftQuestion(
        key=note.guid or str(note.id),
        prompt="",
        answer="",
        key_points=tuple(key_points),
        category=category or note.deck,
        level=level,
        tags=tuple(tags),
        time_limit_seconds=parse_time_limit(limit_text) if limit_text else None,
    )
    prompt_html = "<br>".join(by_target.get(Target.PROMPT, []))
    media += sum(extra.media for extra in extras)
    extra_text = "\n\n".join(extra.text for extra in extras if extra.text)
    if note.note_type.is_cloze or _CLOZE.search(prompt_html):
        return media + _add_clozes(base, prompt_html, extra_text, builder)
    prompt = html_to_plain(prompt_html)
    builder.add(replace(base, prompt=prompt.text, answer=extra_text))
    return media + prompt.media


def _add_clozes(base: DraftQuestion, html: str, extra: str, builder: DraftBuilder) -> int:
    numbers = sorted({int(match.group(1)) for match in _CLOZE.finditer(html)})
    if not numbers:
        builder.skip("cloze notes without a cloze")
        return 0
    builder.counts.cloze_notes += 1
    media = 0
    for number in numbers:
        prompt = html_to_plain(_CLOZE.sub(functools.partial(_hide, number=number), html))
        answer = html_to_markdown(_CLOZE.sub(functools.partial(_reveal, number=number), html))
        media = max(media, prompt.media)
        text = answer.text + (f"\n\n{extra}" if extra else "")
        hidden = [
            html_to_plain(match.group(2)).text
            for match in _CLOZE.finditer(html)
            if int(match.group(1)) == number
        ]
        points = base.key_points or tuple(hidden)
        before = builder.counts.questions
        builder.add(
            replace(
                base,
                key=f"{base.key}#c{number}",
                prompt=prompt.text,
                answer=text,
                key_points=points,
            )
        )
        builder.counts.cloze_questions += builder.counts.questions - before
    return media


def _hide(match: re.Match[str], number: int) -> str:
    if int(match.group(1)) != number:
        return match.group(2)
    hint = match.group(3)
    return f"[{hint}]" if hint else "[...]"


def _reveal(match: re.Match[str], number: int) -> str:
    text = match.group(2)
    return f"<b>{text}</b>" if int(match.group(1)) == number else text
