"""Loading and validating question packs: JSON files checked against pack.schema.json.

Every way a pack can be wrong (unreadable file, bad JSON, schema violations,
duplicate ids) becomes a :class:`PackProblem` with a plain-words message, and
:func:`load_pack` raises them together in one :class:`PackError`.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import json
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, TypeGuard, cast

from aipm_desktop.core.questions import ImportedFrom, Pack, Question

if TYPE_CHECKING:  # jsonschema is imported only when a pack has to be checked
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

MAX_PACK_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused before they are read."""
SUPPORTED_SCHEMA_VERSION = 1
MAX_QUESTIONS = 10_000
"""Packs with more questions are refused before the (slower) schema check."""
MAX_NESTING = 4
"""Objects and arrays nest at most this deep in a valid pack: pack, questions, question, list."""
ROOT = "$"
"""The location of problems about the whole file or its top-level object."""

_MAX_MESSAGE_CHARS = 200
_MAX_VALUE_CHARS = 60

JsonPath = tuple[str | int, ...]
_Found = tuple[JsonPath, str]


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack file."""

    file: str
    location: str
    """Where in the JSON: ``$`` (root), ``questions[3].key_points``, or ``line 5, column 3``."""
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


class PackError(Exception):
    """A pack could not be loaded; ``problems`` says why (never empty)."""

    def __init__(self, problems: Sequence[PackProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class PackLoadResult:
    """The packs that loaded, and the problems of those that did not."""

    packs: tuple[Pack, ...]
    problems: tuple[PackProblem, ...]


class ValidatedPacks(Protocol):
    """Remembers the content keys of pack files that passed validation.

    A key (see :func:`pack_content_key`) covers the file's bytes and the
    schema, so a changed file or a changed schema is checked again.
    """

    def is_valid(self, key: str) -> bool:
        """True if a file with this key passed validation before."""
        ...

    def remember(self, key: str) -> None:
        """Note that a file with this key passed validation."""
        ...


class _UnreadableError(Exception):
    """The file could not be turned into JSON data."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


# ---------------------------------------------------------------- schema


@functools.cache
def load_schema() -> dict[str, Any]:
    """The bundled pack JSON Schema (read once, then cached; do not mutate it)."""
    text = (resources.files("aipm_desktop") / "schemas" / "pack.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


@functools.cache
def _schema_bytes() -> bytes:
    return (resources.files("aipm_desktop") / "schemas" / "pack.schema.json").read_bytes()


def pack_content_key(raw: bytes) -> str:
    """The validation-cache key of a pack file's bytes under the bundled schema."""
    digest = hashlib.sha256(_schema_bytes())
    digest.update(f"\0{MAX_QUESTIONS}\0{MAX_NESTING}\0".encode())  # checks made beyond the schema
    digest.update(raw)
    return digest.hexdigest()


@functools.cache
def _default_validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema())


def _validator_for(schema: Mapping[str, Any] | None) -> Draft202012Validator:
    if schema is None:
        return _default_validator()
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema)


# ---------------------------------------------------------------- public API


def load_pack(
    path: Path,
    *,
    schema: Mapping[str, Any] | None = None,
    file: str | None = None,
    validated: ValidatedPacks | None = None,
) -> Pack:
    """Read, validate and build the pack at ``path``; raise :class:`PackError` if it is bad.

    ``file`` is the name used in problems (default: the path's file name). With
    ``validated``, a file whose exact bytes already passed validation against the
    bundled schema is read without checking it again, and a newly valid one is
    remembered.
    """
    name = path.name if file is None else file
    try:
        raw = _read_bytes(path)
        key = pack_content_key(raw) if validated is not None and schema is None else None
        if key is not None and validated is not None and validated.is_valid(key):
            known = _build_known_valid(raw, path)
            if known is not None:
                return known
        data = _parse_json(_decode(raw))
    except _UnreadableError as exc:
        raise PackError([PackProblem(name, exc.location, exc.message)]) from None
    pack = parse_pack(data, name, source=path, schema=schema)
    if key is not None and validated is not None:
        validated.remember(key)
    return pack


