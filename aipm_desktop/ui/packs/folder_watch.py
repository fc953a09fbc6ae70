"""Notice packs changed by another program while the app runs (``aipm-desktop import-pack``
in a terminal, a file copied in by hand), so the question list follows without a restart."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from aipm_desktop.services.pack_library import PackLibrary

SETTLE_MS = 500
"""Changes are gathered this long before the list is rebuilt (a copy is many events)."""

Signature = tuple[tuple[str, int, int], ...]


class PackFolderWatch(QObject):
    """Calls ``reload()`` when the library's files change outside the app."""

    def __init__(self, library: PackLibrary, reload: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._library = library
        self._reload = reload
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._check)
        self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
        self._watcher.fileChanged.connect(lambda _path: self._settle.start())
        self.signature = self.current_signature()
        self._watch_what_exists()

    def _folders(self) -> list[Path]:
        library = self._library
        return [library.folder.parent, library.folder, library.imported_dir]

    def _watch_what_exists(self) -> None:
        watched = set(self._watcher.directories()) | set(self._watcher.files())
        wanted = [str(folder) for folder in self._folders() if folder.is_dir()]
        if self._library.state_file.is_file():
            wanted.append(str(self._library.state_file))
        new = [path for path in wanted if path not in watched]
        if new:
            self._watcher.addPaths(new)

    def current_signature(self) -> Signature:
        """The library's own files, by name, size and modification time."""
        library = self._library
        files = [library.state_file, library.own_file]
        if library.imported_dir.is_dir():
            files += sorted(library.imported_dir.glob("*.json"))
        entries = []
        for path in files:
            try:
                info = os.stat(path)
            except OSError:
                continue
            entries.append((str(path), info.st_size, info.st_mtime_ns))
        return tuple(entries)

    def accept_current(self) -> None:
        """The app changed the library itself (and reloaded): nothing to do for that."""
        self.signature = self.current_signature()

    def _check(self) -> None:
        self._watch_what_exists()  # e.g. packs/imported was just made
        signature = self.current_signature()
        if signature != self.signature:
            self.signature = signature
            self._reload()
