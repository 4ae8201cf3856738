"""Calendar dates and periods, found by a grammar built from each language's ``dates.yaml``.

The grammar is the same for every language (day, month, year and their words in any of
the orders the six languages use); only the words come from data, so adding a language
is adding a file. Candidates are found per pattern, overlaps go to the longest, and
neighbours joined by a range word ("8 June - 2 July", "2015 йилдан 2019 йилгача") become
one period. Values are TIMEX3 strings at the expression's own granularity.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any, Optional

from ..offsets import Disjoint
from ..records import DateMention, Period
from ..wordlists import trie_pattern

NO_REFERENCE = "no reference date: relative dates (yesterday, last week, 12 March) have no calendar value"


@dataclass(frozen=True)
class Point:
    """A partial calendar point: what the text said, ``None`` for what it left out."""

    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    season: Optional[str] = None
    quarter: Optional[int] = None

    def timex(self) -> str:
        """TIMEX3 value at this point's own granularity.

        >>> Point(2023, 6, 8).timex(), Point(2019, 12).timex(), Point(2023, season="SU").timex()
        ('2023-06-08', '2019-12', '2023-SU')
        """
        if self.season:
            return f"{self.year:04d}-{self.season}"
        if self.quarter:
            return f"{self.year:04d}-Q{self.quarter}"
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def granularity(self) -> str:
        if self.season:
            return "season"
        if self.quarter:
            return "quarter"
        return "day" if self.day else "month" if self.month else "year"

    def fill(self, other: "Point") -> "Point":
        """Take the fields this point left out from ``other`` (the far end of a range)."""
        if self.day and not self.month and other.month:
            return replace(self, month=other.month, year=self.year or other.year)
        if self.year is None and other.year is not None:
            earlier = self.month and other.month and self.month > other.month
            return replace(self, year=other.year - 1 if earlier else other.year)
        return self


@dataclass
class Found:
    """One candidate: local offsets, its two ends, and whether it needs the reference date."""

    start: int
    end: int
    first: Point
    last: Point
    relative: Optional[tuple] = None   # (unit, offset) or ("weekday", n) or ("month", m, offset) …
    tense: int = 0                     # -1 past, +1 future, 0 unknown: picks the year of "12 March"
    needs_year: bool = False           # "the first half": a date only with a year after it
    pair: Optional[tuple] = None       # "February 19 and 26": (end of the first, start of the second)


# -- the grammar --------------------------------------------------------------------------

def _words(items) -> str:
    """A regex matching any of the words, longest first, spaces matching any blanks.

    The words are folded into a trie (``may|march`` → ``ma(?:y|rch)``): Python's regex
    engine tries alternatives one by one, so shared prefixes make long lists fast.

    >>> _words(["march", "may", "mar"])
    'ma(?:r(?:ch)?|y)'
    """
    trie: dict = {}
    for word in {str(w).lower() for w in items}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie_pattern(trie, _written) if trie else r"(?!x)x"


def _written(char: str) -> str:
    return r"[^\S\n]+" if char == " " else re.escape(char)


def _table(mapping: dict) -> dict[str, Any]:
    """Every form of a ``{key: [forms]}`` table, lower-cased, to its key."""
    return {str(form).lower(): key for key, forms in (mapping or {}).items() for form in forms}


class Grammar:
    """One language's compiled date patterns; built once per language and cached."""

    def __init__(self, data: dict):
        self.capitalised = bool(data.get("capitalised"))
        self.months = _table(data.get("months"))
        self.weekdays = _table(data.get("weekdays"))
        self.seasons = _table(data.get("seasons"))
        self.ordinals = _table(data.get("ordinals"))
        self.units = _table(data.get("relative_units"))
        self.modifiers = {str(k).lower(): v for k, v in (data.get("relative_modifiers") or {}).items()}
        # "the past two years", "последние два года": span modifiers count only before a number.
        self.span_modifiers = {**self.modifiers,
                               **{str(k).lower(): v for k, v in (data.get("span_modifiers") or {}).items()}}
        self.relative_words = {str(k).lower(): v for k, v in (data.get("relative_words") or {}).items()}
        self.prepositions = {str(w).lower() for w in data.get("prepositions") or []}
        self.after = {str(w).lower() for w in data.get("prepositions_after") or []}
        self.number_labels = {str(w).lower().rstrip(".") for w in data.get("number_labels") or []}
        self.year_followers = {str(w).lower() for w in data.get("year_followers") or []}
        self.between = {str(w).lower() for w in data.get("range_between") or []}
        self.weekday_forms = {form: form for form in self.weekdays}
        self.weekday_ambiguous = {str(w).lower() for w in data.get("weekday_ambiguous") or []}
        self.weekday_before = {str(w).lower() for w in data.get("weekday_before") or []}
        self.weekday_after = {str(w).lower() for w in data.get("weekday_after") or []}
        self.and_words = {str(w).lower() for w in data.get("range_and") or []}
        self.from_suffixes = tuple(str(s).lower() for s in data.get("range_from_suffixes") or [])
        self.number_words = _table(data.get("number_words"))
        self.count_units = _table(data.get("count_units"))
        self.part_determiners = {str(w).lower() for w in data.get("part_determiners") or []}
        self.year_determiners = {str(w).lower() for w in data.get("year_determiners") or []}
        self.count_nouns = {str(w).lower() for w in data.get("count_nouns") or []}
        self.plural_endings = tuple(str(w).lower() for w in data.get("plural_endings") or [])
        self.future_words = {str(w).lower() for w in data.get("future_words") or []}
        self.past_words = {str(w).lower() for w in data.get("past_words") or []}
        self.past_endings = tuple(str(w).lower() for w in data.get("past_endings") or [])
        self.infinitive_words = {str(w).lower() for w in data.get("infinitive_words") or []}
        # Bare seasons take a preposition, not a range word or conjunction ("continue to fall").
        self.season_prepositions = self.prepositions - self.and_words - \
            {str(w).lower() for w in data.get("range_to") or []} - {"-", "or"}

        h = r"[^\S\n]"   # a date never runs across a line break
        # A word ends at a non-letter; an apostrophe goes on the word (Uzbek o'/g') unless it
        # is the English possessive ("Friday's meeting", "today's").
        end = r"(?!\w)(?!'(?!s(?!\w)))"
        month = rf"(?:{_words(self.months)})(?:{_words(data.get('month_endings') or [])})?{end}"
        weekday = rf"(?:{_words(self.weekdays)})(?:{_words(data.get('weekday_endings') or [])})?{end}"
        day = rf"(?:[0-3]?\d)(?!\d)(?:{_words(data.get('day_suffixes') or [])})?"
        year = r"(?:1[89]|20)\d\d(?![\d,.]\d)"
        before = data.get("year_before") or []
        after = data.get("year_after") or []
        yb = rf"(?:(?:{_words(before)}){h}+)?" if before else ""
        ya = rf"(?:(?:{h}*-{h}*|{h}+)(?:{_words(after)}){end})?" if after else ""
        to_years = rf"{h}*-{h}*|{h}+(?:{_words(data.get('range_to') or [])}){h}+"
        to = rf"{h}*-{h}*|{h}+(?:{_words((data.get('range_to') or []) + (data.get('range_and') or []))}){h}+"
        of = rf"(?:(?:{_words(data.get('of_words'))}){h}+)*" if data.get("of_words") else ""
        sep = rf"(?:{h}*-{h}*|{h}+)"
        season = rf"(?:{_words(self.seasons)}){end}"
        quarter = rf"(?:{_words(self.ordinals)})(?:{h}+|-)(?:{_words(data.get('quarter_words') or [])}){end}"
        half = rf"(?P<hn>{_words(self.ordinals)}){h}+(?:{_words(data.get('half_words') or [])}){end}"
        start = r"(?<![\w.,/+$€£№#-])"
        units = _words(self.units)
        number = rf"(?P<n>\d{{1,3}}|{_words(self.number_words)})"
        count_unit = rf"(?P<cu>{_words(self.count_units)}){end}"
        parts = _words(data.get("parts") or [])
        parts_after = _words(data.get("parts_after") or [])
        dets = rf"(?:(?:{_words(self.part_determiners)}){h}+)?" if self.part_determiners else ""
        decade = rf"(?P<dec>(?:1[89]|20)\d0|['’]?\d0)(?:{_words(data.get('decade_suffixes') or [])}){end}"

        def y(n: str) -> str:
            return rf"{yb}(?P<{n}>{year}){ya}"

        days = rf"(?P<d1>{day})(?:(?:{to})(?P<d2>{day}))?"
        extra = []
        if data.get("half_words"):
            extra += [("half", rf"(?<!\w){half}(?:,?{h}+{of}{y('y')})?"),
                      ("yhalf", rf"{start}{y('y')}{h}+{half}")]
        if data.get("decade_suffixes"):
            words = rf"(?:(?:{h}*-{h}*|{h}+)(?P<yw>{_words(after)}){end})?" if after else ""
            extra.append(("decade", rf"(?<![\w'’$€£.,/]){decade}{words}"))
        if data.get("ago_words") and self.count_units:
            extra.append(("ago", rf"(?<!\w){number}{h}+{count_unit}{h}+(?:{_words(data['ago_words'])}){end}"))
        if self.count_units:
            extra.append(("span", rf"(?<!\w)(?P<mod>{_words(self.span_modifiers)}){h}+{number}{h}+{count_unit}"))
        if data.get("parts"):
            extra.append(("relpart", rf"(?<!\w)(?:{parts})(?:{h}+|{h}*-{h}*){dets}(?P<u>{units}){end}(?!-)"))
            extra.append(("partyear", rf"(?<!\w)(?:{parts}){h}*-{h}*(?P<y>{year})(?!\d)(?!-)"))
        if data.get("parts_after"):
            extra.append(("relpart", rf"(?<![\w-])(?P<u>{units}){h}+(?:{parts_after}){end}"))
        self.patterns = [
            # "22.05.2024", "29/08/2024", "23-09-2019", "08.06. 2022", "2024-11-12", "21.08.23".
            ("numeric", rf"{start}(?:(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[01]?\d)(?P=sep){h}?(?P<y>{year})"
                        rf"|(?P<y2>{year})-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)"
                        rf"|(?P<d3>[0-3]\d)\.(?P<m3>[01]\d)\.(?P<y3>\d\d)(?![\d.]\d)){ya}(?![\w.]\w)"),
            # "17 April, 2009": a comma before the year, not before a range of years.
            ("dmy", rf"{start}{days}{sep}{of}(?P<m>{month})(?:(?:,(?={h}+{year}(?!{h}*-{h}*\d)))?{h}+{y('y')})?"),
            ("ydm", rf"{start}{y('y')}{h}+{days}{sep}(?P<m>{month})"),
            ("mdy", rf"(?<!\w)(?P<m>{month}){h}+{days}(?:(?:{h}*,)?{h}+{y('y')})?"),
            ("my", rf"(?<!\w)(?P<m>{month}){h}+{of}{y('y')}"),
            ("ym", rf"{start}{y('y')}{h}+(?P<m>{month})"),
            ("years", rf"{start}{yb}(?P<y>{year})(?:(?:{to_years})(?P<y2>{year}|\d\d(?!\d)))?{ya}"),
            ("season", rf"(?<!\w)(?P<s>{season})(?:,?{h}+{of}{y('y')})?"),
            ("yseason", rf"{start}{y('y')}{h}+(?P<s>{season})"),
            ("quarter", rf"(?<!\w)(?P<q>{quarter})(?:,?{h}+{of}{y('y')})?"),
            ("yquarter", rf"{start}{y('y')}{h}+(?P<q>{quarter})"),
            ("qn", rf"(?<!\w)Q(?P<qn>[1-4]){h}+{y('y')}"),
            ("month", rf"(?<!\w)(?P<m>{month})"),
            ("weekday", rf"(?<!\w)(?P<w>{weekday})"),
            ("relword", rf"(?<!\w)(?P<r>{_words(self.relative_words)}){end}"),
            # "ҳафтаи гузашта" (unit, modifier), but not "квартале | прошлого года".
            ("relunit", rf"(?<!\w)(?:(?P<mod>{_words(self.modifiers)}){h}+(?P<u>{_words(self.units)})"
                        rf"|(?P<u2>{_words(self.units)}){h}+(?P<mod2>{_words(self.modifiers)}){end}"
                        rf"(?!{h}+(?:{_words(self.units)}){end})){end}"),
            ("relname", rf"(?<!\w)(?P<mod>{_words(self.modifiers)}){h}+(?:(?P<m>{month})|(?P<s>{season})|(?P<w>{weekday}))"),
        ] + extra
        # Every date has a digit or one of these words: where none is, no pattern is tried (a
        # run of digits is one trigger: its windows would join anyway).
        triggers = [self.months, self.weekdays, self.seasons, self.units, self.relative_words,
                    data.get("quarter_words") or [], self.count_units]
        self.trigger = re.compile(rf"\d+|(?<!\w)(?:{_words(w for t in triggers for w in t)})", re.IGNORECASE)
        # Where a date that is not relative may begin (see ``_opener``): the first word of a
        # pattern that gives one, a weekday before it ("Monday, 12 March"), a same-year word.
        openers = [self.months, self.weekdays, self.seasons, data.get("year_before") or [],
                   data.get("same_year") or []]
        self.opening_words = {str(w).lower() for t in openers for w in t}
        self.ordinal_words = set(self.ordinals)
        self.part_words = {str(w).lower() for w in data.get("parts") or []}
        self.opener = _opener(self.opening_words, self.ordinal_words, self.part_words)
        self.compiled = [(name, re.compile(p, re.IGNORECASE)) for name, p in self.patterns]
        self.joiner = re.compile(rf"^(?:{to})$", re.IGNORECASE)
        # "early", "the end of", "mid-" before a date, "охирида" after it, belong to its text.
        self.part_before = re.compile(rf"(?<!\w)(?:{parts})(?:{h}+|{h}*-{h}*)$", re.IGNORECASE) \
            if data.get("parts") else None
        self.part_after = re.compile(rf"^(?:{h}+|{h}*-{h}*)(?:{parts_after}){end}", re.IGNORECASE) \
            if data.get("parts_after") else None
        # What may stand between "March" / "the third quarter" and "of this year".
        self.in_year_gap = re.compile(rf"^{h}*,?{h}+{of}$", re.IGNORECASE)
        # "8 апреля того же года", "ўша йилнинг 8 апрелида": the year named last before it.
        same = _words(data.get("same_year") or [])
        self.same_year_after = re.compile(rf"{h}*,?{h}*{of}(?:{same}){end}", re.IGNORECASE)
        self.same_year_before = re.compile(rf"(?<!\w)(?:{same}){h}+$", re.IGNORECASE)
        self._lookup: dict[tuple[str, str], Any] = {}

    def lookup(self, table: dict[str, Any], text: str) -> Any:
        """The key of the longest form ``text`` starts with (forms carry case endings)."""
        key = (id(table), text.lower())
        if key not in self._lookup:
            low = text.lower()
            best = max((f for f in table if low.startswith(f)), key=len, default=None)
            self._lookup[key] = table.get(best)
        return self._lookup[key]


