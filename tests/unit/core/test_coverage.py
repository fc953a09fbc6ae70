"""Key-point coverage: sentence windows, the matchers, the suggested rating and the loader."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from aipm_desktop.core.coverage import (
    LexicalMatcher,
    PointMatch,
    covered_share,
    load_matcher,
    suggested_rating,
)
from aipm_desktop.core.coverage.embedder import Vectors
from aipm_desktop.core.coverage.model_files import MODEL_NAME, installed_model_path
from aipm_desktop.core.coverage.semantic import SemanticMatcher
from aipm_desktop.core.coverage.sentences import split_sentences, substance, windows
from aipm_desktop.core.rating import Rating

LIMITATION_PROMPT = "What should an AI PM understand about model limitations?"
LIMITATION_POINTS = [
    "Distribution shift degrades performance silently; needs monitoring",
    "Edge cases need fallback logic",
    "Adversarial vulnerability: users will find inputs that break the model",
]
PRECISION_PROMPT = "Explain the precision-recall trade-off and when an AI PM needs to care."
PRECISION_POINTS = [
    "Defines precision: when the model says yes, how often is it right",
    "Defines recall: how much of what should be flagged is caught",
    "Gives at least one scenario (spam, fraud, moderation, medical)",
]


def test_sentences_keep_their_place_in_the_answer() -> None:
    answer = "First point here.  Second one?\n- A bullet item\n\n...\nLast; clause"
    sentences = split_sentences(answer)
    assert [s.text for s in sentences] == [
        "First point here.",
        "Second one?",
        "A bullet item",
        "Last;",
        "clause",
    ]
    assert all(answer[s.start : s.end] == s.text for s in sentences)


def test_windows_are_single_sentences_then_pairs() -> None:
    sentences = split_sentences("One. Two. Three.")
    assert [(w.first, w.last) for w in windows(sentences)] == [
        (0, 0),
        (1, 1),
        (2, 2),
        (0, 1),
        (1, 2),
    ]
    assert windows(sentences)[3].text == "One. Two."


def test_substance_of_label_points() -> None:
    assert substance("Volume: enough labeled examples") == "enough labeled examples"
    assert substance("Learns from data, not rules") == "Learns from data, not rules"
    long_label = "The PM should always say this: something"
    assert substance(long_label) == long_label


@pytest.mark.parametrize(
    ("covered", "expected"),
    [
        (0, Rating.AGAIN),
        (1, Rating.AGAIN),
        (2, Rating.HARD),
        (4, Rating.GOOD),
        (6, Rating.GOOD),
        (7, Rating.EASY),
        (8, Rating.EASY),
    ],
)
def test_suggested_rating_follows_the_share_covered(covered: int, expected: Rating) -> None:
    matches = [PointMatch(f"p{i}", i < covered, 1.0, None) for i in range(8)]
    assert covered_share(matches) == covered / 8
    assert suggested_rating(matches) == expected


def test_lexical_matcher_gives_the_sentence_with_the_words_as_evidence() -> None:
    answer = "I like it. We keep monitoring because distribution shift degrades it silently."
    point = "Distribution shift degrades performance silently; needs monitoring"
    [match] = LexicalMatcher().match(answer, [point])
    assert match.covered
    assert match.evidence == "We keep monitoring because distribution shift degrades it silently."
    assert match.evidence_span is not None
    assert answer[slice(*match.evidence_span)] == match.evidence
    [missing] = LexicalMatcher().match("Nothing relevant.", [point])
    assert (missing.covered, missing.evidence, missing.score) == (False, None, 0.0)


class WordVectors:
    """A stand-in embedder: a text's vector counts the listed topic words in it."""

    TOPICS = ("precision", "recall", "fraud", "tradeoff")

    def token_sums(self, texts: Sequence[str]) -> tuple[Vectors, Vectors]:
        rows, counts = [], []
        for text in texts:
            words = text.lower().replace(",", " ").replace(".", " ").split()
            rows.append([words.count(t) for t in self.TOPICS] + [0.2])
            counts.append([len(words)])
        return np.array(rows, dtype=np.float32), np.array(counts, dtype=np.float32)


def test_a_sentence_covers_the_point_it_is_closest_to_and_lists_cover_none() -> None:
    matcher = SemanticMatcher(WordVectors(), "words")
    points = ["precision", "recall", "fraud"]
    answer = "Intro sentence. Precision precision matters. Precision, recall, fraud."
    matches = matcher.match(answer, points, question="tradeoff")
    assert [m.covered for m in matches] == [True, False, False]
    assert matches[0].evidence == "Precision precision matters."
    assert matches[0].score > 0.5 > matches[1].score
    assert answer[slice(*matches[0].evidence_span)] == matches[0].evidence  # type: ignore[misc]


def test_empty_answer_covers_nothing() -> None:
    matcher = SemanticMatcher(WordVectors(), "words")
    assert [m.covered for m in matcher.match("  \n ", ["precision"], "q")] == [False]
    assert matcher.match("text", []) == []


@pytest.fixture(scope="module")
def semantic() -> SemanticMatcher:
    loaded = load_matcher()
    assert loaded.fallback_reason is None
    assert isinstance(loaded.matcher, SemanticMatcher)
    return loaded.matcher


def test_the_model_matches_meaning_not_words(semantic: SemanticMatcher) -> None:
    answer = (
        "When the users' behaviour drifts away from the training data, accuracy quietly "
        "drops, so we need dashboards that watch it. People will deliberately craft inputs "
        "to fool the system."
    )
    matches = semantic.match(answer, LIMITATION_POINTS, LIMITATION_PROMPT)
    assert semantic.name == MODEL_NAME
    assert [m.covered for m in matches] == [True, False, True]
    assert matches[0].evidence is not None
    assert matches[0].evidence.startswith("When the users' behaviour drifts")
    assert matches[2].evidence == "People will deliberately craft inputs to fool the system."
    assert 0.5 <= matches[0].score <= 1.0
    assert matches[1].evidence is None
    assert not any(m.covered for m in LexicalMatcher().match(answer, LIMITATION_POINTS))


def test_naming_the_concepts_does_not_cover_the_points(semantic: SemanticMatcher) -> None:
    answer = "Precision, recall, spam, fraud, moderation and medical are all important."
    covered = [m.covered for m in semantic.match(answer, PRECISION_POINTS[:2], PRECISION_PROMPT)]
    assert covered == [False, False]


def test_an_altered_model_file_falls_back_to_lexical(tmp_path: Path) -> None:
    altered = tmp_path / "model.onnx"
    shutil.copyfile(installed_model_path(), altered)
    with altered.open("r+b") as file:
        file.seek(1000)
        file.write(b"\x00\x01\x02")
    loaded = load_matcher(altered)
    assert isinstance(loaded.matcher, LexicalMatcher)
    assert loaded.fallback_reason is not None
    assert "sha256" in loaded.fallback_reason


def test_a_missing_or_switched_off_model_falls_back_to_lexical(tmp_path: Path) -> None:
    missing = load_matcher(tmp_path / "none.onnx")
    assert missing.matcher.name == "lexical"
    assert "cannot be read" in (missing.fallback_reason or "")
    off = load_matcher(environ={"AIPM_COVERAGE_MODEL": ""})
    assert off.matcher.name == "lexical"
    assert "switched off" in (off.fallback_reason or "")
