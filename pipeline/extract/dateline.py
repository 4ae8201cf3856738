"""The dateline: place and date at the top or bottom of a release, or the page's date.

Releases and scraped pages write them in many layouts: "Bishkek, 12 March 2024 –",
"BISHKEK, 17 April, 2009 -", "Душанбе, 9 февраля (АНИ «Ховар»)", "Бишкек. 23 сентября.
КирТАГ –", "22:49, 27 марта 2024, Бишкек - 24.kg", and page dates without a place:
"28.02.2023", "08.06. 2022 16:41", "Uzbekistan 29/08/2024", "Дата: 11:57, 23-09-2019.",
"///BOMCA, 9 October 2024". The layouts are data: ``models/lang/<code>/datelines.yaml``
lists them as sequences of slots (place, date, time, label, weekday, country, source),
tried in order on each candidate line; between slots stand blanks and punctuation, and
after the last the line ends, or goes on after a separator (a dash, a colon, a bar, a
slash, a bracket, a comma and a few words) or after the full stop of a sentence of its own.
"Бишкек, 12 марта – прошёл …" is a dateline; "Бишкек, 12 марта прошёл …" and "In Bishkek
on 12 March the ministry …" are sentences.

The place is one to four words (then up to two comma-separated qualifiers: "Osh,
Kyrgyzstan"). Its words are capitalised, or generic place words from the language data
(``dateline_city_words``: "шаҳри", "city", "г."; ``dateline_area_words``: "тумани",
"district"), and it does not start with a preposition ("In Bishkek, …"). Its canonical name
comes from ``dateline_places`` and the knowledge base's cities and regions. A place neither
table knows needs its comma and keeps its written name, unless it is written in capitals
("КАБАР, 17 февраля 2010 года"): that is a news agency, and the line a page date.
A dateline's date needs at least a month ("Samarqand, 2024" is not one); a page date a
day and a year.

The frame, when a page has several of these lines:
1. A dateline (a line with a place) wins: the first at the top of a language version, in
   document order, else the last at the bottom. A dateline without a year ("БИШКЕК,
   23-ноя.", "Душанбе, 4 ноябр") takes its year from the page date, else from the
   reference date the caller gave (``--reference-date``, or the input file's date with
   ``--file-dates``), the year that puts it nearest that date; else its date stays null
   and a warning says so: a year is never guessed.
2. Else the page date is the dateline, with ``place`` null, unless a place line ("ASTANA.
   KAZINFORM –", "Tashkent, Uzbekistan (UzDaily.com) —") names where the page was written.

Lines looked at: those of the first ``TOP_PARAGRAPHS`` paragraphs of each language version
(title, page date, byline, lead) and of its last paragraph. A version is a run of
segments in one language, so a bilingual release whose first version has no dateline
takes that of its second. Dates use the date grammar of :mod:`pipeline.extract.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Optional

from ..errors import ResourceError
from ..records import Dateline, Period
from .dates import BACK_REACH, WINDOW as DATE_WINDOW, Found, find, grammar_for, opener_for, pick_year

# Lines looked at: those of the first paragraphs of each version and of its last one.
TOP_PARAGRAPHS = 4
VERSION_PARAGRAPHS = 2
MAX_PREFIX = 60
# A dateline's date starts within MAX_PREFIX characters and no date is longer than
# DATE_REACH: only that head of a line (cut at a blank) goes to the date grammars, so a
# lead paragraph of a thousand characters costs no more than a short line.
DATE_REACH = 160
WORD = r"[^\W\d_][\w'.‘’ʻ`-]*"
PART = rf"{WORD}(?:[ \t]+{WORD}){{0,3}}"
PLACE = re.compile(rf"^[ \t]*(?P<place>{PART})(?P<rest>(?:[ \t]*,[ \t]*{PART}){{0,2}})"
                   r"(?P<comma>[ \t]*,)?[ \t]*$")
PLACE_START = re.compile(r"[ \t]*[^\W\d_]")
# The longest start of a line that may be a place (PLACE without its end), and a dash or an
# opening bracket that stands for its comma: no dateline's date begins after it.
PLACE_REACH = re.compile(rf"[ \t]*{PART}(?:[ \t]*,[ \t]*{PART}){{0,2}}(?:[ \t]*,)?[ \t]*(?:[-(][ \t]*)?")
# After the date: the end of the line or a separator, maybe after a closing bracket. A
# hyphen separates only with a blank beside it ("2024 - Today"): in "2024-yil" it goes on
# with the date's own words.
SEPARATOR = re.compile(r"[ \t]*\)?[ \t]*(?:$|[–—:|/(]|-[ \t])|[ \t]+-")
QUOTES = "\"'«»“”„‘’(–—-"
# Blanks and punctuation that may stand between two slots of a layout.
GAP = re.compile(r"[ \t,.;:/|–—-]*")
TIME = re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:[ \t]*[ap]\.?m\.?)?(?!\w)", re.IGNORECASE)
# "///BOMCA," or "Asia Intelligence Wire -": a source's name before a page date; a site's
# section of one or two words right before a numeric one ("Хабари хуб 28.02.2019 11:44").
SOURCE = re.compile(rf"/+[ \t]*{PART}[ \t]*,|{PART}[ \t]+-[ \t]"
                    rf"|{WORD}(?:[ \t]+{WORD})?[ \t]+(?=[0-3]?\d[./][01]?\d[./][ \t]?\d)")
# A place line's place ends at the first punctuation.
NAME_WORD = r"[^\W\d_][\w'‘’ʻ`-]*"
PLACE_LINE = re.compile(rf"[ \t]*(?P<place>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}}?)[ \t]*(?P<sep>[.,(–—|/]|-[ \t])")
STRONG_SEPARATOR = re.compile(r"[(–—|/]|-[ \t]| -")
DASHES = re.compile("[–—]+")
TAIL_WORDS = 4   # "…, 15:51, Кабар": a comma and up to this many words may end a line
NO_YEAR = ("dateline without a year: its date stays unresolved; give --reference-date, or "
           "--file-dates to take each input file's date")
_PLACES: dict[int, tuple] = {}   # per Resources: read the place tables once, not per document


class _Places:
    """Place spellings (lower case) → canonical English names, and the generic words."""

    def __init__(self, names: dict[str, str], city: set[str], area: set[str], prepositions: set[str],
                 countries: set[str]):
        self.names, self.city, self.area, self.prepositions = names, city, area, prepositions
        self.countries = countries

    def generic(self, word: str) -> bool:
        return word.lower() in self.city or word.lower() in self.area

    def canonical(self, surface: str) -> Optional[str]:
        """The known place a dateline's place words name, or None."""
        words = surface.split()
        key = " ".join(words).lower()
        if key in self.names:
            return self.names[key]
        bare = [w for w in words if w.lower() not in self.city]
        if bare and " ".join(bare).lower() in self.names:
            return self.names[" ".join(bare).lower()]
        # "Bishkek Kyrgyzstan": a known place, then a capitalised qualifier without a comma.
        for n in range(len(bare) - 1, 0, -1):
            head = " ".join(bare[:n]).lower()
            if head in self.names and not any(self.generic(w) for w in bare[n:]):
                return self.names[head]
        return None


