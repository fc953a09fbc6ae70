"""The pack library: import, update, remove, switch off, own questions and export."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from aipm_desktop.core.packs import PackError, load_pack
from aipm_desktop.core.question_edit import QuestionFields
from aipm_desktop.services import pack_library
from aipm_desktop.services.pack_library import (
    OWN_PACK_ID,
    LibraryError,
    PackLibrary,
    PackSource,
    export_pack_id,
)

PackWriter = Callable[..., Path]

FIELDS = QuestionFields(
    prompt="How would you price an AI feature?",
    model_answer="Start from **value**.\n\n| Model | When |\n| --- | --- |\n| Seat | B2B |",
    key_points=("Value-based pricing", "Cost to serve per query"),
    category="Strategy",
    level="Senior",
    tags=("pricing",),
    time_limit_seconds=240,
)


@pytest.fixture
def library(tmp_path: Path) -> PackLibrary:
    return PackLibrary(tmp_path / "data")


def test_bundled_pack_is_listed_and_enabled(library: PackLibrary) -> None:
    contents = library.load()
    assert contents.problems == ()
    [entry] = contents.entries
    assert entry.source == PackSource.BUNDLED
    assert entry.enabled
    assert len(contents.questions()) == 10


def test_import_copies_the_pack_so_the_original_can_go(
    library: PackLibrary, write_pack: PackWriter
) -> None:
    original = write_pack("coach-pack", questions=3)
    outcome = library.import_pack(original)
    original.unlink()

    assert outcome.replaced_version is None
    assert "Imported" in outcome.describe()
    entry = library.load().entry("coach-pack")
    assert entry is not None
    assert entry.source == PackSource.IMPORTED
    assert len(entry.pack.questions) == 3
    assert (library.imported_dir / "coach-pack.json").is_file()
    assert len(library.load().questions()) == 13


def test_bad_pack_is_refused_with_readable_problems_and_nothing_changes(
    library: PackLibrary, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "id": "Bad Id", "questions": []}', encoding="utf-8")
    with pytest.raises(PackError) as caught:
        library.import_pack(bad)
    texts = [str(problem) for problem in caught.value.problems]
    assert "bad.json: id: should be an id" in texts[0] or any("id:" in t for t in texts)
    assert any("missing required field 'title'" in t for t in texts)
    assert not library.imported_dir.exists()


def test_newer_version_replaces_questions_older_or_same_is_refused(
    library: PackLibrary, write_pack: PackWriter, tmp_path: Path
) -> None:
    library.import_pack(write_pack("coach-pack", version="1.0", questions=2))
    outcome = library.import_pack(
        write_pack("coach-pack", version="1.1", questions=3, prompt_prefix="Reworded")
    )
    assert outcome.replaced_version == "1.0"
    assert "from 1.0 to 1.1" in outcome.describe()
    entry = library.load().entry("coach-pack")
    assert entry is not None
    assert entry.pack.version == "1.1"
    assert entry.pack.questions[0].prompt == "Reworded 1?"

    for version in ("1.1", "1.0.9", "0.5"):
        with pytest.raises(PackError) as caught:
            library.import_pack(write_pack("coach-pack", version=version, folder=tmp_path))
        [problem] = caught.value.problems
        assert problem.location == "version"
        assert "not newer than version 1.1" in problem.message
    entry = library.load().entry("coach-pack")
    assert entry is not None
    assert entry.pack.version == "1.1"


def test_pack_ids_and_question_ids_of_other_packs_are_refused(
    library: PackLibrary, write_pack: PackWriter, tmp_path: Path
) -> None:
    with pytest.raises(PackError, match="bundled pack"):
        library.import_pack(write_pack("technical-depth-intermediate"))
    with pytest.raises(PackError, match="kept for your own questions"):
        library.import_pack(write_pack(OWN_PACK_ID))

    bundled = library.load().questions()[0]
    data = json.loads(write_pack("thief").read_text(encoding="utf-8"))
    data["questions"][0]["id"] = bundled.id
    thief = tmp_path / "thief.json"
    thief.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PackError, match="already used by pack"):
        library.import_pack(thief)
    assert library.load().entry("thief") is None


def test_switching_off_hides_questions_and_survives_reload(
    library: PackLibrary, write_pack: PackWriter
) -> None:
    library.import_pack(write_pack("coach-pack"))
    library.set_enabled("technical-depth-intermediate", False)
    assert [q.pack_id for q in library.load().questions()] == ["coach-pack", "coach-pack"]
    state = json.loads(library.state_file.read_text(encoding="utf-8"))
    assert state["disabled"] == ["technical-depth-intermediate"]
    library.set_enabled("technical-depth-intermediate", True)
    assert len(library.load().questions()) == 12


def test_remove_deletes_only_imported_copies(library: PackLibrary, write_pack: PackWriter) -> None:
    library.import_pack(write_pack("coach-pack"))
    library.set_enabled("coach-pack", False)
    library.remove_pack("coach-pack")
    assert library.load().entry("coach-pack") is None
    assert json.loads(library.state_file.read_text(encoding="utf-8"))["disabled"] == []
    with pytest.raises(LibraryError):
        library.remove_pack("technical-depth-intermediate")


def test_damaged_state_file_means_everything_on(library: PackLibrary) -> None:
    library.folder.mkdir(parents=True)
    library.state_file.write_text('{"disabled": 7, "own_version": "x"', encoding="utf-8")
    assert all(entry.enabled for entry in library.load().entries)


def test_own_questions_create_edit_delete_with_version_bumps(library: PackLibrary) -> None:
    first = library.save_own_question(FIELDS)
    assert first.id.startswith("my-")
    assert first.pack_id == OWN_PACK_ID
    assert first.pack_version == "1"
    second = library.save_own_question(QuestionFields(**{**FIELDS.__dict__, "prompt": "Second?"}))
    assert second.number == first.number + 1

    edited = library.save_own_question(
        QuestionFields(**{**FIELDS.__dict__, "prompt": "  Edited prompt?  "}), first.id
    )
    assert edited.id == first.id
    assert edited.prompt == "Edited prompt?"
    assert edited.pack_version == "3"
    own = library.load().own_pack()
    assert own is not None
    assert [q.prompt for q in own.questions] == ["Edited prompt?", "Second?"]
    assert {q.pack_version for q in own.questions} == {"3"}

    library.delete_own_question(first.id)
    library.delete_own_question(second.id)
    assert not library.own_file.exists()
    again = library.save_own_question(FIELDS)
    assert again.pack_version == "6"  # versions never repeat, so history stays unambiguous


def test_invalid_fields_are_refused(library: PackLibrary) -> None:
    with pytest.raises(LibraryError, match="cannot be empty"):
        library.save_own_question(QuestionFields(**{**FIELDS.__dict__, "prompt": "  "}))
    assert not library.own_file.exists()


def test_own_file_is_written_atomically_and_a_broken_one_is_left_alone(
    library: PackLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.save_own_question(FIELDS)
    before = library.own_file.read_bytes()

    def crash(_src: object, _dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        library.save_own_question(QuestionFields(**{**FIELDS.__dict__, "prompt": "Lost?"}))
    monkeypatch.undo()
    assert library.own_file.read_bytes() == before
    assert [p.name for p in library.folder.iterdir() if p.name.endswith(".tmp")] == []

    library.own_file.write_text("{ broken", encoding="utf-8")
    with pytest.raises(LibraryError, match="left untouched"):
        library.save_own_question(FIELDS)
    assert library.own_file.read_text(encoding="utf-8") == "{ broken"
    assert any(p.file == "my-questions.json" for p in library.load().problems)


def test_duplicate_bundled_question_makes_an_editable_copy(library: PackLibrary) -> None:
    bundled = library.load().questions()[3]
    copy = library.duplicate_to_own(bundled)
    assert copy.id != bundled.id
    assert copy.prompt == bundled.prompt
    assert copy.key_points == bundled.key_points
    assert copy.model_answer == bundled.model_answer
    assert len(library.load().questions()) == 11


def test_export_makes_a_pack_another_user_can_import(library: PackLibrary, tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no questions"):
        library.export_own(tmp_path / "none.json")
    library.save_own_question(FIELDS)
    target = tmp_path / "Interview Prep.json"
    exported = library.export_own(target)
    assert exported.id == "interview-prep"
    assert load_pack(target).questions[0].prompt == FIELDS.prompt

    other = PackLibrary(tmp_path / "other-user")
    outcome = other.import_pack(target)
    assert outcome.pack.id == "interview-prep"
    assert [q.prompt for q in other.load().questions()][-1] == FIELDS.prompt


def test_export_pack_id_from_file_names() -> None:
    assert export_pack_id(Path("My Pack!.json")) == "my-pack"
    assert export_pack_id(Path("my-questions.json")) == "my-questions-shared"
    assert export_pack_id(Path("???.json")) == "questions"


def test_reloading_reuses_validated_packs_until_a_file_changes(
    library: PackLibrary, write_pack: PackWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.import_pack(write_pack("coach-pack", version="1.0"))
    library.load()
    calls: list[Path] = []
    real_load = pack_library.load_pack

    def counting_load(path: Path, **kwargs: object) -> object:
        calls.append(path)
        return real_load(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pack_library, "load_pack", counting_load)
    library.load()
    assert calls == []
    library.save_own_question(FIELDS)
    library.load()
    assert library.own_file in calls
    assert library.imported_dir / "coach-pack.json" not in calls


def test_a_broken_bundled_pack_is_reported_and_the_others_load(
    tmp_path: Path, write_pack: PackWriter
) -> None:
    """(Was the question bank's test: the library is now the only loader.)"""
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    write_pack("good", questions=2, folder=bundled)
    (bundled / "b_broken.json").write_text('{"questions": [', encoding="utf-8")

    contents = PackLibrary(tmp_path / "data", bundled_dir=bundled).load()

    assert [q.id for q in contents.questions()] == ["good-q1", "good-q2"]
    (problem,) = contents.problems
    assert str(problem).startswith("b_broken.json: line 1, column 16: not valid JSON")


def test_a_missing_bundled_folder_loads_no_bundled_packs_instead_of_crashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Path:
        raise FileNotFoundError("looked in: nowhere")

    monkeypatch.setattr(pack_library, "bundled_questions_dir", missing)
    contents = PackLibrary(tmp_path / "data").load()
    assert contents.entries == ()
    assert contents.questions() == []
