"""Issue 14, findings 1 and 2 end to end: a pack naming local files never opens them.

A pack whose text is ``<img src="/dev/zero">`` and friends starts the app twice
in a row; under ``strace``, no file named by pack text is ever opened or even
looked at, on the main window and on every surface ``inert_driver`` builds.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aipm_desktop.services.pack_library import PackLibrary

from .test_cli import describe

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 3 * 1024**3
"""Address space for the child: a /dev/zero image would exceed it and fail, not hog the box."""


def ways_of_naming(folder: Path) -> list[str]:
    """At least ten ways Markdown or HTML can name a local file."""
    f = folder.as_posix()
    return [
        f'<img src="{f}/img.png">',
        f"![markdown image]({f}/markdown.png)",
        f"![file url](file://{f}/file-url.png)",
        f"[a link]({f}/link.html)",
        f'<div style="background-image: url({f}/css-url.png)">x</div>',
        f'<table background="{f}/table-background.png"><tr><td>t</td></tr></table>',
        f'<body background="{f}/body-background.png">',
        f'<object data="{f}/object.svg"></object>',
        f'<iframe src="{f}/iframe.html"></iframe>',
        f'<svg><image href="{f}/svg-image.png"/></svg>',
        f'<link rel="stylesheet" href="{f}/link.css">',
        f"<style>@import url({f}/import.css);</style>",
    ]


def hostile_pack(path: Path, texts: list[str]) -> Path:
    """A valid pack with one question per text, in every text field."""
    everything = "\n\n".join(texts)
    data = {
        "schema_version": 1,
        "id": "hostile",
        "title": texts[0][:200],
        "description": everything[:20000],
        "version": "1.0.0",
        "questions": [
            {
                "id": f"hostile-q{number}",
                "number": number,
                "prompt": text[:2000],
                "category": text[:100],
                "level": text[:100],
                "model_answer": everything + "\n\nThe very last line.",
                "key_points": [text[:500], "a plain point"],
                "tags": [text[:60]],
            }
            for number, text in enumerate(texts, start=1)
        ],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def data_with_only(pack: Path, data: Path) -> Path:
    """A data folder where ``pack`` is imported and the bundled packs are switched off."""
    library = PackLibrary(data)
    library.import_pack(pack)
    for entry in library.load().entries:
        if entry.pack.id != "hostile":
            library.set_enabled(entry.pack.id, False)
    return data


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_a_dev_zero_pack_starts_twice_in_a_row(tmp_path: Path, env: dict[str, str]) -> None:
    texts = ['<img src="/dev/zero">', "![zero](/dev/zero)", "<br><table><tr><td>x", "<hr>"]
    data = data_with_only(hostile_pack(tmp_path / "zero.json", texts), tmp_path / "data")

    for _launch in range(2):
        started = subprocess.run(
            [sys.executable, "-m", "aipm_desktop", "--data-dir", str(data), "--exit-when-ready"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            preexec_fn=limit_memory,
        )
        assert started.returncode == 0, describe(started)


def strace_log(command: list[str], tmp_path: Path, env: dict[str, str]) -> str:
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed (.ci/run installs it)")
    log = tmp_path / "strace.log"
    traced = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=%file", "-o", str(log), *command],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=limit_memory,
    )
    assert traced.returncode == 0, describe(traced)
    return log.read_text(encoding="utf-8", errors="replace")


def canary_folder(tmp_path: Path) -> Path:
    """Files pack text names, so that opening one would succeed and show in the trace."""
    folder = tmp_path / "canary-never-opened"
    folder.mkdir()
    for name in (
        "img.png",
        "markdown.png",
        "file-url.png",
        "css-url.png",
        "object.svg",
        "table-background.png",
        "body-background.png",
        "svg-image.png",
        "link.css",
        "import.css",
        "link.html",
        "iframe.html",
    ):
        (folder / name).write_bytes(b"canary")
    return folder


def test_no_file_named_by_pack_text_is_opened_by_the_app(
    tmp_path: Path, env: dict[str, str]
) -> None:
    canaries = canary_folder(tmp_path)
    pack = hostile_pack(tmp_path / "canary.json", ways_of_naming(canaries))
    data = data_with_only(pack, tmp_path / "data")

    log = strace_log(
        [sys.executable, "-m", "aipm_desktop", "--data-dir", str(data), "--exit-when-ready"],
        tmp_path,
        env,
    )

    assert "aipm_desktop" in log or "python" in log  # the trace did record file calls
    assert canaries.name not in log


def test_no_file_named_by_pack_text_is_opened_on_any_rendered_surface(
    tmp_path: Path, env: dict[str, str]
) -> None:
    canaries = canary_folder(tmp_path)
    pack = hostile_pack(tmp_path / "canary.json", ways_of_naming(canaries))
    out = tmp_path / "out"
    out.mkdir()

    log = strace_log(
        [sys.executable, "-m", "tests.e2e.inert_driver", str(pack), str(out)], tmp_path, env
    )

    assert str(pack) in log  # the trace saw the pack being read
    assert canaries.name not in log
    assert (out / "report.pdf").stat().st_size > 0
