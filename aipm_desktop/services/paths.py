"""Where user data lives: one function per location.

The data folder is the platform's app-data location (for example
``~/.local/share/aipm/aipm-desktop`` on Linux), never next to the installed
program. ``--data-dir DIR`` or the ``AIPM_DATA_DIR`` environment variable
override it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path

DATA_DIR_ENV_VAR = "AIPM_DATA_DIR"
ORGANIZATION_NAME = "aipm"
APPLICATION_NAME = "aipm-desktop"
DATABASE_FILE_NAME = "aipm.sqlite3"
LOCK_FILE_NAME = ".aipm-desktop.lock"


def platform_data_dir_without_qt(
    environ: Mapping[str, str], platform: str = sys.platform, home: Path | None = None
) -> Path:
    """The same folder as Qt's ``AppDataLocation`` (``ui.app.data_dir``), without loading Qt.

    For command-line tools that must stay light. It follows Qt's rules for
    ``AppDataLocation``: ``$XDG_DATA_HOME`` (else ``~/.local/share``) on Linux,
    ``%APPDATA%`` on Windows, ``~/Library/Application Support`` on macOS.
    """
    home = Path.home() if home is None else home
    if platform == "win32":
        base = Path(environ["APPDATA"]) if environ.get("APPDATA") else home / "AppData/Roaming"
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = environ.get("XDG_DATA_HOME", "").strip()
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / ORGANIZATION_NAME / APPLICATION_NAME


def resolve_data_dir(
    cli_value: str | None,
    environ: Mapping[str, str],
    fallback: Callable[[], Path],
) -> Path:
    """The data folder: ``--data-dir`` first, then ``AIPM_DATA_DIR``, then ``fallback()``.

    ``fallback`` is the platform's folder (the GUI asks Qt: ``ui.app.data_dir``).
    """
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    from_env = environ.get(DATA_DIR_ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser().resolve()
    return fallback()


def resolve_data_dir_without_qt(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """`resolve_data_dir` for command-line subcommands, which never load Qt."""
    return resolve_data_dir(cli_value, environ, lambda: platform_data_dir_without_qt(environ))


def is_data_dir_overridden(cli_value: str | None, environ: Mapping[str, str]) -> bool:
    """True when ``--data-dir`` or ``AIPM_DATA_DIR`` chose the data folder."""
    return bool(cli_value) or bool(environ.get(DATA_DIR_ENV_VAR, "").strip())


def settings_path(data_dir: Path) -> Path:
    """Preferences for a data folder chosen by ``--data-dir``/``AIPM_DATA_DIR``.

    Such a folder is a profile of its own, so its preferences live beside its data
    instead of in the user's usual settings.
    """
    return data_dir / "settings.ini"


def database_path(data_dir: Path) -> Path:
    """The SQLite file holding attempts and drafts."""
    return data_dir / DATABASE_FILE_NAME


def lock_path(data_dir: Path) -> Path:
    """The lock file that lets only one running app write to ``data_dir``."""
    return data_dir / LOCK_FILE_NAME
