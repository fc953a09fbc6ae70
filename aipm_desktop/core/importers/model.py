"""What every importer produces: draft questions, counts, and the pack data built from them."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from aipm_desktop.core.packs import (
    MAX_QUESTIONS,
    ROOT,
    SUPPORTED_SCHEMA_VERSION,
    PackError,
    PackProblem,
    validate_pack_data,
)

DEFAULT_LEVEL = "General"
"""The level of imported questions whose source has none."""
MAX_PROMPT_CHARS = 2000
MAX_ANSWER_CHARS = 200_000
MAX_KEY_POINTS = 50
MAX_KEY_POINT_CHARS = 500
MAX_LABEL_CHARS = 100
MAX_TAGS = 30
MAX_TAG_CHARS = 60
MIN_TIME_LIMIT = 10
MAX_TIME_LIMIT = 7200
_ID_PREFIX_CHARS = 60


class ConversionError(PackError):
    """A file could not be turned into a pack; one problem, in plain words."""

    def __init__(self, file: str, message: str, location: str = ROOT) -> None:
        super().__init__([PackProblem(file, location, message)])
        self.message = message


class SourceFormat(StrEnum):
    """The kind of file a pack was converted from (kept in the pack's metadata)."""

    ANKI_APKG = "anki-apkg"
    ANKI_COLPKG = "anki-colpkg"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"
    OBSIDIAN = "obsidian-markdown"

    @property
    def label(self) -> str:
        """The format in words."""
        return _FORMAT_LABELS[self]


_FORMAT_LABELS = {
    SourceFormat.ANKI_APKG: "Anki deck package (.apkg)",
    SourceFormat.ANKI_COLPKG: "Anki collection package (.colpkg)",
    SourceFormat.CSV: "CSV (comma-separated)",
    SourceFormat.TSV: "TSV (tab-separated)",
    SourceFormat.MARKDOWN: "Markdown (one question per heading)",
    SourceFormat.OBSIDIAN: "Markdown flash cards (Obsidian Question::Answer and ?)",
}


class Target(StrEnum):
    """Where a source field or column goes in a question."""

    PROMPT = "prompt"
    ANSWER = "answer"
    KEY_POINTS = "key_points"
    CATEGORY = "category"
    LEVEL = "level"
    TAGS = "tags"
    TIME_LIMIT = "time_limit"
    IGNORE = "ignore"


_TARGET_ALIASES = {
    "question": Target.PROMPT,
    "front": Target.PROMPT,
    "model_answer": Target.ANSWER,
    "back": Target.ANSWER,
    "keypoints": Target.KEY_POINTS,
    "rubric": Target.KEY_POINTS,
    "time": Target.TIME_LIMIT,
    "time_limit_seconds": Target.TIME_LIMIT,
    "skip": Target.IGNORE,
    "none": Target.IGNORE,
}

FieldMapping = Mapping[str, Target]
"""Source field or column name (any case) -> where it goes."""


def parse_target(text: str) -> Target:
    """``"answer"``, ``"model answer"``, ``"key-points"``... -> a :class:`Target`."""
    key = re.sub(r"[\s-]+", "_", text.strip().casefold())
    if key in _TARGET_ALIASES:
        return _TARGET_ALIASES[key]
    try:
        return Target(key)
    except ValueError:
        names = ", ".join(target.value for target in Target)
        raise ValueError(f"'{text}' is not a question field; use one of: {names}") from None


def parse_mapping(text: str) -> dict[str, Target]:
    """``"front=prompt,back=answer"`` -> ``{"front": PROMPT, "back": ANSWER}``.

    Raises ValueError with a message for the user when the text is malformed.
    """
    mapping: dict[str, Target] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        source, equals, target = part.partition("=")
        if not equals or not source.strip():
            raise ValueError(f"'{part.strip()}' should look like FIELD=TARGET, e.g. front=prompt")
        mapping[source.strip().casefold()] = parse_target(target)
    return mapping


def lookup(mapping: FieldMapping | None, name: str, index: int) -> Target | None:
    """Where field ``name`` (the ``index``-th, counting from 1) goes, if the mapping says."""
    if not mapping:
        return None
    folded = {key.casefold(): value for key, value in mapping.items()}
    return folded.get(name.casefold(), folded.get(str(index)))


@dataclass(frozen=True)
class DraftQuestion:
    """A converted question before it gets its id and number."""

    key: str
    """A stable key within the source (an Anki note guid, a prompt): the id is made from it."""
    prompt: str
    answer: str
    key_points: tuple[str, ...] = ()
    category: str = ""
    level: str = ""
    tags: tuple[str, ...] = ()
    time_limit_seconds: int | None = None


@dataclass
class ImportCounts:
    """What a conversion did, for the preview and the command line."""

    questions: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    """Reason -> how many notes, rows or sections were left out."""
    media_dropped: int = 0
    """Images, sounds and videos referred to or shipped in the file: never imported."""
    cloze_notes: int = 0
    cloze_questions: int = 0
    key_points_derived: int = 0
    """Questions whose rubric was made from the answer's lines, for want of key points."""

    @property
    def skipped_total(self) -> int:
        """How many were left out, whatever the reason."""
        return sum(self.skipped.values())

    def lines(self) -> list[str]:
        """The counts as short lines for people."""
        lines = [f"Questions: {self.questions}"]
        skipped = ", ".join(f"{count} {reason}" for reason, count in sorted(self.skipped.items()))
        lines.append(f"Skipped: {self.skipped_total}" + (f" ({skipped})" if skipped else ""))
        lines.append(f"Media not imported (images, sounds): {self.media_dropped}")
        if self.cloze_notes:
            lines.append(
                f"Cloze notes: {self.cloze_notes}, made into {self.cloze_questions} questions "
                "(one per cloze number)"
            )
        if self.key_points_derived:
            lines.append(
                f"Key points taken from the answer's lines (none given): {self.key_points_derived}"
            )
        return lines


@dataclass(frozen=True)
class ConvertedPack:
    """A file turned into pack data, ready for a preview and an import."""

    source_name: str
    source_format: SourceFormat
    pack_id: str
    title: str
    questions: tuple[DraftQuestion, ...]
    counts: ImportCounts
    fields: tuple[str, ...] = ()
    """The source's field or column names, for changing the mapping (empty for Markdown)."""
    mapping: Mapping[str, Target] = field(default_factory=dict)
    """The mapping used, by field name as the source spells it."""
    description: str = ""

    def with_identity(self, pack_id: str, title: str) -> ConvertedPack:
        """The same pack under another id and title (the questions' ids follow the pack id)."""
        return replace(self, pack_id=pack_id, title=title)

    def to_pack_data(self, version: str = "1") -> dict[str, Any]:
        """Pack data as in ``questions/*.json``; raises :class:`PackError` if it is invalid."""
        prefix = self.pack_id[:_ID_PREFIX_CHARS].rstrip("._-") or "q"
        questions = []
        for number, draft in enumerate(self.questions, start=1):
            digest = hashlib.sha256(draft.key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
            item: dict[str, Any] = {
                "id": f"{prefix}-{digest}",
                "number": number,
                "prompt": draft.prompt,
                "category": draft.category or self.title[:MAX_LABEL_CHARS],
                "level": draft.level or DEFAULT_LEVEL,
                "model_answer": draft.answer,
                "key_points": list(draft.key_points),
            }
            if draft.time_limit_seconds is not None:
                item["time_limit_seconds"] = draft.time_limit_seconds
            if draft.tags:
                item["tags"] = list(draft.tags)
            questions.append(item)
        description = self.description or f"Imported from {self.source_name}."
        data: dict[str, Any] = {
            "schema_version": SUPPORTED_SCHEMA_VERSION,
            "id": self.pack_id,
            "title": self.title,
            "description": description[:20000],
            "version": version,
            "imported_from": {
                "file": self.source_name[:255] or "unnamed",
                "format": self.source_format.value,
            },
            "questions": questions,
        }
        problems = validate_pack_data(data, self.source_name)
        if problems:
            raise PackError(problems)
        return data


class DraftBuilder:
    """Collects draft questions, cleaning each field to what a pack allows.

    Questions whose prompt or answer is empty or too long are skipped with a reason;
    labels, tags and key points are trimmed to the pack limits.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.counts = ImportCounts()
        self.questions: list[DraftQuestion] = []
        self._keys: Counter[str] = Counter()

    def add(self, draft: DraftQuestion) -> None:
        """Clean and keep ``draft``, or count it as skipped."""
        prompt = draft.prompt.strip()
        answer = draft.answer.strip()
        if not prompt:
            self.skip("without a prompt")
            return
        if not answer:
            self.skip("without an answer")
            return
        if len(prompt) > MAX_PROMPT_CHARS:
            self.skip(f"with a prompt over {MAX_PROMPT_CHARS} characters")
            return
        if len(answer) > MAX_ANSWER_CHARS:
            self.skip(f"with an answer over {MAX_ANSWER_CHARS} characters")
            return
        if len(self.questions) >= MAX_QUESTIONS:
            raise ConversionError(
                self.file,
                f"the file holds more than {MAX_QUESTIONS} questions; a pack can have at most "
                f"{MAX_QUESTIONS} (split the file and import each part)",
            )
        key_points = clean_items(draft.key_points, MAX_KEY_POINTS, MAX_KEY_POINT_CHARS)
        if not key_points:
            key_points = derive_key_points(answer)
            self.counts.key_points_derived += 1
        self._keys[draft.key] += 1
        seen = self._keys[draft.key]
        key = draft.key if seen == 1 else f"{draft.key}\0{seen}"
        limit = draft.time_limit_seconds
        self.questions.append(
            DraftQuestion(
                key=key,
                prompt=prompt,
                answer=answer,
                key_points=key_points,
                category=clean_label(draft.category),
                level=clean_label(draft.level),
                tags=clean_items(draft.tags, MAX_TAGS, MAX_TAG_CHARS, truncate=False),
                time_limit_seconds=limit
                if limit and MIN_TIME_LIMIT <= limit <= MAX_TIME_LIMIT
                else None,
            )
        )
        self.counts.questions += 1

    def skip(self, reason: str, count: int = 1) -> None:
        """Count ``count`` notes or rows left out for ``reason``."""
        self.counts.skipped[reason] += count


def clean_label(text: str) -> str:
    """One line, trimmed to a category or level's length; "" when blank."""
    line = " ".join(text.split())
    return truncate(line, MAX_LABEL_CHARS)


def clean_items(
    items: Sequence[str], max_items: int, max_chars: int, *, truncate: bool = True
) -> tuple[str, ...]:
    """Non-blank, unique items, each at most ``max_chars`` (longer ones cut, or dropped)."""
    kept: dict[str, None] = {}
    for item in items:
        text = " ".join(item.split())
        if not text:
            continue
        if len(text) > max_chars:
            if not truncate:
                continue
            text = _truncate(text, max_chars)
        kept.setdefault(text, None)
        if len(kept) == max_items:
            break
    return tuple(kept)


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return _truncate(text, limit)


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*\S)")
_PLACEHOLDER = re.compile(r"^\s*\\?\[(?:image|sound|video) not imported\\?\]\s*$")
_MARKUP = re.compile(r"\*\*|__|\\(?=[\\`*_{}\[\]()#+\-.!<>|])")


def derive_key_points(answer: str) -> tuple[str, ...]:
    """A rubric from the answer: its list items, else its lines (at most ten)."""
    lines = answer.splitlines()
    items = [match.group(1) for line in lines if (match := _LIST_ITEM.match(line))]
    if not items:
        items = [line for line in lines if line.strip() and not line.lstrip().startswith("|")]
    cleaned = [_MARKUP.sub("", item).strip() for item in items if not _PLACEHOLDER.match(item)]
    cleaned = cleaned[:10]
    points = clean_items(cleaned, 10, MAX_KEY_POINT_CHARS)
    return points or (truncate(" ".join(answer.split()), MAX_KEY_POINT_CHARS),)


def pack_id_from_name(name: str) -> str:
    """A pack id from a file name: ``"My Deck (2).apkg"`` -> ``"my-deck-2"``."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    slug = re.sub(r"[^a-z0-9]+", "-", stem.casefold()).strip("-")[:80]
    return slug or "imported-questions"


def title_from_name(name: str) -> str:
    """A pack title from a file name: ``"ai_pm-deck.csv"`` -> ``"ai pm deck"``."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    words = " ".join(re.sub(r"[_-]+", " ", stem).split())
    return truncate(words, 200) or "Imported questions"
