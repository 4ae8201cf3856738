"""The knowledge base (``models/kb/``) as an alias index that survives morphology.

Matching compares *keys*, not strings. A word's key drops what its language inflects:
Russian words become their dictionary forms (pymorphy3), Turkic and Tajik words lose
their case, possessive and ezofat endings (lists in ``models/lang/<code>/entities.yaml``).
Aliases and text go through the same function, so "Советом Европы" finds the alias
"Совет Европы" and "Кенгашининг" finds "Кенгаши". Abbreviations ("ЕС", "USAID") keep
their capitals and match only in capitals, with or without a case ending ("ЕИнинг").
"""

from __future__ import annotations

import itertools
import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, NamedTuple, Optional

from .segmenting import normalise

# A word: letters and digits, with inner apostrophes and hyphens ("O'zbekiston", "ЕС-тің").
WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
# Punctuation a name never spans: a sentence end, a bracket, a spaced dash.
BARRIER = re.compile(r"[.!?;:()\[\]\"«»\n/]|\s-|-\s")
# A gap of spaces and quotes only: a KB name may run across it ("Кыргыз-Түрк «Манас» университети").
QUOTES_ONLY = re.compile(r"\s*[\"«»“”„']\s*")
END = ""  # trie key of "an alias ends here": no word has an empty key


@dataclass(frozen=True)
class Entry:
    """One organisation or place: what an entity mention links to."""

    id: str
    name: str
    type: str
    country: Optional[str]
    label: str  # ORG or LOC


class Word(NamedTuple):
    """A word of a text with the keys it can match and where it is (a named tuple:
    every word of every segment is one, and a tuple is several times cheaper to make
    than a frozen dataclass)."""

    text: str
    start: int
    end: int
    keys: tuple[str, ...]
    barrier: bool  # punctuation between the previous word and this one ends a name
    comma: bool = False  # a comma between the previous word and this one
    quoted: bool = False  # only spaces and quotes between the previous word and this one

    @property
    def capitalised(self) -> bool:
        return _capitalised(self.text)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


@dataclass(frozen=True)
class Candidate:
    """An entry an alias names, and whether the alias is shared with other entries."""

    entry: Entry
    shared: bool


@dataclass(frozen=True)
class Match:
    """Words ``first..last`` (inclusive) that spell an alias of the candidates."""

    first: int
    last: int
    candidates: tuple[Candidate, ...]