def _opener(words, ordinals, parts) -> re.Pattern:
    """Where a date that is not relative may begin: after a non-word character, at a year, a
    number of one or two digits ("12 March"; "90s", as no decade suffix begins with a digit),
    "'90s", "Q1", one of ``words`` or an ordinal and the blank or hyphen after it ("I
    квартал", "first half"); or at a part word anywhere ("early March" is read in a cut of
    the text before "March", and the cut may begin inside a word). A caller that wants such
    a date at one position need run no pattern where this does not match there."""
    return re.compile(rf"(?<!\w)(?:(?:1[89]|20)\d\d|\d\d?(?!\d)|['’]\d0|q[1-4]|{_words(words)}"
                      rf"|(?:{_words(ordinals)})(?:[^\S\n]+|-))|{_words(parts)}", re.IGNORECASE)


_OPENERS: dict[frozenset, re.Pattern] = {}


def opener_for(grammars) -> re.Pattern:
    """Where a date of any of ``grammars`` that is not relative may begin, as one pattern
    (cached): one test per position instead of one per grammar."""
    key = frozenset(grammars)
    if key not in _OPENERS:
        _OPENERS[key] = _opener(*(set().union(*(getattr(g, kind) for g in key))
                                  for kind in ("opening_words", "ordinal_words", "part_words")))
    return _OPENERS[key]


