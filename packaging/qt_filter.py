"""Keep only the Qt the app uses in a PyInstaller bundle (used by build.spec).

PyInstaller's PySide6 hooks collect whole plugin folders and every Qt translation
(``hooksconfig`` does not change that for Qt), so after ``Analysis`` this drops:

* Qt's translations (unless asked to keep them);
* the plugins not named in the spec's keep list;
* on Linux, the shared libraries that nothing kept links to any more (for example
  libQt6Network, pulled in only by the network-information plugins, or the GTK
  libraries of the GTK 3 theme plugin).

Each TOC entry is ``(destination, source, typecode)``. Runs inside PyInstaller only.
"""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath

TocEntry = tuple[str, str, str]
PluginKeep = Mapping[str, "set[str] | str"]
ImportsOf = Callable[[str], Iterable[str]]
"""The names of the shared libraries a binary file links to."""


def pyinstaller_imports(filename: str) -> list[str]:
    """What ``filename`` links to, as PyInstaller's own dependency analysis sees it."""
    from PyInstaller.depend.bindepend import get_imports

    return [name for name, _path in get_imports(filename)]


QT_PLUGINS: PluginKeep = {
    # Linux X11 and Wayland, the offscreen platform (--self-test), Windows and macOS.
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"},
    "xcbglintegrations": "*",
    "wayland-shell-integration": {"xdg-shell", "qt-shell"},
    "wayland-decoration-client": "*",
    "wayland-graphics-integration-client": {
        "qt-plugin-wayland-egl",
        "dmabuf-server",
        "shm-emulation-server",
    },
    "imageformats": {"qgif", "qico", "qjpeg", "qsvg", "qicns", "qwebp", "qtiff"},
    "iconengines": "*",  # SVG icons of the desktop's icon theme
    # Native file dialogs through the XDG portal (DBus only). The GTK 3 theme (qgtk3)
    # is left out: it would make the .deb depend on all of GTK 3; Qt falls back to Fusion.
    "platformthemes": {"qxdgdesktopportal"},
    # Typing accented and non-Latin text (compose key, IBus input methods).
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    "printsupport": "*",  # printing, once the app imports QtPrintSupport
    "styles": "*",  # Windows and macOS native styles
}
"""The Qt plugins kept, by plugin folder: a set of plugin names ("qxcb" for libqxcb.so,
qxcb.dll, libqxcb.dylib), or "*" for the whole folder. Folders not listed are dropped
(eglfs/linuxfb/vnc platforms, sql drivers, TLS, network information, QML tooling,
designer, the virtual keyboard, evdev input...). PDF writing (QPdfWriter) is part of
QtGui and needs no plugin."""

EXE_OPTIONS = {
    "debug": False,
    "strip": sys.platform.startswith("linux"),
    "upx": False,
    "console": False,
}
"""PyInstaller EXE options shared by build.spec and the hello baseline of
benchmarks/frozen.py. ``strip`` and ``upx`` apply to COLLECT too."""


def installed_qt_modules(pyside_dir: Path) -> list[str]:
    """The names of the PySide6 Qt modules installed (``QtCore``, ``QtGui``, ...)."""
    names = set()
    for file in pyside_dir.iterdir():
        if file.name.startswith("Qt") and file.suffix in {".so", ".pyd"}:
            names.add(file.name.split(".", 1)[0])
    return sorted(names)


def plugin_location(destination: str) -> tuple[str, str] | None:
    """``(folder, plugin name)`` if ``destination`` is a Qt plugin, else None."""
    parts = PurePosixPath(destination.replace("\\", "/")).parts
    if "PySide6" not in parts or "plugins" not in parts:
        return None
    index = parts.index("plugins")
    if len(parts) != index + 3:
        return None
    folder, file = parts[index + 1], parts[index + 2]
    stem = file.split(".", 1)[0]
    if stem.startswith("lib") and not file.endswith(".dll"):
        stem = stem[3:]
    return folder, stem


def is_translation(destination: str) -> bool:
    """Whether ``destination`` is one of Qt's ``.qm`` translation files."""
    parts = PurePosixPath(destination.replace("\\", "/")).parts
    return "PySide6" in parts and "translations" in parts and destination.endswith(".qm")


def is_root(entry: TocEntry) -> bool:
    """Whether the program loads ``entry`` itself (not only as another library's dependency).

    Python extension modules, Qt plugins and libpython are loaded by name at run time;
    every other shared library is there because one of those links to it.
    """
    name = PurePosixPath(entry[0]).name
    return (
        entry[2] == "EXTENSION"
        or plugin_location(entry[0]) is not None
        or name.startswith("libpython")
        or ".so" not in name
    )


