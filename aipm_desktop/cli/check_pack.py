"""The ``check-pack`` command: validate pack files and print every problem."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from aipm_desktop.core.packs import PackError, PackIdRegistry, PackProblem, load_pack


def check_packs(files: Sequence[str], out: TextIO) -> int:
    """Check each file; print ``FILE: location: message`` lines or ``FILE: ok (N questions)``.

    Ids shared across the given files are reported like :func:`load_packs` does.
    Returns 0 when every file is valid, else 1.
    """
    registry = PackIdRegistry()
    all_valid = True
    for name in files:
        problems, question_count = _check_one(name, registry)
        for problem in problems:
            print(problem, file=out)
        if problems:
            all_valid = False
        else:
            noun = "question" if question_count == 1 else "questions"
            print(f"{name}: ok ({question_count} {noun})", file=out)
    return 0 if all_valid else 1


def _check_one(name: str, registry: PackIdRegistry) -> tuple[list[PackProblem], int]:
    """The file's problems (including id clashes with earlier files) and its question count."""
    try:
        pack = load_pack(Path(name), file=name)
    except PackError as exc:
        return exc.problems, 0
    return registry.add(name, pack), len(pack.questions)