_GRAMMARS: dict[int, tuple[dict, Grammar]] = {}


def grammar_for(data: dict) -> Grammar:
    """The compiled grammar of one ``dates.yaml`` mapping (cached: compiled once)."""
    cached = _GRAMMARS.get(id(data))
    if cached is None or cached[0] is not data:
        cached = _GRAMMARS[id(data)] = (data, Grammar(data))
    return cached[1]


# -- finding --------------------------------------------------------------------------

WINDOW = 60   # characters of context kept on each side of a digit or date word
PART_REACH = 30   # characters looked at for a part word before or after a date ("the end of")
SAME_YEAR_REACH = 40   # characters looked at for "того же года" before a date
# How far before the context window of its first digit or date word a date's text may begin.
BACK_REACH = SAME_YEAR_REACH + PART_REACH
WORD_BEFORE = re.compile(r"(\w+)\W{0,3}$")
WORD_AFTER = re.compile(r"^[^\w]{0,3}?(\w[\w.]*)")


def _word_before(text: str, start: int) -> str:
    m = WORD_BEFORE.search(text[max(0, start - 40):start])
    return m.group(1).lower() if m else ""


def _word_after(text: str, end: int) -> tuple[str, str]:
    """The next word, lower-cased and as written ('' at a sentence end or punctuation)."""
    m = re.match(r"^\s+(\w+)", text[end:end + 40])
    return (m.group(1).lower(), m.group(1)) if m else ("", "")