@lru_cache(maxsize=1)
def morph_analyzer():
    """pymorphy3's analyser, loaded once per process (its dictionaries ship in the wheel)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def is_abbreviation(word: str) -> bool:
    """Two or more letters, all capitals.

    >>> is_abbreviation("ЕС"), is_abbreviation("OSCE/ODIHR"), is_abbreviation("Sida")
    (True, True, False)
    """
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class Morphology:
    """The key function of one language, driven by its ``entities.yaml``.

    >>> m = Morphology("kk", {"morphology": "suffixes", "suffixes": ["тың", "ның", "ы"],
    ...                       "alternations": {"ғ": "қ"}, "min_stem": 3})
    >>> m.keys("Одақтың") == m.keys("Одағы") == m.keys("Одақ")
    True
    >>> m.keys("ЕО-ның"), m.keys("ео")
    (('^ЕО',), ('ео',))
    """

    def __init__(self, code: str, data: Any):
        data = data or {}
        self.code = code
        self.kind = data.get("morphology", "none")
        self.suffixes = sorted({normalise(s).lower() for s in data.get("suffixes") or []}, key=len, reverse=True)
        self.min_stem = int(data.get("min_stem", 3))
        self.alternations = dict(data.get("alternations") or {})
        self.fold = str.maketrans(dict(data.get("fold") or {}))
        self.possessive = tuple(data.get("possessive") or ())
        self._cache: dict[str, tuple[str, ...]] = {}

    def keys(self, word: str) -> tuple[str, ...]:
        """Every key ``word`` may match, cached: a word is analysed once per language."""
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._keys(word)
        return found

    def _keys(self, word: str) -> tuple[str, ...]:
        abbreviation = self._abbreviation(word)
        if abbreviation:
            return ("^" + abbreviation,)
        lower = word.lower().replace("ё", "е").translate(self.fold)
        for ending in self.possessive:
            if lower.endswith(ending):
                lower = lower[: -len(ending)]
        if self.kind == "pymorphy3":
            return tuple(sorted({p.normal_form.replace("ё", "е") for p in morph_analyzer().parse(lower)}))
        if self.kind == "suffixes":
            return (self.stem(lower),)
        return (lower,)

    def _abbreviation(self, word: str) -> Optional[str]:
        """The capitals of "ЕС", "ЕИнинг", "ЕС-тің", "USAID'ning"; None for other words."""
        caps = "".join(itertools.takewhile(str.isupper, word))
        if len(caps) < 2:
            return None
        tail = word[len(caps):].lstrip("-'").lower()
        if not tail or word[len(caps):].lower() in self.possessive:
            return caps
        if is_abbreviation(word):  # "OSCE/ODIHR", "UN-Habitat" parts are all capitals
            return word
        return caps if self.suffixes and self.stem("xxx" + tail) == "xxx" else None

    def stem(self, word: str) -> str:
        """Strip known endings, longest first and repeatedly, keeping ``min_stem`` letters."""
        stripped = False
        for _ in range(4):
            for suffix in self.suffixes:
                if word.endswith(suffix) and len(word) - len(suffix) >= self.min_stem:
                    word = word[: -len(suffix)]
                    stripped = True
                    break
            else:
                break
        if stripped and word[-1:] in self.alternations:
            word = word[:-1] + self.alternations[word[-1]]
        return word

    def words(self, text: str, offset: int = 0) -> list[Word]:
        """The words of ``text`` (a normalised view) with their keys and offsets."""
        words = []
        previous_end = 0
        for m in WORD.finditer(text):
            gap = text[previous_end:m.start()]
            if words and gap.startswith(".") and _abbreviating_dot(words[-1].text, m.group(0)):
                gap = gap[1:]  # "M. Auezov", "K.I. Skryabin", "School No. 5" go on
            words.append(Word(m.group(0), offset + m.start(), offset + m.end(), self.keys(m.group(0)),
                              bool(BARRIER.search(gap)) or not words, "," in gap,
                              bool(words) and bool(QUOTES_ONLY.fullmatch(gap))))
            previous_end = m.end()
        return words


def _abbreviating_dot(previous: str, following: str) -> bool:
    """Whether a dot after ``previous`` abbreviates rather than ends a sentence: an initial
    ("M. Auezov") or a number sign before a number ("No. 5").

    >>> _abbreviating_dot("M", "Auezov"), _abbreviating_dot("No", "5"), _abbreviating_dot("Osh", "The")
    (True, True, False)
    """
    if len(previous) == 1 and previous.isupper():
        return True
    return previous in ("No", "no", "Nos") and following[:1].isdigit()


class AliasIndex:
    """A trie over alias keys, for one language's key function."""

    def __init__(self, morphology: Morphology):
        self.morphology = morphology
        self.root: dict = {}

    def add(self, alias: str, candidate: Candidate) -> None:
        # The words of Morphology.words, without the offsets and gaps an alias does not need.
        words = WORD.findall(normalise(alias))
        if not words:
            return
        node = self.root
        for word in words:
            node = node.setdefault(self.morphology.keys(word)[0], {})
        needs_capital = _capitalised(words[0])
        node.setdefault(END, {})[candidate.entry.id] = (candidate, needs_capital)

    def find(self, words: list[Word]) -> list[Match]:
        """Longest alias matches, left to right, never overlapping."""
        matches = []
        i = 0
        while i < len(words):
            best: Optional[Match] = None
            frontier = [self.root]
            j = i
            while frontier and j < len(words):
                if j > i and words[j].barrier and not words[j].quoted:
                    break
                frontier = [node[k] for node in frontier for k in words[j].keys if k in node]
                found = {}
                for node in frontier:
                    for entry_id, (candidate, needs_capital) in node.get(END, {}).items():
                        if not needs_capital or words[i].capitalised:
                            found[entry_id] = candidate
                if found:
                    best = Match(i, j, tuple(found[k] for k in sorted(found)))
                j += 1
            if best:
                matches.append(best)
                i = best.last + 1
            else:
                i += 1
        return matches

    def collisions(self) -> list[tuple[str, list[str]]]:
        """Aliases naming several entries where not every entry declares it shared."""
        found = []

        def walk(node, path):
            ends = node.get(END, {})
            if len(ends) > 1 and not all(c.shared for c, _ in ends.values()):
                found.append((" ".join(path), sorted(ends)))
            for key, child in node.items():
                if key != END:
                    walk(child, path + [key])

        walk(self.root, [])
        return found


class KnowledgeBase:
    """Organisations and places from ``models/kb``, with an alias index per language."""

    FILES = (("organisations.yaml", "ORG"), ("places.yaml", "LOC"))

    def __init__(self, resources):
        self.resources = resources
        self.entries: dict[str, Entry] = {}
        self._records: list[tuple[Entry, dict]] = []
        for file, label in self.FILES:
            for record in resources.yaml("kb", file) or []:
                entry = Entry(str(record["id"]), record["name"], record.get("type", ""),
                              record.get("country"), label)
                if entry.id in self.entries:
                    raise ValueError(f"models/kb/{file}: duplicate id {entry.id}")
                self.entries[entry.id] = entry
                self._records.append((entry, record))
        self._indexes: dict[str, AliasIndex] = {}

    def aliases(self) -> Iterable[tuple[Entry, str, bool]]:
        """``(entry, alias, shared)`` for every alias of every language, names included."""
        for entry, record in self._records:
            yield entry, entry.name, False
            for shared, field in ((False, "aliases"), (True, "shared")):
                for names in (record.get(field) or {}).values():
                    for alias in names or []:
                        yield entry, str(alias), shared

    def morphology(self, code: str) -> Morphology:
        return self.index(code).morphology

    def index(self, code: str) -> AliasIndex:
        """The alias index keyed by ``code``'s morphology: every alias of every language,
        since names cross languages (English names in Russian text, Russian in Kyrgyz)."""
        if code not in self._indexes:
            index = AliasIndex(Morphology(code, self.resources.lang(code)["entities"]))
            for entry, alias, shared in self.aliases():
                index.add(alias, Candidate(entry, shared))
            self._indexes[code] = index
        return self._indexes[code]


_KNOWLEDGE_BASES: "weakref.WeakKeyDictionary[Any, KnowledgeBase]" = weakref.WeakKeyDictionary()


def knowledge_base(resources) -> KnowledgeBase:
    """The knowledge base of one :class:`~pipeline.resources.Resources`, built once."""
    kb = _KNOWLEDGE_BASES.get(resources)
    if kb is None:
        kb = _KNOWLEDGE_BASES[resources] = KnowledgeBase(resources)
    return kb
