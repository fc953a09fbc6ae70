"""The questions the app offers: the bundled packs and the data folder's packs, validated."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aipm_desktop.bundled import bundled_questions_dir
from aipm_desktop.core.packs import (
    PackLoadResult,
    PackProblem,
    ValidatedPacks,
    discover_pack_files,
    load_packs,
)
from aipm_desktop.core.questions import Question

USER_PACKS_DIR_NAME = "packs"
"""The data folder's sub-folder of added packs: every ``*.json`` under it, at any depth."""


def load_question_bank(
    directory: Path | None = None,
    *,
    extra_files: Sequence[Path] = (),
    validated: ValidatedPacks | None = None,
) -> PackLoadResult:
    """Load every pack in ``directory`` (default: the bundled packs), then ``extra_files``.

    Never raises for bad packs: their problems are in the result. ``validated``
    remembers packs that passed validation, so an unchanged file is not re-checked.
    """
    problems: list[PackProblem] = []
    files: list[Path] = []
    if directory is None:
        try:
            directory = bundled_questions_dir()
        except FileNotFoundError as error:
            message = f"the bundled questions are missing ({error})"
            problems.append(PackProblem("questions", "$", message))
    if directory is not None:
        files.extend(discover_pack_files(directory))
    files.extend(extra_files)
    result = load_packs(files, validated=validated)
    return PackLoadResult(result.packs, (*problems, *result.problems))


def user_pack_files(data_dir: Path) -> list[Path]:
    """Every ``*.json`` under ``data_dir/packs`` (any depth), in path order; hidden ones skipped."""
    root = data_dir / USER_PACKS_DIR_NAME
    try:
        found = [
            path
            for path in root.rglob("*.json")
            if path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(root).parts)
        ]
    except OSError:
        return []
    return sorted(found)


def all_questions(result: PackLoadResult) -> list[Question]:
    """Every question of every loaded pack, in pack then number order."""
    return [question for pack in result.packs for question in pack.questions]
