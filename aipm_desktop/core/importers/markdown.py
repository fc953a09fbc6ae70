"""Markdown files -> draft questions, in one of two styles.

Headings: one question per heading; its body is the model answer, and a list under a
"Key points" heading or line is the rubric. Lone top headings with no text of their
own (above the question headings) become categories; a single ``#`` title names the
pack. ``Category:``, ``Level:``, ``Tags:`` and ``Time:`` lines right under a heading
set those fields.

Flash cards (Obsidian spaced repetition): ``Question::Answer`` on one line, or question
lines, a line with only ``?``, and answer lines, ending at a blank line. The nearest
heading above a card is its category. Used when the file holds such cards.

Images (``![...](...)``, ``![[...]]``, ``<img>``) are replaced by a placeholder and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aipm_desktop.core.importers.html_text import IMAGE_PLACEHOLDER, escape_markdown
from aipm_desktop.core.importers.model import (
    ConvertedPack,
    DraftBuilder,
    DraftQuestion,
    SourceFormat,
    pack_id_from_name,
    title_from_name,
    truncate,
)
from aipm_desktop.core.importers.values import parse_time_limit, split_key_points, split_tags

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INLINE_CARD = re.compile(r"^(?!\s*[-*+>|]\s)(.*?\S)\s*:{2,3}\s*(\S.*)$")
_KEY_POINTS = re.compile(r"^\W*(key[ _-]?points|rubric)\W*$", re.IGNORECASE)
_KEY_POINTS_LINE = re.compile(
    r"^(?:#{1,6}\s+(?:\*\*)?|\*\*|__)?\s*(key[ _-]?points|rubric)\s*(:)?\s*(\*\*|__)?\s*(:)?$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_FIELD_LINE = re.compile(r"^(category|level|tags|time(?: limit)?)\s*:\s*(.+)$", re.IGNORECASE)
_IMAGE = re.compile(r"!\[\[[^\]\n]*\]\]|!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>]*>", re.IGNORECASE)
_SR_COMMENT = re.compile(r"<!--SR:[^>]*-->")
_TAG_LINE = re.compile(r"^\s*(#[\w/-]+\s*)+$")


@dataclass
class _Section:
    level: int
    title: str
    lines: list[str] = field(default_factory=list)


def convert_markdown(text: str, file: str) -> ConvertedPack:
    """Convert Markdown ``text``; flash-card style when the file holds cards."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    builder = DraftBuilder(file)
    text, images = _IMAGE.subn(escape_markdown(IMAGE_PLACEHOLDER), text)
    builder.counts.media_dropped = images
    text = _SR_COMMENT.sub("", text)
    lines = text.split("\n")
    title = title_from_name(file)
    if _has_cards(lines):
        _cards(lines, builder)
        source_format = SourceFormat.OBSIDIAN
    else:
        title = _headings(lines, title, builder)
        source_format = SourceFormat.MARKDOWN
    return ConvertedPack(
        source_name=file,
        source_format=source_format,
        pack_id=pack_id_from_name(file),
        title=title,
        questions=tuple(builder.questions),
        counts=builder.counts,
    )


def _outside_code(lines: list[str]) -> list[tuple[int, str, bool]]:
    """(index, line, inside a fenced code block) for each line."""
    result = []
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            result.append((index, line, True))
        else:
            result.append((index, line, fenced))
    return result


def _has_cards(lines: list[str]) -> bool:
    for _index, line, code in _outside_code(lines):
        if code or _HEADING.match(line):
            continue
        if line.strip() in ("?", "??") or (_INLINE_CARD.match(line) and "://" not in line):
            return True
    return False


# ---------------------------------------------------------------- flash cards


