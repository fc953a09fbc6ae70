"""Key-point coverage: which rubric points an answer makes, with evidence. Qt-free.

The semantic matcher (a small sentence-embedding model run offline) is the default; the
lexical word match is the fallback. See docs/coverage.md.
"""

from aipm_desktop.core.coverage.lexical import LexicalMatcher
from aipm_desktop.core.coverage.loader import LoadedMatcher, load_matcher
from aipm_desktop.core.coverage.matcher import KeyPointMatcher, PointMatch
from aipm_desktop.core.coverage.rating import covered_share, suggested_rating

__all__ = [
    "KeyPointMatcher",
    "LexicalMatcher",
    "LoadedMatcher",
    "PointMatch",
    "covered_share",
    "load_matcher",
    "suggested_rating",
]
