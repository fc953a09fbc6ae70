"""Text for a terminal: control characters from packs or file names are shown, not obeyed.

An escape sequence in a pack title or a file name could retitle the terminal,
write to the clipboard (OSC 52) or erase a line (so ``check-pack`` would seem
to say "ok"). Every command writes its messages through `PrintableWriter`.
"""

from __future__ import annotations

import io
import re
import sys
from typing import TextIO, cast

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters except line feed and tab, and lone surrogates (which cannot be encoded)."""


def printable(text: str) -> str:
    """``text`` with every unsafe character written as a visible escape, like ``\\u001b``.

    The escapes are JSON's, so JSON printed through here stays valid and exact.
    """
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class PrintableWriter(io.TextIOBase):
    """A text stream that passes everything to ``target`` through `printable`."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self._target = target

    def write(self, text: str) -> int:
        self._target.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self._target.flush()

    def writable(self) -> bool:
        return True


def message_streams() -> tuple[TextIO, TextIO]:
    """Standard output and error for messages, through `printable` (a closed one is discarded)."""
    return (
        printable_stream(sys.stdout if sys.stdout is not None else io.StringIO()),
        printable_stream(sys.stderr if sys.stderr is not None else io.StringIO()),
    )


def printable_stream(target: TextIO) -> TextIO:
    """``target`` wrapped in a `PrintableWriter`."""
    return cast(TextIO, PrintableWriter(target))
