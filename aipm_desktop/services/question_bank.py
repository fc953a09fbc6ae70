"""The questions the app offers: every pack in the bundled folder, validated."""

from __future__ import annotations

from pathlib import Path

from aipm_desktop.core.packs import PackLoadResult, PackProblem, discover_pack_files, load_packs
from aipm_desktop.core.questions import Question
from aipm_desktop.services.bundled import bundled_questions_dir


def load_question_bank(directory: Path | None = None) -> PackLoadResult:
    """Load every pack in ``directory`` (default: the bundled packs); never raises for bad packs."""
    if directory is None:
        try:
            directory = bundled_questions_dir()
        except FileNotFoundError as error:
            problem = PackProblem("questions", "$", f"the bundled questions are missing ({error})")
            return PackLoadResult(packs=(), problems=(problem,))
    return load_packs(discover_pack_files(directory))


def all_questions(result: PackLoadResult) -> list[Question]:
    """Every question of every loaded pack, in pack then number order."""
    return [question for pack in result.packs for question in pack.questions]