def places(context) -> _Places:
    """The place tables: the ``dateline_places`` of every language, then the knowledge
    base's cities and regions when it has them (``models/kb/places.yaml``: a list of
    ``{name, type, aliases: {lang: [..]}}``); and every language's generic place words
    and prepositions."""
    resources = context.resources
    cached = _PLACES.get(id(resources))
    if cached is not None and cached[0] is resources:
        return cached[1]
    table: dict[str, str] = {}
    city: set[str] = set()
    area: set[str] = set()
    prepositions: set[str] = set()
    for code in resources.languages():
        data = resources.lang(code)["dates"] or {}
        for name, canonical in (data.get("dateline_places") or {}).items():
            table[" ".join(str(name).split()).lower()] = canonical
        city.update(str(w).lower() for w in data.get("dateline_city_words") or [])
        area.update(str(w).lower() for w in data.get("dateline_area_words") or [])
        prepositions.update(str(w).lower() for w in data.get("prepositions") or [])
    try:
        kb = resources.yaml("kb", "places.yaml")
    except ResourceError:
        kb = {}
    countries: set[str] = set()
    for entry in kb if isinstance(kb, list) else []:
        if not isinstance(entry, dict) or not entry.get("name"):
            continue
        aliases = entry.get("aliases") or []
        if isinstance(aliases, dict):   # {lang: [aliases]}
            aliases = [a for forms in aliases.values() for a in forms or []]
        for alias in [entry["name"], *aliases]:
            key = " ".join(str(alias).split()).lower()
            if entry.get("type") == "country":
                countries.add(key)
            else:
                table.setdefault(key, entry["name"])
    found = _Places(table, city, area, prepositions, countries)
    _PLACES[id(resources)] = (resources, found)
    return found