def _int(value: Optional[str]) -> Optional[int]:
    return int(value) if value else None


def _valid(p: Point) -> bool:
    if p.month is not None and not 1 <= p.month <= 12:
        return False
    if p.day is not None:
        try:
            dt.date(p.year or 2000, p.month or 1, p.day)
        except ValueError:
            return False
    return True


def _candidate(name: str, m: re.Match, text: str, g: Grammar) -> Optional[Found]:
    """Turn one pattern match into a candidate, or refuse it when its context says no."""
    gd = m.groupdict()
    s, e = m.span()
    word = name != "numeric" and (gd.get("m") or gd.get("w"))
    if g.capitalised and word and not word[0].isupper():
        return None
    year = _int(gd.get("y"))
    if name == "numeric":
        if gd.get("y2"):
            p = Point(int(gd["y2"]), int(gd["m2"]), int(gd["d2"]))
        elif gd.get("y3"):
            # A two-digit year: this century up to 50, the last one after.
            short = int(gd["y3"])
            p = Point(2000 + short if short <= 50 else 1900 + short, int(gd["m3"]), int(gd["d3"]))
        else:
            p = Point(year, int(gd["m"]), int(gd["d"]))
        return Found(s, e, p, p) if _valid(p) else None
    if name in ("dmy", "ydm", "mdy"):
        month = g.lookup(g.months, gd["m"])
        first = Point(year, month, int(re.match(r"\d+", gd["d1"]).group()))
        last = replace(first, day=int(re.match(r"\d+", gd["d2"]).group())) if gd.get("d2") else first
        if last.day < first.day or not (_valid(first) and _valid(last)):
            return None
        tense = 0 if year else _tense(text, s, e, g)
        if gd.get("d2") and last.day - first.day > 1 and text[m.end("d1"):m.start("d2")].strip().lower() in g.and_words:
            # "February 19 and 26": two days; "18 and 19 April" (days in a row) a period.
            return Found(s, e, first, last, tense=tense, pair=(m.end("d1"), m.start("d2")))
        return Found(s, e, first, last, tense=tense)
    if name in ("my", "ym"):
        p = Point(year, g.lookup(g.months, gd["m"]))
        return Found(s, e, p, p)
    if name == "years":
        alone = m.group(0) == gd["y"]
        if alone and not _bare_year_ok(text, s, e, g):
            return None
        first = Point(year)
        if not gd.get("y2"):
            return Found(s, e, first, first)
        short = len(gd["y2"]) == 2
        y2 = year // 100 * 100 + int(gd["y2"]) if short else int(gd["y2"])
        if not (0 < y2 - year <= (10 if short else 100)):
            return None
        return Found(s, e, first, Point(y2))
    if name in ("season", "yseason"):
        p = Point(year, season=g.lookup(g.seasons, gd["s"]))
        # A season alone is a date after a preposition and "the" ("in the spring, ..."): "spring" and
        # "fall" are common words, so the next word must not go on the phrase ("summer school").
        if year is None and not (_preposition_before(text, s, g) and _ends_phrase(text, e, g)):
            return None
        if year is None and gd["s"][:1].isupper() and _word_after(text, e)[1][:1].isupper():
            return None   # "the Spring Meetings": a name
        return Found(s, e, p, p, tense=0 if year else _tense(text, s, e, g))
    if name in ("quarter", "yquarter", "qn"):
        word = gd.get("q") and re.split(r"[\s-]+", gd["q"])[0].lower()
        if word and not year and word in g.modifiers:
            return None   # "last quarter" is the previous quarter (a relative unit), not Q4
        q = int(gd["qn"]) if gd.get("qn") else g.lookup(g.ordinals, gd["q"].split()[0])
        p = Point(year, quarter=q)
        return Found(s, e, p, p, tense=0 if year else _tense(text, s, e, g))
    if name in ("half", "yhalf"):
        n = g.lookup(g.ordinals, gd["hn"])
        if n not in (1, 2):
            return None
        first, last = Point(year, 1 if n == 1 else 7), Point(year, 6 if n == 1 else 12)
        return Found(s, e, first, last, needs_year=year is None)
    if name == "decade":
        digits = re.search(r"\d+", gd["dec"]).group()
        if len(digits) == 2:
            # "the '90s", "the 70s and 80s", "в 90-х годах": a two-digit decade needs an
            # apostrophe, a year word or a determiner/preposition before it.
            if not (gd["dec"][0] in "'’" or gd.get("yw") or
                    _word_before(text, s) in g.prepositions | g.year_determiners | g.part_determiners):
                return None
            digits = ("20" if digits == "00" else "19") + digits
        first = int(digits)
        return Found(s, e, Point(first), Point(first + 9))
    if name == "ago":
        n = _number(gd["n"], g)
        unit = g.lookup(g.count_units, gd["cu"])
        return Found(s, e, Point(), Point(), ("ago", unit, n)) if n else None
    if name == "span":
        n = _number(gd["n"], g)
        offset = g.span_modifiers[re.sub(r"\s+", " ", gd["mod"].lower())]
        if not n or not offset:
            return None
        return Found(s, e, Point(), Point(), ("span", g.lookup(g.count_units, gd["cu"]), n * offset))
    if name == "relpart":
        if re.search(r"\d[^\S\n-]*-?[^\S\n]*$", text[max(0, s - 3):s]) or re.match(r"[^\S\n]*\d", text[e:e + 3]):
            return None   # "2023 йил охирида", "охири соли 2023": the year pattern takes them
        return Found(s, e, Point(), Point(), (g.units[re.sub(r"\s+", " ", gd["u"].lower())], 0))
    if name == "partyear":
        p = Point(year)
        return Found(s, e, p, p)
    if name == "month":
        if _word_before(text, s) not in g.prepositions and _word_after(text, e)[0] not in g.after:
            return None
        p = Point(None, g.lookup(g.months, gd["m"]))
        return Found(s, e, p, p, tense=_tense(text, s, e, g))
    if name == "weekday":
        ambiguous = g.lookup(g.weekday_forms, gd["w"]) in g.weekday_ambiguous
        if ambiguous and _word_before(text, s) not in g.weekday_before and _word_after(text, e)[0] not in g.weekday_after:
            return None
        return Found(s, e, Point(), Point(), ("weekday", g.lookup(g.weekdays, gd["w"]), 0), _tense(text, s, e, g))
    if name == "relword":
        unit, offset = g.relative_words[gd["r"].lower()]
        return Found(s, e, Point(), Point(), (unit, offset))
    if name == "relunit":
        unit = g.units[re.sub(r"\s+", " ", (gd.get("u") or gd.get("u2")).lower())]
        offset = g.modifiers[re.sub(r"\s+", " ", (gd.get("mod") or gd.get("mod2")).lower())]
        return Found(s, e, Point(), Point(), (unit, offset))
    if name == "relname":
        offset = g.modifiers[re.sub(r"\s+", " ", gd["mod"].lower())]
        if gd.get("m"):
            return Found(s, e, Point(), Point(), ("month-name", g.lookup(g.months, gd["m"]), offset))
        if gd.get("s"):
            return Found(s, e, Point(), Point(), ("season", g.lookup(g.seasons, gd["s"]), offset))
        return Found(s, e, Point(), Point(), ("weekday", g.lookup(g.weekdays, gd["w"]), offset))
    return None


