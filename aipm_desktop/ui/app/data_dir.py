"""The platform's data folder as Qt knows it; the command line works it out without Qt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from aipm_desktop.services.paths import APPLICATION_NAME, ORGANIZATION_NAME


def set_application_names() -> None:
    """Name the app for Qt; must run before the first QStandardPaths or QSettings use."""
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APPLICATION_NAME)


def platform_data_dir() -> Path:
    """The platform's per-user app-data folder for this app."""
    set_application_names()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not location:
        return Path.home() / f".{APPLICATION_NAME}"
    return Path(location)
