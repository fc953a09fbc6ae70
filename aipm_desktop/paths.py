"""Where user data lives: one function per location.

The data folder is the platform's app-data location (for example
``~/.local/share/aipm/aipm-desktop`` on Linux), never next to the installed
program. ``--data-dir DIR`` or the ``AIPM_DATA_DIR`` environment variable
override it.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

DATA_DIR_ENV_VAR = "AIPM_DATA_DIR"
ORGANIZATION_NAME = "aipm"
APPLICATION_NAME = "aipm-desktop"
DATABASE_FILE_NAME = "aipm.sqlite3"


def set_application_names() -> None:
    """Name the app for Qt; must run before the first QStandardPaths or QSettings use."""
    from PySide6.QtCore import QCoreApplication  # Qt loads only when a path is needed

    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APPLICATION_NAME)


def platform_data_dir() -> Path:
    """The platform's per-user app-data folder for this app."""
    from PySide6.QtCore import QStandardPaths

    set_application_names()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not location:
        return Path.home() / f".{APPLICATION_NAME}"
    return Path(location)


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """The data folder: ``--data-dir`` first, then ``AIPM_DATA_DIR``, then the platform's."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    from_env = environ.get(DATA_DIR_ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser().resolve()
    return platform_data_dir()


def resolve_data_dir_without_qt(
    cli_value: str | None, environ: Mapping[str, str], platform: str = sys.platform
) -> Path:
    """Like :func:`resolve_data_dir`, for command-line tools that must not load Qt.

    The platform folder is worked out by hand, the way Qt's ``AppDataLocation`` does.
    """
    if is_data_dir_overridden(cli_value, environ):
        return resolve_data_dir(cli_value, environ)
    home = Path(environ.get("HOME") or Path.home())
    if platform.startswith("win"):
        base = Path(environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / ORGANIZATION_NAME / APPLICATION_NAME


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
