"""Writes a WAV file with the crash-safe writer as a recorder would, then waits to be killed.

Usage: python wav_kill_driver.py FILE. Writes 3.5 s of audio in 0.1 s blocks (each block
a sample value of its number), prints "written" and sleeps until killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from aipm_desktop.core.speech.wav_writer import SAMPLE_RATE, WavWriter

BLOCK_FRAMES = SAMPLE_RATE // 10
BLOCKS = 35


def block(number: int) -> bytes:
    return number.to_bytes(2, "little") * BLOCK_FRAMES


def main() -> None:
    writer = WavWriter(Path(sys.argv[1]))
    for number in range(BLOCKS):
        writer.write(block(number))
    print("written", flush=True)
    time.sleep(600)  # the test kills the process here; close() never runs


if __name__ == "__main__":
    main()