def _bare_year_ok(text: str, s: int, e: int, g: Grammar) -> bool:
    """A four-digit number alone is a year after a date preposition, or when what follows
    is not a counted noun ("2000 participants" is a count, "in 2019 the" a year)."""
    before = _word_before(text, s)
    if before in g.prepositions:
        return True
    if before in g.number_labels or re.search(r"№\s*$", text[max(0, s - 3):s]):
        return False
    if re.match(r"\s*%", text[e:e + 3]) or re.search(r"[\d][\s)]*$", text[max(0, s - 3):s]):
        return False
    lower, written = _word_after(text, e)
    if not lower or lower in g.year_followers or written[:1].isupper():
        return True
    # "the 1991 agreement", "its 2011 report": a year after a determiner, before a singular
    # noun; "the 2000 participants", "the 1500 staff" stay counts. After a capitalised word,
    # the year of a name: "Strategic Plan 2020 provides", "Building Days — 2025 event".
    written = WORD_BEFORE.search(text[max(0, s - 40):s])
    named = bool(written) and written.group(1)[0].isupper() and not written.group(1).isupper()
    return (before in g.year_determiners or named) and not lower.endswith(g.plural_endings) \
        and lower not in g.count_nouns and not lower.isdigit()


def _number(word: str, g: Grammar) -> Optional[int]:
    return int(word) if word.isdigit() else g.number_words.get(re.sub(r"\s+", " ", word.lower()))


def _preposition_before(text: str, s: int, g: Grammar) -> bool:
    """A date preposition and a determiner before ``s`` ("in the spring"): without the
    determiner a season is generic ("in winter the road can be closed")."""
    if _word_before(text, s) not in g.part_determiners:
        return False
    m = re.search(r"(\w+)\W+\w+\W*$", text[max(0, s - 40):s])
    return bool(m) and m.group(1).lower() in g.season_prepositions


def _ends_phrase(text: str, e: int, g: Grammar) -> bool:
    """Nothing after ``e`` goes on the phrase: punctuation, a line end, or a word that may
    follow a date ("in spring the", "in the autumn, ...")."""
    lower, written = _word_after(text, e)
    return not lower or lower in g.year_followers or written[:1].isupper()


SENTENCE_END = re.compile(r"[.!?;:]\s|\n")
TOKEN = re.compile(r"\w+(?:'\w+)?")


