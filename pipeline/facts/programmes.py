"""Named programmes, projects, actions and initiatives, with their period when stated.

A name is a quoted title next to a programme word ("the action "HELP in Central Asia"",
"«…» дастури", "проекта ОБСЕ «…»", a quoted list after "уч лойиҳа …:"), or, where the
language capitalises names, a capitalised run ending in a programme word ("Central Asia
Rule of Law Programme"). Phase one finds candidates with their features, phase two scores
them with the weights of ``facts.yaml`` (``scoring.programme``). The sentence and quote
helpers here are shared by the events and funding assemblers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..extract.counts import compile_lexicon, lexicon_pattern
from ..records import Programme

OPENERS = "\u201c\u00ab\u201e\u2018"
CLOSERS = "\u201d\u00bb"
STRAIGHT = "\"'"
NAME_WORD = r"[A-Z][\w'-]*"
DEFAULT_SCORING = {"programme": {"word_before": 1.0, "word_after": 1.0, "list": 1.0, "capitalised": 1.0,
                                 "threshold": 1.0, "window_words": 2, "period_gap": 25}}


# -- helpers shared by the assemblers ------------------------------------------------------

def sentences(segments) -> list[tuple[int, int]]:
    """Absolute sentence spans, never crossing a paragraph (headings have no full stop)."""
    spans = []
    for seg in segments:
        paragraphs = [(p.start - seg.start, p.end - seg.start) for p in seg.paragraphs] or [(0, len(seg.text))]
        cuts = [(s.start_char, s.end_char) for s in seg.doc.sents] if seg.doc is not None else [(0, len(seg.text))]
        for p_start, p_end in paragraphs:
            for s_start, s_end in cuts:
                start, end = max(s_start, p_start), min(s_end, p_end)
                if end > start and seg.text[start:end].strip():
                    lead = len(seg.text[start:end]) - len(seg.text[start:end].lstrip())
                    trail = len(seg.text[start:end]) - len(seg.text[start:end].rstrip())
                    spans.append((seg.start + start + lead, seg.start + end - trail))
    return spans


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text (inside the marks), nesting and typographic pairs understood.

    A stray closing mark right after a quote and a colon extends it, so that
    “Янги авлод етакчиларни ўқитиш”: Сиёсий фанлар мактаби” is one title.

    >>> t = 'on “Prevention” and «A «B» C», "D": E"'
    >>> [t[s:e] for s, e in quoted_spans(t)]
    ['Prevention', 'A «B» C', 'B', 'D": E']
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in "'\u2018\u2019" and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            continue  # an apostrophe inside a word: participants', o'quv, Orolbo‘yi
        if ch in STRAIGHT:
            if ch == "'" and i and text[i - 1].isalnum():
                continue  # a closing apostrophe: participants'
            if stack and stack[-1][0] == ch:
                spans.append((stack.pop()[1], i))
            elif ch == '"' or not text[i + 1:i + 2].isspace():
                if ch == '"' and _stray_closer(text, spans, i):
                    continue
                stack.append((ch, i + 1))
        elif ch in OPENERS and not (ch == "\u201c" and stack and stack[-1][0] == "\u201e"):
            stack.append((ch, i + 1))
        elif ch in CLOSERS or ch == "\u201c":
            if stack and stack[-1][0] not in STRAIGHT:
                spans.append((stack.pop()[1], i))
            else:
                _stray_closer(text, spans, i)
    return sorted(s for s in spans if s[1] > s[0])


def _stray_closer(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """Extend the last quote over ``: subtitle`` when a closing mark has no opener."""
    if spans and re.fullmatch(r'["\u201d\u00bb]?:[^"\u201c\u201d\u00ab\u00bb\n]{1,80}', text[spans[-1][1]:i]):
        spans[-1] = (spans[-1][0], i)
        return True
    return False


@dataclass
class FactsLexicon:
    """One language's ``facts.yaml``, compiled once."""

    data: dict
    kinds: list[tuple[str, re.Pattern]] = field(default_factory=list)

    def __post_init__(self):
        d = self.data
        self.kinds = [(kind, compile_lexicon(words)) for kind, words in (d.get("programme_words") or {}).items()]
        self.programme_word = compile_lexicon([w for ws in (d.get("programme_words") or {}).values() for w in ws])
        self.capitalised = bool(d.get("programme_capitalised"))
        self.scoring = {**DEFAULT_SCORING, **(d.get("scoring") or {})}

    def pattern(self, key, entries=None) -> re.Pattern:
        """A word list of ``facts.yaml`` (or ``entries`` under ``key``), compiled once."""
        cache = self.__dict__.setdefault("_patterns", {})
        if key not in cache:
            cache[key] = compile_lexicon(entries if entries is not None else self.data.get(key) or [])
        return cache[key]

    def kind(self, word: str) -> str:
        return next(kind for kind, p in self.kinds if p.fullmatch(word))


_LEXICONS: dict[int, FactsLexicon] = {}


def lexicon(lang) -> FactsLexicon:
    """The compiled facts vocabulary of one :class:`~pipeline.resources.LanguageData`."""
    if id(lang) not in _LEXICONS:
        _LEXICONS[id(lang)] = FactsLexicon(dict(lang["facts"]))
    return _LEXICONS[id(lang)]


