"""Speak mode: recording a spoken answer, transcribing it, and what it shows about delivery."""