def _build_known_valid(raw: bytes, source: Path) -> Pack | None:
    """Build a pack from bytes that passed validation before; None if that fails after all."""
    try:
        data = json.loads(raw.removeprefix(codecs.BOM_UTF8).decode("utf-8"))
        return _build_pack(data, source)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def parse_pack(
    data: object,
    file: str,
    *,
    source: Path | None = None,
    schema: Mapping[str, Any] | None = None,
) -> Pack:
    """Validate already-parsed JSON ``data`` and build a :class:`Pack` from it."""
    problems = validate_pack_data(data, file, schema)
    if problems:
        raise PackError(problems)
    try:
        return _build_pack(cast(Mapping[str, Any], data), source)
    except (KeyError, TypeError, ValueError, AttributeError):  # only with a looser custom schema
        message = "the pack does not have the structure AIPM Desktop expects"
        raise PackError([PackProblem(file, ROOT, message)]) from None


def validate_pack_data(
    data: object, file: str, schema: Mapping[str, Any] | None = None
) -> list[PackProblem]:
    """Every problem with parsed pack ``data``, sorted by location; empty when valid."""
    found = dict.fromkeys(_find_problems(data, schema))  # drop repeats, keep order
    ordered = sorted(found, key=lambda item: (_path_sort_key(item[0]), item[1]))
    return [PackProblem(file, format_location(path), message) for path, message in ordered]


def load_packs(paths: Iterable[Path], *, validated: ValidatedPacks | None = None) -> PackLoadResult:
    """Load every pack; bad ones and later duplicates are reported, the rest still load."""
    registry = PackIdRegistry()
    packs: list[Pack] = []
    problems: list[PackProblem] = []
    for path in paths:
        try:
            pack = load_pack(path, validated=validated)
        except PackError as exc:
            problems.extend(exc.problems)
            continue
        clashes = registry.add(path.name, pack)
        if clashes:
            problems.extend(clashes)
        else:
            packs.append(pack)
    return PackLoadResult(tuple(packs), tuple(problems))


def discover_pack_files(directory: Path) -> list[Path]:
    """The ``*.json`` files in ``directory`` sorted by name; [] if it is missing or unreadable.

    Hidden files (names starting with ".") are skipped: editors leave those behind.
    """
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    files = [
        entry
        for entry in entries
        if entry.suffix.lower() == ".json" and not entry.name.startswith(".") and entry.is_file()
    ]
    return sorted(files, key=lambda entry: entry.name)


