"""BERT's uncased WordPiece tokenizer in plain Python, for the bundled ``vocab.txt``.

It gives the same token ids as the model's own ``tokenizer.json`` (BertNormalizer with
lower-casing and accent stripping, BertPreTokenizer, WordPiece with "##" continuations),
which tests/unit/core/test_wordpiece.py checks against ids recorded from the reference
tokenizer. A few hundred lines of Rust bindings are not worth it for answers of a few
hundred words.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

UNKNOWN = "[UNK]"
CLASSIFY = "[CLS]"
SEPARATOR = "[SEP]"
CONTINUATION = "##"
LONGEST_WORD = 100
"""Longer words become [UNK], as in BERT."""


class WordPieceTokenizer:
    """Text -> token ids, with [CLS] and [SEP] around them."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self._vocabulary = vocabulary
        self._unknown = vocabulary[UNKNOWN]
        self._classify = vocabulary[CLASSIFY]
        self._separator = vocabulary[SEPARATOR]
        self._word_ids = lru_cache(maxsize=20_000)(self._word_pieces)

    @classmethod
    def from_file(cls, path: Path) -> WordPieceTokenizer:
        """Read a vocabulary with one token per line (the line number is the id)."""
        lines = path.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return cls({token: index for index, token in enumerate(lines)})

    def encode(self, text: str, max_length: int) -> list[int]:
        """The ids for ``text``, cut to ``max_length`` ids including [CLS] and [SEP]."""
        ids: list[int] = []
        budget = max_length - 2
        for word in basic_tokens(text):
            ids.extend(self._word_ids(word))
            if len(ids) >= budget:
                break
        return [self._classify, *ids[:budget], self._separator]

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > LONGEST_WORD:
            return (self._unknown,)
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            piece_id = None
            while start < end:
                piece = word[start:end] if start == 0 else CONTINUATION + word[start:end]
                piece_id = self._vocabulary.get(piece)
                if piece_id is not None:
                    break
                end -= 1
            if piece_id is None:
                return (self._unknown,)
            pieces.append(piece_id)
            start = end
        return tuple(pieces)


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accent-free words and single punctuation marks (BERT's basic step)."""
    spaced = "".join(_normal_char(char) for char in text).lower()
    unaccented = "".join(
        char for char in unicodedata.normalize("NFD", spaced) if unicodedata.category(char) != "Mn"
    )
    tokens: list[str] = []
    for chunk in unaccented.split():
        word: list[str] = []
        for char in chunk:
            if _is_punctuation(char):
                if word:
                    tokens.append("".join(word))
                    word = []
                tokens.append(char)
            else:
                word.append(char)
        if word:
            tokens.append("".join(word))
    return tokens


def _normal_char(char: str) -> str:
    """Drop control characters, turn any white space into a space, pad CJK ideographs."""
    code = ord(char)
    if char in "\t\n\r" or unicodedata.category(char) == "Zs":
        return " "
    if code in (0, 0xFFFD) or unicodedata.category(char) in ("Cc", "Cf"):
        return ""
    if _is_cjk(code):
        return f" {char} "
    return char


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


_CJK_RANGES = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B820, 0x2CEAF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)


def _is_cjk(code: int) -> bool:
    if code < 0x3400:
        return False
    return any(low <= code <= high for low, high in _CJK_RANGES)
