"""Turning a cell or field's text into key points, tags or a time limit."""

from __future__ import annotations

import re

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_DURATION = re.compile(
    r"^\s*(\d{1,5})\s*(s|sec|secs|seconds?|m|min|mins|minutes?)?\s*$|^\s*(\d{1,3}):(\d{2})\s*$",
    re.IGNORECASE,
)


def split_key_points(text: str) -> list[str]:
    """Key points separated by ``;`` or new lines; list bullets are dropped."""
    parts = re.split(r"[;\n]", text)
    return [_BULLET.sub("", part).strip() for part in parts if part.strip()]


def split_tags(text: str) -> list[str]:
    """Tags separated by commas or semicolons when there are any, else by spaces."""
    separator = r"[,;]" if re.search(r"[,;]", text) else r"\s+"
    return [tag.strip().lstrip("#") for tag in re.split(separator, text) if tag.strip("# \t")]


def parse_time_limit(text: str) -> int | None:
    """Seconds from ``"240"``, ``"240s"``, ``"4 min"`` or ``"4:00"``; None when unreadable."""
    match = _DURATION.match(text)
    if match is None:
        return None
    if match.group(3) is not None:
        return int(match.group(3)) * 60 + int(match.group(4))
    amount = int(match.group(1))
    unit = (match.group(2) or "s").casefold()
    return amount * 60 if unit.startswith("m") else amount
