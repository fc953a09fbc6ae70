"""Only one running app per data folder: a lock file plus a local socket to wake the first.

The lock is a ``QLockFile`` in the data folder; a lock left by a crashed app
(its process is gone) is stale and taken over. The first app listens on a
``QLocalServer`` named after a hash of the folder, in a folder only this user
can enter (``$XDG_RUNTIME_DIR`` or a 0700 folder, see `private_socket_folder`);
a second launch connects, checks that the listener runs as the same user, asks
it to show its window, and exits. The listener, too, ignores other users.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from aipm_desktop.services.instance import (
    peer_uid,
    private_socket_folder,
    running_app_pid,
    socket_name,
)
from aipm_desktop.services.paths import lock_path

ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"
CONNECT_TIMEOUT_MS = 3000
ANSWER_TIMEOUT_MS = 15000
"""The first app answers from its event loop, which may still be starting on a slow machine."""


def server_name(data_dir: Path, folder: Path | None = None) -> str:
    """The local socket for a data folder: a full path in ``folder`` (a private one) on Unix."""
    name = socket_name(data_dir)
    return name if folder is None else str(folder / name)


def same_user(descriptor: int) -> bool:
    """True unless the other end of the socket is known to run as another user."""
    uid = peer_uid(descriptor)
    return uid is None or not hasattr(os, "getuid") or uid == os.getuid()


class SingleInstance(QObject):
    """Holds the data folder for this process; emits ``activation_requested`` on a relaunch."""

    activation_requested = Signal()

    def __init__(
        self,
        data_dir: Path,
        parent: QObject | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        socket_folder: Path | None = None,
    ) -> None:
        """``socket_folder``: where the socket goes (default: `private_socket_folder`)."""
        super().__init__(parent)
        self._data_dir = data_dir
        if socket_folder is None:
            socket_folder = private_socket_folder(os.environ if environ is None else environ)
        self._name = server_name(data_dir, socket_folder)
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
        if not same_user(int(socket.socketDescriptor())):
            socket.abort()  # someone else squats the name: tell them nothing
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
        if not same_user(int(socket.socketDescriptor())):
            socket.abort()
            socket.deleteLater()
            return

        def read() -> None:
            if bytes(socket.readAll().data()).startswith(ACTIVATE):
                socket.write(ACKNOWLEDGED)
                socket.flush()
                self.activation_requested.emit()

        socket.readyRead.connect(read)
        socket.disconnected.connect(socket.deleteLater)
        if socket.bytesAvailable():
            read()
