"""Reflowing PDF page text: wrapped lines joined, paragraph ends and headings kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qarina.ingest.formats.pdf_layout import reflow_page

PAGE = (
    "Findings of the mechanism\n"
    "The mechanism found that a helicopter dropped a device on the town on 21\n"
    "August 2015, and that the device released a toxic substance which injured\n"
    "several residents.\n"
    "A second paragraph begins here and runs on for a full line of text until it\n"
    "reaches the end of the page width, and then it ends.\n"
    "• first item of a list\n"
    "• second item\n"
    "\n"
    "After a blank line a new block starts with a well-known investi-\n"
    "gation and the OPCW-\n"
    "UN mechanism."
)


def test_wrapped_lines_are_joined_and_paragraphs_kept() -> None:
    assert reflow_page(PAGE).split("\n") == [
        "Findings of the mechanism",
        "The mechanism found that a helicopter dropped a device on the town on 21 August 2015, "
        "and that the device released a toxic substance which injured several residents.",
        "A second paragraph begins here and runs on for a full line of text until it reaches "
        "the end of the page width, and then it ends.",
        "• first item of a list",
        "• second item",
        "After a blank line a new block starts with a well-known investi-gation and the OPCW- "
        "UN mechanism.",
    ]


def test_empty_and_single_line_pages() -> None:
    assert reflow_page("") == ""
    assert reflow_page("  one line  ") == "one line"


@given(st.text(alphabet=st.sampled_from(list("ab .-\n•1)")), max_size=400))
def test_reflow_keeps_every_character_in_order(text: str) -> None:
    # Only whitespace changes (a hyphenated line end may lose the space after it).
    assert "".join(reflow_page(text).split()) == "".join(text.split())