def _versions(segments) -> list[list]:
    """The language versions of a release: runs of segments, a new one starting where a
    segment of another language holds at least ``VERSION_PARAGRAPHS`` paragraphs (a lone
    heading or quote identified as another language stays in its version)."""
    versions: list[list] = []
    for seg in segments:
        if versions and (seg.lang == versions[-1][0][0].lang or len(seg.paragraphs) < VERSION_PARAGRAPHS):
            versions[-1] += [(seg, p) for p in seg.paragraphs]
        else:
            versions.append([(seg, p) for p in seg.paragraphs])
    return versions


def _lines(segments) -> list:
    """(segment, local start, local end) of each candidate line, in the order they are
    tried: the top of each version in document order, then the bottom of each version
    from the last, last line first."""
    versions = _versions(segments)
    # A version's last paragraph is its bottom, never its top.
    top = [p for version in versions for p in version[:max(1, min(TOP_PARAGRAPHS, len(version) - 1))]]
    bottom = [version[-1] for version in reversed(versions) if len(version) > 1]
    lines = []
    for seg, p in top:
        lines += _split(seg, p)
    for seg, p in bottom:
        lines += reversed(_split(seg, p))
    return lines


def _split(seg, p) -> list:
    local = p.start - seg.start
    return [(seg, local + m.start(), local + m.end())
            for m in re.finditer(r"[^\r\n]+", seg.text[local:p.end - seg.start])]


def _head(line: str) -> str:
    """The part of a line where a dateline's date can be: up to the first blank after
    ``MAX_PREFIX + DATE_REACH`` characters."""
    cut = line.find(" ", MAX_PREFIX + DATE_REACH)
    return line if cut < 0 else line[:cut]


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


def _place(prefix: str, table: _Places) -> Optional[tuple[int, int, Optional[str]]]:
    """(start, end, canonical name or None) of the place in a dateline's prefix, or None
    when the prefix is not a place."""
    m = PLACE.match(prefix)
    if not m:
        return None
    parts = [m.group("place")] + [p.strip() for p in m.group("rest").split(",") if p.strip()]
    canonical = table.canonical(parts[0])
    if " ".join(parts[0].split()).lower() not in table.names:
        words = " ".join(parts).split()
        if words[0].lower() in table.prepositions:
            return None   # "In Bishkek, …": a sentence, not a dateline
        if not all(w[0].isupper() or table.generic(w) for w in words):
            return None   # "In Bishkek on 12 March": only names and place words
    if canonical is None and not (m.group("rest") or m.group("comma")):
        return None       # an unknown place needs its comma
    return m.start("place"), m.end("place"), canonical


def _ends(rest: str, date_text: str) -> bool:
    """Whether the line may end a dateline here: at the end of the line, at a separator,
    or at the full stop of a sentence that holds only place and date ("Нукус, 2024 йил
    15 ноябрь. Бугун …"; the date's own "г." may be that stop)."""
    if SEPARATOR.match(rest):
        return True
    if rest.startswith("."):
        rest = rest[1:]
    elif not date_text.endswith("."):
        return False
    after = rest.lstrip(" \t")
    return not after or (after != rest and (after[0] in QUOTES or after[0].isupper()))




@dataclass(frozen=True)
class _Layouts:
    """Every language's date-line layouts (each a tuple of (slot, optional)), labels and
    weekday abbreviations: a one-line dateline is too short to be sure of its language."""

    layouts: tuple
    labels: frozenset
    weekdays: frozenset


_LAYOUTS: dict[int, tuple] = {}
SLOTS = {"place", "date", "time", "label", "weekday", "country", "source"}


