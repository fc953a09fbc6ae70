"""HTML (as Anki stores fields) -> Markdown or plain text, with the standard library's parser.

Kept: bold, italics, lists (nested), tables, line breaks and paragraphs. Dropped:
scripts, styles and every other element's markup; images, sounds and videos become a
short placeholder and are counted. The output is inert text: Markdown special
characters in the source text are escaped, so text can never become a link, an image
or raw HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

IMAGE_PLACEHOLDER = "[image not imported]"
SOUND_PLACEHOLDER = "[sound not imported]"
VIDEO_PLACEHOLDER = "[video not imported]"

_SKIPPED = frozenset(
    {"script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg", "math"}
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "blockquote",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "center",
    }
)
_PARAGRAPHS = frozenset({"p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "figure"})
_BOLD = frozenset({"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"})
_ITALIC = frozenset({"i", "em", "cite"})
_VOID = frozenset(
    {
        "br",
        "img",
        "hr",
        "input",
        "meta",
        "link",
        "source",
        "track",
        "wbr",
        "col",
        "area",
        "base",
        "embed",
        "param",
    }
)
_SOUND = re.compile(r"\[sound:[^\]\n]*\]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LINE_START_MARKER = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))", re.MULTILINE)
MAX_NESTING = 100
"""Deeper element nesting is flattened: a hostile field cannot make the converter recurse."""


@dataclass(frozen=True)
class ConvertedText:
    """Converted text and how many media references it dropped."""

    text: str
    media: int


def html_to_markdown(html: str) -> ConvertedText:
    """Markdown for an HTML fragment (an Anki field)."""
    return _convert(html, markdown=True)


def html_to_plain(html: str) -> ConvertedText:
    """Plain text for an HTML fragment: lists and line breaks kept, no markup."""
    return _convert(html, markdown=False)


def escape_markdown(text: str) -> str:
    """``text`` with Markdown's special characters escaped, so it shows as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _escape_line_start(text: str) -> str:
    """Escape what would start a list or a heading underline at the start of a line."""

    def escaped(match: re.Match[str]) -> str:
        if match.group(2):
            return f"{match.group(1)}\\{match.group(2)}"
        return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"

    return _LINE_START_MARKER.sub(escaped, text)


def _convert(html: str, *, markdown: bool) -> ConvertedText:
    html = html.replace("\0", "")
    if "<" not in html and "&" not in html and "[sound:" not in html:
        text = " ".join(html.split())  # plain text: no need for the (slow) parser
        if markdown:
            text = _escape_line_start(escape_markdown(text))
        return ConvertedText(text, 0)
    sounds = len(_SOUND.findall(html))
    placeholder = escape_markdown(SOUND_PLACEHOLDER) if markdown else SOUND_PLACEHOLDER
    html = _SOUND.sub(lambda _m: f"\0 {placeholder} \0", html)
    parser = _Converter(markdown=markdown)
    parser.feed(html)
    parser.close()
    text = parser.result()
    return ConvertedText(text, parser.media + sounds)


