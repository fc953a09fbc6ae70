"""An answer longer than the model checks is scored by the word match, without the model."""

from __future__ import annotations

from aipm_desktop.core.coverage import LexicalMatcher, LoadedMatcher
from aipm_desktop.core.questions import Question
from aipm_desktop.services.coverage import MODEL_MAX_CHARS, CoverageChecker

QUESTION = Question(
    id="q1",
    number=1,
    prompt="How would you measure a launch?",
    category="c",
    level="l",
    model_answer="Name a primary metric and a guardrail.",
    key_points=("Names a primary metric", "Names a guardrail metric"),
    time_limit_seconds=None,
    tags=(),
    pack_id="p",
    pack_version="1",
)


def never_loaded() -> LoadedMatcher:
    raise AssertionError("the model must not be loaded for a long answer")


def test_an_answer_over_the_model_limit_is_word_matched_and_says_why() -> None:
    answer = "The primary metric is retention. " * (MODEL_MAX_CHARS // 30)
    assert len(answer) > MODEL_MAX_CHARS

    report = CoverageChecker(never_loaded).check(QUESTION, answer)

    assert report.fallback_reason is not None
    assert f"{MODEL_MAX_CHARS:,} characters" in report.fallback_reason
    assert report.matcher_name == LexicalMatcher().name
    assert report.matches[0].covered  # "primary metric" is in the answer


def test_an_answer_at_the_model_limit_uses_the_loaded_matcher() -> None:
    loads: list[int] = []

    def loader() -> LoadedMatcher:
        loads.append(1)
        return LoadedMatcher(LexicalMatcher(), None)

    report = CoverageChecker(loader).check(QUESTION, "x" * MODEL_MAX_CHARS)

    assert loads == [1]
    assert report.fallback_reason is None
