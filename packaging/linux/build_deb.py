"""Build the .deb from the onedir bundle (dist/aipm-desktop) with dpkg-deb.

    python packaging/linux/build_deb.py [--bundle dist/aipm-desktop] [--out dist]
                                        [--version 0.1.1]

The package holds the bundle under /opt/aipm-desktop, a launcher in /usr/bin, the
.desktop entry and the hicolor icons. ``Depends:`` is worked out from the bundle: ``ldd``
finds the system libraries it links to and ``dpkg -S`` names their packages, plus the
few packages whose *data* the bundled libraries read (see ``DATA_DEPENDS``). Prints the
path of the .deb. ``--version`` overrides the package version (the upgrade test uses it).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from system_libs import debian_packages, scan_bundle  # noqa: E402

from aipm_desktop import __version__  # noqa: E402

PACKAGE = "aipm-desktop"
MAINTAINER = "AIPM Desktop developers <aipm-desktop@users.noreply.invalid>"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

DATA_DEPENDS = {
    "libfontconfig1": "the bundled fontconfig reads the system's font setup and fonts",
    "libxkbcommon-x11-0": "the bundled xkbcommon reads the keyboard maps (xkb-data)",
}
"""Packages needed for the files they bring, which ldd cannot see."""


def debian_version(python_version: str) -> str:
    """A Python version as a Debian version: ``1.2.0rc1`` sorts before ``1.2.0``."""
    return re.sub(r"(\d)(a|b|rc|\.dev)(\d+)", r"\1~\2\3", python_version)


def architecture() -> str:
    """This machine's Debian architecture (``amd64``, ``arm64``, ...)."""
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def installed_version(package: str) -> str:
    """The version of ``package`` installed on this machine."""
    return subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=True
    ).stdout.strip()


def depends(bundle: Path) -> list[str]:
    """The ``Depends:`` entries for ``bundle``; SystemExit if a library has no package."""
    libraries = scan_bundle(bundle)
    if libraries.missing:
        raise SystemExit(f"libraries not found: {sorted(libraries.missing)}; see check_bundle.py")
    packages, unowned = debian_packages(libraries.system)
    if unowned:
        raise SystemExit(f"no Debian package owns {unowned}")
    names = set(packages) | set(DATA_DEPENDS)
    entries = []
    for name in sorted(names):
        if name == "libc6":
            # The bundle was linked against this machine's glibc: no older one will do.
            upstream = installed_version("libc6").split("-")[0]
            entries.append(f"libc6 (>= {upstream})")
        else:
            entries.append(name)
    return entries


def control(version: str, arch: str, size_kib: int, depends_on: list[str]) -> str:
    """The DEBIAN/control file."""
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(depends_on)}\n"
        "Section: education\n"
        "Priority: optional\n"
        "Description: practise AI Product Manager interview answers against the clock\n"
        " AIPM Desktop is an offline desktop app: pick a question, answer it in\n"
        " writing against a timer, then compare with a model answer and its key\n"
        " points and rate yourself. Your answers stay on your computer.\n"
    )


def tree_size_kib(folder: Path) -> int:
    """The size of the files under ``folder`` in KiB, as dpkg counts Installed-Size."""
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def stage(bundle: Path, staging: Path, version: str, arch: str) -> None:
    """Lay out the package's files under ``staging``."""
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(bundle, staging / "opt" / PACKAGE, symlinks=True)
    launcher = staging / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    shutil.copyfile(HERE / "launcher.sh", launcher)
    applications = staging / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(HERE / f"{PACKAGE}.desktop", applications / f"{PACKAGE}.desktop")
    icons = ROOT / "resources" / "icons"
    hicolor = staging / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        source = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{PACKAGE}.png"
        target = hicolor / f"{size}x{size}" / "apps" / f"{PACKAGE}.png"
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(icons / f"{PACKAGE}.svg", scalable / f"{PACKAGE}.svg")
    debian = staging / "DEBIAN"
    debian.mkdir()
    for script in ("postinst", "postrm"):
        shutil.copyfile(HERE / script, debian / script)
    size = tree_size_kib(staging)
    (debian / "control").write_text(control(version, arch, size, depends(bundle)), "utf-8")
    for path in staging.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & 0o111 or path in (launcher,)
            path.chmod(0o755 if executable else 0o644)
    for script in ("postinst", "postrm"):
        (debian / script).chmod(0o755)
    launcher.chmod(0o755)


def build_main(
    package: str,
    stage_bundle: Callable[[Path, Path, str, str], None],
    description: str,
    argv: list[str] | None,
) -> int:
    """The command line of a .deb builder: stage ``package``'s bundle, pack it, print the
    path of the .deb; returns the exit code. Shared by this script and build_speech_deb.py."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / package)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", default=debian_version(__version__))
    args = parser.parse_args(argv)
    arch = architecture()
    staging = ROOT / "build" / "deb" / f"{package}_{args.version}_{arch}"
    stage_bundle(args.bundle, staging, args.version, arch)
    args.out.mkdir(parents=True, exist_ok=True)
    deb = args.out / f"{package}_{args.version}_{arch}.deb"
    pack(staging, deb)
    print(deb)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Build the .deb; returns the exit code."""
    return build_main(PACKAGE, stage, __doc__.splitlines()[0], argv)


def pack(staging: Path, deb: Path) -> None:
    """``dpkg-deb --build`` with the compression every .deb of ours uses (xz)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(deb)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


if __name__ == "__main__":
    sys.exit(main())
