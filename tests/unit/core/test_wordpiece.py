"""The plain-Python WordPiece tokenizer gives the model's own tokenizer's ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aipm_desktop.core.coverage.model_files import vocabulary_path
from aipm_desktop.core.coverage.wordpiece import WordPieceTokenizer, basic_tokens

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "wordpiece_reference.json"
CASES = json.loads(REFERENCE.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def tokenizer() -> WordPieceTokenizer:
    return WordPieceTokenizer.from_file(vocabulary_path())


@pytest.mark.parametrize("case", CASES, ids=[case["text"][:20] for case in CASES])
def test_same_ids_as_the_reference_tokenizer(
    tokenizer: WordPieceTokenizer, case: dict[str, object]
) -> None:
    assert tokenizer.encode(str(case["text"]), max_length=10_000) == case["ids"]


def test_long_text_is_cut_to_the_limit_with_cls_and_sep(tokenizer: WordPieceTokenizer) -> None:
    ids = tokenizer.encode("word " * 500, max_length=128)
    assert len(ids) == 128
    assert ids[0] == tokenizer.encode("", 10)[0]
    assert ids[-1] == tokenizer.encode("", 10)[-1]


def test_basic_tokens_lower_case_strip_accents_and_split_punctuation() -> None:
    assert basic_tokens("Café, RÉSUMÉ!") == ["cafe", ",", "resume", "!"]
