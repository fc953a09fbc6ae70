"""What a transcript shows about delivery: pace, long pauses, fillers, time per sentence.

Observations only: each figure says what was heard, none of them is a grade or a
"confidence". The definitions, which the tests pin down:

* **Speaking time** runs from the start of the first word to the end of the last one,
  less every long pause. Silence before the first word and after the last one is not
  speaking time; short pauses between words and sentences are.
* **Words per minute** is the number of words over the speaking time (None when
  nothing was said). Fillers count as words: they take time like any other.
* A **long pause** is a gap of more than :data:`LONG_PAUSE_SECONDS` between the end of
  one word and the start of the next, with the words on either side.
* **Fillers** are counted conservatively, so that a figure is never inflated by a
  word doing real work: "um", "uh", "er", "erm", "ah", "hmm" (and their drawn-out
  spellings) always count; "like" counts only when commas set it apart on both sides
  ("it was, like, slow") or it opens a sentence followed by a comma ("Like, ...");
  "you know" and "I mean" count only when a comma, or the end of the sentence,
  follows them. "So" and "well" never count: they often start a real answer.
* **Fillers per minute** are over the speaking time, like words per minute.
* **Parts** are the answer's sentences (as punctuated by the transcriber), each
  from its first word's start to its last word's end; a transcript without sentence
  punctuation is one part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from aipm_desktop.core.speech.transcript import Transcript, Word

LONG_PAUSE_SECONDS = 2.0
"""A gap between two words longer than this is a long pause."""

USUAL_WORDS_PER_MINUTE = (130, 160)
"""The pace most listeners find comfortable: a guide to show, not a target to grade."""

_ALWAYS_FILLERS = re.compile(r"u+m+|u+h+|e+r+m*|a+h+|h+m+|m{2,}")
_SENTENCE_END = (".", "?", "!")
_PHRASE_FILLERS = (("you", "know"), ("i", "mean"))


@dataclass(frozen=True)
class Pause:
    """A long silence between two words: from ``start`` to ``end`` in seconds."""

    start: float
    end: float
    word_before: str
    word_after: str

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Filler:
    """A filler as it was transcribed ("um", "you know"), and when it was said."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Part:
    """One sentence of the answer and when it was said."""

    text: str
    start: float
    end: float
    words: int

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Delivery:
    """The delivery figures of one spoken answer (see the module's docstring)."""

    seconds: float
    speaking_seconds: float
    word_count: int
    words_per_minute: float | None
    long_pauses: tuple[Pause, ...]
    fillers: tuple[Filler, ...]
    fillers_per_minute: float | None
    parts: tuple[Part, ...]


def analyse(transcript: Transcript) -> Delivery:
    """The delivery figures of ``transcript``."""
    words = transcript.words
    pauses = long_pauses(words)
    speaking = speaking_seconds(words, pauses)
    fillers = find_fillers(words)
    return Delivery(
        seconds=transcript.seconds,
        speaking_seconds=speaking,
        word_count=len(words),
        words_per_minute=_per_minute(len(words), speaking),
        long_pauses=pauses,
        fillers=fillers,
        fillers_per_minute=_per_minute(len(fillers), speaking),
        parts=sentences(words),
    )


def long_pauses(words: tuple[Word, ...]) -> tuple[Pause, ...]:
    """Every gap between consecutive words longer than :data:`LONG_PAUSE_SECONDS`."""
    return tuple(
        Pause(before.end, after.start, before.text, after.text)
        for before, after in pairwise(words)
        if after.start - before.end > LONG_PAUSE_SECONDS
    )


def speaking_seconds(words: tuple[Word, ...], pauses: tuple[Pause, ...]) -> float:
    """First word's start to last word's end, less the long pauses."""
    if not words:
        return 0.0
    span = words[-1].end - words[0].start
    return max(0.0, span - sum(pause.seconds for pause in pauses))


def find_fillers(words: tuple[Word, ...]) -> tuple[Filler, ...]:
    """The fillers among ``words``, by the conservative rules of this module."""
    found: list[Filler] = []
    for index, word in enumerate(words):
        bare = _bare(word.text)
        if _is_single_filler(words, index):
            found.append(Filler(bare, word.start, word.end))
        elif _ends_a_phrase_filler(words, index):
            before = words[index - 1]
            found.append(Filler(f"{_bare(before.text)} {bare}", before.start, word.end))
    return tuple(found)


def _is_single_filler(words: tuple[Word, ...], index: int) -> bool:
    bare = _bare(words[index].text)
    if _ALWAYS_FILLERS.fullmatch(bare):
        return True
    return bare == "like" and _like_is_filler(words, index)


def _ends_a_phrase_filler(words: tuple[Word, ...], index: int) -> bool:
    """ "know" of "you know" or "mean" of "I mean", followed by a comma or sentence end."""
    if index == 0 or not words[index].text.rstrip().endswith((",", *_SENTENCE_END)):
        return False
    return (_bare(words[index - 1].text), _bare(words[index].text)) in _PHRASE_FILLERS


def sentences(words: tuple[Word, ...]) -> tuple[Part, ...]:
    """The answer cut into sentences at ".", "?" and "!"."""
    parts: list[Part] = []
    current: list[Word] = []
    for word in words:
        current.append(word)
        if word.text.rstrip().endswith(_SENTENCE_END):
            parts.append(_part(current))
            current = []
    if current:
        parts.append(_part(current))
    return tuple(parts)


def _part(words: list[Word]) -> Part:
    text = " ".join(word.text.strip() for word in words)
    return Part(text, words[0].start, words[-1].end, len(words))


def _like_is_filler(words: tuple[Word, ...], index: int) -> bool:
    """ "like" set apart by commas, or opening a sentence followed by a comma."""
    if not words[index].text.rstrip().endswith(","):
        return False
    if index == 0:
        return True
    previous = words[index - 1].text.rstrip()
    return previous.endswith((",", *_SENTENCE_END))


def _bare(text: str) -> str:
    """A word in lower case without punctuation around it."""
    return text.strip().strip(".,?!;:\"'…-—").lower()


def _per_minute(count: int, seconds: float) -> float | None:
    if seconds <= 0:
        return None
    return count * 60.0 / seconds
