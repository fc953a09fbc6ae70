"""Which texts contain a word: an index of the distinct whitespace-separated chunks.

A word typed in the search box has no whitespace, so it occurs in a text exactly
when it occurs inside one of the text's whitespace-separated chunks. A large
question bank repeats the same chunks again and again (10,000 questions here:
about 11,000 distinct chunks in 12 MB of text), so finding the chunks that
contain a word and joining their rows is much cheaper than scanning every text,
and answers the same substring question.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable


class SearchIndex:
    """Rows (0, 1, 2, ... in the order added) by the chunks of their texts."""

    def __init__(self) -> None:
        self._rows_by_chunk: dict[str, array[int]] = {}
        self.size = 0
        """How many texts have been added."""

    def add(self, texts: Iterable[str]) -> None:
        """Index the next texts, as rows ``size``, ``size + 1``, ..."""
        rows_by_chunk = self._rows_by_chunk
        for text in texts:
            row = self.size
            for chunk in set(text.split()):
                rows = rows_by_chunk.get(chunk)
                if rows is None:
                    rows_by_chunk[chunk] = array("I", (row,))
                else:
                    rows.append(row)
            self.size += 1

    def rows_containing(self, word: str, most: int) -> set[int] | None:
        """The rows whose text contains ``word`` (which has no whitespace), or None
        when collecting them would touch more than ``most`` row entries (a very short
        word is in nearly every chunk: scanning the texts is then cheaper)."""
        if not word or word != "".join(word.split()):
            raise ValueError(f"a search word has no whitespace: {word!r}")
        chunks = [rows for chunk, rows in self._rows_by_chunk.items() if word in chunk]
        if sum(len(rows) for rows in chunks) > most:
            return None
        found: set[int] = set()
        for rows in chunks:
            found.update(rows)
        return found
