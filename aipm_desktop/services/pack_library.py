"""The user's pack library: bundled packs, imported copies and their own questions.

Everything lives in the data folder, beside the database::

    packs/imported/<pack-id>.json   copies of imported packs (the original can go)
    packs/my-questions.json         the user's own questions, as a pack
    packs/library.json              which packs are switched off, and the own pack's version

``library.json`` is a small file rather than a QSettings key or a database table
because it describes the files next to it: it travels with the data folder, the
command line (which never loads Qt) can read and write it, and packs keep working
if the database cannot be opened. Every file here is written atomically.

Nothing here deletes attempts: history is linked to question ids in the database.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from aipm_desktop.core.atomic_file import write_text_atomically
from aipm_desktop.core.pack_data import pack_to_json, version_key
from aipm_desktop.core.packs import (
    PackError,
    PackIdRegistry,
    PackProblem,
    discover_pack_files,
    load_pack,
    parse_pack,
)
from aipm_desktop.core.question_edit import QuestionFields, build_question, validate_fields
from aipm_desktop.core.questions import Pack, Question
from aipm_desktop.services.bundled import bundled_questions_dir
from aipm_desktop.services.pack_cache import ValidatedPackCache

OWN_PACK_ID = "my-questions"
OWN_PACK_TITLE = "My questions"
OWN_FILE_NAME = "my-questions.json"
STATE_FILE_NAME = "library.json"


class PackSource(StrEnum):
    """Where a pack comes from."""

    BUNDLED = "bundled"
    IMPORTED = "imported"
    OWN = "own"


class LibraryError(Exception):
    """A library operation was refused; the message is meant for the user."""


@dataclass(frozen=True)
class PackEntry:
    """One pack in the library."""

    pack: Pack
    source: PackSource
    enabled: bool


@dataclass(frozen=True)
class LibraryContents:
    """Every pack found, and the problems of the files that could not be loaded."""

    entries: tuple[PackEntry, ...]
    problems: tuple[PackProblem, ...]

    def questions(self) -> list[Question]:
        """The questions of the switched-on packs, in library order."""
        return [q for entry in self.entries if entry.enabled for q in entry.pack.questions]

    def entry(self, pack_id: str) -> PackEntry | None:
        """The pack with this id, if loaded."""
        return next((entry for entry in self.entries if entry.pack.id == pack_id), None)

    def own_pack(self) -> Pack | None:
        """The user's own questions, if they have any."""
        entry = self.entry(OWN_PACK_ID)
        return entry.pack if entry is not None else None


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did."""

    pack: Pack
    replaced_version: str | None
    """The version that the import replaced, or None for a new pack."""

    def describe(self) -> str:
        """One sentence for the user."""
        count = len(self.pack.questions)
        noun = "question" if count == 1 else "questions"
        if self.replaced_version is None:
            return f"Imported “{self.pack.title}” {self.pack.version} ({count} {noun})."
        return (
            f"Updated “{self.pack.title}” from {self.replaced_version} to "
            f"{self.pack.version} ({count} {noun}); your history is kept."
        )


class PackLibrary:
    """Reads and changes the packs in one data folder. No Qt; every write is atomic."""

    def __init__(
        self,
        data_dir: Path,
        bundled_dir: Path | None = None,
        *,
        validated: ValidatedPackCache | None = None,
    ) -> None:
        """``validated``: a file remembering packs that passed the schema check on
        earlier starts, so unchanged files are not checked (nor jsonschema loaded) again."""
        self.folder = data_dir / "packs"
        self.imported_dir = self.folder / "imported"
        self.own_file = self.folder / OWN_FILE_NAME
        self.state_file = self.folder / STATE_FILE_NAME
        self._bundled_dir = bundled_dir
        self._cache: dict[Path, tuple[tuple[int, int, int], Pack]] = {}
        """Packs already validated, by file and (inode, mtime, size): reloads stay quick.
        Every write here replaces the file, so a changed file always has a new inode."""
        self._validated = validated

    # -- reading -------------------------------------------------------
    def load(self) -> LibraryContents:
        """Every pack (bundled, imported, own) with its switch; never raises for bad files."""
        disabled = set(self._state().get("disabled", []))
        registry = PackIdRegistry()
        entries: list[PackEntry] = []
        problems: list[PackProblem] = []
        for source, path in self._pack_files():
            try:
                pack = self._load_cached(path)
            except PackError as error:
                problems.extend(error.problems)
                continue
            clashes = registry.add(path.name, pack)
            if clashes:
                problems.extend(clashes)
                continue
            entries.append(PackEntry(pack, source, pack.id not in disabled))
        if self._validated is not None:
            self._validated.save()
        return LibraryContents(tuple(entries), tuple(problems))

    def _load_cached(self, path: Path) -> Pack:
        try:
            info = path.stat()
            stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
        except OSError:
            return load_pack(path)  # reports the problem in words
        cached = self._cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        pack = load_pack(path, validated=self._validated)
        self._cache[path] = (stamp, pack)
        return pack

    def _pack_files(self) -> list[tuple[PackSource, Path]]:
        files = [(PackSource.BUNDLED, path) for path in discover_pack_files(self._bundled())]
        files += [(PackSource.IMPORTED, path) for path in discover_pack_files(self.imported_dir)]
        if self.own_file.exists():
            files.append((PackSource.OWN, self.own_file))
        return files

    def _bundled(self) -> Path:
        if self._bundled_dir is not None:
            return self._bundled_dir
        try:
            return bundled_questions_dir()
        except FileNotFoundError:
            return self.folder / "no-bundled-packs"

    # -- importing and removing -----------------------------------------
    def check_import(self, path: Path) -> tuple[Pack, Pack | None]:
        """Validate a pack file for import: (the pack, the imported pack it replaces).

        Raises :class:`PackError` with every problem, including a version that is
        not newer than the one already imported and ids used by other packs.
        """
        file = path.name
        pack = load_pack(path, file=file)
        contents = self.load()
        existing = contents.entry(pack.id)
        if existing is not None and existing.source != PackSource.IMPORTED:
            what = "your own questions" if existing.source == PackSource.OWN else "a bundled pack"
            message = f"the pack id '{pack.id}' is used by {what}; give this pack another id"
            raise PackError([PackProblem(file, "id", message)])
        if pack.id == OWN_PACK_ID:
            message = f"the pack id '{OWN_PACK_ID}' is kept for your own questions"
            raise PackError([PackProblem(file, "id", message)])
        old = existing.pack if existing is not None else None
        if old is not None and version_key(pack.version) <= version_key(old.version):
            message = (
                f"version {pack.version} of “{pack.title}” is not newer than version "
                f"{old.version}, which is already imported; nothing was changed"
            )
            raise PackError([PackProblem(file, "version", message)])
        registry = PackIdRegistry()
        for entry in contents.entries:
            if entry.pack.id != pack.id:
                registry.add(_file_label(entry), entry.pack)
        clashes = registry.add(file, pack)
        if clashes:
            raise PackError(clashes)
        return pack, old

    def import_pack(self, path: Path) -> ImportOutcome:
        """Validate ``path`` and copy it into the library (replacing an older version)."""
        return self.install(*self.check_import(path))

    def install(self, pack: Pack, old: Pack | None) -> ImportOutcome:
        """Write a pack `check_import` accepted into the library (replacing ``old``).

        The file is the one found for the older version (by path), or a new name made
        only of a-z, 0-9 and "-": never a path built from the id as it stands.
        """
        replaced = self.load().entry(pack.id) if old is not None else None
        known = replaced.pack.source if replaced is not None else None
        if known is not None and self._is_imported_file(known):
            target = known
        else:
            target = self.imported_dir / f"{_file_stem(pack.id)}.json"
        write_text_atomically(target, pack_to_json(pack))
        copied = replace(pack, source=target)
        return ImportOutcome(copied, old.version if old is not None else None)

    def remove_pack(self, pack_id: str) -> None:
        """Delete an imported pack's copy. Attempts at its questions stay in the database."""
        entry = self.load().entry(pack_id)
        if entry is None or entry.source != PackSource.IMPORTED:
            raise LibraryError("Only imported packs can be removed.")
        source = entry.pack.source
        if source is None or not self._is_imported_file(source):
            raise LibraryError("That pack's file is not in the imported packs folder.")
        source.unlink(missing_ok=True)
        state = self._state()
        state["disabled"] = [d for d in state.get("disabled", []) if d != pack_id]
        self._write_state(state)

    def _is_imported_file(self, path: Path) -> bool:
        """True for a file directly inside the imported packs folder (found there, by path)."""
        return path.parent.resolve() == self.imported_dir.resolve() and path.suffix == ".json"

    def set_enabled(self, pack_id: str, enabled: bool) -> None:
        """Switch a pack's questions on or off."""
        state = self._state()
        disabled = [d for d in state.get("disabled", []) if d != pack_id]
        if not enabled:
            disabled.append(pack_id)
        state["disabled"] = sorted(disabled)
        self._write_state(state)

    # -- own questions -----------------------------------------------------
    def save_own_question(self, fields: QuestionFields, question_id: str | None = None) -> Question:
        """Add a new own question (``question_id`` None) or replace one; returns it.

        Raises :class:`LibraryError` when the fields are invalid or the own
        questions file is unreadable (it is then left untouched).
        """
        problems = validate_fields(fields)
        if problems:
            raise LibraryError(" ".join(problems.values()))
        questions = list(self._own_questions())
        version = self._next_own_version()
        if question_id is None:
            number = max((q.number for q in questions), default=0) + 1
            question = build_question(
                fields,
                question_id=f"my-{secrets.token_hex(6)}",
                number=number,
                pack_id=OWN_PACK_ID,
                pack_version=version,
            )
            questions.append(question)
        else:
            index = next((i for i, q in enumerate(questions) if q.id == question_id), None)
            if index is None:
                raise LibraryError("That question is not one of your own questions.")
            question = build_question(
                fields,
                question_id=question_id,
                number=questions[index].number,
                pack_id=OWN_PACK_ID,
                pack_version=version,
            )
            questions[index] = question
        self._write_own(questions, version)
        return question

    def duplicate_to_own(self, question: Question) -> Question:
        """An editable copy of any question in the own pack, with a new id."""
        return self.save_own_question(QuestionFields.from_question(question))

    def delete_own_question(self, question_id: str) -> None:
        """Remove an own question. Its attempts stay in the database."""
        questions = list(self._own_questions())
        remaining = [q for q in questions if q.id != question_id]
        if len(remaining) == len(questions):
            raise LibraryError("That question is not one of your own questions.")
        version = self._next_own_version()
        if remaining:
            self._write_own(remaining, version)
        else:
            self.own_file.unlink(missing_ok=True)
            self._remember_own_version(version)

    def export_own(self, path: Path) -> Pack:
        """Write the own questions to ``path`` as a pack another user can import.

        The exported pack's id is made from the file name, so it cannot clash
        with the other user's own questions.
        """
        own = self._own_pack()
        if own is None or not own.questions:
            raise LibraryError("You have no questions of your own to export yet.")
        pack_id = export_pack_id(path)
        exported = Pack(
            id=pack_id,
            title=_title_from(path),
            description="Questions exported from AIPM Desktop.",
            version=own.version,
            schema_version=own.schema_version,
            questions=tuple(replace(q, pack_id=pack_id) for q in own.questions),
        )
        text = pack_to_json(exported)
        parse_pack(json.loads(text), path.name)  # never export something we would refuse
        write_text_atomically(path, text)
        return exported

    def _own_pack(self) -> Pack | None:
        if not self.own_file.exists():
            return None
        try:
            return load_pack(self.own_file)
        except PackError as error:
            raise LibraryError(
                "Your own questions file could not be read, so it was left untouched:\n"
                + str(error)
            ) from None

    def _own_questions(self) -> tuple[Question, ...]:
        own = self._own_pack()
        return own.questions if own is not None else ()

    def _next_own_version(self) -> str:
        own = self._own_pack()
        current = int(self._state().get("own_version", 0))
        if own is not None:
            current = max(current, version_key(own.version)[0])
        return str(current + 1)

    def _write_own(self, questions: list[Question], version: str) -> None:
        pack = Pack(
            id=OWN_PACK_ID,
            title=OWN_PACK_TITLE,
            description="Questions you wrote or copied in AIPM Desktop.",
            version=version,
            schema_version=1,
            questions=tuple(replace(q, pack_version=version) for q in questions),
        )
        text = pack_to_json(pack)
        parse_pack(json.loads(text), OWN_FILE_NAME)  # never write a file we could not read back
        write_text_atomically(self.own_file, text)
        self._remember_own_version(version)

    def _remember_own_version(self, version: str) -> None:
        state = self._state()
        state["own_version"] = int(version)
        self._write_state(state)

    # -- state file ------------------------------------------------------
    def _state(self) -> dict[str, Any]:
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        disabled = data.get("disabled")
        if not isinstance(disabled, list) or not all(isinstance(d, str) for d in disabled):
            data["disabled"] = []
        if not isinstance(data.get("own_version"), int):
            data["own_version"] = 0
        return data

    def _write_state(self, state: dict[str, Any]) -> None:
        write_text_atomically(self.state_file, json.dumps(state, indent=2, sort_keys=True) + "\n")


def export_pack_id(path: Path) -> str:
    """A pack id made from a file name: ``"My Pack!.json"`` -> ``"my-pack"``."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.casefold()).strip("-")[:80] or "questions"
    if slug == OWN_PACK_ID:
        slug = f"{slug}-shared"
    return slug


def _file_stem(pack_id: str) -> str:
    """A safe file name for a newly imported pack: only a-z, 0-9 and "-", whatever the id."""
    return re.sub(r"[^a-z0-9-]+", "-", pack_id.casefold()).strip("-")[:100] or "pack"


def _title_from(path: Path) -> str:
    words = re.sub(r"[_-]+", " ", path.stem).strip()
    return words[:200] or "Shared questions"


def _file_label(entry: PackEntry) -> str:
    source = entry.pack.source
    return source.name if source is not None else entry.pack.id
