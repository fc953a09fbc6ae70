"""The validation cache: an unchanged, valid pack is not checked again; anything else is."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from aipm_desktop.core import packs
from aipm_desktop.core.packs import PackError, load_pack, pack_content_key
from aipm_desktop.services.pack_cache import HeldPackCache, ValidatedPackCache, validated_packs_path

PACK = {
    "schema_version": 1,
    "id": "cached",
    "title": "Cached",
    "description": "",
    "version": "1.0.0",
    "questions": [
        {
            "id": "c-1",
            "number": 1,
            "prompt": "Why?",
            "category": "Strategy",
            "level": "Senior",
            "model_answer": "Because.",
            "key_points": ["one"],
        }
    ],
}


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    path = tmp_path / "cached.json"
    path.write_text(json.dumps(PACK), encoding="utf-8")
    return path


def count_validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each full validation of a pack."""
    seen: list[str] = []
    original = packs.validate_pack_data

    def counting(data: object, file: str, schema: object = None) -> list[packs.PackProblem]:
        seen.append(file)
        return original(data, file, schema)  # type: ignore[arg-type]

    monkeypatch.setattr(packs, "validate_pack_data", counting)
    return seen


def test_a_valid_pack_is_validated_once_then_read_from_the_cache(
    pack_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validations = count_validations(monkeypatch)
    cache_path = validated_packs_path(tmp_path)

    first = ValidatedPackCache(cache_path)
    checked = load_pack(pack_file, validated=first)
    first.save()
    again = load_pack(pack_file, validated=ValidatedPackCache(cache_path))

    assert validations == ["cached.json"]
    assert again == checked
    assert json.loads(cache_path.read_text(encoding="utf-8"))["keys"] == [
        pack_content_key(pack_file.read_bytes())
    ]


def test_an_edited_pack_is_validated_again_and_its_problems_reported(
    pack_file: Path, tmp_path: Path
) -> None:
    cache = ValidatedPackCache(validated_packs_path(tmp_path))
    load_pack(pack_file, validated=cache)
    broken = json.loads(json.dumps(PACK))
    broken["questions"][0]["key_points"] = []
    pack_file.write_text(json.dumps(broken), encoding="utf-8")

    with pytest.raises(PackError, match="needs at least 1 key point"):
        load_pack(pack_file, validated=cache)


def test_a_damaged_cache_file_counts_as_empty(
    pack_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_path = validated_packs_path(tmp_path)
    cache_path.parent.mkdir(parents=True)
    cache_path.write_text("{not json", encoding="utf-8")
    validations = count_validations(monkeypatch)

    cache = ValidatedPackCache(cache_path)
    load_pack(pack_file, validated=cache)
    cache.save()

    assert validations == ["cached.json"]
    assert ValidatedPackCache(cache_path).is_valid(pack_content_key(pack_file.read_bytes()))


def test_a_key_is_for_these_bytes_under_this_schema() -> None:
    assert pack_content_key(b"{}") == pack_content_key(b"{}")
    assert pack_content_key(b"{}") != pack_content_key(b"{} ")


def test_a_cache_that_cannot_be_written_is_ignored(pack_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = ValidatedPackCache(blocker / "cache" / "validated-packs.json")
    load_pack(pack_file, validated=cache)
    cache.save()  # no exception: the cache is only a speed-up
    assert not (blocker / "cache").exists()


def test_a_cached_pack_loads_without_importing_jsonschema(
    pack_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ValidatedPackCache(validated_packs_path(tmp_path))
    cache.remember(pack_content_key(pack_file.read_bytes()))
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # any import of it now fails
    packs._default_validator.cache_clear()

    assert load_pack(pack_file, validated=cache).questions[0].id == "c-1"


def test_a_held_cache_writes_nothing_until_released(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "validated-packs.json"
    cache = HeldPackCache(path)
    cache.remember("key-1")
    cache.save()
    assert not path.parent.exists()  # e.g. the data folder holds a newer app's data

    cache.release()

    assert ValidatedPackCache(path).is_valid("key-1")
    cache.remember("key-2")
    cache.save()  # released: saves as usual
    assert ValidatedPackCache(path).is_valid("key-2")