class QtFilter:
    """Drops the translations, plugins and libraries the app does not need."""

    def __init__(
        self,
        *,
        qt_modules: Sequence[str],
        plugins: PluginKeep,
        keep_translations: bool,
        prune_libraries: bool = sys.platform.startswith("linux"),
        imports_of: ImportsOf = pyinstaller_imports,
    ) -> None:
        self.qt_modules = list(qt_modules)
        """The PySide6 modules to ship (``QtCore``, ...); every other one is excluded."""
        self.plugins = plugins
        self.keep_translations = keep_translations
        self.prune_libraries = prune_libraries
        self.imports_of = imports_of
        self.dropped: list[tuple[str, str]] = []

    def hidden_imports(self) -> list[str]:
        """The Qt modules to ship, as PyInstaller ``hiddenimports``."""
        return [f"PySide6.{module}" for module in self.qt_modules]

    def excludes(self, pyside_dir: Path) -> list[str]:
        """Every installed PySide6 module not in ``qt_modules``, as PyInstaller ``excludes``."""
        return [
            f"PySide6.{module}"
            for module in installed_qt_modules(pyside_dir)
            if module not in self.qt_modules
        ]

    def keeps_plugin(self, folder: str, name: str) -> bool:
        """Whether the plugin ``name`` in plugin ``folder`` stays in the bundle."""
        kept = self.plugins.get(folder)
        return kept == "*" or (isinstance(kept, set) and name in kept)

    def filter(
        self, datas: Iterable[TocEntry], binaries: Iterable[TocEntry], report: Path | None = None
    ) -> tuple[list[TocEntry], list[TocEntry]]:
        """The filtered ``(datas, binaries)``; writes what was dropped to ``report``."""
        kept_datas = []
        for entry in datas:
            if is_translation(entry[0]) and not self.keep_translations:
                self.dropped.append((entry[0], "translation"))
            else:
                kept_datas.append(entry)
        kept_binaries = []
        for entry in binaries:
            location = plugin_location(entry[0])
            if location is not None and not self.keeps_plugin(*location):
                self.dropped.append((entry[0], "plugin not in the keep list"))
            else:
                kept_binaries.append(entry)
        if self.prune_libraries:
            kept_binaries = self._drop_unlinked_libraries(kept_binaries)
        kept_datas, kept_binaries = self._drop_dangling_symlinks(kept_datas, kept_binaries)
        if report is not None:
            self._write_report(report)
        return kept_datas, kept_binaries

    def _drop_unlinked_libraries(self, binaries: list[TocEntry]) -> list[TocEntry]:
        """Keep a shared library only if something kept links to it, directly or not."""
        by_name = {
            PurePosixPath(entry[0]).name: entry for entry in binaries if entry[2] != "SYMLINK"
        }
        needed: set[str] = set()
        pending = [entry for entry in binaries if is_root(entry)]
        while pending:
            entry = pending.pop()
            for name in self.imports_of(entry[1]):
                base = PurePosixPath(name).name
                if base in by_name and base not in needed:
                    needed.add(base)
                    pending.append(by_name[base])
        kept = []
        for entry in binaries:
            name = PurePosixPath(entry[0]).name
            if entry[2] != "SYMLINK" and not is_root(entry) and name not in needed:
                self.dropped.append((entry[0], "library nothing kept links to"))
            else:
                kept.append(entry)
        return kept

    def _drop_dangling_symlinks(
        self, datas: list[TocEntry], binaries: list[TocEntry]
    ) -> tuple[list[TocEntry], list[TocEntry]]:
        """Drop the links (``SYMLINK`` entries) whose target was dropped above."""
        present = {entry[0].replace("\\", "/") for entry in [*datas, *binaries]}

        def keep(entry: TocEntry) -> bool:
            if entry[2] != "SYMLINK":
                return True
            link = PurePosixPath(entry[0].replace("\\", "/"))
            target = posixpath.normpath(str(link.parent / entry[1].replace("\\", "/")))
            if target in present:
                return True
            self.dropped.append((entry[0], "link to a dropped file"))
            return False

        return [entry for entry in datas if keep(entry)], [e for e in binaries if keep(e)]

    def _write_report(self, report: Path) -> None:
        report.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"{reason}: {destination}" for destination, reason in sorted(self.dropped)]
        report.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"qt_filter: dropped {len(self.dropped)} files; list in {report}")
