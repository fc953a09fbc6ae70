"""Fuzzing the CSV and Markdown importers: any text converts or is refused in words.

CI runs a fixed seed with a modest number of examples (the "ci" profile in
tests/conftest.py); ``HYPOTHESIS_PROFILE=long`` runs long with fresh seeds.
"""

from __future__ import annotations

import csv
import io
import re
import string
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from aipm_desktop.core.importers import ConversionError, ConvertedPack
from aipm_desktop.core.importers.delimited import convert_delimited
from aipm_desktop.core.importers.markdown import convert_markdown
from aipm_desktop.core.packs import parse_pack

any_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)), max_size=400
) | st.lists(
    st.sampled_from(
        ["#separator:tab", "#columns:a\tb", "#html:true", "## Q", "?", "Q::A", "- item",
         "Key points", "```", ",", ";", "\t", '"', "\n", "<b>", "<table><tr><td>", "{{c1::x}}",
         "Category: x", "Tags: a, b", "Time: 4 min", "#tag", "| a | b |", "![i](x)", "x"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


def convert_or_refuse(convert: Callable[[], ConvertedPack]) -> ConvertedPack | None:
    """The conversion, or None when it was refused with a message (anything else fails)."""
    try:
        return convert()
    except ConversionError as error:
        message = error.message
    assert message.strip()
    return None


def check(converted: ConvertedPack | None) -> None:
    """A converted pack with questions is always a valid pack."""
    if converted is None:
        return
    if converted.questions:
        pack = parse_pack(converted.to_pack_data(), "fuzz")
        assert len(pack.questions) == converted.counts.questions
    assert converted.counts.questions == len(converted.questions)


@given(any_text)
def test_any_text_as_csv_converts_or_is_refused(text: str) -> None:
    check(convert_or_refuse(lambda: convert_delimited(text, None, "fuzz.csv")))


@given(any_text)
def test_any_text_as_markdown_converts(text: str) -> None:
    check(convert_or_refuse(lambda: convert_markdown(text, "fuzz.md")))


cell_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"))
    | st.sampled_from("\n,;\"'"),
    min_size=1,
    max_size=60,
).filter(lambda text: text.strip())


@given(st.lists(st.tuples(cell_text, cell_text), min_size=1, max_size=20))
def test_csv_round_trip(rows: list[tuple[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Question", "Answer"])
    writer.writerows(rows)

    converted = convert_delimited(buffer.getvalue(), None, "rows.csv")

    assert [(q.prompt, q.answer) for q in converted.questions] == [
        (prompt.strip(), answer.strip()) for prompt, answer in rows
    ]
    check(converted)


words = st.text(alphabet=string.ascii_letters + string.digits + " .,!", min_size=1, max_size=40)
titles = words.map(str.strip).filter(bool)
answers = st.lists(words.map(str.strip).filter(bool), min_size=1, max_size=4).map("\n".join)


@given(st.lists(st.tuples(titles, answers), min_size=1, max_size=15))
def test_markdown_headings_round_trip(sections: list[tuple[str, str]]) -> None:
    text = "".join(f"## {title}\n{answer}\n\n" for title, answer in sections)

    converted = convert_markdown(text, "notes.md")

    assert [(q.prompt, q.answer) for q in converted.questions] == sections
    check(converted)


@given(st.lists(st.tuples(titles, answers), min_size=1, max_size=15))
def test_obsidian_cards_round_trip(cards: list[tuple[str, str]]) -> None:
    text = "\n\n".join(f"{question}\n?\n{answer}" for question, answer in cards)

    converted = convert_markdown(text, "cards.md")

    assert [(q.prompt, q.answer) for q in converted.questions] == cards
    check(converted)


html_text = st.lists(
    st.sampled_from(
        ["<b>", "</b>", "<ul>", "<li>", "</ul>", "<ol>", "<table>", "<tr>", "<td>", "</table>",
         "<br>", "<div>", "</div>", "<img src=x>", "<script>", "</script>", "&lt;", "&amp;",
         "[sound:a.mp3]", "<pre>", "</pre>", "*", "_", "|", "`", "\n", "1. ", "- ", "text", " "]
    ),
    max_size=60,
).map("".join) | st.text(max_size=200)  # fmt: skip


@given(html_text)
def test_html_becomes_inert_markdown(html: str) -> None:
    from aipm_desktop.core.importers.html_text import html_to_markdown

    markdown = html_to_markdown(html).text

    outside_code = re.sub(r"```.*?```", "", markdown, flags=re.DOTALL)  # code is shown as is
    assert markdown.count("```") % 2 == 0  # every code block is closed
    assert "<" not in outside_code.replace("\\<", "")  # never raw HTML
