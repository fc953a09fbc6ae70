"""The data file's check, started early: used only for the very file, unchanged."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from aipm_desktop.storage import CorruptDatabaseError, Store
from aipm_desktop.storage import store as store_module
from aipm_desktop.storage.sound_check import EarlySoundCheck, check_sound


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "aipm.sqlite3"
    Store.open(path).close()
    return path


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files `Store.open` checked itself."""
    checked: list[Path] = []

    def counting(path: Path) -> None:
        checked.append(path)
        check_sound(path)

    monkeypatch.setattr(store_module, "check_sound", counting)
    return checked


def test_an_early_check_of_the_unchanged_file_stands_in_for_checking_it(
    data_file: Path, checks: list[Path]
) -> None:
    early = EarlySoundCheck(data_file)
    Store.open(data_file, early_check=early).close()
    assert checks == []


def test_a_file_written_after_the_check_began_is_checked_again(
    data_file: Path, checks: list[Path]
) -> None:
    early = EarlySoundCheck(data_file)
    with closing(sqlite3.connect(data_file)) as conn:  # another writer, meanwhile
        conn.execute("create table written_meanwhile (x)")
        conn.commit()
    Store.open(data_file, early_check=early).close()
    assert checks == [data_file]


def test_a_check_of_another_file_is_not_used(
    data_file: Path, tmp_path: Path, checks: list[Path]
) -> None:
    other = tmp_path / "other" / "aipm.sqlite3"
    Store.open(data_file, early_check=EarlySoundCheck(other)).close()
    assert checks == [data_file]


def test_a_damaged_file_found_early_is_refused_and_left_as_it_was(
    tmp_path: Path, checks: list[Path]
) -> None:
    path = tmp_path / "aipm.sqlite3"
    garbage = b"\x00garbage" * 4096
    path.write_bytes(garbage)
    early = EarlySoundCheck(path)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        Store.open(path, early_check=early)
    assert checks == []
    assert path.read_bytes() == garbage


def test_a_missing_file_passes_and_the_store_creates_it(tmp_path: Path) -> None:
    path = tmp_path / "new" / "aipm.sqlite3"
    early = EarlySoundCheck(path)
    with Store.open(path, early_check=early) as store:
        assert store.path == path
    assert path.is_file()


def test_an_unexpected_failure_of_the_early_check_means_checking_again(
    data_file: Path, checks: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from aipm_desktop.storage import sound_check

    def failing(_path: Path) -> None:
        raise MemoryError

    monkeypatch.setattr(sound_check, "check_sound", failing)
    Store.open(data_file, early_check=EarlySoundCheck(data_file)).close()
    assert checks == [data_file]


def test_a_check_that_cannot_begin_leaves_the_checking_to_opening(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aipm_desktop import app
    from aipm_desktop.services import paths

    def no_home(*_args: object) -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(paths, "resolve_data_dir_without_qt", no_home)
    assert app._start_checking_data(None) is None
