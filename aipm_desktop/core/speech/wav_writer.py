"""A WAV file written as the audio comes, so a crash keeps what was recorded.

The header's two sizes are rewritten and the file flushed to disk after every second
of audio (and on close). A process killed mid-recording leaves a playable file up to
the last second; :func:`repair` fixes the sizes of a file left with stale ones, so the
audio after the last rewrite is kept too.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO

SAMPLE_RATE = 16_000
CHANNELS = 1
SAMPLE_BYTES = 2
"""16 kHz, mono, 16-bit little-endian PCM: what the recorder asks for and Whisper reads."""
HEADER_BYTES = 44


def _header(data_bytes: int, sample_rate: int, channels: int, sample_bytes: int) -> bytes:
    block = channels * sample_bytes
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + data_bytes,
        b"WAVE",
        b"fmt ",
        16,
        1,  # PCM
        channels,
        sample_rate,
        sample_rate * block,
        block,
        sample_bytes * 8,
        b"data",
        data_bytes,
    )


class WavWriter:
    """Appends PCM to a new WAV file; its header is right at least once a second of audio."""

    def __init__(
        self,
        path: Path,
        *,
        sample_rate: int = SAMPLE_RATE,
        channels: int = CHANNELS,
        sample_bytes: int = SAMPLE_BYTES,
    ) -> None:
        self.path = path
        self._format = (sample_rate, channels, sample_bytes)
        self._bytes_per_second = sample_rate * channels * sample_bytes
        self._block = channels * sample_bytes
        self._data_bytes = 0
        self._synced_bytes = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: BinaryIO | None = open(path, "wb")  # noqa: SIM115 - kept open while recording
        self._file.write(_header(0, *self._format))
        self._sync()

    @property
    def seconds(self) -> float:
        """Audio written so far, in seconds."""
        return self._data_bytes / self._bytes_per_second

    @property
    def closed(self) -> bool:
        return self._file is None

    def write(self, pcm: bytes) -> None:
        """Append samples; every second of audio, fix the header and flush to disk."""
        if self._file is None:
            raise ValueError("the WAV file is closed")
        self._file.write(pcm)
        self._data_bytes += len(pcm)
        if self._data_bytes - self._synced_bytes >= self._bytes_per_second:
            self._sync()

    def close(self) -> None:
        """Fix the header a last time and close the file. Calling it again does nothing."""
        if self._file is None:
            return
        if self._data_bytes % self._block:  # a torn sample: pad it, so every frame is whole
            pad = self._block - self._data_bytes % self._block
            self._file.write(b"\0" * pad)
            self._data_bytes += pad
        self._sync()
        self._file.close()
        self._file = None

    def _sync(self) -> None:
        file = self._file
        assert file is not None
        data_bytes = self._data_bytes - self._data_bytes % self._block
        file.seek(0)
        file.write(_header(data_bytes, *self._format))
        file.seek(0, os.SEEK_END)
        file.flush()
        os.fsync(file.fileno())
        self._synced_bytes = self._data_bytes

    def __enter__(self) -> WavWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def repair(path: Path) -> float:
    """Make a WAV file left by a crash whole: its sizes from its length (whole frames).

    Returns its audio length in seconds. Raises ValueError for a file that is not one
    this writer made (a RIFF/WAVE PCM header of 44 bytes) and OSError if it can't be read.
    """
    with open(path, "r+b") as file:
        header = file.read(HEADER_BYTES)
        if len(header) < HEADER_BYTES:
            raise ValueError(f"{path.name} is too short to be a WAV file")
        fields = struct.unpack("<4sI4s4sIHHIIHH4sI", header)
        riff, _, wave, fmt, _, pcm, channels, rate, _, block, bits, data, _ = fields
        if (riff, wave, fmt, data, pcm) != (b"RIFF", b"WAVE", b"fmt ", b"data", 1) or not block:
            raise ValueError(f"{path.name} is not a PCM WAV file this app recorded")
        length = file.seek(0, os.SEEK_END) - HEADER_BYTES
        data_bytes = length - length % block
        file.seek(0)
        file.write(_header(data_bytes, rate, channels, bits // 8))
        file.flush()
        os.fsync(file.fileno())
    return float(data_bytes) / (int(rate) * int(block))
