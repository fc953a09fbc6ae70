"""Delivery figures from hand-made transcripts: pace, long pauses, fillers, sentences."""

from __future__ import annotations

import pytest

from aipm_desktop.core.speech.delivery import (
    LONG_PAUSE_SECONDS,
    Filler,
    Part,
    Pause,
    analyse,
)
from aipm_desktop.core.speech.transcript import Transcript, Word


def spoken(*words: str, start: float = 0.0, step: float = 0.5, seconds: float = 0.0) -> Transcript:
    """Words one after another, each ``step`` long, with no gap between them."""
    timed = tuple(
        Word(text, start + index * step, start + (index + 1) * step)
        for index, text in enumerate(words)
    )
    end = timed[-1].end if timed else 0.0
    return Transcript(" ".join(words), timed, max(seconds, end))


def joined(*parts: Transcript, seconds: float) -> Transcript:
    words = tuple(word for part in parts for word in part.words)
    return Transcript(" ".join(part.text for part in parts), words, seconds)


def test_words_per_minute_is_words_over_the_time_from_first_to_last_word() -> None:
    # 60 words of half a second each: 30 s of speech, after 5 s of silence and before 10 s.
    transcript = spoken(*["metric"] * 60, start=5.0, seconds=45.0)

    delivery = analyse(transcript)

    assert delivery.seconds == 45.0
    assert delivery.speaking_seconds == pytest.approx(30.0)
    assert delivery.word_count == 60
    assert delivery.words_per_minute == pytest.approx(120.0)


def test_short_pauses_are_speaking_time_and_long_pauses_are_not() -> None:
    first = spoken(*["recall"] * 20, start=0.0)  # 0 .. 10 s
    short_gap = spoken(*["recall"] * 20, start=11.5)  # a 1.5 s pause: still speaking
    long_gap = spoken(*["recall"] * 20, start=25.5)  # a 4 s pause: a long pause

    delivery = analyse(joined(first, short_gap, long_gap, seconds=36.0))

    assert delivery.speaking_seconds == pytest.approx(10.0 + 1.5 + 10.0 + 10.0)
    assert delivery.words_per_minute == pytest.approx(60 * 60 / 31.5)
    assert delivery.long_pauses == (Pause(21.5, 25.5, "recall", "recall"),)
    assert delivery.long_pauses[0].seconds == pytest.approx(4.0)


def test_a_long_pause_says_where_it_is() -> None:
    before = spoken("Latency", "matters.", start=0.0)
    after = spoken("Then", "cost.", start=1.0 + LONG_PAUSE_SECONDS + 0.5)

    (pause,) = analyse(joined(before, after, seconds=5.0)).long_pauses

    assert (pause.start, pause.end) == (1.0, 3.5)
    assert (pause.word_before, pause.word_after) == ("matters.", "Then")


def test_a_gap_of_exactly_the_threshold_is_not_a_long_pause() -> None:
    before = spoken("one", start=0.0)
    after = spoken("two", start=0.5 + LONG_PAUSE_SECONDS)

    assert analyse(joined(before, after, seconds=3.0)).long_pauses == ()


def test_silence_before_the_first_and_after_the_last_word_is_not_a_pause() -> None:
    delivery = analyse(spoken("Precision", "first.", start=6.0, seconds=20.0))

    assert delivery.long_pauses == ()
    assert delivery.speaking_seconds == pytest.approx(1.0)


def test_hesitation_sounds_are_always_fillers() -> None:
    transcript = spoken(
        "Um,", "the", "uh", "metric", "is,", "erm,", "Hmm.", "Ah,", "umm", "recall."
    )

    fillers = analyse(transcript).fillers

    assert [filler.text for filler in fillers] == ["um", "uh", "erm", "hmm", "ah", "umm"]
    assert fillers[0] == Filler("um", 0.0, 0.5)


def test_like_is_a_filler_only_when_commas_set_it_apart() -> None:
    filler = spoken("It", "was,", "like,", "slow.", "Like,", "really", "slow.")
    meaning = spoken("Metrics", "like", "recall", "matter,", "like", "latency.", "I", "like", "it.")
    example = spoken("A", "north", "star", "metric,", "like", "weekly", "active", "users.")

    assert [f.start for f in analyse(filler).fillers] == [1.0, 2.0]
    assert analyse(meaning).fillers == ()
    assert analyse(example).fillers == ()


def test_you_know_and_i_mean_are_fillers_only_when_a_comma_or_full_stop_follows() -> None:
    filler = spoken(
        "It", "is,", "you", "know,", "costly.", "I", "mean,", "very", "costly,", "you", "know."
    )
    meaning = spoken("As", "you", "know", "the", "cost", "is", "what", "I", "mean", "here.")

    fillers = analyse(filler).fillers

    assert [(f.text, f.start, f.end) for f in fillers] == [
        ("you know", 1.0, 2.0),
        ("i mean", 2.5, 3.5),
        ("you know", 4.5, 5.5),
    ]
    assert analyse(meaning).fillers == ()


def test_so_and_well_are_never_fillers() -> None:
    assert analyse(spoken("So,", "well,", "the", "answer", "is", "recall.")).fillers == ()


def test_fillers_per_minute_are_over_the_speaking_time() -> None:
    # 40 words, half a second each: 20 s of speech with 2 fillers is 6 per minute.
    words = ["precision"] * 40
    words[3] = "um,"
    words[30] = "uh,"

    delivery = analyse(spoken(*words, seconds=60.0))

    assert delivery.fillers_per_minute == pytest.approx(6.0)


def test_parts_are_sentences_with_their_times() -> None:
    transcript = joined(
        spoken("Define", "the", "goal.", start=0.5),
        spoken("Then", "pick", "a", "metric?", start=3.0),
        spoken("Ship", "it", start=8.0),
        seconds=10.0,
    )

    parts = analyse(transcript).parts

    assert parts == (
        Part("Define the goal.", 0.5, 2.0, 3),
        Part("Then pick a metric?", 3.0, 5.0, 4),
        Part("Ship it", 8.0, 9.0, 2),
    )
    assert [part.seconds for part in parts] == [1.5, 2.0, 1.0]


def test_an_unpunctuated_answer_is_one_part() -> None:
    (part,) = analyse(spoken("recall", "over", "precision")).parts

    assert part == Part("recall over precision", 0.0, 1.5, 3)


def test_silence_gives_no_rates_and_no_parts() -> None:
    delivery = analyse(Transcript("", (), 12.0))

    assert delivery.seconds == 12.0
    assert delivery.speaking_seconds == 0.0
    assert delivery.words_per_minute is None
    assert delivery.fillers_per_minute is None
    assert (delivery.long_pauses, delivery.fillers, delivery.parts) == ((), (), ())


def test_one_instantaneous_word_gives_no_rate() -> None:
    delivery = analyse(Transcript("Hi.", (Word("Hi.", 1.0, 1.0),), 2.0))

    assert delivery.word_count == 1
    assert delivery.words_per_minute is None