def layouts(context) -> _Layouts:
    """The layouts of every language's ``datelines.yaml``, in file order, each once."""
    resources = context.resources
    cached = _LAYOUTS.get(id(resources))
    if cached is not None and cached[0] is resources:
        return cached[1]
    seen: list[tuple] = []
    labels: set[str] = set()
    weekdays: set[str] = set()
    for code in resources.languages():
        data = resources.lang(code)["datelines"] or {}
        for layout in data.get("layouts") or []:
            slots = tuple((w.rstrip("?"), w.endswith("?")) for w in str(layout).split())
            if any(name not in SLOTS for name, _ in slots):
                raise ResourceError(f"models/lang/{code}/datelines.yaml: unknown slot in layout {layout!r}")
            if slots and slots not in seen:
                seen.append(slots)
        labels.update(str(w).lower() for w in data.get("labels") or [])
        weekdays.update(str(w).lower() for w in data.get("weekday_abbreviations") or [])
    # Layouts with a place first: a line that is a dateline is not read as a page date.
    ordered = sorted(seen, key=lambda slots: not any(name == "place" for name, _ in slots))
    found = _Layouts(tuple(ordered), frozenset(labels), frozenset(weekdays))
    _LAYOUTS[id(resources)] = (resources, found)
    return found


@dataclass
class _Line:
    """One candidate line: what a layout found on it. ``kind`` is ``dateline`` (a place and
    a date), ``page`` (a date, no place) or ``place`` (a place, no date)."""

    kind: str
    seg: object
    start: int          # local to the segment
    end: int
    place: Optional[str] = None
    date: Optional[Found] = None


class _DatesAt:
    """The dates of a line's head by where they start, from the first grammar that has one
    there (the segment's language first); relative expressions are no dateline's date.

    Read lazily: most lines are no dateline, and the layouts ask for dates at a few
    positions near the line's start only. A grammar runs when asked about a position where
    one of its dates that is not relative could begin (its ``opener``), at or after the
    first place one could start at all (a date lies in the context window around one of
    the grammar's trigger words, and part and same-year words may add up to ``BACK_REACH``
    characters before it), so the answers are those of running them all.
    """

    def __init__(self, head: str, grammars):
        self.head = head
        # [grammar, earliest start (None until needed), its dates by start or None]
        self.grammars = [[grammar, None, None] for grammar in grammars]

    def _earliest(self, entry) -> float:
        if entry[1] is None:
            trigger = entry[0].trigger.search(self.head)
            if trigger is None:
                entry[1] = float("inf")
            else:
                window = self.head.rfind(" ", 0, max(0, trigger.start() - DATE_WINDOW)) + 1
                entry[1] = max(0, window - BACK_REACH)
        return entry[1]

    def _found(self, entry) -> dict[int, Found]:
        if entry[2] is None:
            entry[2] = {}
            for f in find(self.head, entry[0]):
                if f.relative is None and f.start not in entry[2]:
                    entry[2][f.start] = f
        return entry[2]

    def get(self, pos: int) -> Optional[Found]:
        for entry in self.grammars:
            if entry[0].opener.match(self.head, pos) and self._earliest(entry) <= pos:
                f = self._found(entry).get(pos)
                if f is not None:
                    return f
        return None

    def openings(self, limit: int) -> list[int]:
        """Every position at or before ``limit`` where some grammar's date could begin, in
        order: no grammar runs to find them."""
        opener = opener_for(entry[0] for entry in self.grammars)
        return [pos for pos in range(limit + 1) if opener.match(self.head, pos)]


def _after_place(line: str, pos: int, table: _Places) -> Optional[tuple[int, str]]:
    """(end, canonical name) of a known place at ``pos`` ("…, 2024, Бишкек - 24.kg")."""
    m = re.match(rf"({WORD})(?:[ \t]+({WORD}))?", line[pos:])
    if not m:
        return None
    for n in (2, 1):
        words = [w for w in m.groups()[:n] if w]
        if len(words) == n:
            name = table.names.get(" ".join(words).lower().rstrip("."))
            if name:
                return pos + len(" ".join(words).rstrip(".")), name
    return None


def _ends_line(rest: str, last_text: str) -> bool:
    """Whether a layout may end where ``rest`` begins: ``_ends``, or a comma and at most
    ``TAIL_WORDS`` words to the end of the line ("…, 15:51, Кабар")."""
    if _ends(rest, last_text):
        return True
    stripped = rest.lstrip(" \t")
    if stripped.startswith((",", ".")):
        tail = stripped[1:]
        if STRONG_SEPARATOR.match(tail.lstrip(" \t")) or not tail.strip():
            return True
        return stripped[0] == "," and len(tail.split()) <= TAIL_WORDS and not re.search(r"[.!?]\s+\w", tail)
    return False


