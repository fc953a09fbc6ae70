"""Spoken answers: transcripts with word timings, and what they show about delivery (Qt-free)."""
