"""Key-point hints: which rubric points an answer seems to mention.

Offline and deterministic. Each key point is reduced to its important words
(lower-cased, stop words and rubric verbs such as "defines" dropped, then
lightly stemmed); the answer is reduced the same way. Words in brackets are
examples: "a scenario (spam, fraud)" needs "scenario" and any one of them. A key point "seems
mentioned" when enough of its important words appear in the answer, where a
word also counts when it shares a long stem with an answer word
("retrain"/"retraining", "monitor"/"monitoring").

It is a hint only: the user's own ticks are what is stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MENTIONED_SHARE = 0.5
"""A key point seems mentioned when at least this share of its important words is found."""
_PREFIX_CHARS = 5
"""Two stems that start with the same 5 letters count as the same word."""

_STOP_WORDS = frozenset(
    """
    a an the and or but if then than so as at by for from in into of on onto to up with
    without over under about after before between through during per via vs versus is are
    was were be been being am do does did done has have had having can could will would
    shall should may might must not no nor it its this that these those there their they
    them we our you your he she his her i me my what which who whom when where why how all
    any each every some such more most less least very too also just only own same other
    else one ones e g eg ie etc
    """.split()  # noqa: SIM905
)
_RUBRIC_WORDS = frozenset(
    """
    defines define explains explain mentions mention describes describe discusses discuss
    gives give names name notes note talks talk uses use considers consider understands
    understand identifies identify covers cover shows show states state says say least
    example examples
    """.split()  # noqa: SIM905
)
_SUFFIXES = (
    "ational",
    "ization",
    "isation",
    "fulness",
    "ousness",
    "iveness",
    "ations",
    "ation",
    "ments",
    "ment",
    "ities",
    "ity",
    "ness",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "ly",
)
_SIBILANT_ENDINGS = ("ss", "x", "z", "ch", "sh", "ias")
_WORD = re.compile(r"[a-z0-9]+")
_BRACKETS = re.compile(r"([^(]*)\(([^)]*)\)")


@dataclass(frozen=True)
class KeyPointHint:
    """Whether one key point seems to be in the answer."""

    key_point: str
    mentioned: bool
    found: tuple[str, ...]
    """The key point's important words found in the answer (as the key point spells them)."""
    missing: tuple[str, ...]
    """The key point's important words not found."""

    @property
    def label(self) -> str:
        """ "seems mentioned" or "seems missing"."""
        return "seems mentioned" if self.mentioned else "seems missing"


def stem(word: str) -> str:
    """A light stem: one common English suffix off, then a final "e" (price, pricing -> pric)."""
    base = _strip_suffix(word)
    return base[:-1] if base.endswith("e") and len(base) > 3 else base


def _strip_suffix(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    if word.endswith("es") and word[:-2].endswith(_SIBILANT_ENDINGS) and len(word) > 4:
        return word[:-2]  # biases -> bias, matches -> match
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ias")) and len(word) > 3:
        return word[:-1]  # rules -> rule
    return word


def important_words(text: str) -> list[str]:
    """The stems of ``text``'s words that carry meaning, in order, without repeats."""
    return list(_terms(text))


def _terms(text: str) -> dict[str, str]:
    """Stem -> the first word it came from, for the words that carry meaning."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = _WORD.findall(folded.replace("-", " ").replace("/", " "))
    terms: dict[str, str] = {}
    for word in words:
        if word in _STOP_WORDS or word in _RUBRIC_WORDS or len(word) < 2:
            continue
        terms.setdefault(stem(word), word)
    return terms


def _found(term: str, answer_terms: set[str], answer_prefixes: set[str]) -> bool:
    if term in answer_terms:
        return True
    return len(term) >= _PREFIX_CHARS and term[:_PREFIX_CHARS] in answer_prefixes


def hint_key_points(answer: str, key_points: Sequence[str]) -> list[KeyPointHint]:
    """One hint per key point, in rubric order."""
    answer_terms = set(_terms(answer))
    prefixes = {term[:_PREFIX_CHARS] for term in answer_terms if len(term) >= _PREFIX_CHARS}
    return [_hint(point, answer_terms, prefixes) for point in key_points]


def _hint(point: str, answer_terms: set[str], prefixes: set[str]) -> KeyPointHint:
    units = _units(point)
    found: list[str] = []
    missing: list[str] = []
    for unit in units:
        hits = [word for term, word in unit if _found(term, answer_terms, prefixes)]
        found += hits
        missing += [] if hits else [word for _term, word in unit]
    found_units = sum(
        any(_found(term, answer_terms, prefixes) for term, _word in unit) for unit in units
    )
    mentioned = bool(units) and found_units / len(units) >= MENTIONED_SHARE
    return KeyPointHint(point, mentioned, tuple(found), tuple(missing))


def _units(point: str) -> list[list[tuple[str, str]]]:
    """What must be found, as (stem, word) groups: each important word outside brackets
    is a group of its own; the words inside a bracket are examples, so any one of them
    finds the whole bracket."""
    units: list[list[tuple[str, str]]] = []
    seen: set[str] = set()
    for outside, inside in _BRACKETS.findall(point + "()"):
        for term, word in _terms(outside).items():
            if term not in seen:
                seen.add(term)
                units.append([(term, word)])
        examples = [(term, word) for term, word in _terms(inside).items() if term not in seen]
        if examples:
            seen.update(term for term, _word in examples)
            units.append(examples)
    return units


def agreement(hints: Iterable[KeyPointHint], expected: Iterable[bool]) -> tuple[int, int]:
    """(hints that match ``expected``, total): for measuring the hit rate."""
    pairs = list(zip(hints, expected, strict=True))
    return sum(hint.mentioned == wanted for hint, wanted in pairs), len(pairs)
