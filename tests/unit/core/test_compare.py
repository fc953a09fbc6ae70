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
