"""The dateline: place and date at the top or bottom of a release.

"Bishkek, 12 March 2024 –", "Астана, 5 апреля 2023 г.", "Bishkek, Kyrgyzstan 7-9 June
2023", "Toshkent, 2024-yil 12-mart", "Нукус шаҳри, 2024 йил 22 май. Бугун …",
"Наманган, 22.05.2024". A dateline is a line that starts with a place and then a date, and
that ends there, or goes on after a dash (``–``, ``—``, a spaced ``-``), a colon, a bar,
a slash or a bracket, or after a full stop that closes the place-and-date sentence
(a capital letter or a quote follows). "Бишкек, 12 марта – прошёл …" is a dateline;
"Бишкек, 12 марта прошёл …" and "In Bishkek on 12 March the ministry …" are sentences.

The place is one to four words (then up to two comma-separated qualifiers: "Osh,
Kyrgyzstan", "Khujand, Tajikistan,"). Its words are capitalised, or generic place words
from the language data (``dateline_city_words``: "шаҳри", "shahri", "шаары", "қаласы",
"city", "г."; ``dateline_area_words``: "тумани", "району", "ауданы", "ноҳияи",
"district", "village"), and it does not start with a preposition ("In Bishkek, …").
Its canonical name comes from ``dateline_places`` and the knowledge base's cities and
regions: the place as written, then without its city words ("Нукус шаҳри" → Nukus), then
its longest known leading words before capitalised ones ("Bishkek Kyrgyzstan"). A place
neither table knows needs its comma and keeps its written name, without city words.
The date needs at least a month: "Samarqand, 2024" is not a dateline.

Which dateline, when a release has several (a bilingual release has one per language
version): the first one at the top, looking at the top of each language version in
document order, else the last one at the bottom, looking at the bottom of each version
from the last. The top of a version is its first ``TOP_PARAGRAPHS`` paragraphs (title,
then lead), its bottom its last paragraph; a version is a segment, a run of paragraphs in
one language. So a release whose first version has no dateline takes that of its second.
Dates use the date grammar of :mod:`pipeline.extract.dates`.
"""

from __future__ import annotations

import re
from typing import Optional

from ..errors import ResourceError
from ..records import Dateline, Period
from .dates import find, grammar_for

# Lines looked at: those of the first paragraphs of each version and of its last one.
TOP_PARAGRAPHS = 3
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
# After the date: the end of the line or a separator. A hyphen separates only with a blank
# beside it ("2024 - Today"): in "2024-yil" it goes on with the date's own words.
SEPARATOR = re.compile(r"[ \t]*(?:$|[–—:|/(]|-[ \t])|[ \t]+-")
QUOTES = "\"'«»“”„‘’(–—-"
_PLACES: dict[int, tuple] = {}   # per Resources: read the place tables once, not per document


class _Places:
    """Place spellings (lower case) → canonical English names, and the generic words."""

    def __init__(self, names: dict[str, str], city: set[str], area: set[str], prepositions: set[str]):
        self.names, self.city, self.area, self.prepositions = names, city, area, prepositions

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
    for entry in kb if isinstance(kb, list) else []:
        if not isinstance(entry, dict) or not entry.get("name") or entry.get("type") == "country":
            continue
        aliases = entry.get("aliases") or []
        if isinstance(aliases, dict):   # {lang: [aliases]}
            aliases = [a for forms in aliases.values() for a in forms or []]
        for alias in [entry["name"], *aliases]:
            table.setdefault(" ".join(str(alias).split()).lower(), entry["name"])
    found = _Places(table, city, area, prepositions)
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
    top = [p for version in versions for p in version[:TOP_PARAGRAPHS]]
    bottom = [version[-1] for version in reversed(versions) if len(version) > TOP_PARAGRAPHS]
    lines = []
    for seg, p in top:
        lines += _split(seg, p)
    for seg, p in bottom:
        lines += reversed(_split(seg, p))
    return lines


def _split(seg, p) -> list:
    local = p.start - seg.start
    return [(seg, local + m.start(), local + m.end())
            for m in re.finditer(r"[^\n]+", seg.text[local:p.end - seg.start])]


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


def find_dateline(segments, *, context) -> Optional[Dateline]:
    """The release's dateline record, or None.

    >>> from pipeline.api import Pipeline
    >>> Pipeline().extract("Title\\n\\nАстана, 5 апреля 2023 г. – Сегодня ...").dateline.place
    'Astana'
    """
    table = places(context)
    for seg, start, end in _lines(segments):
        line = seg.text[start:end]
        if not PLACE_START.match(line):
            continue   # a place starts with a letter: not "2024 ...", "« ...", "- ..."
        head = _head(line)
        for grammar in _grammars(seg, segments, context):
            found = [f for f in find(head, grammar) if f.relative is None and f.start <= MAX_PREFIX]
            if not found:
                continue
            date = found[0]
            if date.first.month is None and date.first.season is None and date.first.quarter is None:
                continue   # a bare year ("Samarqand, 2024") is not a dateline's date
            place = _place(line[:date.start], table)
            # The normalised text folds dashes into "-"; the source says which it was.
            rest = "".join(r if r in "–—" else c for c, r in zip(line[date.end:], seg.raw[start + date.end:end]))
            if place is None or not _ends(rest, line[date.start:date.end]):
                continue
            p_start, p_end, canonical = place
            if canonical is None:
                written = seg.raw[start + p_start:start + p_end].split()
                canonical = " ".join(w for w in written if w.lower() not in table.city) or " ".join(written)
            value = None
            if date.first.year is not None and date.last.year is not None:
                value = Period(start=date.first.timex(), end=date.last.timex())
            return Dateline(text=seg.raw[start + p_start:start + date.end], start=seg.start + start + p_start,
                            end=seg.start + start + date.end, place=canonical, date=value)
    return None
