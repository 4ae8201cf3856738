"""Funding partners: (organisation, role) pairs from funding and implementing phrases.

A role phrase of ``facts.yaml`` (``funding.<role>.after``: "co-funded by", "при финансовой
поддержке"; ``funding.<role>.before``: "молиялаштирилади", "татбиқ мегардад") points to
the organisations written after or before it. Phase one finds phrase and organisation
pairs, phase two keeps those whose gap holds only filler words (``funding_gap``) and
follows coordinated lists ("the European Union and the Council of Europe").
"""

from __future__ import annotations

import re

from ..records import Funding
from .programmes import lexicon, sentences

PUNCTUATION = r"[\s,;()\[\]\"'-]*"


def assemble_funding(segments, found, *, context) -> list[Funding]:
    """One :class:`~pipeline.records.Funding` per (organisation, role), names canonical.

    Args:
        segments: the document's segments.
        found: extractor records by name; ``entities`` gives organisations (``name`` and
            ``kb_id`` from the knowledge base, the surface form when it has none).
    Returns:
        Funding records grounded on the organisation's mention in the role phrase.
    """
    text = context.source_text
    orgs = [e for e in found.get("entities", []) if e.label == "ORG"]
    # "a grant of €1.2 million from the …": a sum between phrase and name is no obstacle
    text = _blank(text, found.get("money", []))
    facts: dict[tuple[str, str], Funding] = {}
    for seg in segments:
        lex = lexicon(context.resources.lang(seg.lang))
        gap = lex.pattern("funding_gap")
        joiner = lex.pattern("list_joiners")
        for s_start, s_end in sentences([seg]):
            body = text[s_start:s_end]
            inside = [o for o in orgs if s_start <= o.start and o.end <= s_end]
            for role, phrase, direction in _phrases(lex, body):
                start, end = s_start + phrase.start(), s_start + phrase.end()
                for org in _organisations(text, inside, start, end, direction, gap, joiner):
                    key = (org.name, role)
                    if key not in facts:
                        facts[key] = Funding(text=org.text, start=org.start, end=org.end, lang=seg.lang,
                                             name=org.name, kb_id=org.kb_id, role=role)
    return sorted(facts.values(), key=lambda f: (f.start, f.role))


def _blank(text: str, spans) -> str:
    """``text`` with the given spans replaced by spaces (same length)."""
    for s in spans:
        text = text[:s.start] + " " * (s.end - s.start) + text[s.end:]
    return text


def _phrases(lex, body: str) -> list[tuple[str, re.Match, str]]:
    """Role phrases in a sentence; a phrase inside a longer one ("funded" in "co-funded by") yields."""
    matches = []
    for role, directions in (lex.data.get("funding") or {}).items():
        for direction in ("after", "before"):
            pattern = lex.pattern(("funding", role, direction), (directions or {}).get(direction) or [])
            matches.extend((role, m, direction) for m in pattern.finditer(body))
    return [x for x in matches if not any(
        y is not x and y[1].start() <= x[1].start() and x[1].end() <= y[1].end()
        and (y[1].end() - y[1].start()) > (x[1].end() - x[1].start()) for y in matches)]


def _fills(text: str, pattern: re.Pattern, limit: int = 6) -> bool:
    """Whether ``text`` is only punctuation and words of ``pattern`` (at most ``limit``)."""
    words = re.findall(r"[\w'-]+", text)
    return len(words) <= limit and re.fullmatch(PUNCTUATION, re.sub(r"[\w'-]+", "", text)) is not None \
        and all(pattern.fullmatch(w) for w in words)


def _organisations(text, orgs, start, end, direction, gap, joiner) -> list:
    """The coordinated organisations a phrase points to, nearest first."""
    chosen = []
    if direction == "after":
        ahead = sorted((o for o in orgs if o.start >= end), key=lambda o: o.start)
        edge = end
        for o in ahead:
            if not _fills(text[edge:o.start], gap if not chosen else joiner):
                break
            chosen.append(o)
            edge = o.end
    else:
        behind = sorted((o for o in orgs if o.end <= start), key=lambda o: -o.end)
        edge = start
        for o in behind:
            if not _fills(text[o.end:edge], gap if not chosen else joiner):
                break
            chosen.append(o)
            edge = o.start
    return chosen
