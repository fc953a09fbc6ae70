"""Only one running app per data folder: a lock file plus a local socket to wake the first.

The lock is a ``QLockFile`` in the data folder; a lock left by a crashed app
(its process is gone) is stale and taken over. The first app listens on a
``QLocalServer`` named after a hash of the folder; a second launch connects,
asks it to show its window, and exits.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from aipm_desktop.services.instance import running_app_pid
from aipm_desktop.services.paths import lock_path

ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"
CONNECT_TIMEOUT_MS = 3000
ANSWER_TIMEOUT_MS = 15000
"""The first app answers from its event loop, which may still be starting on a slow machine."""


def server_name(data_dir: Path) -> str:
    """The local-socket name for a data folder (the same for every launch on it)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"aipm-desktop-{digest}"


class SingleInstance(QObject):
    """Holds the data folder for this process; emits ``activation_requested`` on a relaunch."""

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._name = server_name(data_dir)
        self._lock = QLockFile(str(lock_path(data_dir)))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this process may use the data folder (it is the first, or the lock is stale).

        When the lock cannot even be written (a read-only folder), this returns
        True too: opening the data then reports the real problem.
        """
        if not self._lock.tryLock(0):
            if self._lock.error() != QLockFile.LockError.LockFailedError:
                return True
            if not self._lock.removeStaleLockFile() or not self._lock.tryLock(0):
                return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self._name)  # we hold the lock: any old socket is stale
        server.newConnection.connect(self._on_connection)
        server.listen(self._name)
        self._server = server
        return True

    def holder_pid(self) -> int | None:
        """The process id that holds the lock, when another one does."""
        return running_app_pid(self._data_dir)

    def ask_first_to_activate(self) -> bool:
        """As the second launch: ask the running app to show its window; True if it answered."""
        socket = QLocalSocket(self)
        socket.connectToServer(self._name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        answered = (
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            and socket.waitForReadyRead(ANSWER_TIMEOUT_MS)
            and bytes(socket.readAll().data()).startswith(ACKNOWLEDGED)
        )
        socket.disconnectFromServer()
        return answered

    def release(self) -> None:
        """Stop listening and remove the lock file."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _on_connection(self) -> None:
        server = self._server
        if server is None:
            return
        socket = server.nextPendingConnection()

        def read() -> None:
            if bytes(socket.readAll().data()).startswith(ACTIVATE):
                socket.write(ACKNOWLEDGED)
                socket.flush()
                self.activation_requested.emit()

        socket.readyRead.connect(read)
        socket.disconnected.connect(socket.deleteLater)
        if socket.bytesAvailable():
            read()
