"""Choosing questions: all, filtered, random N, never attempted, weakest, hand-picked."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from random import Random

from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt
from aipm_desktop.core.session_selection import select_questions, weakness
from aipm_desktop.core.session_settings import SelectionKind, SessionSettings
from aipm_desktop.core.timer import TimeUpMode


def make_question(n: int, category: str, level: str) -> Question:
    return Question(
        id=f"q-{n}",
        number=n,
        prompt=f"Q{n}",
        category=category,
        level=level,
        model_answer="",
        key_points=("a", "b", "c", "d"),
        time_limit_seconds=None,
        tags=(),
        pack_id="p",
        pack_version="1",
    )


QUESTIONS = [
    make_question(1, "Strategy", "Entry"),
    make_question(2, "Strategy", "Senior"),
    make_question(3, "Technical", "Entry"),
    make_question(4, "Technical", "Senior"),
    make_question(5, "Ethics", "Entry"),
]
WHEN = datetime(2026, 1, 1, tzinfo=UTC)
BASE = Attempt(
    question_id="",
    pack_id="p",
    pack_version="1",
    started_at=WHEN,
    ended_at=WHEN,
    seconds_used=10,
    time_limit_seconds=60,
    overtime_seconds=0,
    answer="",
    revealed_before_submit=False,
    key_points_total=4,
    time_up_mode=TimeUpMode.SOFT,
)


def last(question_id: str, rating: Rating | None, ticked: int) -> Attempt:
    points = ("a", "b", "c", "d")[:ticked]
    return replace(BASE, question_id=question_id, rating=rating, key_points_ticked=points)


def ids(questions: list[Question]) -> list[str]:
    return [q.id for q in questions]


def pick(settings: SessionSettings, attempts: dict[str, Attempt] | None = None) -> list[str]:
    return ids(select_questions(QUESTIONS, settings, last_attempts=attempts or {}, rng=Random(3)))


def test_all_as_listed_and_shuffled() -> None:
    assert pick(SessionSettings()) == ["q-1", "q-2", "q-3", "q-4", "q-5"]
    shuffled = pick(SessionSettings(shuffle=True))
    assert sorted(shuffled) == ["q-1", "q-2", "q-3", "q-4", "q-5"]
    assert shuffled != ["q-1", "q-2", "q-3", "q-4", "q-5"]
    assert shuffled == pick(SessionSettings(shuffle=True)), "the same seed, the same order"


def test_by_category_and_or_level() -> None:
    by_category = SessionSettings(selection=SelectionKind.FILTERED, category="Technical")
    assert pick(by_category) == ["q-3", "q-4"]
    by_level = SessionSettings(selection=SelectionKind.FILTERED, level="Entry")
    assert pick(by_level) == ["q-1", "q-3", "q-5"]
    both = SessionSettings(selection=SelectionKind.FILTERED, category="Strategy", level="Senior")
    assert pick(both) == ["q-2"]


def test_random_n_keeps_list_order_unless_shuffled() -> None:
    chosen = pick(SessionSettings(selection=SelectionKind.RANDOM, count=3))
    assert len(chosen) == 3
    assert chosen == sorted(chosen)
    assert len(pick(SessionSettings(selection=SelectionKind.RANDOM, count=99))) == 5


def test_never_attempted() -> None:
    attempts = {"q-2": last("q-2", Rating.GOOD, 2), "q-5": last("q-5", None, 0)}
    assert pick(SessionSettings(selection=SelectionKind.NEVER_ATTEMPTED), attempts) == [
        "q-1",
        "q-3",
        "q-4",
    ]


def test_weakest_by_last_rating_and_coverage() -> None:
    attempts = {
        "q-1": last("q-1", Rating.EASY, 4),  # 0.0
        "q-2": last("q-2", Rating.AGAIN, 1),  # (1 + 0.75) / 2
        "q-3": last("q-3", None, 0),  # coverage only: 1.0
        "q-4": last("q-4", Rating.GOOD, 2),  # (1/3 + 0.5) / 2
    }
    assert weakness(attempts["q-3"]) == 1.0
    assert weakness(attempts["q-1"]) == 0.0
    settings = SessionSettings(selection=SelectionKind.WEAKEST, count=3)
    assert pick(settings, attempts) == ["q-3", "q-2", "q-4"]


def test_hand_picked_in_the_chosen_order_and_unknown_ids_dropped() -> None:
    settings = SessionSettings(selection=SelectionKind.HAND_PICKED, hand_picked=("q-4", "x", "q-1"))
    assert pick(settings) == ["q-4", "q-1"]
