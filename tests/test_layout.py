"""Layout does not change facts: every sample re-saved as a web page would save it.

Scraped pages put one paragraph on each line with no blank line between, and some come
with CR or CRLF line endings. Each sample under ``samples/`` re-saved those ways must give
the same facts as the original, apart from offsets.

The pipeline here runs without statistical NER (``ner="none"``): the KB, rules and every
other stage are held to the same facts; the statistical models (the Kazakh KazNERD model,
en_core_web_sm) read whitespace tokens as features, so a blank line more or less can move
one of their guesses, which is theirs to answer for, not the layout's.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

SAMPLES = sorted(Path(__file__).resolve().parent.parent.joinpath("samples").rglob("*.txt"))


def single_newlines(text: str) -> str:
    """Blank lines collapsed: paragraphs separated by one line break."""
    return re.sub(r"\n[^\S\n]*(?:\n[^\S\n]*)+", "\n", text)


def facts(record) -> dict:
    """What a record says, without where it says it."""
    def period(p):
        return (p.start, p.end) if p else None
    dateline = record.dateline
    return {
        "language": record.language,
        "langs": sorted({s.lang for s in record.segments}),
        "dateline": (dateline.place, period(dateline.date)) if dateline else None,
        "dates": Counter((d.text, period(d.value)) for d in record.dates),
        "counts": Counter((c.value, c.of) for c in record.counts),
        "money": Counter((m.value, m.currency) for m in record.money),
        "entities": Counter((e.label, e.name) for e in record.entities),
        "events": Counter((e.type, period(e.date), e.location, tuple(sorted(p.count for p in e.participants)))
                          for e in record.events),
        "programmes": Counter((p.name, period(p.period)) for p in record.programmes),
        "funding": Counter((f.name, f.role) for f in record.funding),
    }


@pytest.fixture(scope="module")
def rules_pipe():
    from pipeline import Pipeline

    return Pipeline(ner="none")


def test_there_are_samples():
    assert len(SAMPLES) >= 50


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.relative_to(p.parents[2]).as_posix())
@pytest.mark.parametrize("resave", [single_newlines, lambda t: t.replace("\n", "\r\n"),
                                    lambda t: single_newlines(t).replace("\n", "\r")],
                         ids=["single-LF", "CRLF", "single-CR"])
def test_resaved_sample_gives_the_same_facts(rules_pipe, path, resave):
    text = path.read_text(encoding="utf-8")
    assert facts(rules_pipe.extract(resave(text))) == facts(rules_pipe.extract(text))
