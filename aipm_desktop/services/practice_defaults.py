"""The default time limit from the app's preferences, read without Qt (for the command line).

The app keeps its preferences with QSettings. When ``--data-dir`` or ``AIPM_DATA_DIR``
chose the data folder they are the INI file beside the data; otherwise, on Linux,
QSettings' INI file ``$XDG_CONFIG_HOME/aipm/aipm-desktop.conf``. Elsewhere (the
Windows registry, macOS property lists) the command line uses 300 s.
"""

from __future__ import annotations

import configparser
import sys
from collections.abc import Mapping
from pathlib import Path

from aipm_desktop.core.questions import DEFAULT_TIME_LIMIT_SECONDS
from aipm_desktop.services.paths import (
    APPLICATION_NAME,
    ORGANIZATION_NAME,
    is_data_dir_overridden,
    settings_path,
)

TIME_LIMIT_RANGE = (10, 7200)
"""The limits the settings dialog accepts, in seconds (as in ``ui/widgets/settings``)."""


def preferences_file(
    data_dir: Path,
    data_dir_option: str | None,
    environ: Mapping[str, str],
    platform: str = sys.platform,
    home: Path | None = None,
) -> Path | None:
    """The INI file the app keeps its preferences in, if it is one."""
    if is_data_dir_overridden(data_dir_option, environ):
        return settings_path(data_dir)
    if platform in ("win32", "darwin"):
        return None
    home = Path.home() if home is None else home
    xdg = environ.get("XDG_CONFIG_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".config"
    return base / ORGANIZATION_NAME / f"{APPLICATION_NAME}.conf"


def default_time_limit_seconds(ini_file: Path | None) -> int:
    """The "default time limit" preference; 300 s when unset, unreadable or out of range."""
    if ini_file is None:
        return DEFAULT_TIME_LIMIT_SECONDS
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(ini_file, encoding="utf-8")
        value = int(parser.get("practice", "default_time_limit", fallback=""))
    except (configparser.Error, OSError, UnicodeDecodeError, ValueError):
        return DEFAULT_TIME_LIMIT_SECONDS
    low, high = TIME_LIMIT_RANGE
    return value if low <= value <= high else DEFAULT_TIME_LIMIT_SECONDS
