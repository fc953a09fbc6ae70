"""What a mock-interview session is set up with, as chosen in the New session dialog."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from aipm_desktop.core.speech.answer_mode import AnswerMode
from aipm_desktop.core.timer import TimeUpMode, format_clock


class SelectionKind(StrEnum):
    """Which questions a session asks."""

    ALL = "all"
    FILTERED = "filtered"
    """By category and/or level."""
    RANDOM = "random"
    NEVER_ATTEMPTED = "never_attempted"
    WEAKEST = "weakest"
    HAND_PICKED = "hand_picked"


SELECTION_LABELS = {
    SelectionKind.ALL: "All questions",
    SelectionKind.FILTERED: "By category or level",
    SelectionKind.RANDOM: "A few at random",
    SelectionKind.NEVER_ATTEMPTED: "Never attempted",
    SelectionKind.WEAKEST: "Weakest by last rating and key points",
    SelectionKind.HAND_PICKED: "Hand-picked",
}


class RevealPolicy(StrEnum):
    """When the model answers are shown."""

    AFTER_EACH = "after_each"
    AT_END = "at_end"


@dataclass(frozen=True)
class SessionSettings:
    """Every choice of the New session dialog; serialises to a plain dict."""

    selection: SelectionKind = SelectionKind.ALL
    category: str | None = None
    level: str | None = None
    count: int = 5
    """How many questions for random N and weakest N."""
    hand_picked: tuple[str, ...] = ()
    shuffle: bool = False
    fixed_seconds: int | None = None
    """A fixed time per question, or None for each question's own limit."""
    think_seconds: int = 0
    """Reading time before the answer clock starts; 0 for none."""
    budget_seconds: int | None = None
    """The overall time budget, or None for no budget."""
    time_up_mode: TimeUpMode = TimeUpMode.SOFT
    reveal: RevealPolicy = RevealPolicy.AFTER_EACH
    answer_mode: AnswerMode = AnswerMode.TYPE
    """Typed or spoken answers (Speak records and transcribes each one)."""
    seed: int | None = field(default=None, compare=False)
    """The random seed used for random picks and shuffling (recorded, not chosen)."""

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError(f"question count must be at least 1, got {self.count}")
        if self.fixed_seconds is not None and self.fixed_seconds <= 0:
            raise ValueError("a fixed time per question must be positive")
        if self.think_seconds < 0:
            raise ValueError("think time cannot be negative")
        if self.budget_seconds is not None and self.budget_seconds <= 0:
            raise ValueError("an overall time budget must be positive")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "selection": self.selection.value,
            "category": self.category,
            "level": self.level,
            "count": self.count,
            "hand_picked": list(self.hand_picked),
            "shuffle": self.shuffle,
            "fixed_seconds": self.fixed_seconds,
            "think_seconds": self.think_seconds,
            "budget_seconds": self.budget_seconds,
            "time_up_mode": self.time_up_mode.value,
            "reveal": self.reveal.value,
            "answer_mode": self.answer_mode.value,
            "seed": self.seed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SessionSettings:
        """Rebuild from `to_dict` output; raises ValueError/KeyError/TypeError if malformed."""
        return cls(
            selection=SelectionKind(data["selection"]),
            category=_optional_str(data.get("category")),
            level=_optional_str(data.get("level")),
            count=int(data.get("count", 5)),
            hand_picked=tuple(str(q) for q in data.get("hand_picked", ())),
            shuffle=bool(data.get("shuffle", False)),
            fixed_seconds=_optional_int(data.get("fixed_seconds")),
            think_seconds=int(data.get("think_seconds", 0)),
            budget_seconds=_optional_int(data.get("budget_seconds")),
            time_up_mode=TimeUpMode(data.get("time_up_mode", TimeUpMode.SOFT.value)),
            reveal=RevealPolicy(data.get("reveal", RevealPolicy.AFTER_EACH.value)),
            answer_mode=AnswerMode.from_text(data.get("answer_mode")),
            seed=_optional_int(data.get("seed")),
        )

    def describe(self) -> list[tuple[str, str]]:
        """(setting, value) pairs for people: the summary and the report."""
        which = SELECTION_LABELS[self.selection]
        if self.selection == SelectionKind.FILTERED:
            parts = [self.category or "any category", self.level or "any level"]
            which += f" ({', '.join(parts)})"
        elif self.selection == SelectionKind.RANDOM:
            which = f"Random {self.count}"
        elif self.selection == SelectionKind.WEAKEST:
            which += f" (up to {self.count})"
        elif self.selection == SelectionKind.HAND_PICKED:
            which += f" ({len(self.hand_picked)})"
        spoken = (
            [("Answers", "Spoken, transcribed")] if self.answer_mode is AnswerMode.SPEAK else []
        )
        return [
            ("Questions", which),
            ("Order", "Shuffled" if self.shuffle else "As listed"),
            (
                "Time per question",
                "Each question's own limit"
                if self.fixed_seconds is None
                else format_clock(self.fixed_seconds),
            ),
            ("Think time", "None" if not self.think_seconds else format_clock(self.think_seconds)),
            (
                "Overall budget",
                "None" if self.budget_seconds is None else format_clock(self.budget_seconds),
            ),
            (
                "When time is up",
                "Hard: submit and move on"
                if self.time_up_mode == TimeUpMode.HARD
                else "Soft: keep going, overtime counted",
            ),
            (
                "Model answers shown",
                "After each question" if self.reveal == RevealPolicy.AFTER_EACH else "At the end",
            ),
            *spoken,
        ]


def _optional_int(value: object) -> int | None:
    if value is None or value == "":
        return None
    return int(str(value))


def _optional_str(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
