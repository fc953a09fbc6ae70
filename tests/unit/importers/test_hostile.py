"""Hostile files are refused with a clear message, or converted into inert text."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import zstandard

from aipm_desktop.core.importers import ConversionError, anki_package, convert_file
from aipm_desktop.core.importers.anki_package import decompress_zstd
from aipm_desktop.core.packs import MAX_QUESTIONS

from .anki_files import Schema18Note, Schema18Options, schema18_deck

NOTE = Schema18Note("g1", ["Question", "Answer"])


def refusal(path: Path) -> str:
    with pytest.raises(ConversionError) as caught:
        convert_file(path)
    return caught.value.message


def test_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.apkg"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("collection.anki2", "w") as entry,
    ):
        for _ in range(20):
            entry.write(bytes(1024 * 1024))

    assert "zip bomb" in refusal(path)


def test_zip_entry_larger_than_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(anki_package, "MAX_COLLECTION_BYTES", 16 * 1024)
    path = schema18_deck(tmp_path / "big.apkg", [NOTE] * 50)

    message = refusal(path)

    assert "the limit is" in message or "more than" in message


def test_zstd_bomb_is_refused_by_the_output_limit() -> None:
    compressed = zstandard.ZstdCompressor().compress(bytes(8 * 1024 * 1024))

    with pytest.raises(ConversionError, match="zip bomb"):
        decompress_zstd(compressed, "deck.apkg", limit=1024 * 1024)


@pytest.mark.parametrize("name", ["../../evil.txt", "/etc/cron.d/evil", "media/../../x", "C:\\x"])
def test_path_traversal_is_refused(tmp_path: Path, name: str) -> None:
    path = schema18_deck(tmp_path / "traversal.apkg", [NOTE])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(name, b"payload")

    assert "path traversal" in refusal(path)
    assert not (tmp_path.parent / "evil.txt").exists()


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TRIGGER wipe AFTER INSERT ON notes BEGIN DELETE FROM cards; END",
        "CREATE VIEW every_note AS SELECT * FROM notes",
    ],
)
def test_database_with_triggers_or_views_is_refused(tmp_path: Path, sql: str) -> None:
    path = schema18_deck(tmp_path / "trigger.apkg", [NOTE], Schema18Options(extra_sql=[sql]))

    assert "triggers or views" in refusal(path)


def test_truncated_zstd_is_refused(tmp_path: Path) -> None:
    path = schema18_deck(tmp_path / "cut.apkg", [NOTE], Schema18Options(truncate_zstd=20))

    assert "cut short" in refusal(path)


def test_corrupt_zstd_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki21b", b"\x28\xb5\x2f\xfd" + b"\xff" * 64)
        archive.writestr("meta", b"\x08\x03")

    assert "corrupt" in refusal(path)


def test_not_sqlite_inside_the_package_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki2", b"just text, not a database")

    assert "not an SQLite database" in refusal(path)


def test_csv_with_a_million_rows_is_refused_by_the_count_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    buffer = io.StringIO()
    buffer.write("question,answer\n")
    for index in range(1_000_000):
        buffer.write(f"q{index},a\n")
    path.write_text(buffer.getvalue(), encoding="utf-8")

    message = refusal(path)

    assert f"more than {MAX_QUESTIONS} rows" in message


def test_markdown_with_too_many_questions_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_text("".join(f"## Q{i}\nA\n" for i in range(MAX_QUESTIONS + 1)), "utf-8")

    assert f"at most {MAX_QUESTIONS}" in refusal(path)


def test_html_with_images_and_scripts_stays_inert(tmp_path: Path) -> None:
    fields = [
        'Q <img src="http://example.com/x.png" onerror="alert(1)"><script>alert(2)</script>',
        '<style>body{}</style><a href="javascript:alert(3)">link</a> '
        "&lt;img src=x&gt; ![x](http://example.com/y.png) [sound:a.mp3]"
        "<iframe src='http://example.com'></iframe><audio src='b.mp3'>fallback</audio>",
    ]
    path = schema18_deck(tmp_path / "hostile.apkg", [Schema18Note("g", fields)])

    question = convert_file(path).questions[0]

    for text in (question.prompt, question.answer):
        assert "alert" not in text
        assert re.search(r"(?<!\\)<", text) is None  # every < is escaped: no raw HTML
        assert "](http" not in text.replace("\\]", "")
    assert question.prompt == "Q [image not imported]"
    assert "\\<img src=x\\>" in question.answer
    assert "!\\[x\\](http://example.com/y.png)" in question.answer
    assert convert_file(path).counts.media_dropped == 3


def test_binary_garbage_is_refused_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "noise.csv"
    path.write_bytes(bytes(range(256)) * 4)

    assert "not one AIPM Desktop can import" in refusal(path)


def test_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aipm_desktop.core.importers import convert

    monkeypatch.setattr(convert, "MAX_PACK_BYTES", 100)
    path = tmp_path / "big.md"
    path.write_text("## Q\n" + "a" * 200, "utf-8")

    assert "too big" in refusal(path)


def test_csv_with_exactly_the_limit_and_blank_lines_is_converted(tmp_path: Path) -> None:
    path = tmp_path / "limit.csv"
    rows = "".join(f"q{index},a\n\n" for index in range(MAX_QUESTIONS))
    path.write_text("question,answer\n" + rows, encoding="utf-8")

    assert convert_file(path).counts.questions == MAX_QUESTIONS


def test_a_huge_field_is_skipped_and_counted(tmp_path: Path) -> None:
    fields = ["<b>" * 10 + "x" * 1_000_001, "answer"]
    path = schema18_deck(tmp_path / "huge-field.apkg", [Schema18Note("g", fields), NOTE])

    converted = convert_file(path)

    assert converted.counts.questions == 1
    assert converted.counts.skipped == {"notes with a field over 1000000 characters": 1}
