"""Reading an Anki package (.apkg/.colpkg) safely: the zip, its ``meta`` entry, zstd.

Everything is read into memory; nothing is ever extracted to disk. The zip is refused
when it has names that climb out of a folder (``../``) or are absolute, when an entry
is larger than the limits or compressed suspiciously well (a zip bomb), and when the
zstd stream of a schema 18 collection is corrupt or cut short.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from aipm_desktop.core.importers.model import ConversionError

MAX_PACKAGE_ENTRIES = 100_000
MAX_COLLECTION_BYTES = 256 * 1024 * 1024
"""The largest collection database read, uncompressed."""
MAX_COMPRESSION_RATIO = 200
"""Entries larger than :data:`_RATIO_FLOOR` that shrank more than this are refused."""
_RATIO_FLOOR = 4 * 1024 * 1024
_ZSTD_INPUT_CHUNK = 256
"""zstd input is fed in small pieces so one piece cannot expand beyond a few MB."""

COLLECTION_NAMES = ("collection.anki21b", "collection.anki21", "collection.anki2")
_LEGACY_VERSION = {1: "collection.anki2", 2: "collection.anki21", 3: "collection.anki21b"}


@dataclass(frozen=True)
class PackageContents:
    """The collection database of a package, and what else the package held."""

    database: bytes
    """The SQLite file's bytes (decompressed for schema 18)."""
    entry_name: str
    media_files: int


def read_package(path: Path, file: str) -> PackageContents:
    """The collection in the Anki package at ``path``; :class:`ConversionError` if refused."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_names(infos, file)
            names = {info.filename: info for info in infos}
            entry = _choose_collection(archive, names, file)
            raw = _read_entry(archive, names[entry], file)
            media = _count_media(names)
    except zipfile.BadZipFile as error:
        raise ConversionError(file, f"the file is not a readable zip archive ({error})") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise ConversionError(file, f"the Anki package could not be read: {error}") from None
    if entry.endswith("b"):
        raw = decompress_zstd(raw, file)
    return PackageContents(raw, entry, media)


def _check_names(infos: list[zipfile.ZipInfo], file: str) -> None:
    if len(infos) > MAX_PACKAGE_ENTRIES:
        raise ConversionError(
            file, f"the package holds {len(infos)} files; at most {MAX_PACKAGE_ENTRIES} are read"
        )
    for info in infos:
        name = info.filename
        posix, windows = PurePosixPath(name), PureWindowsPath(name)
        if (
            posix.is_absolute()
            or windows.is_absolute()
            or windows.drive
            or ".." in posix.parts
            or ".." in windows.parts
            or "\0" in name
        ):
            raise ConversionError(
                file,
                f"the package holds a file named '{name[:80]}' that points outside its folder "
                "(a path traversal); it was refused and nothing was read",
            )


def _choose_collection(
    archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], file: str
) -> str:
    """The collection entry to read: the one ``meta`` names, else the newest present."""
    if "meta" in names:
        meta = _read_entry(archive, names["meta"], file, limit=1024)
        wanted = _LEGACY_VERSION.get(_meta_version(meta))
        if wanted in names:
            return wanted
    for name in COLLECTION_NAMES:
        if name in names:
            return name
    raise ConversionError(
        file,
        "this zip is not an Anki deck: it has no collection.anki2, collection.anki21 "
        "or collection.anki21b",
    )


def _meta_version(meta: bytes) -> int:
    """Field 1 (``version``) of the PackageMetadata protobuf message; 0 when absent."""
    return read_protobuf_varints(meta).get(1, 0)


def read_protobuf_varints(data: bytes) -> dict[int, int]:
    """The varint fields at the top level of a protobuf message (others are skipped)."""
    fields: dict[int, int] = {}
    position = 0
    try:
        while position < len(data):
            key, position = _varint(data, position)
            number, wire = key >> 3, key & 7
            if wire == 0:
                fields[number], position = _varint(data, position)
            elif wire == 2:
                length, position = _varint(data, position)
                position += length
            elif wire == 1:
                position += 8
            elif wire == 5:
                position += 4
            else:
                break
    except IndexError:
        pass
    return fields


def _varint(data: bytes, position: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80 or shift > 63:
            return value, position
        shift += 7


def _read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str, limit: int | None = None
) -> bytes:
    """An entry's bytes, refusing sizes and compression ratios a real deck never has."""
    limit = MAX_COLLECTION_BYTES if limit is None else limit
    if info.file_size > limit:
        raise ConversionError(
            file,
            f"{info.filename} would unpack to {info.file_size / 1e6:.0f} MB; the limit is "
            f"{limit / 1e6:.0f} MB (this looks like a zip bomb)",
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FLOOR and ratio > MAX_COMPRESSION_RATIO:
        raise ConversionError(
            file,
            f"{info.filename} is compressed {ratio:.0f} times; more than "
            f"{MAX_COMPRESSION_RATIO} times is refused as a zip bomb",
        )
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while chunk := stream.read(1024 * 1024):
            total += len(chunk)
            if total > limit:
                raise ConversionError(
                    file, f"{info.filename} unpacks to more than {limit / 1e6:.0f} MB; refused"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _count_media(names: dict[str, zipfile.ZipInfo]) -> int:
    """Media files in the package: they are named by number (0, 1, 2...)."""
    return sum(1 for name in names if name.isdigit())


def decompress_zstd(data: bytes, file: str, limit: int | None = None) -> bytes:
    """One complete zstd frame, at most ``limit`` bytes; refuses corrupt or cut streams."""
    limit = MAX_COLLECTION_BYTES if limit is None else limit
    import zstandard

    decompressor = zstandard.ZstdDecompressor().decompressobj()
    chunks: list[bytes] = []
    total = 0
    try:
        for start in range(0, len(data), _ZSTD_INPUT_CHUNK):
            if decompressor.eof:
                break
            chunk = decompressor.decompress(data[start : start + _ZSTD_INPUT_CHUNK])
            total += len(chunk)
            if total > limit:
                raise ConversionError(
                    file,
                    f"the compressed collection unpacks to more than {limit / 1e6:.0f} MB; "
                    "refused (this looks like a zip bomb)",
                )
            chunks.append(chunk)
    except zstandard.ZstdError as error:
        raise ConversionError(
            file, f"the deck's compressed collection is corrupt (zstd: {error})"
        ) from None
    if not decompressor.eof:
        raise ConversionError(
            file, "the deck's compressed collection is cut short (incomplete zstd stream)"
        )
    return b"".join(chunks)
