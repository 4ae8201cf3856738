"""Paragraphs from layout: blank lines, single line breaks, wrapped lines, CR/CRLF/LF."""

from __future__ import annotations

import pytest

from pipeline.segmenting import layout_paragraphs, normalise, paragraph_spans

WRAPPED = ("The Council of Europe held a seminar for judges in Bishkek on the\n"
           "European Convention on Human Rights, with thirty-five participants\n"
           "from all regions of the country.\n"
           "A second seminar follows in Osh.")


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_each_line_of_a_scraped_page_is_a_paragraph(eol):
    lines = ["Judges trained in Bishkek", "Bishkek, 12 March 2024",
             "The Council of Europe held a seminar for 35 judges. It lasted two days.",
             "Семинар прошёл в Бишкеке при поддержке Европейского союза."]
    text = eol.join(lines) + eol
    spans = layout_paragraphs(text)
    assert [text[a:b] for a, b in spans] == lines


def test_wrapped_lines_stay_one_paragraph():
    spans = layout_paragraphs(WRAPPED)
    assert [WRAPPED[a:b].split("\n")[0][:20] for a, b in spans] == ["The Council of Europ", "A second seminar fol"]


def test_a_line_going_on_in_lower_case_is_the_same_paragraph():
    text = "Judges from Osh and\nfrom Bishkek met"
    assert layout_paragraphs(text) == [(0, len(text))]


def test_blank_lines_always_separate():
    text = "One line that is long enough to look wrapped to the reader\n\nanother paragraph"
    assert len(layout_paragraphs(text)) == 2
    assert paragraph_spans(text) == layout_paragraphs(text)


def test_gold_paragraphs_stay_blank_line_paragraphs():
    text = "Title\nBishkek, 12 March 2024\n\nBody.\r\n\r\nMore."
    assert paragraph_spans(text) == [(0, 28), (30, 35), (39, 44)]
    assert paragraph_spans("a\r\rb") == [(0, 1), (3, 4)]


def test_normalised_view_reads_cr_as_lf():
    assert normalise("a\r\nb\rc") == "a\n\nb\nc"
