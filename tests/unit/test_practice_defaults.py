"""The default time limit read from the preferences file without Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from aipm_desktop.services.practice_defaults import default_time_limit_seconds, preferences_file


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[practice]\ndefault_time_limit=600\n", 600),
        ("[practice]\ntime_up_mode=hard\n", 300),
        ("[practice]\ndefault_time_limit=5\n", 300),
        ("[practice]\ndefault_time_limit=soon\n", 300),
        ("not an ini file at all", 300),
    ],
)
def test_default_time_limit(tmp_path: Path, text: str, expected: int) -> None:
    ini = tmp_path / "settings.ini"
    ini.write_text(text, encoding="utf-8")
    assert default_time_limit_seconds(ini) == expected


def test_missing_file_or_none_gives_300(tmp_path: Path) -> None:
    assert default_time_limit_seconds(tmp_path / "absent.ini") == 300
    assert default_time_limit_seconds(None) == 300


def test_where_the_preferences_are(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert preferences_file(data, str(data), {}) == data / "settings.ini"
    assert preferences_file(data, None, {"AIPM_DATA_DIR": str(data)}) == data / "settings.ini"
    linux = preferences_file(data, None, {"XDG_CONFIG_HOME": "/cfg"}, platform="linux")
    assert linux == Path("/cfg/aipm/aipm-desktop.conf")
    assert preferences_file(data, None, {}, platform="linux", home=tmp_path) == (
        tmp_path / ".config/aipm/aipm-desktop.conf"
    )
    assert preferences_file(data, None, {}, platform="win32") is None
