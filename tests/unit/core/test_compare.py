"""Word differences between two answers."""

from __future__ import annotations

from aipm_desktop.core.compare import Change, Segment, tokens, word_diff


def joined(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments)


def test_each_side_reassembles_its_answer() -> None:
    older = "Precision: how often a flag is right.\nRecall: how much we catch."
    newer = "Precision: when we flag, how often we're right.\n\nRecall: how much we catch 🎯."
    diff = word_diff(older, newer)
    assert joined(diff.older) == older
    assert joined(diff.newer) == newer


def test_changed_words_are_marked_on_their_side() -> None:
    diff = word_diff("the quick brown fox", "the slow brown fox jumps")
    assert [(s.text, s.change) for s in diff.older] == [
        ("the ", Change.SAME),
        ("quick", Change.REMOVED),
        (" brown fox", Change.SAME),
    ]
    assert [(s.text, s.change) for s in diff.newer] == [
        ("the ", Change.SAME),
        ("slow", Change.ADDED),
        (" brown fox", Change.SAME),
        (" jumps", Change.ADDED),
    ]
    assert (diff.words_added, diff.words_removed) == (2, 1)


def test_whitespace_alone_is_no_difference() -> None:
    diff = word_diff("a  b\nc", "a b c")
    assert {s.change for s in diff.older + diff.newer} == {Change.SAME}
    assert diff.similarity == 1.0


def test_identical_and_empty() -> None:
    same = word_diff("same text", "same text")
    assert (same.words_added, same.words_removed, same.similarity) == (0, 0, 1.0)
    empty = word_diff("", "")
    assert (empty.older, empty.newer, empty.similarity) == ([], [], 1.0)
    fresh = word_diff("", "all new")
    assert fresh.newer == [Segment("all new", Change.ADDED)]
    assert fresh.words_added == 2
    assert fresh.similarity == 0.0


def test_tokens_keep_whitespace() -> None:
    assert tokens(" a\tb ") == [" ", "a", "\t", "b", " "]


def long_pair() -> tuple[str, str, set[str], set[str]]:
    """Two 3,000-word answers: the newer drops every 100th word, adds one after every 150th."""
    words = [f"w{i}" for i in range(3000)]
    removed = {w for i, w in enumerate(words) if i % 100 == 50}
    newer: list[str] = []
    added = set()
    for i, word in enumerate(words):
        if word not in removed:
            newer.append(word)
        if i % 150 == 7:
            added.add(f"new{i}")
            newer.append(f"new{i}")
    return " ".join(words), " ".join(newer), added, removed


def test_long_answers_mark_exactly_the_inserted_and_removed_words() -> None:
    older, newer, added, removed = long_pair()
    diff = word_diff(older, newer)
    assert joined(diff.older) == older
    assert joined(diff.newer) == newer
    marked_added = {w for s in diff.newer if s.change == Change.ADDED for w in s.text.split()}
    marked_removed = {w for s in diff.older if s.change == Change.REMOVED for w in s.text.split()}
    assert (marked_added, marked_removed) == (added, removed)
    assert (diff.words_added, diff.words_removed) == (len(added), len(removed))
    assert 0.98 < diff.similarity < 1.0


def test_past_the_deadline_the_diff_is_coarser_but_still_correct() -> None:
    older, newer, added, removed = long_pair()
    diff = word_diff(older, newer, deadline=1e-9)  # the search gives up at once
    assert joined(diff.older) == older
    assert joined(diff.newer) == newer
    marked_added = {w for s in diff.newer if s.change == Change.ADDED for w in s.text.split()}
    marked_removed = {w for s in diff.older if s.change == Change.REMOVED for w in s.text.split()}
    assert added <= marked_added  # never misses a change
    assert removed <= marked_removed
    assert diff.words_added == len(marked_added)
    assert diff.words_removed == len(marked_removed)


def test_many_distinct_words_and_unicode() -> None:
    older = " ".join(f"mot{i}é" for i in range(60000))  # past the surrogate code points
    newer = older + " fin 🎯"
    diff = word_diff(older, newer)
    assert joined(diff.newer) == newer
    assert diff.newer[-1] == Segment(" fin 🎯", Change.ADDED)
    assert (diff.words_added, diff.words_removed) == (2, 0)