def _cards(lines: list[str], builder: DraftBuilder) -> None:
    category = ""
    tags: list[str] = []
    paragraph: list[str] = []
    answer: list[str] | None = None
    question: list[str] = []

    def finish() -> None:
        nonlocal answer, question
        if answer is not None:
            prompt = "\n".join(question).strip()
            builder.add(_card(prompt, "\n".join(answer), category, tags))
        answer, question = None, []

    for _index, line, code in _outside_code(lines):
        heading = None if code else _HEADING.match(line)
        if heading or (not code and not line.strip()):
            finish()
            paragraph = []
            if heading:
                category = heading.group(2).strip()
            continue
        if answer is not None:
            answer.append(line)
            continue
        if not code and line.strip() in ("?", "??"):
            question, answer, paragraph = paragraph, [], []
            continue
        inline = None if code or "://" in line else _INLINE_CARD.match(line)
        if inline:
            builder.add(_card(inline.group(1).strip(), inline.group(2), category, tags))
            continue
        if not code and _TAG_LINE.match(line) and not paragraph:
            tags += split_tags(line)
            continue
        paragraph.append(line)
    finish()


def _card(prompt: str, answer: str, category: str, tags: list[str]) -> DraftQuestion:
    return DraftQuestion(
        key=prompt, prompt=prompt, answer=answer.strip(), category=category, tags=tuple(tags)
    )


# ---------------------------------------------------------------- headings


def _headings(lines: list[str], title: str, builder: DraftBuilder) -> str:
    sections: list[_Section] = []
    preamble: list[str] = []
    for _index, line, code in _outside_code(lines):
        heading = None if code else _HEADING.match(line)
        if heading and not _KEY_POINTS.match(heading.group(2)):
            sections.append(_Section(len(heading.group(1)), heading.group(2).strip()))
        elif sections:
            sections[-1].lines.append(line)
        else:
            preamble.append(line)
    if not sections:
        builder.skip("files without headings")
        return title
    top = [s for s in sections if s.level == 1]
    if len(top) == 1 and sections[0] is top[0] and len(sections) > 1:
        title = truncate(top[0].title, 200) or title
        sections = sections[1:]
    with_text = [s.level for s in sections if _body_text(s.lines)]
    question_level = min(with_text) if with_text else min(s.level for s in sections)
    category = ""
    questions: list[tuple[_Section, str]] = []
    for section in sections:
        if section.level < question_level:
            category = section.title
        elif section.level == question_level or not questions:
            questions.append((section, category))
        else:  # a sub-heading inside the previous question: part of its answer
            previous = questions[-1][0]
            previous.lines += ["", "#" * section.level + " " + section.title, *section.lines]
    for section, its_category in questions:
        builder.add(_question(section, its_category))
    return title


def _body_text(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)


def _question(section: _Section, category: str) -> DraftQuestion:
    fields: dict[str, str] = {}
    body = list(section.lines)
    while body and not body[0].strip():
        body.pop(0)
    while body and (match := _FIELD_LINE.match(body[0].strip())):
        fields[match.group(1).casefold().split()[0]] = match.group(2).strip()
        body.pop(0)
    answer_lines: list[str] = []
    key_points: list[str] = []
    in_points = False
    for line in body:
        stripped = line.strip()
        if _is_key_points_line(stripped):
            in_points = True
            continue
        if in_points:
            item = _LIST_ITEM.match(line)
            if item:
                key_points.append(item.group(1))
                continue
            if not stripped:
                continue
            if key_points and line.startswith((" ", "\t")):
                key_points[-1] += " " + stripped
                continue
            in_points = False
        answer_lines.append(line)
    limit = fields.get("time")
    return DraftQuestion(
        key=section.title,
        prompt=section.title,
        answer="\n".join(answer_lines).strip(),
        key_points=tuple(key_points) or tuple(split_key_points(fields.get("key", ""))),
        category=fields.get("category", category),
        level=fields.get("level", ""),
        tags=tuple(split_tags(fields.get("tags", ""))),
        time_limit_seconds=parse_time_limit(limit) if limit else None,
    )


def _is_key_points_line(line: str) -> bool:
    """A heading, a bold label or a label with a colon saying "Key points" (or "Rubric")."""
    match = _KEY_POINTS_LINE.match(line)
    if match is None:
        return False
    marked = line.startswith(("#", "**", "__"))
    return marked or match.group(2) is not None or match.group(4) is not None