def _tense(text: str, s: int, e: int, g: Grammar) -> int:
    """-1 when the clause around a date says past, +1 future, 0 when it does not say.

    The nearest cue word wins, looking outwards from the date within its sentence: "was
    introduced in January" is the January before the reference date, "will open on Monday"
    the Monday after it. Cue words come from the language's ``future_words``,
    ``past_words`` and ``past_endings``.
    """
    if not (g.future_words or g.past_words or g.past_endings):
        return 0
    left = SENTENCE_END.split(text[max(0, s - 80):s])[-1]
    right = SENTENCE_END.split(text[e:e + 60])[0]
    before = TOKEN.findall(left)[::-1][:8]
    after = TOKEN.findall(right)[:6]
    for i in range(max(len(before), len(after))):
        for words in (before, after):
            if i < len(words):
                word = words[i].lower()
                if word in g.future_words:
                    return 1
                if word in g.past_words or (len(word) > 4 and word == words[i] and word.endswith(g.past_endings)):
                    # "to be held", "will be signed": a participle after "be" is not the past.
                    # An ending counts on lower-case words only: "United" is a name.
                    if words is before:
                        older = before[i + 1].lower() if i + 1 < len(before) else ""
                    else:
                        older = after[i - 1].lower() if i else ""
                    return 1 if older in g.infinitive_words else -1
    return 0


def find(text: str, g: Grammar) -> list[Found]:
    """Every date expression in ``text`` (unresolved: relative ones still need a reference).

    >>> from pipeline.resources import Resources
    >>> g = grammar_for(Resources().lang("en")["dates"])
    >>> [(f.first.timex(), f.last.timex()) for f in find("on 8-9 June 2023 and in 2019", g)]
    [('2023-06-08', '2023-06-09'), ('2019', '2019')]
    """
    compact, pieces = _windows(text, g)
    starts = [p[0] for p in pieces]
    candidates = []
    for rank, (name, pattern) in enumerate(g.compiled):
        for m in pattern.finditer(compact):
            found = _candidate(name, m, compact, g)
            if found is not None:
                piece = pieces[bisect.bisect_right(starts, found.start) - 1]
                shift = piece[1] - piece[0]
                found.start += shift
                found.end += shift
                if found.pair:
                    found.pair = (found.pair[0] + shift, found.pair[1] + shift)
                candidates.append((-(found.end - found.start), rank, found))
    chosen: list[Found] = []
    taken = Disjoint()
    for _, _, f in sorted(candidates, key=lambda c: (c[0], c[1], c[2].start)):
        if not taken.clashes(f.start, f.end):
            chosen.append(f)
            taken.add(f.start, f.end)
    chosen = [half for f in chosen for half in _pair_halves(text, f)]
    chosen.sort(key=lambda f: f.start)
    joined = _join_ranges(text, _in_year(text, _weekday_dates(text, chosen), g), g)
    return [_with_parts(text, f, g) for f in _same_year(text, joined, g) if not f.needs_year]


def _pair_halves(text: str, f: Found) -> list[Found]:
    """Two days apart joined by "and" are two dates, each with the shared month and year; the
    month stays with the day it is written beside ("February 19" and "26")."""
    if not f.pair:
        return [f]
    first_end, second_start = f.pair
    first_month_written = re.search(r"[^\W\d_]", text[f.start:first_end]) is not None
    if first_month_written:          # "February 19 and 26"
        a = Found(f.start, first_end, f.first, f.first, tense=f.tense)
        b = Found(second_start, second_start + len(re.compile(r"\d+").match(text, second_start).group()),
                  f.last, f.last, tense=f.tense)
    else:                            # "19 and 26 February 2021"
        a = Found(f.start, first_end, f.first, f.first, tense=f.tense)
        b = Found(second_start, f.end, f.last, f.last, tense=f.tense)
    return [a, b]


def _weekday_dates(text: str, found: list[Found]) -> list[Found]:
    """"Monday, 12 March 2024": a weekday right before a day date is part of it."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and prev.relative and prev.relative[0] == "weekday" and prev.relative[2] == 0 \
                and f.relative is None and f.first.day and re.match(r"^,?[^\S\n]{1,2}$", text[prev.end:f.start]):
            out[-1] = replace(f, start=prev.start)
            continue
        out.append(f)
    return out


def _in_year(text: str, found: list[Found], g: Grammar) -> list[Found]:
    """A yearless date and a relative year next to each other are one date: "March of this
    year", "the first quarter of last year", "жорий йилнинг 15 мартида", "биыл наурызда"."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None:
            gap = text[prev.end:f.start]
            if _yearless(prev) and _relative_year(f) and g.in_year_gap.match(gap):
                out[-1] = Found(prev.start, f.end, prev.first, prev.last, ("in-year", f.relative[1]))
                continue
            if _relative_year(prev) and _yearless(f) and gap.isspace() and len(gap) <= 3:
                out[-1] = Found(prev.start, f.end, f.first, f.last, ("in-year", prev.relative[1]))
                continue
        out.append(f)
    return out


def _same_year(text: str, found: list[Found], g: Grammar) -> list[Found]:
    """A yearless date said to be "of the same year" takes the year last written before it
    ("In 1993 … on 8 April of the same year"); with no year before it, it stays yearless."""
    out: list[Found] = []
    year = None
    for f in found:
        if _yearless(f) and year is not None and (f.first.month or f.first.season or f.first.quarter):
            after = g.same_year_after.match(text, f.end)
            before = g.same_year_before.search(text, max(0, f.start - SAME_YEAR_REACH), f.start)
            if after or before:
                f = replace(f, start=before.start() if before else f.start, end=after.end() if after else f.end,
                            first=replace(f.first, year=year), last=replace(f.last, year=year))
        if f.relative is None and f.last.year is not None:
            year = f.last.year
        out.append(f)
    return out


def _yearless(f: Found) -> bool:
    return f.relative is None and f.first.year is None and f.last.year is None


def _relative_year(f: Found) -> bool:
    return bool(f.relative) and f.relative[0] == "year"


