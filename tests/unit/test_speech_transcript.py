"""The transcript shape shared by transcription, storage and the window."""

import pytest

from aipm_desktop.core.speech.transcript import Transcript, TranscriptFormatError, Word


def test_a_transcript_survives_the_data_file_round_trip() -> None:
    transcript = Transcript(
        text="Precision is, um, the share of flagged items that are right.",
        words=(Word("Precision", 0.4, 0.92), Word("is,", 0.92, 1.1), Word("um,", 1.5, 1.8)),
        seconds=31.4,
    )
    assert Transcript.from_json(transcript.to_json()) == transcript


@pytest.mark.parametrize(
    "stored", ["", "[]", '{"text": "x"}', '{"text": "", "seconds": 1, "words": [[1]]}']
)
def test_a_damaged_stored_transcript_is_a_clear_error(stored: str) -> None:
    with pytest.raises(TranscriptFormatError):
        Transcript.from_json(stored)
