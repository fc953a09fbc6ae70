"""scripts/on_desktop.sh runs a program on a real X server with a window manager, as
`make screenshots` needs: the window gets a frame (title bar) from the window manager."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FRAMED = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtTest import QTest
app = QApplication(sys.argv)
window = QWidget()
window.setWindowTitle("framed?")
window.resize(300, 200)
window.show()
QTest.qWaitForWindowExposed(window)
for _ in range(50):  # the window manager reparents the window and reports its frame
    QTest.qWait(20)
    if window.frameGeometry().height() > window.geometry().height():
        break
frame, inner = window.frameGeometry(), window.geometry()
print(app.platformName(), frame.height() - inner.height())
"""


@pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("openbox")), reason="needs Xvfb and openbox"
)
def test_windows_get_a_frame_on_the_desktop(repo_root: Path) -> None:
    result = subprocess.run(
        [str(repo_root / "scripts" / "on_desktop.sh"), sys.executable, "-c", FRAMED],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    platform, title_bar = result.stdout.split()
    assert platform == "xcb"
    assert int(title_bar) >= 10  # a title bar of the window manager's