def _match(layout: tuple, line: str, dates: _DatesAt, table: _Places, marks: _Layouts,
           raw: str) -> Optional[tuple[int, Optional[str], Optional[Found], int]]:
    """(start, place, date, end) of ``layout`` on a line, or None."""
    pos, place, date, first = 0, None, None, None
    last_text = ""
    for i, (slot, optional) in enumerate(layout):
        before = pos
        pos = GAP.match(line, pos).end() if i else len(line) - len(line.lstrip(" \t"))
        end = None
        if slot == "date":
            f = dates.get(pos)
            if f is not None:
                date, end = f, f.end
        elif slot == "time":
            m = TIME.match(line, pos)
            end = m.end() if m else None
        elif slot == "label":
            m = re.match(r"([^\W\d_]+(?:[ \t]+[^\W\d_]+)?)[ \t]*:", line[pos:])
            end = pos + m.end() if m and m.group(1).lower() in marks.labels else None
        elif slot == "weekday":
            m = re.match(r"([^\W\d_]+)\.?[ \t]*,", line[pos:])
            end = pos + m.end() if m and m.group(1).lower() in marks.weekdays else None
        elif slot == "country":
            m = re.match(rf"{WORD}(?:[ \t]+{WORD})?", line[pos:])
            words = m.group(0).split() if m else []
            for n in range(len(words), 0, -1):
                if " ".join(words[:n]).lower() in table.countries:
                    end = pos + len(" ".join(words[:n]))
                    break
        elif slot == "source":
            m = SOURCE.match(line, pos)
            end = m.end() if m else None
        elif slot == "place" and i > 0:
            found = _after_place(line, pos, table)
            if found:
                end, place = found
        elif slot == "place":
            return _place_first(layout, line, dates, table, marks, raw)
        if end is None:
            if optional:
                pos = before
                continue
            return None
        first = pos if first is None else first
        last_text = line[pos:end]
        pos = end
    if date is None or first is None or not _ends_line(_source_dashes(line, raw, pos), last_text):
        return None
    return first, place, date, pos


def _source_dashes(line: str, raw: str, pos: int) -> str:
    """The rest of the line from ``pos``, with the dashes the normalised text folded."""
    end = min(len(line), len(raw))
    rest, source = line[pos:end], raw[pos:end]
    parts, last = [], 0
    for m in DASHES.finditer(source):
        parts += (rest[last:m.start()], m.group())
        last = m.end()
    return "".join(parts) + rest[last:] if parts else rest


def _place_first(layout: tuple, line: str, dates: _DatesAt, table: _Places, marks: _Layouts,
                 raw: str) -> Optional[tuple[int, Optional[str], Optional[Found], int]]:
    """A layout that starts with a place: the place, then the layout's other slots."""
    if len(layout) == 1:
        return _place_line(line, table)
    if not PLACE_START.match(line):
        return None   # a place starts with a letter: not "2024 ...", "« ...", "- ..."
    # The place first: asking for a date runs the grammars, and most lines have no place.
    for start in dates.openings(min(MAX_PREFIX, PLACE_REACH.match(line).end())):
        prefix = line[:start]
        # "Бишкек. 23 сентября", "Bishkek - 12 March", "MANILA, PHILIPPINES (2 December": a
        # full stop, a dash or an opening bracket after the place stands for its comma.
        if re.search(r"[^\W\d_]{2}(?:\.|[ \t]+-|[ \t]*\()[ \t]*$", prefix):
            prefix = re.sub(r"(?:\.|[ \t]+-|[ \t]*\()[ \t]*$", ",", prefix.rstrip(" \t"))
        place = _place(prefix, table)
        if place is None:
            continue
        f = dates.get(start)
        if f is None or f.first.month is None and f.first.season is None and f.first.quarter is None:
            continue   # a bare year ("Samarqand, 2024") is not a dateline's date
        end = f.end
        rest_layout = layout[2:] if len(layout) > 2 and layout[1][0] == "date" else ()
        for slot, _optional in rest_layout:
            if slot == "time":
                m = TIME.match(line, GAP.match(line, end).end())
                if m and _ends_line(_source_dashes(line, raw, m.end()), m.group(0)):
                    end = m.end()
        if not _ends_line(_source_dashes(line, raw, end), line[start:f.end]):
            continue
        p_start, p_end, canonical = place
        written = raw[p_start:p_end]
        if canonical is None:
            if written.lower() in marks.weekdays | marks.labels:
                continue   # "Ср, 2010-02-17": a weekday, not a place
            if written.isupper():
                return p_start, None, f, end   # "КАБАР, 17 февраля": an agency, not a place
            words = written.split()
            canonical = " ".join(w for w in words if w.lower() not in table.city) or " ".join(words)
        return p_start, canonical, f, end
    return None