def _with_parts(text: str, f: Found, g: Grammar) -> Found:
    """The date's text with the part words around it: "early December", "the end of 2023",
    "mid-2011", "earlier this month", "2023 йил охирида". The value stays the whole unit's."""
    if g.part_before is not None:
        m = g.part_before.search(text[max(0, f.start - PART_REACH):f.start])
        if m:
            f = replace(f, start=f.start - len(m.group(0)))
    if g.part_after is not None:
        m = g.part_after.match(text[f.end:f.end + PART_REACH])
        if m:
            f = replace(f, end=f.end + len(m.group(0)))
    return f


def _windows(text: str, g: Grammar) -> tuple[str, list[tuple[int, int]]]:
    """The stretches of text around a digit or a date word, joined by blank lines.

    Most of a release cannot hold a date; the patterns run only on these stretches, which
    keeps the extractor fast. Each stretch starts and ends at whitespace, with room for the
    context words the patterns and checks look at; ``pieces`` maps back: (compact start,
    text start) per stretch.
    """
    spans: list[list[int]] = []
    breaks = [m.start() for m in re.finditer("\n", text)]   # a search for the line's ends is
    for m in g.trigger.finditer(text):                      # as long as a one-paragraph text
        a = text.rfind(" ", 0, max(0, m.start() - WINDOW)) + 1
        i = bisect.bisect_left(breaks, m.start())
        nl = (breaks[i - 1] if i else -1) + 1
        b = text.find(" ", m.end() + WINDOW)
        b = len(text) if b < 0 else b
        j = bisect.bisect_left(breaks, m.end())
        nl_end = breaks[j] if j < len(breaks) else -1
        a, b = max(a, nl), min(b, nl_end if nl_end >= 0 else b)
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    parts, pieces, position = [], [], 0
    for a, b in spans:
        pieces.append((position, a))
        parts.append(text[a:b])
        position += b - a + 2
    return "\n\n".join(parts), pieces or [(0, 0)]


def _join_ranges(text: str, found: list[Found], g: Grammar) -> list[Found]:
    """Neighbours joined by a range word, or an ablative ending then a space, are one period.

    "and" joins only with a "between" word before or after ("between 2015 and 2019", "15
    наурыз бен 20 наурыз аралығында"); "2015 and 2019" are two years.
    """
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and not prev.relative and not f.relative and _joined(text, prev, f, g):
            first = prev.first.fill(f.first)
            last = f.last if f.last.year is not None else replace(f.last, year=first.year)
            out[-1] = Found(prev.start, f.end, first, last, tense=prev.tense or f.tense)
            continue
        out.append(f)
    return out


def _joined(text: str, prev: Found, f: Found, g: Grammar) -> bool:
    gap = text[prev.end:f.start]
    if g.joiner.match(gap):
        before = re.search(r"(\w+)[^\S\n]+$", text[max(0, prev.start - 40):prev.start])
        return gap.strip().lower() not in g.and_words or bool(before) and before.group(1).lower() in g.between \
            or _word_after(text, f.end)[0] in g.between
    return bool(g.from_suffixes) and gap.isspace() and len(gap) <= 3 and \
        text[prev.start:prev.end].lower().endswith(g.from_suffixes)


# -- resolving ------------------------------------------------------------------------

def resolve(f: Found, reference: Optional[dt.date]) -> Optional[Period]:
    """The calendar value of a candidate, filling what the text left out from ``reference``.

    >>> resolve(Found(0, 9, Point(), Point(), ("day", -1)), dt.date(2023, 6, 7))
    Period(start='2023-06-06', end='2023-06-06')
    >>> resolve(Found(0, 9, Point(), Point(), ("week", -1)), dt.date(2023, 6, 7))
    Period(start='2023-05-29', end='2023-06-04')
    """
    if f.relative is None:
        if f.first.year is not None and f.last.year is not None:
            return Period(start=f.first.timex(), end=f.last.timex())
        if reference is None:
            return None
        return _fill_year(f, pick_year(f.first, reference, f.tense))
    if reference is None:
        return None
    kind, value, *rest = f.relative
    if kind == "in-year":
        return _fill_year(f, reference.year + value)
    if kind == "ago":
        return _shift(reference, value, -rest[0], -rest[0])
    if kind == "span":
        return _shift(reference, value, min(rest[0], 0), max(rest[0], 0))
    if kind == "day":
        day = (reference + dt.timedelta(days=value)).isoformat()
        return Period(start=day, end=day)
    if kind == "week":
        monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=value)
        return Period(start=monday.isoformat(), end=(monday + dt.timedelta(days=6)).isoformat())
    if kind == "month":
        index = reference.year * 12 + reference.month - 1 + value
        month = f"{index // 12:04d}-{index % 12 + 1:02d}"
        return Period(start=month, end=month)
    if kind == "year":
        year = f"{reference.year + value:04d}"
        return Period(start=year, end=year)
    if kind == "quarter":
        index = reference.year * 4 + (reference.month - 1) // 3 + value
        q = Point(index // 4, quarter=index % 4 + 1).timex()
        return Period(start=q, end=q)
    offset = rest[0]
    if kind == "weekday":
        # Releases report what happened: a bare weekday is the latest one on or before the
        # reference date, unless its clause speaks of the future ("will open on Monday");
        # "next Monday" the first after it, "last Monday" the one before.
        back = (reference.isoweekday() - value) % 7
        day = reference - dt.timedelta(days=back)
        if offset == 0 and f.tense > 0 and back:
            day += dt.timedelta(days=7)
        if offset > 0:
            day += dt.timedelta(days=7 if back else 7)
        elif offset < 0 and back == 0:
            day -= dt.timedelta(days=7)
        return Period(start=day.isoformat(), end=day.isoformat())
    if kind == "month-name":
        year = reference.year + offset if offset else reference.year
        if offset < 0 and value < reference.month:
            year = reference.year
        month = f"{year:04d}-{value:02d}"
        return Period(start=month, end=month)
    if kind == "season":
        season = Point(reference.year + offset, season=value).timex()
        return Period(start=season, end=season)
    return None


def _fill_year(f: Found, year: int) -> Period:
    """The period of a candidate whose first point has no year, given that year."""
    first = f.first if f.first.year else replace(f.first, year=year)
    last = f.last if f.last.year else replace(f.last, year=first.year)
    if last.month and first.month and last.month < first.month and not f.last.year:
        last = replace(last, year=first.year + 1)
    return Period(start=first.timex(), end=last.timex())


def _shift(reference: dt.date, unit: str, lo: int, hi: int) -> Period:
    """The reference date's ``unit`` moved ``lo`` and ``hi`` units: "four years ago" (both
    -4), "the past two years" (-2 and 0). Weeks count in days ("a week ago" is a day)."""
    def at(n: int) -> str:
        if unit == "year":
            return f"{reference.year + n:04d}"
        if unit == "month":
            index = reference.year * 12 + reference.month - 1 + n
            return f"{index // 12:04d}-{index % 12 + 1:02d}"
        return (reference + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    return Period(start=at(lo), end=at(hi))


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 12)}