def format_location(path: Iterable[str | int]) -> str:
    """``("questions", 3, "id")`` -> ``questions[3].id``; the empty path is ``$``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or ROOT


class PackIdRegistry:
    """Ids of the packs accepted so far, to refuse later packs that reuse them."""

    def __init__(self) -> None:
        self._pack_files: dict[str, str] = {}
        self._question_owners: dict[str, tuple[str, str]] = {}

    def add(self, file: str, pack: Pack) -> list[PackProblem]:
        """Accept ``pack`` if its pack and question ids are new; else return the clashes."""
        clashes = self._clashes(file, pack)
        if not clashes:
            self._pack_files[pack.id] = file
            for question in pack.questions:
                self._question_owners[question.id] = (pack.id, file)
        return clashes

    def _clashes(self, file: str, pack: Pack) -> list[PackProblem]:
        if pack.id in self._pack_files:
            message = f"pack id '{pack.id}' is already used by {self._pack_files[pack.id]}"
            return [PackProblem(file, "id", message + "; this pack is not loaded")]
        clashes = []
        for index, question in enumerate(pack.questions):
            owner = self._question_owners.get(question.id)
            if owner is not None:
                message = (
                    f"question id '{question.id}' is already used by pack '{owner[0]}' "
                    f"({owner[1]}); this pack is not loaded"
                )
                clashes.append(PackProblem(file, f"questions[{index}].id", message))
        return clashes


# ---------------------------------------------------------------- reading


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _UnreadableError(ROOT, "file not found") from None
    except (OSError, ValueError) as exc:
        raise _UnreadableError(ROOT, f"could not open the file: {_os_reason(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _UnreadableError(ROOT, "this is a folder, not a pack file")
    if not stat.S_ISREG(info.st_mode):
        raise _UnreadableError(ROOT, "this is not a regular file")
    _check_size(info.st_size)
    try:
        with path.open("rb") as stream:
            raw = _read_at_most(stream, MAX_PACK_BYTES + 1)  # it may have grown since stat
    except OSError as exc:
        raise _UnreadableError(ROOT, f"could not read the file: {_os_reason(exc)}") from None
    _check_size(len(raw))
    return raw


def _read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to ``limit`` bytes, read in chunks so memory follows the file's real size."""
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = stream.read(min(1024 * 1024, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _check_size(size: int) -> None:
    if size > MAX_PACK_BYTES:
        megabytes = size / (1024 * 1024)
        limit = MAX_PACK_BYTES // (1024 * 1024)
        message = f"the file is too big ({megabytes:.1f} MB); a pack can be at most {limit} MB"
        raise _UnreadableError(ROOT, message)


def _os_reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return _truncate(str(exc))


def _decode(raw: bytes) -> str:
    raw = raw.removeprefix(codecs.BOM_UTF8)  # Windows editors like to add one
    if not raw.strip():
        raise _UnreadableError(ROOT, "the file is empty; a pack is a JSON object")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = (
            f"the file is not UTF-8 text (unexpected byte 0x{raw[exc.start]:02X}); "
            "save it with UTF-8 encoding"
        )
        raise _UnreadableError(f"line {line}, column {column}", message) from None


def _parse_json(text: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_object_without_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise _UnreadableError(
            f"line {exc.lineno}, column {exc.colno}", _syntax_message(exc)
        ) from None
    except RecursionError:
        raise _UnreadableError(ROOT, "the JSON is nested too deeply to read") from None
    except _DuplicateKeyError as exc:
        message = f"an object has the field {_quote(exc.key)} twice; keep only one"
        raise _UnreadableError(ROOT, message) from None
    except ValueError as exc:  # e.g. an integer with more than 4300 digits
        raise _UnreadableError(ROOT, f"not valid JSON: {_truncate(str(exc))}") from None


def _syntax_message(exc: json.JSONDecodeError) -> str:
    return f"not valid JSON: {exc.msg[:1].lower()}{exc.msg[1:]}"


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


# ---------------------------------------------------------------- validating


def _find_problems(data: object, schema: Mapping[str, Any] | None) -> list[_Found]:
    if not isinstance(data, dict):
        return [
            ((), f"a pack must be a JSON object ({{ ... }}) at the top level, not {_kind(data)}")
        ]
    version_problem = _future_version_problem(data)
    if version_problem is not None:
        return [version_problem]  # a newer format may differ in any way: other errors are noise
    limit_problem = _limit_problem(data)
    if limit_problem is not None:
        return [limit_problem]  # refuse quickly, before validating every question
    try:
        return [*_schema_problems(data, _validator_for(schema)), *_duplicate_problems(data)]
    except RecursionError:
        return [((), "the pack is nested too deeply to check")]


def _future_version_problem(data: Mapping[str, Any]) -> _Found | None:
    version = data.get("schema_version")
    if _is_integer(version) and version > SUPPORTED_SCHEMA_VERSION:
        message = (
            f"this pack uses format version {version}; this version of AIPM Desktop reads "
            f"version {SUPPORTED_SCHEMA_VERSION} — update the app"
        )
        return (("schema_version",), message)
    return None


def _limit_problem(data: Mapping[str, Any]) -> _Found | None:
    questions = data.get("questions")
    if isinstance(questions, list) and len(questions) > MAX_QUESTIONS:
        message = (
            f"the pack has {len(questions)} questions; a pack can have at most {MAX_QUESTIONS}"
        )
        return (("questions",), message)
    too_deep = _too_deep(data, MAX_NESTING)
    if too_deep is not None:
        message = (
            f"objects and arrays are nested deeper than a pack allows (at most {MAX_NESTING} "
            "levels: pack, questions, question, list of key points or tags)"
        )
        return too_deep, message
    return None


def _too_deep(data: object, limit: int) -> JsonPath | None:
    """The path of the first object or array nested deeper than ``limit``, or None.

    Iterative, so a hostile file cannot exhaust the stack; it stops at the first hit.
    """
    stack: list[tuple[object, JsonPath, int]] = [(data, (), 1)]
    while stack:
        value, path, depth = stack.pop()
        children: Iterable[tuple[str | int, object]]
        if isinstance(value, dict):
            children = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if depth > limit:
            return path
        stack.extend(
            (child, (*path, key), depth + 1)
            for key, child in children
            if isinstance(child, dict | list)
        )
    return None


def _schema_problems(data: object, validator: Draft202012Validator) -> Iterator[_Found]:
    for error in validator.iter_errors(data):
        path = tuple(error.absolute_path)
        for message in _describe(error):
            yield path, message


def _duplicate_problems(data: Mapping[str, Any]) -> Iterator[_Found]:
    questions = data.get("questions")
    if not isinstance(questions, list):
        return
    first_with_id: dict[str, int] = {}
    first_with_number: dict[int | float, int] = {}
    for index, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        qid, number = question.get("id"), question.get("number")
        if isinstance(qid, str):
            if qid in first_with_id:
                first = first_with_id[qid]
                message = f"duplicate question id {_quote(qid)} (also used by questions[{first}])"
                yield ("questions", index, "id"), message
            first_with_id.setdefault(qid, index)
        if _is_number(number):
            if number in first_with_number:
                first = first_with_number[number]
                message = f"duplicate question number {number} (also used by questions[{first}])"
                yield ("questions", index, "number"), message
            first_with_number.setdefault(number, index)


def _path_sort_key(path: JsonPath) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in path)


# ---------------------------------------------------------------- readable messages


_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer (a whole number)",
    "number": "a number",
    "boolean": "true or false",
    "array": "an array ([ ... ])",
    "object": "an object ({ ... })",
    "null": "null",
}

_ITEM_NOUNS = {"key_points": "key point", "questions": "question", "tags": "tag"}

_PATTERN_WORDS = {
    "id": (
        "should be an id: lowercase letters, digits, '.', '_' or '-', "
        "starting with a letter or digit (at most 100 characters)"
    ),
    "version": "should be a version number like 1, 1.2 or 1.2.3",
}

_BLANK = "must not be empty or only spaces"


def _describe(error: ValidationError) -> list[str]:
    keyword = error.validator if isinstance(error.validator, str) else ""
    describe = _DESCRIBERS.get(keyword)
    messages = describe(error) if describe is not None else []
    return messages or [_truncate(error.message)]


def _describe_required(error: ValidationError) -> list[str]:
    instance = _instance(error)
    present = instance if isinstance(instance, dict) else {}
    return [
        f"missing required field {_quote(name)}" for name in _value(error) if name not in present
    ]


def _describe_additional(error: ValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if _value(error) is not False or "patternProperties" in schema:
        return []
    known = schema.get("properties", {})
    instance = _instance(error)
    if not isinstance(instance, dict):
        return []
    return [f"unknown field {_quote(name)}" for name in instance if name not in known]


def _describe_type(error: ValidationError) -> list[str]:
    wanted = _value(error)
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    words = " or ".join(_TYPE_WORDS.get(name, name) for name in names)
    return [f"should be {words}, not {_kind(_instance(error))}"]


def _describe_min_items(error: ValidationError) -> list[str]:
    count = _value(error)
    return [f"needs at least {count} {_noun(error, count)}"]


def _describe_max_items(error: ValidationError) -> list[str]:
    count = _value(error)
    return [f"has {len(_instance(error))} {_noun(error, 2)}; at most {count} are allowed"]


def _describe_min_length(error: ValidationError) -> list[str]:
    if _value(error) == 1:
        return [_BLANK]
    return [f"is too short (at least {_value(error)} characters)"]


def _describe_max_length(error: ValidationError) -> list[str]:
    length = len(_instance(error))
    return [f"is too long ({length} characters; at most {_value(error)})"]


def _describe_pattern(error: ValidationError) -> list[str]:
    if _value(error) == "\\S":
        return [_BLANK]
    field = _last_key(error)
    if field in _PATTERN_WORDS:
        return [_PATTERN_WORDS[field]]
    return [f"has the wrong format (it should match {_truncate(str(_value(error)))})"]


def _describe_minimum(error: ValidationError) -> list[str]:
    return [f"should be at least {_value(error)}{_unit(error)}"]


def _describe_maximum(error: ValidationError) -> list[str]:
    return [f"should be at most {_value(error)}{_unit(error)}"]


def _describe_unique(error: ValidationError) -> list[str]:
    duplicate = _first_duplicate(_instance(error))
    noun = _noun(error, 1)
    if duplicate is None:
        return [f"has the same {noun} more than once"]
    return [f"has the same {noun} more than once: {_quote(duplicate)}"]


def _describe_const(error: ValidationError) -> list[str]:
    if _last_key(error) == "schema_version":
        return [
            f"the pack format version should be {_value(error)}, not {_quote(_instance(error))}"
        ]
    return [f"should be {_quote(_value(error))}"]


_DESCRIBERS: dict[str, Callable[[ValidationError], list[str]]] = {
    "required": _describe_required,
    "additionalProperties": _describe_additional,
    "type": _describe_type,
    "minItems": _describe_min_items,
    "maxItems": _describe_max_items,
    "minLength": _describe_min_length,
    "maxLength": _describe_max_length,
    "pattern": _describe_pattern,
    "minimum": _describe_minimum,
    "maximum": _describe_maximum,
    "uniqueItems": _describe_unique,
    "const": _describe_const,
}


def _value(error: ValidationError) -> Any:
    """The schema keyword's value (e.g. 1 for ``minItems: 1``)."""
    return cast(Any, error.validator_value)


def _instance(error: ValidationError) -> Any:
    """The JSON value that failed."""
    return cast(Any, error.instance)


def _last_key(error: ValidationError) -> str | None:
    for part in reversed(error.absolute_path):
        if isinstance(part, str):
            return part
    return None


def _noun(error: ValidationError, count: object) -> str:
    noun = _ITEM_NOUNS.get(_last_key(error) or "", "item")
    return noun if count == 1 else noun + "s"


def _unit(error: ValidationError) -> str:
    return " seconds" if _last_key(error) == "time_limit_seconds" else ""


def _first_duplicate(items: object) -> Any:
    if not isinstance(items, list):
        return None
    seen: set[str] = set()
    for item in items:
        key = _json_text(item)
        if key in seen:
            return item
        seen.add(key)
    return None


def _kind(value: object) -> str:
    """The JSON type of ``value``, in words."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else type(value).__name__


def _quote(value: object) -> str:
    """A short, quoted rendering of a (possibly huge) JSON value for a message."""
    text = f"'{value}'" if isinstance(value, str) else _json_text(value)
    return _truncate(text, _MAX_VALUE_CHARS)


def _json_text(value: object) -> str:
    """``value`` as JSON; its repr for data JSON cannot hold (e.g. a cycle from a caller)."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return repr(value)


def _truncate(text: str, limit: int = _MAX_MESSAGE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_integer(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


# ---------------------------------------------------------------- building


def _build_pack(data: Mapping[str, Any], source: Path | None) -> Pack:
    pack_id: str = data["id"]
    version: str = data["version"]
    questions = tuple(_build_question(item, pack_id, version) for item in data["questions"])
    return Pack(
        id=pack_id,
        title=data["title"],
        description=data["description"],
        version=version,
        schema_version=int(data["schema_version"]),
        questions=questions,
        source=source,
        imported_from=_build_imported_from(data.get("imported_from")),
    )


def _build_imported_from(data: Mapping[str, Any] | None) -> ImportedFrom | None:
    return None if data is None else ImportedFrom(file=data["file"], format=data["format"])


def _build_question(item: Mapping[str, Any], pack_id: str, pack_version: str) -> Question:
    limit = item.get("time_limit_seconds")
    return Question(
        id=item["id"],
        number=int(item["number"]),  # JSON Schema counts 3.0 as an integer
        prompt=item["prompt"],
        category=item["category"],
        level=item["level"],
        model_answer=item["model_answer"],
        key_points=tuple(item["key_points"]),
        time_limit_seconds=None if limit is None else int(limit),
        tags=tuple(item.get("tags", ())),
        pack_id=pack_id,
        pack_version=pack_version,
    )
