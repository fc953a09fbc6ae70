"""Building Anki packages for the importer tests: genanki (schema 11) and by hand (schema 18)."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import genanki
import zstandard

BASIC_MODEL = genanki.Model(
    1607392319,
    "Basic (AIPM test)",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Notes"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}<hr>{{Notes}}"}],
)


def genanki_deck(
    path: Path,
    decks: dict[str, list[tuple[Sequence[str], Sequence[str]]]],
    *,
    cloze: Sequence[tuple[str, str]] = (),
    media: Sequence[Path] = (),
) -> Path:
    """A schema 11 .apkg: deck name -> [(fields, tags)], plus cloze notes (text, extra)."""
    built = []
    for index, (name, notes) in enumerate(decks.items()):
        deck = genanki.Deck(2059400110 + index, name)
        for fields, tags in notes:
            deck.add_note(genanki.Note(model=BASIC_MODEL, fields=list(fields), tags=list(tags)))
        built.append(deck)
    for text, extra in cloze:
        built[0].add_note(genanki.Note(model=genanki.CLOZE_MODEL, fields=[text, extra]))
    package = genanki.Package(built, media_files=[str(m) for m in media])
    package.write_to_file(str(path))
    return path


@dataclass
class Schema18Note:
    """A note for :func:`schema18_deck`."""

    guid: str
    fields: Sequence[str]
    tags: str = ""
    deck_id: int = 1
    cloze: bool = False


@dataclass
class Schema18Options:
    """How to spoil the hand-made package (for the hostile-file tests)."""

    truncate_zstd: int = 0
    """Bytes cut off the end of the zstd stream."""
    extra_sql: Sequence[str] = ()
    meta: bytes | None = b"\x08\x03"
    media_files: int = 1
    decks: dict[int, str] = field(default_factory=lambda: {1: "Default", 2: "AI PM\x1fMetrics"})


_SCHEMA_18 = """
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL,
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL,
  config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL,
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL,
  PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL,
  mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
"""


def schema18_database(path: Path, notes: Sequence[Schema18Note], options: Schema18Options) -> bytes:
    """The bytes of a schema 18 collection holding ``notes``."""
    db = sqlite3.connect(path)
    db.executescript(_SCHEMA_18)
    db.execute("INSERT INTO col VALUES (1, 0, 0, 0, 18, 0, 0, 0, '', '', '', '', '')")
    db.execute("INSERT INTO notetypes VALUES (10, 'Basic', 0, 0, x'')")
    db.execute("INSERT INTO notetypes VALUES (11, 'Cloze', 0, 0, x'0801')")  # kind: cloze
    for ntid, names in ((10, ["Front", "Back"]), (11, ["Text", "Back Extra"])):
        for ord_, name in enumerate(names):
            db.execute("INSERT INTO fields VALUES (?, ?, ?, x'')", (ntid, ord_, name))
    for did, name in options.decks.items():
        db.execute("INSERT INTO decks VALUES (?, ?, 0, 0, x'', x'')", (did, name))
    for nid, note in enumerate(notes, start=1):
        mid = 11 if note.cloze else 10
        db.execute(
            "INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, '', 0, 0, '')",
            (nid, note.guid, mid, note.tags, "\x1f".join(note.fields)),
        )
        db.execute(
            "INSERT INTO cards VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')",
            (nid, nid, note.deck_id),
        )
    for statement in options.extra_sql:
        db.execute(statement)
    db.commit()
    db.close()
    return path.read_bytes()


def schema18_deck(
    path: Path, notes: Sequence[Schema18Note], options: Schema18Options | None = None
) -> Path:
    """A hand-made .apkg whose collection.anki21b is a zstd-compressed schema 18 database.

    Like the packages Anki 2.1.50+ exports, it also holds a legacy collection.anki2 with a
    single "update Anki" note, and a ``meta`` entry naming the newest format.
    """
    options = options or Schema18Options()
    raw = schema18_database(path.with_suffix(".anki21b.sqlite"), notes, options)
    compressed = zstandard.ZstdCompressor().compress(raw)
    if options.truncate_zstd:
        compressed = compressed[: -options.truncate_zstd]
    dummy = schema18_database(
        path.with_suffix(".anki2.sqlite"),
        [Schema18Note("dummy", ["Please update to the latest Anki version", "-"])],
        Schema18Options(),
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", dummy)
        archive.writestr("collection.anki21b", compressed)
        if options.meta is not None:
            archive.writestr("meta", options.meta)
        for index in range(options.media_files):
            archive.writestr(str(index), b"\x89PNG fake image")
        archive.writestr("media", b"")
    return path
