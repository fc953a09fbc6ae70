"""Reading notes, note types and decks from an Anki collection database (schema 11 or 18).

The database is opened in memory from its bytes (``sqlite3`` deserialize), read-only,
and refused when it holds triggers or views, which no Anki collection has.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from aipm_desktop.core.importers.anki_package import read_protobuf_varints
from aipm_desktop.core.importers.model import ConversionError

_SQLITE_MAGIC = b"SQLite format 3\0"
CLOZE_KIND = 1


@dataclass(frozen=True)
class NoteType:
    """An Anki note type: its name, field names in order, and whether it is a cloze type."""

    id: int
    name: str
    fields: tuple[str, ...]
    is_cloze: bool


@dataclass(frozen=True)
class Note:
    """One Anki note: its fields' HTML, tags and the deck of its first card."""

    id: int
    guid: str
    note_type: NoteType
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    deck: str


class Collection:
    """An open, read-only collection database. Use as a context manager."""

    def __init__(self, database: bytes, file: str) -> None:
        self.file = file
        if not database.startswith(_SQLITE_MAGIC):
            raise ConversionError(file, "the deck's collection is not an SQLite database")
        data = bytearray(database)
        if data[18:20] == b"\x02\x02":  # WAL mode cannot be opened from memory; it reads alike
            data[18:20] = b"\x01\x01"
        self._db = sqlite3.connect(":memory:")
        try:
            self._db.deserialize(bytes(data))
            self._db.execute("PRAGMA query_only = ON")
            self._db.execute("PRAGMA trusted_schema = OFF")
            self._check_schema()
        except sqlite3.Error as error:
            self._db.close()
            raise ConversionError(
                file, f"the deck's collection database is damaged: {error}"
            ) from None
        except ConversionError:
            self._db.close()
            raise

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()

    def _check_schema(self) -> None:
        kinds = {
            (kind, name) for kind, name in self._db.execute("SELECT type, name FROM sqlite_master")
        }
        unsafe = sorted(name for kind, name in kinds if kind in ("trigger", "view"))
        if unsafe:
            raise ConversionError(
                self.file,
                "the deck's database holds triggers or views, which an Anki deck never has "
                f"({', '.join(unsafe[:5])}); it was refused",
            )
        tables = {name for kind, name in kinds if kind == "table"}
        missing = {"col", "notes", "cards"} - tables
        if missing:
            raise ConversionError(
                self.file,
                f"the database is not an Anki collection (no {', '.join(sorted(missing))} table)",
            )
        self.schema_18 = {"notetypes", "fields", "decks"} <= tables

    def note_count(self) -> int:
        """How many notes the collection holds."""
        return int(self._db.execute("SELECT count(*) FROM notes").fetchone()[0])

    def notes(self) -> Iterator[Note]:
        """Every note in id order, with its note type and deck."""
        try:
            note_types = self._note_types()
            decks = self._decks()
            deck_of_note: dict[int, int] = dict(
                self._db.execute("SELECT nid, did FROM cards ORDER BY nid, ord DESC, id DESC")
            )
            rows = self._db.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")
            for nid, guid, mid, tags, flds in rows:
                note_type = note_types.get(mid)
                if note_type is None:
                    note_type = NoteType(int(mid), "unknown", (), False)
                yield Note(
                    id=int(nid),
                    guid=str(guid),
                    note_type=note_type,
                    fields=tuple(str(flds).split("\x1f")),
                    tags=tuple(str(tags).split()),
                    deck=decks.get(deck_of_note.get(nid, -1), ""),
                )
        except sqlite3.Error as error:
            raise ConversionError(
                self.file, f"the deck's collection database is damaged: {error}"
            ) from None

    def _col_json(self, column: str) -> dict[str, object]:
        row = self._db.execute(f"SELECT {column} FROM col LIMIT 1").fetchone()
        if row is None or not row[0]:
            return {}
        try:
            value = json.loads(row[0])
        except (TypeError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def _note_types(self) -> dict[int, NoteType]:
        models = self._col_json("models")
        if models or not self.schema_18:
            return _legacy_note_types(models)
        names: dict[int, list[tuple[int, str]]] = {}
        for ntid, ord_, name in self._db.execute("SELECT ntid, ord, name FROM fields"):
            names.setdefault(int(ntid), []).append((int(ord_), str(name)))
        types = {}
        for ntid, name, config in self._db.execute("SELECT id, name, config FROM notetypes"):
            kind = read_protobuf_varints(bytes(config or b"")).get(1, 0)
            fields = tuple(field for _ord, field in sorted(names.get(int(ntid), [])))
            types[int(ntid)] = NoteType(int(ntid), str(name), fields, kind == CLOZE_KIND)
        return types

    def _decks(self) -> dict[int, str]:
        decks = self._col_json("decks")
        if decks or not self.schema_18:
            return {
                int(did): str(deck.get("name", ""))
                for did, deck in decks.items()
                if isinstance(deck, dict) and str(did).lstrip("-").isdigit()
            }
        return {
            int(did): str(name).replace("\x1f", "::")
            for did, name in self._db.execute("SELECT id, name FROM decks")
        }


def _legacy_note_types(models: dict[str, object]) -> dict[int, NoteType]:
    """Note types from schema 11's ``col.models`` JSON."""
    types = {}
    for mid, model in models.items():
        if not isinstance(model, dict) or not str(mid).lstrip("-").isdigit():
            continue
        raw_fields = model.get("flds", [])
        fields = [
            (int(f.get("ord", i)), str(f.get("name", f"Field {i + 1}")))
            for i, f in enumerate(raw_fields if isinstance(raw_fields, list) else [])
            if isinstance(f, dict)
        ]
        types[int(mid)] = NoteType(
            int(mid),
            str(model.get("name", "")),
            tuple(name for _ord, name in sorted(fields)),
            model.get("type") == CLOZE_KIND,
        )
    return types
