"""The dateline: place and date at the top or bottom of a release.

"Bishkek, 12 March 2024 –", "Астана, 5 апреля 2023 г.", "Bishkek, Kyrgyzstan 7-9 June
2023", "Toshkent, 2024-yil 12-mart". A dateline is a line that starts with a place
(a known one, or a capitalised name followed by a comma) and then a date, and ends there
or goes on after a dash. Dates use the date grammar of :mod:`pipeline.extract.dates`.
"""

from __future__ import annotations

import re
from typing import Optional

from ..errors import ResourceError
from ..records import Dateline, Period
from .dates import find, grammar_for

# Lines looked at: those of the first paragraphs (title, then lead) and of the last one.
TOP_PARAGRAPHS = 3
MAX_PREFIX = 60
PLACE = re.compile(r"^\s*(?P<place>[^\W\d_][\w'.-]*(?:\s[^\W\d_][\w'.-]*){0,2})"
                   r"(?P<comma>\s*,\s*(?:[^\W\d_][\w'-]*(?:\s[^\W\d_][\w'-]*){0,2}\s*,?\s*)?|\s+)$")
AFTER = re.compile(r"^\s*(?:$|[-:|]|\()")
_PLACES: dict[int, tuple] = {}   # per Resources: read the place tables once, not per document


def places(context) -> dict[str, str]:
    """Place spellings (lower case) to canonical English names: the ``dateline_places`` of
    every language, then the knowledge base's cities and regions when it has them
    (``models/kb/places.yaml``: a list of ``{name, type, aliases: {lang: [..]}}``)."""
    resources = context.resources
    cached = _PLACES.get(id(resources))
    if cached is not None and cached[0] is resources:
        return cached[1]
    table: dict[str, str] = {}
    for code in resources.languages():
        for name, canonical in (resources.lang(code)["dates"].get("dateline_places") or {}).items():
            table[str(name).lower()] = canonical
    try:
        kb = resources.yaml("kb", "places.yaml")
    except ResourceError:
        kb = {}
    for entry in kb if isinstance(kb, list) else []:
        if not isinstance(entry, dict) or not entry.get("name") or entry.get("type") == "country":
            continue
        aliases = entry.get("aliases") or []
        if isinstance(aliases, dict):   # {lang: [aliases]}
            aliases = [a for forms in aliases.values() for a in forms or []]
        for alias in [entry["name"], *aliases]:
            table.setdefault(str(alias).lower(), entry["name"])
    _PLACES[id(resources)] = (resources, table)
    return table


def _lines(segments) -> list:
    """(segment, local start, local end) of each candidate line, top first then bottom."""
    paragraphs = [(seg, p) for seg in segments for p in seg.paragraphs]
    chosen = paragraphs[:TOP_PARAGRAPHS] + [p for p in paragraphs[-1:] if p not in paragraphs[:TOP_PARAGRAPHS]]
    lines = []
    for seg, p in chosen:
        local = p.start - seg.start
        for m in re.finditer(r"[^\n]+", seg.text[local:p.end - seg.start]):
            lines.append((seg, local + m.start(), local + m.end()))
    return lines


def _grammars(seg, segments, context):
    """The segment's own language first, then the document's others, then the rest: a
    one-line dateline is too short for language identification to be sure of it."""
    seen = []
    for code in [seg.lang] + [s.lang for s in segments] + context.resources.languages():
        if code not in seen:
            seen.append(code)
            data = context.resources.lang(code)["dates"]
            if data:
                yield grammar_for(data)


def find_dateline(segments, *, context) -> Optional[Dateline]:
    """The release's dateline record, or None.

    >>> from pipeline.api import Pipeline
    >>> Pipeline().extract("Title\\n\\nАстана, 5 апреля 2023 г. – Сегодня ...").dateline.place
    'Astana'
    """
    table = places(context)
    for seg, start, end in _lines(segments):
        line = seg.text[start:end]
        for grammar in _grammars(seg, segments, context):
            found = [f for f in find(line, grammar) if f.relative is None and f.start <= MAX_PREFIX]
            if not found:
                continue
            date = found[0]
            prefix = PLACE.match(line[:date.start])
            if not prefix or not AFTER.match(line[date.end:]):
                continue
            surface = prefix.group("place")
            place = table.get(surface.lower()) or next(
                (table[w.lower()] for w in surface.split() if w.lower() in table), None)
            if place is None and "," not in prefix.group("comma"):
                continue
            value = None
            if date.first.year is not None and date.last.year is not None:
                value = Period(start=date.first.timex(), end=date.last.timex())
            text_start = start + prefix.start("place")
            return Dateline(text=seg.raw[text_start:start + date.end], start=seg.start + text_start,
                            end=seg.start + start + date.end, place=place or surface, date=value)
    return None