class _Converter(HTMLParser):
    def __init__(self, *, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.media = 0
        self._lines: list[str] = []
        """Finished output lines; "" is a paragraph gap."""
        self._line = ""
        self._skip_depth = 0
        self._pre_depth = 0
        self._fenced = False
        self._lists: list[list[int]] = []
        """One entry per open list: [number of the next item, or 0 for a bullet list]."""
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._table_depth = 0
        self._open: list[str] = []

    # -- parser callbacks ------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            if len(self._open) >= MAX_NESTING:
                return
            self._open.append(tag)
        if tag in _SKIPPED:
            self._skip_depth += 1
            return
        if self._skip_depth:
            return
        if tag == "img":
            self.media += 1
            self._text_raw(" " + self._escaped(IMAGE_PLACEHOLDER) + " ")
        elif tag in ("audio", "video"):
            self.media += 1
            placeholder = SOUND_PLACEHOLDER if tag == "audio" else VIDEO_PLACEHOLDER
            self._text_raw(" " + self._escaped(placeholder) + " ")
            self._skip_depth += 1  # their fallback text and <source> children
        elif tag == "br":
            self._break()
        elif tag == "table":
            self._table_depth += 1
            if self._table_depth == 1:
                self._paragraph()
                self._table = []
        elif tag == "tr" and self._table is not None and self._table_depth == 1:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None and self._table_depth == 1:
            if not self._table:
                self._table.append([])
            self._cell = []
            if tag == "th":
                self._mark("**")
        elif tag in ("ul", "ol"):
            if self._cell is None:
                self._break() if self._lists else self._paragraph()
            self._lists.append([1 if tag == "ol" else 0])
        elif tag == "li":
            self._start_item()
        elif tag == "pre":
            self._paragraph()
            self._pre_depth += 1
            if self.markdown and self._cell is None and not self._fenced:
                self._lines.append("```")
                self._fenced = True
        elif tag in _BOLD:
            if tag in _PARAGRAPHS:
                self._paragraph()
            self._mark("**")
        elif tag in _ITALIC:
            self._mark("*")
        elif tag in ("s", "del", "strike"):
            self._mark("~~")
        elif tag == "code" and not self._pre_depth:
            self._mark("`")
        elif tag in _PARAGRAPHS:
            self._paragraph()
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._open:
            return
        while self._open and self._open[-1] != tag:  # close what was left open inside
            self._close(self._open.pop())
        if self._open:
            self._close(self._open.pop())

    def _close(self, tag: str) -> None:
        if tag in _SKIPPED or tag in ("audio", "video"):
            if tag in ("audio", "video") or self._skip_depth:
                self._skip_depth = max(0, self._skip_depth - 1)
            return
        if self._skip_depth:
            return
        if tag == "table":
            self._table_depth = max(0, self._table_depth - 1)
            if self._table_depth == 0:
                self._finish_table()
        elif tag in ("td", "th") and self._cell is not None and self._table_depth == 1:
            if tag == "th":
                self._mark("**")
            cell = " ".join("".join(self._cell).split())
            if self._table:
                self._table[-1].append(cell)
            self._cell = None
        elif tag in ("ul", "ol"):
            if self._lists:
                self._lists.pop()
            if self._cell is None:
                self._break() if self._lists else self._paragraph()
        elif tag == "li":
            self._break()
        elif tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
            self._flush()
            if self._fenced and not self._pre_depth:
                self._lines.append("```")
                self._fenced = False
            self._paragraph()
        elif tag in _BOLD:
            self._mark("**")
            if tag in _PARAGRAPHS:
                self._paragraph()
        elif tag in _ITALIC:
            self._mark("*")
        elif tag in ("s", "del", "strike"):
            self._mark("~~")
        elif tag == "code" and not self._pre_depth:
            self._mark("`")
        elif tag in _PARAGRAPHS:
            self._paragraph()
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        for index, part in enumerate(data.split("\0")):
            if index % 2:  # a placeholder put in before parsing: already escaped
                self._text_raw(part)
            elif self._pre_depth:
                self._pre_text(part)
            else:
                text = re.sub(r"\s+", " ", part)
                if self.markdown:
                    text = escape_markdown(text)
                self._text_raw(text)

    # -- building output ---------------------------------------------------
    def _escaped(self, text: str) -> str:
        return escape_markdown(text) if self.markdown else text

    def _mark(self, marker: str) -> None:
        if self.markdown:
            self._text_raw(marker)

    def _text_raw(self, text: str) -> None:
        previous = self._cell[-1] if self._cell else self._line
        if text.startswith(" ") and previous.endswith(" "):
            text = text.lstrip(" ")
        if self._cell is not None:
            self._cell.append(text)
            return
        if not self._line.strip() and not text.strip():
            return
        if not self._line:
            text = text.lstrip()
            if self.markdown and not self._lists:
                text = _escape_line_start(text)
        self._line += text

    def _pre_text(self, text: str) -> None:
        if self._cell is not None:
            self._cell.append(" ".join(text.split()))
            return
        lines = text.replace("`", "'").split("\n") if self.markdown else text.split("\n")
        for index, line in enumerate(lines):
            if index:
                self._lines.append(self._line)
                self._line = ""
            self._line += line

    def _flush(self) -> None:
        if self._line.strip():
            self._lines.append(self._line.rstrip())
        self._line = ""

    def _break(self) -> None:
        if self._cell is not None:
            self._cell.append(" ")
            return
        if self._line.strip():
            self._flush()
        elif self._lines and self._lines[-1] and not self._lists:
            self._lines.append("")  # two breaks in a row make a gap

    def _paragraph(self) -> None:
        if self._cell is not None:
            self._cell.append(" ")
            return
        self._flush()
        if self._lines and self._lines[-1] != "":
            self._lines.append("")

    def _start_item(self) -> None:
        if self._cell is not None:
            self._cell.append(" ")
            return
        self._flush()
        depth = max(len(self._lists) - 1, 0)
        bullet = "- "
        if self._lists and self._lists[-1][0]:
            bullet = f"{self._lists[-1][0]}. "
            self._lists[-1][0] += 1
        self._line = "   " * depth + bullet

    def _finish_table(self) -> None:
        rows = [row for row in (self._table or []) if any(cell.strip() for cell in row)]
        self._table = None
        self._cell = None
        if not rows:
            return
        self._flush()
        width = max(len(row) for row in rows)
        padded = [row + [""] * (width - len(row)) for row in rows]
        if self.markdown:
            self._lines.append("| " + " | ".join(padded[0]) + " |")
            self._lines.append("|" + "---|" * width)
            self._lines.extend("| " + " | ".join(row) + " |" for row in padded[1:])
        else:
            self._lines.extend(" | ".join(row) for row in padded)
        self._lines.append("")

    def result(self) -> str:
        if self._table is not None:
            self._finish_table()
        self._flush()
        if self._fenced:
            self._lines.append("```")  # close a code block left open
        lines = self._lines
        if self.markdown:
            lines = _hard_breaks(lines)
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def _hard_breaks(lines: list[str]) -> list[str]:
    """End lines inside a paragraph with two spaces: Markdown's line break."""
    result = []
    in_code = False
    for index, line in enumerate(lines):
        if line == "```":
            in_code = not in_code
        following = lines[index + 1] if index + 1 < len(lines) else ""
        plain = not in_code and line and not line.startswith("|") and line != "```"
        joins = following and not following.startswith("|") and following != "```"
        is_item = re.match(r"\s*(?:- |\d+\. )", following or "")
        result.append(line + "  " if plain and joins and not is_item else line)
    return result