def segment_at(segments, position: int):
    """The segment holding an absolute offset."""
    return next((s for s in segments if s.start <= position < s.end), None)


def words_between(text: str, start: int, end: int) -> int:
    """How many words separate two offsets (``-1`` when they are in the wrong order)."""
    return len(re.findall(r"\w+", text[start:end])) if end >= start else -1


# -- programmes ----------------------------------------------------------------------------

@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    features: dict
    lang: str
    after: int   # where the period may begin


def assemble_programmes(segments, found, *, context) -> list[Programme]:
    """One :class:`~pipeline.records.Programme` per named programme in the document."""
    text = context.source_text
    candidates = []
    for seg in segments:
        lex = lexicon(context.resources.lang(seg.lang))
        for s_start, s_end in sentences([seg]):
            candidates.extend(_candidates(text, s_start, s_end, lex, seg.lang, found.get("entities", [])))
    programmes: dict[str, Programme] = {}
    for c in candidates:
        lex = lexicon(context.resources.lang(c.lang))
        weights = lex.scoring["programme"]
        if sum(weights.get(f, 0.0) for f, on in c.features.items() if on) < weights["threshold"]:
            continue
        inner = next((d for d in found.get("dates", []) if c.start < d.start and d.end == c.end
                      and d.granularity == "year" and d.value is not None), None)
        if inner is not None:  # "Every Child in School … 2023-2026" inside the quotes
            c.end, c.after = inner.start, inner.start
        name = re.sub(r"\s+", " ", re.sub(r"[\"\u201c\u201d\u00ab\u00bb\u201e]", "", text[c.start:c.end])).strip(" ,-\u2013")
        period = _period(text, c, found.get("dates", []), weights["period_gap"])
        key = name.lower()
        if key in programmes and (programmes[key].period or not period):
            continue
        end = period.end if period is not None and words_between(text, c.end, period.start) == 0 else c.end
        programmes[key] = Programme(text=text[c.start:end], start=c.start, end=end, lang=c.lang, name=name,
                                    kind=c.kind, period=period.value if period is not None else None)
    return sorted(programmes.values(), key=lambda p: p.start)


def _candidates(text, s_start, s_end, lex: FactsLexicon, lang, entities) -> list[Candidate]:
    """Phase one: quoted names beside programme words, and capitalised names."""
    window = lex.scoring["programme"]["window_words"]
    sentence = text[s_start:s_end]
    words = [(s_start + m.start(), s_start + m.end(), lex.kind(m.group()))
             for m in lex.programme_word.finditer(sentence)]
    found: list[Candidate] = []
    for q_start, q_end in quoted_spans(sentence):
        start, end = s_start + q_start, s_start + q_end
        if any(c.start <= start and end <= c.end for c in found):
            continue  # a quote nested inside a name already taken
        before = [w for w in words if 0 <= words_between(text, w[1], start - 1) <= window and w[1] < start]
        after = [w for w in words if w[0] > end and 0 <= words_between(text, end + 1, w[0]) <= window]
        previous = found[-1] if found else None
        listed = previous is not None and re.fullmatch(
            r'["\u201d\u00bb]?\s*(?:,|;|' + lexicon_pattern(lex.data.get("list_joiners") or []) + r')\s*',
            text[previous.end:start - 1], re.I) is not None
        colon = [w for w in words if w[1] < start and ":" in text[w[1]:start]
                 and not any(q for q in quoted_spans(text[w[1]:start - 1]))]
        kind = (before[-1][2] if before else after[0][2] if after else previous.kind if listed
                else colon[-1][2] if colon else None)
        if kind is None:
            continue
        found.append(Candidate(start, end, kind, {"word_before": bool(before), "word_after": bool(after),
                                                   "list": bool(listed or colon)}, lang,
                               after[0][1] if after else end + 1))
    if lex.capitalised:
        for m in re.finditer(rf"{NAME_WORD}(?:\s+(?:(?:of|for|and|in|on|the|to)\s+)?{NAME_WORD})*", sentence):
            last = re.search(r"[\w'-]+$", m.group())
            start, end = s_start + m.start(), s_start + m.end()
            if not lex.programme_word.fullmatch(last.group()) or start == s_start + m.start() + len(m.group()) - len(last.group()):
                continue
            if any(e.start < end and start < e.end and e.label == "ORG" for e in entities):
                continue  # "United Nations Development Programme" is an organisation
            if any(c.start <= start < c.end for c in found):
                continue
            lead = re.match(r"(?:The|This|These|Our)\s+", m.group())
            start += lead.end() if lead else 0
            found.append(Candidate(start, end, lex.kind(last.group()), {"capitalised": True}, lang, end))
    return found


def _period(text, candidate: Candidate, dates, gap: int):
    """The year period stated with a name: "Programme 2020-2023", "(2020-2023 йиллар)", or
    just before it: "2024-2028-yillarga mo'ljallangan “…”"."""
    years = [d for d in dates if d.value is not None and d.granularity == "year" and d.value.start != d.value.end]
    for d in years:
        if 0 <= d.start - candidate.after <= gap and "." not in text[candidate.end:d.start]:
            return d
    for d in reversed(years):
        if 0 <= candidate.start - d.end <= gap and words_between(text, d.end, candidate.start) <= 2 \
                and not re.search(r"[.;]", text[d.end:candidate.start]):
            return d
    return None
