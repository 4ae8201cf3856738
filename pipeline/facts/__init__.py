"""Fact assembly: events, programmes and funding from the extractors' spans.

Each assembler has the signature ``assemble(segments, found, *, context) -> list[record]``
where ``found`` maps an extractor name (``"dates"``, ``"entities"``, …) to the records it
returned for the whole document, in text order.
"""

from __future__ import annotations

from . import events, funding, programmes

ASSEMBLERS = {
    "programmes": programmes.assemble_programmes,
    "events": events.assemble_events,
    "funding": funding.assemble_funding,
}
