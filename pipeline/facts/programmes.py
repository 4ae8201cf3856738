"""Named programmes, projects, actions and initiatives, with their period when stated.

A name is a quoted title next to a programme word ("the action "HELP in Central Asia"",
"«…» дастури", "проекта ОБСЕ «…»", a quoted list after "уч лойиҳа …:"), or, where the
language capitalises names, a capitalised run ending in a programme word ("Central Asia
Rule of Law Programme"), or a programme of the knowledge base (``models/kb/programmes.yaml``)
named in any language ("Ўрта Осиёда қонун устуворлиги дастури"), which gives the canonical
English name and ``kb_id``; other names are given in their dictionary form. Phase one finds
candidates with their features, phase two scores them with the weights of ``facts.yaml``
(``scoring.programme``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from ..extract.entities import FALLBACK
from ..kb import Entry, knowledge_base, starts_nominative
from ..offsets import ByPosition
from ..records import Programme
from ..text import OPENERS, STRAIGHT, quoted_spans, sentences, view, words_between
from ..wordlists import compile_lexicon, lexicon_pattern, presence_pattern

NAME_WORD = r"[A-Z][\w'-]*"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# a run of Latin words, the first capitalised, standing apart from Cyrillic ones
LATIN_NAME = re.compile(r"(?<![\w\u0400-\u04ff'‘’-])[A-Z][A-Za-z0-9+&'‘’-]*(?:[ \t]+[A-Za-z0-9+&'‘’-]+)*"
                        r"(?![\w\u0400-\u04ff])")
DEFAULT_SCORING = {"programme": {"word_before": 1.0, "word_after": 1.0, "word_inside": 1.0, "list": 1.0,
                                 "capitalised": 1.0, "kb": 1.0, "threshold": 1.0, "window_words": 2, "period_gap": 25,
                                 "parallel_overlap": 0.5, "parallel_shared": 3}}
# Of a programme named in two languages of one document, the English name is kept (canonical
# names are English, see CONTRACT.md); without an English mention, the first one.
PREFERRED_LANGS = ("en",)
# A candidate is the knowledge-base programme it holds when the alias spans this share of its words.
KB_COVER = 0.6


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
        self.scoring = {k: {**DEFAULT_SCORING.get(k, {}), **v} for k, v in
                        {**DEFAULT_SCORING, **(d.get("scoring") or {})}.items()}
        self.event_word = presence_pattern([w for ws in (d.get("events") or {}).values() for w in ws])

    def presence(self, key, entries=None) -> re.Pattern:
        """Whether a word list of ``facts.yaml`` (or ``entries``) occurs, compiled once (see
        :func:`~pipeline.extract.counts.presence_pattern`)."""
        cache = self.__dict__.setdefault("_presence", {})
        if key not in cache:
            cache[key] = presence_pattern(entries if entries is not None else self.data.get(key) or [])
        return cache[key]

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


# -- programmes ----------------------------------------------------------------------------

@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    features: dict
    lang: str
    after: int   # where the period may begin
    entry: Optional[Entry] = None  # the knowledge-base programme it names


def assemble_programmes(segments, found, *, context) -> list[Programme]:
    """One :class:`~pipeline.records.Programme` per named programme in the document.

    A programme named in two languages (parallel segments of a bilingual release, see
    :func:`_translations`) is one programme.
    """
    text = context.source_text
    candidates = []
    organisations = ByPosition(e for e in found.get("entities", []) if e.label == "ORG")
    dates = ByPosition(found.get("dates", []))
    years = ByPosition(d for d in found.get("dates", []) if d.value is not None and d.granularity == "year"
                       and d.value.start != d.value.end)
    for index, seg in enumerate(segments):
        lex = lexicon(context.resources.lang(seg.lang))
        known = _kb_mentions(seg, context)   # in text order
        known_starts = [k[0] for k in known]
        for s_start, s_end in sentences([seg]):
            local = _candidates(text, s_start, s_end, lex, seg.lang, organisations)
            inside = known[bisect.bisect_left(known_starts, s_start):bisect.bisect_left(known_starts, s_end)]
            _link(text, local, [k for k in inside if k[1] <= s_end], lex, seg.lang)
            candidates.extend((index, c) for c in local)
    programmes: dict[str, Programme] = {}
    mentions: list[tuple[int, str, Optional[tuple]]] = []   # (segment, key, period) per accepted mention
    for index, c in sorted(candidates, key=lambda x: x[1].start):
        lex = lexicon(context.resources.lang(c.lang))
        weights = lex.scoring["programme"]
        if sum(weights.get(f, 0.0) for f, on in c.features.items() if on) < weights["threshold"]:
            continue
        inner = next((d for d in dates.within(c.start + 1, c.end) if d.end == c.end
                      and d.granularity == "year" and d.value is not None), None)
        if inner is not None:  # "Every Child in School … 2023-2026" inside the quotes
            c.end, c.after = inner.start, inner.start
        name = re.sub(r"\s+", " ", re.sub(r"[\"\u201c\u201d\u00ab\u00bb\u201e]", "", text[c.start:c.end])).strip(" ,-\u2013")
        if c.entry is not None:
            name, key = c.entry.name, c.entry.id
        else:
            morphology = _morphology(segments[index], context)
            if not _quoted(text, c) or morphology.kind == "pymorphy3" and not starts_nominative(name):
                # a quoted title is written in its own form («Женщины в бизнесе»), unless it
                # cannot be a nominative (проекта «Социально-экономического восстановления …»)
                name = morphology.dictionary_form(name)
            key = name.lower()
        period = _period(text, c, years, weights["period_gap"])
        mentions.append((index, key, (period.value.start, period.value.end) if period is not None else None))
        if key in programmes and (programmes[key].period or not period):
            continue
        end = period.end if period is not None and words_between(text, c.end, period.start) == 0 else c.end
        programmes[key] = Programme(text=text[c.start:end], start=c.start, end=end, lang=c.lang, name=name,
                                    kind=c.kind, period=period.value if period is not None else None,
                                    kb_id=c.entry.id if c.entry is not None else None)
    weights = lexicon(context.resources.lang(segments[0].lang)).scoring["programme"] if segments else {}
    for group in _translations(text, segments, mentions, weights):
        members = [programmes[k] for k in group if k in programmes]
        if len(members) < 2:
            continue
        keep = min(members, key=lambda p: (p.kb_id is None, p.lang not in PREFERRED_LANGS, p.start))
        period = keep.period or next((p.period for p in members if p.period), None)
        for k in group:
            programmes.pop(k, None)
        programmes[keep.kb_id or keep.name.lower()] = keep if keep.period == period \
            else keep.model_copy(update={"period": period})
    return sorted(programmes.values(), key=lambda p: p.start)


def _quoted(text, c: Candidate) -> bool:
    return c.start > 0 and text[c.start - 1] in OPENERS + STRAIGHT + "\u201d"


def _morphology(seg, context):
    """The key and dictionary-form functions of a segment's language (or its script's)."""
    code = seg.lang if context.resources.lang(seg.lang)["entities"] else FALLBACK.get(seg.script, "en")
    return knowledge_base(context.resources).morphology(code)


def _kb_mentions(seg, context) -> list[tuple[int, int, Entry]]:
    """Absolute spans of the knowledge-base programmes a segment names, in any language."""
    morphology = _morphology(seg, context)
    index = knowledge_base(context.resources).index(morphology.code, programmes=True)
    words = view(seg, ("words", morphology.code), lambda: morphology.words(seg.text))   # the entities stage's
    return [(seg.start + words[m.first].start, seg.start + words[m.last].end, m.candidates[0].entry)
            for m in index.find(words) if len(m.candidates) == 1]


def _link(text, found: list[Candidate], known, lex: FactsLexicon, lang) -> None:
    """Give each candidate the knowledge-base programme whose alias spans most of it, and
    add the programmes the knowledge base finds where no candidate is."""
    for start, end, entry in known:
        overlapping = [c for c in found if start < c.end and c.start < end]
        if not overlapping:
            words = re.findall(r"[\w'+-]+", text[start:end])
            kind = next((lex.kind(w) for w in reversed(words) if lex.programme_word.fullmatch(w)), None)
            found.append(Candidate(start, end, kind or ("action" if entry.type == "action" else "programme"),
                                   {"kb": True}, lang, end, entry))
            continue
        for c in overlapping:
            inside = len(re.findall(r"\w+", text[max(start, c.start):min(end, c.end)]))
            if c.entry is None and inside >= KB_COVER * len(re.findall(r"\w+", text[c.start:c.end])):
                c.entry = entry
                c.features["kb"] = True
    found.sort(key=lambda c: c.start)


def _translations(text, segments, mentions, weights) -> list[set[str]]:
    """Programme names that translate each other, as groups of keys.

    Two segments in different languages are parallel when they state mostly the same numbers
    (dates, counts, sums: at least ``parallel_shared`` shared, and a share of at least
    ``parallel_overlap`` of all their numbers). Translations keep the order of what they
    translate, so when two parallel segments name as many programmes each, the i-th of one
    is the i-th of the other, unless both state a period and the periods differ.
    """
    numbers = [set(re.findall(r"\d+", text[s.start:s.end])) for s in segments]
    named: dict[int, list[tuple[str, Optional[tuple]]]] = {}
    for index, key, period in mentions:
        names = named.setdefault(index, [])
        if all(k != key for k, _ in names):
            names.append((key, period))
    parent: dict[str, str] = {}

    def root(k):
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for i in named:
        for j in named:
            if j <= i or segments[i].lang == segments[j].lang or len(named[i]) != len(named[j]):
                continue
            shared, every = numbers[i] & numbers[j], numbers[i] | numbers[j]
            if len(shared) < weights.get("parallel_shared", 3) or \
                    len(shared) < weights.get("parallel_overlap", 0.5) * len(every):
                continue
            pairs = list(zip(named[i], named[j]))
            if any(a[1] and b[1] and a[1] != b[1] for a, b in pairs):
                continue
            for (a, _), (b, _) in pairs:
                parent[root(b)] = root(a)
    groups: dict[str, set[str]] = {}
    for k in list(parent):
        groups.setdefault(root(k), {root(k)}).add(k)
    return list(groups.values())


def _candidates(text, s_start, s_end, lex: FactsLexicon, lang, organisations: ByPosition) -> list[Candidate]:
    """Phase one: quoted names beside programme words, and capitalised names
    (``organisations``: the document's ORG entities)."""
    window = lex.scoring["programme"]["window_words"]
    sentence = text[s_start:s_end]
    words = [(s_start + m.start(), s_start + m.end(), lex.kind(m.group()))
             for m in lex.programme_word.finditer(sentence)]
    found: list[Candidate] = []
    for q_start, q_end in sorted(quoted_spans(sentence) + _latin_names(sentence)):
        start, end = s_start + q_start, s_start + q_end
        if any(c.start <= start and end <= c.end for c in found):
            continue  # a quote nested inside a name already taken
        if any(e.start <= start and end <= e.end for e in organisations.overlapping(start, end)):
            continue  # «Xalq banki» aksiyadorlik banki, «Жашыл Нарын» коомдук бирикмеси: an organisation
        before = [w for w in words if 0 <= words_between(text, w[1], start - 1) <= window and w[1] < start]
        after = [w for w in words if w[0] > end and 0 <= words_between(text, end + 1, w[0]) <= window]
        previous = found[-1] if found else None
        listed = previous is not None and re.fullmatch(
            r'["\u201d\u00bb]?\s*(?:,|;|' + lexicon_pattern(lex.data.get("list_joiners") or []) + r')\s*',
            text[previous.end:start - 1], re.I) is not None
        colon = [w for w in words if w[1] < start and ":" in text[w[1]:start]
                 and not any(q for q in quoted_spans(text[w[1]:start - 1]))]
        inside = _word_inside(text, start, end, lex)
        kind = (before[-1][2] if before else after[0][2] if after else previous.kind if listed
                else colon[-1][2] if colon else inside)
        if kind is None:
            continue
        found.append(Candidate(start, end, kind, {"word_before": bool(before), "word_after": bool(after),
                                                   "word_inside": bool(inside), "list": bool(listed or colon)}, lang,
                               after[0][1] if after else end + 1))
    if lex.capitalised:
        for m in re.finditer(rf"{NAME_WORD}(?:\s+(?:(?:of|for|and|in|on|the|to)\s+)?{NAME_WORD})*", sentence):
            last = re.search(r"[\w'-]+$", m.group())
            start, end = s_start + m.start(), s_start + m.end()
            if not lex.programme_word.fullmatch(last.group()) or start == s_start + m.start() + len(m.group()) - len(last.group()):
                continue
            if organisations.overlapping(start, end):
                continue  # "United Nations Development Programme" is an organisation
            if any(c.start <= start < c.end for c in found):
                continue
            start += _lead_length(m.group(), lex.pattern("programme_lead_words"))
            if start >= end - len(last.group()):
                continue  # "The Programme": a programme named before
            found.append(Candidate(start, end, lex.kind(last.group()), {"capitalised": True}, lang, end))
    return found


def _latin_names(sentence: str) -> list[tuple[int, int]]:
    """Capitalised Latin-script names in a Cyrillic sentence ("Birgemiz жобасы", "EU4Business
    бағдарламасы"): written apart from the text around them, as a quote is."""
    if not CYRILLIC.search(sentence):
        return []
    return [m.span() for m in LATIN_NAME.finditer(sentence)]


def _lead_length(name: str, lead_words: re.Pattern) -> int:
    """Length of the words that open ``name`` but belong to the sentence ("Under the")."""
    position = 0
    while (m := lead_words.match(name, position)) and (gap := re.match(r"\s+", name[m.end():])):
        position = m.end() + gap.end()
    return position


def _word_inside(text, start, end, lex: FactsLexicon) -> Optional[str]:
    """The kind of a quoted name that begins or ends with a programme word ("«Программа по
    верховенству права в Центральной Азии»"), unless an event word stands right before the
    quote (then it is the event's title)."""
    words = re.findall(r"[\w'-]+", text[start:end])
    if len(words) < 2 or lex.event_word.search(" ".join(re.findall(r"[\w'-]+", text[max(0, start - 40):start])[-2:])):
        return None
    for word in (words[0], words[-1]):
        if lex.programme_word.fullmatch(word):
            return lex.kind(word)
    return None


def _period(text, candidate: Candidate, years: ByPosition, gap: int):
    """The year period stated with a name: "Programme 2020-2023", "(2020-2023 йиллар)", or
    just before it: "2024-2028-yillarga mo'ljallangan “…”" (``years``: the document's
    year periods)."""
    starts, records = years.starts, years.records
    after = records[bisect.bisect_left(starts, candidate.after):bisect.bisect_right(starts, candidate.after + gap)]
    for d in after:
        if "." not in text[candidate.end:d.start]:
            return d
    before = records[bisect.bisect_left(starts, candidate.start - gap - years.longest):
                     bisect.bisect_right(starts, candidate.start)]
    for d in reversed(before):
        if 0 <= candidate.start - d.end <= gap and words_between(text, d.end, candidate.start) <= 2 \
                and not re.search(r"[.;]", text[d.end:candidate.start]):
            return d
    return None
