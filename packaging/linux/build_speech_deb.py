"""Build the speech add-on's .deb from its bundle (dist/aipm-desktop-speech, speech.spec).

    python packaging/linux/build_speech_deb.py [--bundle dist/aipm-desktop-speech] [--out dist]
                                               [--version 0.1.1]

The package installs the bundle as /opt/aipm-desktop/speech, where the app finds it
(services/speech_worker.py), and depends on the same version of aipm-desktop and on
the system libraries the bundle links to (as build_deb.py works them out). Prints the
path of the .deb.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from build_deb import (  # noqa: E402
    DATA_DEPENDS,
    MAINTAINER,
    PACKAGE,
    build_main,
    depends,
    tree_size_kib,
)

SPEECH_PACKAGE = f"{PACKAGE}-speech"


def control(version: str, arch: str, size_kib: int, depends_on: list[str]) -> str:
    """The DEBIAN/control file: the app of the same version first among the dependencies."""
    return (
        f"Package: {SPEECH_PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join([f'{PACKAGE} (= {version})', *depends_on])}\n"
        "Section: education\n"
        "Priority: optional\n"
        "Description: answer AIPM Desktop's questions out loud (speech add-on)\n"
        " Adds on-device transcription to AIPM Desktop: Whisper tiny.en through\n"
        " faster-whisper (CTranslate2, FFmpeg through PyAV). Recordings are\n"
        " transcribed on this computer and never sent anywhere.\n"
    )


def stage(bundle: Path, staging: Path, version: str, arch: str) -> None:
    """Lay out the package's files under ``staging``."""
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(bundle, staging / "opt" / PACKAGE / "speech", symlinks=True)
    debian = staging / "DEBIAN"
    debian.mkdir()
    size = tree_size_kib(staging)
    # The app's package already depends on the packages whose data Qt reads.
    libraries = [name for name in depends(bundle) if name not in DATA_DEPENDS]
    (debian / "control").write_text(control(version, arch, size, libraries), "utf-8")
    for path in staging.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def main(argv: list[str] | None = None) -> int:
    """Build the .deb; returns the exit code."""
    return build_main(SPEECH_PACKAGE, stage, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