def _bounds(point: Point) -> tuple[tuple[int, int], tuple[int, int]]:
    """First and last (month, day) of a yearless point."""
    if point.quarter:
        return (3 * point.quarter - 2, 1), (3 * point.quarter, 31)
    if point.season:
        first, last = SEASON_MONTHS[point.season]
        return (first, 1), (last, 31)
    if point.day:
        return (point.month, point.day), (point.month, point.day)
    return (point.month or 1, 1), (point.month or 12, 31)


def pick_year(point: Point, reference: dt.date, tense: int = 0) -> int:
    """The year of a yearless date: the nearest to the reference date, unless its clause's
    tense says otherwise by more than a month: a past clause moves a date that would begin
    over a month after the reference a year back, a future clause one that would end over a
    month before it a year on. (Within a month the reference date may itself be off: an
    event "held until 14 March" in a release dated 12 March.)

    >>> [pick_year(Point(None, 1), dt.date(2005, 9, 7), t) for t in (-1, 0, 1)]
    [2005, 2006, 2006]
    >>> pick_year(Point(None, quarter=4), dt.date(2007, 3, 13)), pick_year(Point(None, 3, 14), dt.date(2024, 3, 12), -1)
    (2006, 2024)
    """
    first, last = _bounds(point)
    if point.quarter or point.season:
        year = _nearest_year(Point(None, (first[0] + last[0]) // 2), reference)
    else:
        year = _nearest_year(point, reference)
    month = dt.timedelta(days=31)
    if tense < 0 and _day(year, first) > reference + month:
        return year - 1
    if tense > 0 and _day(year, last) < reference - month:
        return year + 1
    return year


def _day(year: int, month_day: tuple[int, int]) -> dt.date:
    month, day = month_day
    return dt.date(year, month, min(day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))


def _nearest_year(point: Point, reference: dt.date) -> int:
    """The year that puts a yearless day or month nearest the reference date: "20 December"
    in a release of 15 January is last December, "5 January" in one of 20 December next.

    >>> _nearest_year(Point(None, 12, 20), dt.date(2024, 1, 15)), _nearest_year(Point(None, 3, 12), dt.date(2024, 3, 10))
    (2023, 2024)
    """
    if not point.month:
        return reference.year
    target = reference.month * 31 + reference.day
    here = point.month * 31 + (point.day or 15)
    return min((reference.year - 1, reference.year, reference.year + 1),
               key=lambda y: abs((y - reference.year) * 372 + here - target))


def extract_dates(segment, lang, *, context) -> list[DateMention]:
    """Every date or period expression in the segment, normalised and grounded.

    Args:
        segment: a :class:`pipeline.segmenting.Segment`; matching runs on its folded text.
        lang: the segment language's data; its ``dates`` topic is the grammar's words.
        context: the document context; ``reference_date`` resolves relative dates.

    Returns:
        DateMention records with absolute offsets into the source text.

    >>> from pipeline.api import Pipeline
    >>> [d.value.start for d in Pipeline().extract("Осенью 2022 года прошло 12 мая 2023 г.").dates]
    ['2022-FA', '2023-05-12']
    """
    data = lang["dates"]
    if not data:
        return []
    found = find(segment.text, grammar_for(data))
    # Without a reference date, "1 October" takes its year from the segment's first fully
    # written day ("29 September - 1 October 2023 ... on 1 October"); "yesterday" stays unresolved.
    anchor = next((dt.date(f.first.year, f.first.month, f.first.day) for f in found
                   if f.relative is None and f.first.day and f.first.year), None)
    mentions = []
    for f in found:
        value = resolve(f, context.reference_date or (anchor if f.relative is None else None))
        if value is None:
            context.warn(NO_REFERENCE)
        granularity = f.first.granularity if f.relative is None or f.relative[0] == "in-year" \
            else _relative_granularity(f.relative)
        mentions.append(DateMention(
            text=segment.raw[f.start:f.end], start=segment.start + f.start, end=segment.start + f.end,
            lang=segment.lang, value=value, granularity=granularity))
    return mentions


def _relative_granularity(relative: tuple) -> str:
    kind = relative[0]
    if kind in ("ago", "span"):
        kind = relative[1]
    return {"month-name": "month", "month": "month", "year": "year", "season": "season",
            "quarter": "quarter"}.get(kind, "day")
