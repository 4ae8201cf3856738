"""A one-paragraph text of a few hundred kilobytes costs in proportion to its length.

Timing would be flaky on a shared machine, so the test counts the Python function calls
(generator expressions and comprehensions included) that processing makes: a scan of every
mention of the segment for each mention made three times the text cost about seven times
the calls; a linear pipeline makes about three times as many.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from long_paragraph import one_paragraph  # noqa: E402

from pipeline import Pipeline  # noqa: E402


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(ner="none")


def _calls(pipeline, text: str):
    profile = cProfile.Profile()
    profile.enable()
    record = pipeline.extract(text)
    profile.disable()
    return pstats.Stats(profile).total_calls, record


def test_three_times_the_paragraph_costs_about_three_times_the_work(pipeline):
    small_text, large_text = one_paragraph(100_000), one_paragraph(300_000)
    small, small_record = _calls(pipeline, small_text)
    large, large_record = _calls(pipeline, large_text)
    assert "\n" not in large_text
    # every repetition still gives its sum, however far into the paragraph
    for text, record in ((small_text, small_record), (large_text, large_record)):
        assert len(record.money) == text.count("USD 120,000") > 0
    assert large / small < 3.5, f"{large:,} calls for 300 KB against {small:,} for 100 KB"
