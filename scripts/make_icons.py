"""Render the app icon (resources/icons/aipm-desktop.svg) into the files installers need.

Writes, next to the SVG:

* ``hicolor/NxN/apps/aipm-desktop.png`` for every size in ``SIZES`` (Linux menus, the
  window icon, the .deb);
* ``aipm-desktop.ico`` (Windows: the .exe and the installer), built by Pillow from the
  16–256 px renders;
* ``aipm-desktop.icns`` (macOS app bundle), built by Pillow from the 16–512 px renders.

Qt draws the SVG offscreen, so every size is rendered from the vector, not scaled from
one bitmap. The outputs are committed; run this again after changing the SVG::

    .venv/bin/python scripts/make_icons.py      # needs the ``dist`` extra (Pillow)
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
NAME = "aipm-desktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(icons_dir: Path, size: int) -> Path:
    """Where the ``size`` px PNG of the icon goes in the hicolor layout."""
    return icons_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"


def render_pngs(svg: Path, icons_dir: Path) -> dict[int, bytes]:
    """Render ``svg`` at every size; write each PNG and return their bytes by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: Qt cannot read this SVG")
    rendered: dict[int, bytes] = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        target = png_path(icons_dir, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bytes(data.data()))
        rendered[size] = bytes(data.data())
    del app
    return rendered


def write_bundled_icons(rendered: dict[int, bytes], icons_dir: Path) -> None:
    """Write the Windows .ico and the macOS .icns from the rendered PNGs."""
    from PIL import Image

    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in rendered.items()}
    largest = images[max(ICO_SIZES)]
    largest.save(
        icons_dir / f"{NAME}.ico",
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != max(ICO_SIZES)],
    )
    images[512].save(
        icons_dir / f"{NAME}.icns",
        format="ICNS",
        append_images=[images[size] for size in (16, 32, 64, 128, 256)],
    )


def main() -> int:
    """Render every icon file; returns the exit code."""
    svg = ICONS_DIR / f"{NAME}.svg"
    rendered = render_pngs(svg, ICONS_DIR)
    write_bundled_icons(rendered, ICONS_DIR)
    for size in SIZES:
        print(png_path(ICONS_DIR, size).relative_to(ICONS_DIR.parent.parent))
    print(f"resources/icons/{NAME}.ico")
    print(f"resources/icons/{NAME}.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
