"""Which questions a session asks, and in what order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from random import Random

from aipm_desktop.core.questions import Question
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.session_settings import SelectionKind, SessionSettings


def weakness(attempt: Attempt) -> float:
    """How weak the last attempt was, from 0 (strongest) to 1 (weakest).

    The mean of the signals it has: the rating (Again 1 … Easy 0) and the
    key-point coverage (none ticked 1 … all ticked 0). With neither, 0.5.
    """
    signals: list[float] = []
    if attempt.rating is not None:
        signals.append((4 - int(attempt.rating)) / 3)
    if attempt.key_points_total > 0:
        signals.append(1 - len(attempt.key_points_ticked) / attempt.key_points_total)
    return sum(signals) / len(signals) if signals else 0.5


def select_questions(
    questions: Sequence[Question],
    settings: SessionSettings,
    *,
    last_attempts: Mapping[str, Attempt],
    rng: Random,
) -> list[Question]:
    """The session's questions, in order; may be empty (nothing matched).

    ``last_attempts`` maps a question id to its latest attempt; ``rng`` is
    used for random picks and shuffling, so a seeded one gives a repeatable session.
    """
    kind = settings.selection
    chosen: list[Question]
    if kind == SelectionKind.ALL:
        chosen = list(questions)
    elif kind == SelectionKind.FILTERED:
        chosen = [
            q
            for q in questions
            if settings.category in (None, q.category) and settings.level in (None, q.level)
        ]
    elif kind == SelectionKind.RANDOM:
        picked = set(rng.sample(range(len(questions)), min(settings.count, len(questions))))
        chosen = [q for i, q in enumerate(questions) if i in picked]
    elif kind == SelectionKind.NEVER_ATTEMPTED:
        chosen = [q for q in questions if q.id not in last_attempts]
    elif kind == SelectionKind.WEAKEST:
        attempted = [q for q in questions if q.id in last_attempts]
        # Weakest first; ties keep list order (the sort is stable).
        ranked = sorted(attempted, key=lambda q: -weakness(last_attempts[q.id]))
        chosen = ranked[: settings.count]
    else:
        by_id = {q.id: q for q in questions}
        chosen = [by_id[qid] for qid in settings.hand_picked if qid in by_id]
    if settings.shuffle:
        rng.shuffle(chosen)
    return chosen
