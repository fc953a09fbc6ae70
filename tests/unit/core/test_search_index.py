"""SearchIndex answers exactly what scanning every text for the word answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aipm_desktop.core.search_index import SearchIndex

TEXTS = [
    "latency budget\n| p95 | 120 ms |",
    "model drift: watch the **latency**",
    "cost per query, guardrail metric",
    "",
]


def scan(texts: list[str], word: str) -> set[int]:
    return {row for row, text in enumerate(texts) if word in text}


@pytest.mark.parametrize("word", ["latency", "tenc", "p95", "|", "**lat", "metric", "drift:", "x"])
def test_rows_containing_a_word_are_the_rows_whose_text_contains_it(word: str) -> None:
    index = SearchIndex()
    index.add(TEXTS[:2])
    index.add(TEXTS[2:])  # added in steps, numbered on
    assert index.size == len(TEXTS)
    assert index.rows_containing(word, most=100) == scan(TEXTS, word)


def test_a_word_in_too_many_places_is_left_to_a_scan() -> None:
    index = SearchIndex()
    index.add(["a b c", "a", "ab"])
    assert index.rows_containing("a", most=2) is None  # four entries to join
    assert index.rows_containing("a", most=4) == {0, 1, 2}


@pytest.mark.parametrize("word", ["", "two words", "tab\there"])
def test_a_word_with_whitespace_is_refused(word: str) -> None:
    with pytest.raises(ValueError, match="no whitespace"):
        SearchIndex().rows_containing(word, most=10)


@given(
    texts=st.lists(st.text(alphabet="ab \n|*", max_size=30), max_size=8),
    word=st.text(alphabet="ab|*", min_size=1, max_size=4),
)
def test_the_index_agrees_with_scanning_any_texts(texts: list[str], word: str) -> None:
    index = SearchIndex()
    index.add(texts)
    assert index.rows_containing(word, most=10_000) == scan(texts, word)
