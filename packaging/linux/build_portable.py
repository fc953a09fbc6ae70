"""Build the portable Linux tarball from the onedir bundle (dist/aipm-desktop).

    python packaging/linux/build_portable.py [--bundle dist/aipm-desktop] [--out dist]

For distributions without apt: ``aipm-desktop-VERSION-linux-ARCH.tar.xz`` unpacks into
one folder holding the bundle, ``install.sh`` (a per-user install into ``~/.local``, no
root, no Python; ``--uninstall``), the menu entry, the icons and a README.txt that names
the system libraries the bundle expects (worked out with ``ldd``, as for the .deb).
Prints the path of the tarball.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from build_deb import DATA_DEPENDS, ICON_SIZES, PACKAGE, installed_version  # noqa: E402
from system_libs import debian_packages, scan_bundle  # noqa: E402

from aipm_desktop import __version__  # noqa: E402

GLIBC_PACKAGE = "libc6"
"""Debian's glibc: every Linux has one; README.txt states the oldest version that works."""


def system_libraries(bundle: Path) -> tuple[list[str], list[str]]:
    """The sonames the bundle takes from the system, and the Debian packages that ship them.

    glibc's own libraries (libc, libm, libdl, ...) are left out of both lists: every
    distribution has them, only their version matters. SystemExit if one is missing here.
    """
    libraries = scan_bundle(bundle)
    if libraries.missing:
        raise SystemExit(f"libraries not found: {sorted(libraries.missing)}; see check_bundle.py")
    packages, unowned = debian_packages(libraries.system)
    if unowned:
        raise SystemExit(f"no Debian package owns {unowned}")
    glibc = packages.get(GLIBC_PACKAGE, set())
    sonames = sorted({Path(path).name for path in libraries.system if path not in glibc})
    return sonames, sorted((set(packages) | set(DATA_DEPENDS)) - {GLIBC_PACKAGE})


def readme(version: str, sonames: list[str], packages: list[str], glibc: str) -> str:
    """README.txt of the tarball: how to install, and what the system must provide."""
    libraries = "\n".join(f"    {name}" for name in sonames)
    return f"""AIPM Desktop {version}, portable build for Linux ({platform.machine()})

Install (no administrator rights needed):

    ./install.sh

It copies the program to ~/.local/opt/aipm-desktop, adds "AIPM Desktop" to your
applications menu and the command ~/.local/bin/aipm-desktop. Run ./install.sh again
from a newer version's folder to upgrade. To remove it:

    ~/.local/opt/aipm-desktop/uninstall.sh

Your practice data stays in ~/.local/share/aipm/aipm-desktop either way.

What your system must have
--------------------------
glibc {glibc} or newer (any distribution from 2023 on), and these system libraries,
which every desktop installation already has (install.sh warns about any that is missing):

{libraries}

and, for the files they read, fontconfig's configuration with at least one font, and
the keyboard maps (xkb-data).

Debian/Ubuntu package names (the tested list, see RELEASING.md):

    sudo apt-get install {" ".join(packages)}

Everything else (Python, Qt, SQLite) is inside this folder.
"""


def stage(bundle: Path, staging: Path) -> None:
    """Lay out the tarball's folder under ``staging``."""
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    shutil.copytree(bundle, staging / PACKAGE, symlinks=True)
    shutil.copyfile(HERE / "portable" / "install.sh", staging / "install.sh")
    (staging / "install.sh").chmod(0o755)
    applications = staging / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(HERE / f"{PACKAGE}.desktop", applications / f"{PACKAGE}.desktop")
    icons = ROOT / "resources" / "icons"
    hicolor = staging / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copyfile(icons / "hicolor" / f"{size}x{size}" / "apps" / f"{PACKAGE}.png",
                        folder / f"{PACKAGE}.png")  # fmt: skip
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copyfile(icons / f"{PACKAGE}.svg", hicolor / "scalable" / "apps" / f"{PACKAGE}.svg")
    sonames, packages = system_libraries(bundle)
    glibc = installed_version(GLIBC_PACKAGE).split("-")[0]
    (staging / "README.txt").write_text(readme(__version__, sonames, packages, glibc), "utf-8")


def pack(staging: Path, tarball: Path) -> None:
    """``tar | xz`` with owner root and the files' times set to SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "0")
    tar = subprocess.Popen(
        ["tar", "--sort=name", "--owner=0", "--group=0", "--numeric-owner",
         f"--mtime=@{epoch}", "-C", str(staging.parent), "-cf", "-", staging.name],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    with tarball.open("wb") as out:
        subprocess.run(["xz", "-6", "-T2", "-c"], stdin=tar.stdout, stdout=out, check=True)
    assert tar.stdout is not None
    tar.stdout.close()
    if tar.wait() != 0:
        raise SystemExit("tar failed")


def main(argv: list[str] | None = None) -> int:
    """Build the tarball; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    name = f"{PACKAGE}-{__version__}-linux-{platform.machine()}"
    staging = ROOT / "build" / "portable" / name
    stage(args.bundle, staging)
    args.out.mkdir(parents=True, exist_ok=True)
    tarball = args.out / f"{name}.tar.xz"
    pack(staging, tarball)
    print(tarball)
    return 0


if __name__ == "__main__":
    sys.exit(main())