def _place_line(line: str, table: _Places) -> Optional[tuple[int, Optional[str], Optional[Found], int]]:
    """A known place that opens a line and ends at a separator ("Tashkent, Uzbekistan
    (UzDaily.com) —"), or at a full stop or comma when written in capitals ("ASTANA.
    KAZINFORM")."""
    m = PLACE_LINE.match(line)
    if not m:
        return None
    name = table.canonical(m.group("place"))
    if name is None:
        return None
    if m.group("sep") in ".," and not m.group("place").isupper():
        qualifiers = re.match(rf"(?:[ \t]*{WORD}(?:[ \t]+{WORD})?[ \t]*,?){{1,2}}[ \t]*", line[m.end():])
        after = m.end() + (qualifiers.end() if qualifiers else 0)
        if m.group("sep") != "," or not STRONG_SEPARATOR.match(line, after):
            return None
    return m.start("place"), name, None, m.end("place")


def _read(seg, start: int, end: int, grammars: list, table, marks) -> Optional[_Line]:
    line = seg.text[start:end]
    raw = seg.raw[start:end]
    dates = _DatesAt(_head(line), grammars)
    for layout in marks.layouts:
        found = _match(layout, line, dates, table, marks, raw)
        if found is None:
            continue
        l_start, place, date, l_end = found
        if date is None:
            return _Line("place", seg, start + l_start, start + l_end, place=place)
        if place is None:
            if date.first.year is None or date.first.day is None or date.first != date.last:
                continue   # a page date is one day, with its year
            return _Line("page", seg, start + l_start, start + l_end, date=date)
        return _Line("dateline", seg, start + l_start, start + l_end, place=place, date=date)
    return None


def find_dateline(segments, *, context) -> Optional[Dateline]:
    """The release's dateline record, or None (see the module docstring for the frame).

    ``context.reference_date``, when set before this stage, is the caller's date: the
    year of a dateline that gives none.

    >>> from pipeline.api import Pipeline
    >>> Pipeline().extract("Title\\n\\nАстана, 5 апреля 2023 г. – Сегодня ...").dateline.place
    'Astana'
    """
    table = places(context)
    marks = layouts(context)
    first: dict[str, _Line] = {}
    grammars: dict[str, list] = {}   # by the segment's language: the order they are tried in
    for seg, start, end in _lines(segments):
        if seg.lang not in grammars:
            grammars[seg.lang] = list(_grammars(seg, segments, context))
        found = _read(seg, start, end, grammars[seg.lang], table, marks)
        if found is not None and found.kind not in first:
            first[found.kind] = found
            if found.kind == "dateline" and found.date.first.year is not None:
                break
    line = first.get("dateline") or first.get("page")
    if line is None:
        return None
    date = line.date
    value = None
    if date.first.year is not None and date.last.year is not None:
        value = Period(start=date.first.timex(), end=date.last.timex())
    else:
        page = first.get("page")
        known = dt.date(page.date.first.year, page.date.first.month, page.date.first.day) if page \
            else context.reference_date
        if known is None:
            context.warn(NO_YEAR)
        else:
            value = _with_year(date, known)
    place = line.place
    if line.kind == "page" and "place" in first:
        place = first["place"].place
    seg = line.seg
    return Dateline(text=seg.raw[line.start:line.end], start=seg.start + line.start,
                    end=seg.start + line.end, place=place, date=value)


def _with_year(date: Found, known: dt.date) -> Period:
    """A yearless dateline date in the year that puts it nearest ``known``."""
    year = pick_year(date.first, known)
    first = replace(date.first, year=year)
    last = replace(date.last, year=year + (1 if date.last.month and date.first.month
                                           and date.last.month < date.first.month else 0))
    return Period(start=first.timex(), end=last.timex())
