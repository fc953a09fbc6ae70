"""How fast files are converted (or refused) by the importers, and how much memory that takes.

Times (median of N runs, ``time.perf_counter``) and peak Python memory (``tracemalloc``,
one extra run) of ``convert_file`` for:

* ``csv_1m``:    a CSV with 1,000,000 rows (about 14 MB): refused by the count limit;
* ``csv_10k``:   a CSV with 10,000 questions (header, key points, tags): converted;
* ``md_10k``:    Markdown with 10,000 question headings: converted;
* ``apkg11_10k``: a genanki deck (schema 11) with 10,000 notes, HTML lists: converted;
* ``apkg18_10k``: a hand-made schema 18 package (zstd) with 10,000 notes: converted;
* ``zip_bomb``:  a package whose collection is 20 MB of zeros: refused from its ratio.

Needs the test extra (genanki). Usage::

    python benchmarks/importers.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aipm_desktop.core.importers import ConversionError, convert_file
from tests.unit.importers.anki_files import (
    Schema18Note,
    Schema18Options,
    genanki_deck,
    schema18_deck,
)

COUNT = 10_000


def make_files(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    huge = folder / "huge.csv"
    with huge.open("w", encoding="utf-8") as stream:
        stream.write("question,answer\n")
        stream.writelines(f"q{i},a\n" for i in range(1_000_000))
    files["csv_1m"] = huge
    table = folder / "bank.csv"
    with table.open("w", encoding="utf-8") as stream:
        stream.write("question,answer,key points,category,tags\n")
        stream.writelines(
            f'"Question {i}?","Answer {i}, with a clause.",point a; point b,Cat {i % 7},"x, y"\n'
            for i in range(COUNT)
        )
    files["csv_10k"] = table
    notes = folder / "notes.md"
    notes.write_text(
        "".join(f"## Question {i}?\nAnswer {i}.\n\n- point a\n- point b\n\n" for i in range(COUNT)),
        encoding="utf-8",
    )
    files["md_10k"] = notes
    answer = "<ul><li><b>first</b> point</li><li>second point</li></ul>"
    files["apkg11_10k"] = genanki_deck(
        folder / "deck11.apkg",
        {"Bench::Deck": [([f"Question {i}?", answer, ""], ["bench"]) for i in range(COUNT)]},
    )
    files["apkg18_10k"] = schema18_deck(
        folder / "deck18.apkg",
        [Schema18Note(f"g{i}", [f"Question {i}?", answer], " bench ") for i in range(COUNT)],
        Schema18Options(media_files=0),
    )
    bomb = folder / "bomb.apkg"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("collection.anki2", "w") as entry,
    ):
        for _ in range(20):
            entry.write(bytes(1024 * 1024))
    files["zip_bomb"] = bomb
    return files


def run_once(path: Path) -> str:
    try:
        converted = convert_file(path)
    except ConversionError as error:
        return "refused: " + error.message[:60]
    return f"{converted.counts.questions} questions"


def measure(convert: Callable[[], str], runs: int) -> tuple[float, float, str]:
    times = []
    outcome = ""
    for _ in range(runs):
        start = time.perf_counter()
        outcome = convert()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    convert()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / (1024 * 1024), outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = make_files(Path(folder))
        print(f"{'case':<11} {'size MB':>8} {'median s':>9} {'peak MB':>8}  outcome")
        for name, path in files.items():
            seconds, peak, outcome = measure(lambda p=path: run_once(p), args.runs)
            size = path.stat().st_size / (1024 * 1024)
            print(f"{name:<11} {size:>8.2f} {seconds:>9.3f} {peak:>8.1f}  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
