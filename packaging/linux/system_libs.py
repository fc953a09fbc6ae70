"""Which system libraries a frozen bundle needs, and which Debian packages provide them.

``ldd`` runs on every ELF file in the bundle with the bundle's own library folder on
``LD_LIBRARY_PATH`` (as the PyInstaller bootloader sets it at run time). A library it
resolves outside the bundle comes from the system; one it cannot resolve is missing.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(not found|\S+)")
ELF_MAGIC = b"\x7fELF"


@dataclass
class BundleLibraries:
    """What ``ldd`` found for the bundle's ELF files."""

    system: dict[str, set[str]] = field(default_factory=dict)
    """System library path -> the bundle files that link to it."""
    missing: dict[str, set[str]] = field(default_factory=dict)
    """Library name ldd could not find -> the bundle files that link to it."""


def elf_files(bundle: Path) -> list[Path]:
    """The ELF files (programs and shared libraries) in ``bundle``, links skipped."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) == ELF_MAGIC:
                found.append(path)
    return found


def scan_bundle(bundle: Path) -> BundleLibraries:
    """Run ``ldd`` on every ELF file of the onedir ``bundle`` (the folder with the program)."""
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    result = BundleLibraries()
    bundle_root = bundle.resolve()
    for file in elf_files(bundle):
        output = subprocess.run(
            ["ldd", str(file)], capture_output=True, text=True, env=env, check=False
        ).stdout
        relative = str(file.relative_to(bundle))
        for line in output.splitlines():
            match = LDD_LINE.match(line)
            if match is None:
                continue
            name, where = match.groups()
            if where == "not found":
                result.missing.setdefault(name, set()).add(relative)
            elif not Path(where).resolve().is_relative_to(bundle_root):
                result.system.setdefault(where, set()).add(relative)
    return result


def debian_package_of(library: str) -> str | None:
    """The Debian package that owns ``library`` (``dpkg -S``), or None.

    With merged /usr a library found as /lib/x86_64-linux-gnu/... may be registered as
    /usr/lib/... (or the other way round), so both spellings and the real path are tried.
    """
    path = Path(library)
    candidates = [str(path), str(path.resolve())]
    for original in list(candidates):
        if original.startswith("/usr/lib/"):
            candidates.append(original.removeprefix("/usr"))
        elif original.startswith("/lib"):
            candidates.append("/usr" + original)
    for candidate in dict.fromkeys(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            package = result.stdout.split(":", 1)[0].strip()
            return package.split(",")[0].strip()
    return None


def debian_packages(libraries: Iterable[str]) -> tuple[dict[str, set[str]], list[str]]:
    """``(package -> libraries it provides, libraries no package owns)``."""
    packages: dict[str, set[str]] = {}
    unowned = []
    for library in sorted(libraries):
        package = debian_package_of(library)
        if package is None:
            unowned.append(library)
        else:
            packages.setdefault(package, set()).add(library)
    return packages, unowned
