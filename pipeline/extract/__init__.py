"""Extractors: pure functions over one segment that return grounded records.

Each has the signature ``extract(segment, lang, *, context) -> list[record]`` where
``segment`` is a :class:`pipeline.segmenting.Segment` (with its spaCy ``doc``), ``lang`` the
segment language's :class:`pipeline.resources.LanguageData` and ``context`` the
:class:`pipeline.context.DocumentContext`. Extractors do not call each other; the facts
stage combines their outputs. This registry is the one place they are listed.
"""

from __future__ import annotations

from . import counts, dates, entities, money

EXTRACTORS = {
    "entities": entities.extract_entities,
    "dates": dates.extract_dates,
    "counts": counts.extract_counts,
    "money": money.extract_money,
}
