"""A hostile pack renders inert: nothing is fetched, nothing runs, links open only on click."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aipm_desktop.ui.widgets.inert import InertDocument
from aipm_desktop.ui.widgets.markdown_view import MarkdownView


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local TCP server that records whether anything ever connects to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def hostile_markdown(port: int) -> str:
    base = f"http://127.0.0.1:{port}"
    return "\n\n".join(
        [
            "# Model answer",
            f'An image tag: <img src="{base}/tag.png">',
            f"![markdown image]({base}/markdown.png)",
            f"![https image](https://127.0.0.1:{port}/secure.png)",
            "<script>document.title = 'pwned'; alert(1)</script>",
            f'<link rel="stylesheet" href="{base}/style.css">',
            f"<style>@import url({base}/a.css); body {{ background: url({base}/b.png) }}</style>",
            f'<iframe src="{base}/frame.html"></iframe>',
            "[a javascript link](javascript:alert(1)) and <a href='file:///etc/passwd'>a file</a>",
            f"[a web link]({base}/page)",
            "| a | b |\n| --- | --- |\n| 1 | 2 |",
        ]
    )


class SpyDocument(InertDocument):
    """Records every resource Qt asks for, and what the document answered."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.asked: list[tuple[str, object]] = []

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: N802
        answer = super().loadResource(type, name)
        self.asked.append((name.toString() if isinstance(name, QUrl) else name, answer))
        return answer


class SpyView(MarkdownView):
    """A Markdown view whose inert document records what Qt asks it for."""

    def __init__(self) -> None:
        super().__init__()
        self.spy = SpyDocument(self)
        self.setDocument(self.spy)

    @property
    def asked(self) -> list[tuple[str, object]]:
        return self.spy.asked


def nobody_connected(server: socket.socket) -> bool:
    try:
        connection, _address = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


def test_hostile_markdown_fetches_nothing_and_runs_nothing(
    qtbot: QtBot, listener: socket.socket
) -> None:
    port = listener.getsockname()[1]
    view = SpyView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.set_markdown(hostile_markdown(port))
    with qtbot.waitExposed(view):
        view.show()
    for _ in range(20):
        QApplication.processEvents()

    assert nobody_connected(listener)
    assert view.asked, "Qt asks the document for the images; it must answer with nothing real"
    for name, _answer in list(view.asked):
        resource = view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert isinstance(resource, QImage)
        assert resource.size().width() == 1  # the blank pixel, never a fetched image
    # The check itself works: a real connection is seen.
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        qtbot.waitUntil(lambda: not nobody_connected(listener))
    assert view.windowTitle() != "pwned"
    # Raw HTML is shown as the text it is: the script is words on the screen, nothing runs.
    assert "<script>document.title" in view.document().toPlainText()


def test_links_open_only_when_clicked_and_only_for_http(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown("[web](https://example.com/a) [js](javascript:alert(1))")
    assert opened == []  # rendering opens nothing

    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x/y"):
        view.anchorClicked.emit(QUrl(url))
    assert opened == []
    view.anchorClicked.emit(QUrl("https://example.com/a"))
    assert opened == ["https://example.com/a"]


def test_rendering_a_hostile_pack_never_loads_qt_network(
    tmp_path: Path, listener: socket.socket
) -> None:
    """In a fresh process: import the pack, render its answer; QtNetwork is never loaded,
    so no QNetworkAccessManager can exist, and nothing connects to the listener."""
    port = listener.getsockname()[1]
    pack = tmp_path / "hostile.json"
    pack.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "id": "hostile",
                "title": "<script>alert(1)</script>",
                "description": f'<img src="http://127.0.0.1:{port}/d.png">',
                "version": "1",
                "questions": [
                    {
                        "id": "h1",
                        "number": 1,
                        "prompt": f'<img src="http://127.0.0.1:{port}/p.png"> Why?',
                        "category": "x",
                        "level": "y",
                        "model_answer": hostile_markdown(port),
                        "key_points": ["<script>alert(1)</script>"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
from aipm_desktop.services.pack_library import PackLibrary
from aipm_desktop.ui.practice.reveal_panel import RevealPanel
app = QApplication([])
library = PackLibrary(Path({str(tmp_path / "data")!r}))
outcome = library.import_pack(Path({str(pack)!r}))
panel = RevealPanel()
panel.show_question(outcome.pack.questions[0])
panel.set_revealed(True)
panel.resize(800, 600)
panel.show()
for _ in range(20):
    app.processEvents()
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6.QtNetwork", "PySide6.QtWeb")))
print("loaded:", loaded)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "loaded: []" in result.stdout
    assert nobody_connected(listener)
