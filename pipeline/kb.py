"""The knowledge base (``models/kb/``) as an alias index that survives morphology.

Matching compares *keys*, not strings. A word's key drops what its language inflects:
Russian words become their dictionary forms (pymorphy3), Turkic and Tajik words lose
their case, possessive and ezofat endings (lists in ``models/lang/<code>/entities.yaml``).
Aliases and text go through the same function, so "Советом Европы" finds the alias
"Совет Европы" and "Кенгашининг" finds "Кенгаши". Abbreviations ("ЕС", "USAID") keep
their capitals and match only in capitals, with or without a case ending ("ЕИнинг").
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sys
import weakref
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Optional

from . import segmenting
from .resources import read_cache, write_cache
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
    label: str  # ORG, LOC, or PROGRAMME (``programmes.yaml``: not an entity label)
    org_id: Optional[str] = None  # IATI organisation identifier, when a matter of record


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


@lru_cache(maxsize=65536)
def morph_parses(word: str) -> tuple:
    """pymorphy3's parses of ``word``, cached: the same words are analysed again and again
    (each name's words, by several rules, in every release)."""
    return tuple(morph_analyzer().parse(word))


def is_abbreviation(word: str) -> bool:
    """Two or more letters, all capitals.

    >>> is_abbreviation("ЕС"), is_abbreviation("OSCE/ODIHR"), is_abbreviation("Sida")
    (True, True, False)
    """
    if word.isalpha() and not word.isupper():
        return False  # letters only, one of them no capital: most words, answered without a list
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
        cases = data.get("case_after_possessive") or {}
        self.case_endings = tuple(sorted((normalise(str(e)).lower() for e in cases.get("endings") or []),
                                         key=len, reverse=True))
        self.possessive_ends = tuple(normalise(str(e)).lower() for e in cases.get("after") or [])
        self._cache: dict[str, tuple[str, ...]] = {}

    def keys(self, word: str) -> tuple[str, ...]:
        """Every key ``word`` may match, cached: a word is analysed once per language."""
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._keys(word)
        return found

    def _keys(self, word: str) -> tuple[str, ...]:
        abbreviation = self._abbreviation(word)
        if abbreviation and len(word) >= 4 and word.isalpha() and word.isupper():
            # a heading or date line in capitals ("ДУШАНБЕ", "БОНКИ РУШДИ ОСИЁ") spells words too
            return ("^" + abbreviation,) + tuple(k for k in self._keys(word.lower()) if k != "^" + abbreviation)
        if abbreviation:
            return ("^" + abbreviation,)
        lower = word.lower().replace("ё", "е").translate(self.fold)
        for ending in self.possessive:
            if lower.endswith(ending):
                lower = lower[: -len(ending)]
        if self.kind == "pymorphy3":
            return tuple(sorted({p.normal_form.replace("ё", "е") for p in morph_parses(lower)}))
        if self.kind == "suffixes":
            return (self.stem(lower),)
        return (lower,)

    def _abbreviation(self, word: str) -> Optional[str]:
        """The capitals of "ЕС", "ЕИнинг", "ЕС-тің", "USAID'ning", "EU-funded"; None for other words."""
        caps = "".join(itertools.takewhile(str.isupper, word))
        if len(caps) < 2:
            return None
        tail = word[len(caps):].lstrip("-'").lower()
        if not tail or word[len(caps):].lower() in self.possessive:
            return caps
        if is_abbreviation(word):  # "OSCE/ODIHR", "UN-Habitat" parts are all capitals
            return word
        rest = word[len(caps) + 1:]
        if self.kind == "none" and word[len(caps):len(caps) + 1] == "-" and rest.isascii() and rest.isalpha() \
                and rest.islower():
            return caps  # "OSCE-supported", "EU-funded": the abbreviation names the organisation
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

    def dictionary_form(self, name: str) -> str:
        """A name as a dictionary would write it: Russian noun phrases in the nominative
        (head and agreeing adjectives, complements kept), Turkic and Tajik names without
        the case ending that follows the possessive of their last word ("министрлигинин"
        -> "министрлиги"). Spacing and punctuation stay as written."""
        if self.kind == "pymorphy3":
            return russian_nominative(name)
        if not self.case_endings:
            return name
        last = None
        for last in WORD.finditer(name):
            pass
        if last is None or is_abbreviation(last.group(0)):
            return name
        word = last.group(0)
        lower = word.lower()
        for ending in self.case_endings:
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and len(stem) >= self.min_stem + 1 and \
                    (not self.possessive_ends or stem.endswith(self.possessive_ends)):
                return name[:last.start()] + word[:len(stem)] + name[last.end():]
        return name

    def words(self, text: str, offset: int = 0) -> list[Word]:
        """The words of ``text`` (a normalised view) with their keys and offsets."""
        words = []
        previous_end = 0
        keys, make = self.keys, tuple.__new__   # a Word made as a tuple: its __new__ is Python code
        for m in WORD.finditer(text):
            start, end = m.span()
            word = m.group()
            if previous_end + 1 == start and text[previous_end] == " " and words:   # most gaps: one space
                words.append(make(Word, (word, offset + start, offset + end, keys(word), False, False, False)))
                previous_end = end
                continue
            gap = text[previous_end:start]
            if words and gap.startswith(".") and _abbreviating_dot(words[-1].text, word):
                gap = gap[1:]  # "M. Auezov", "K.I. Skryabin", "School No. 5" go on
            words.append(Word(word, offset + start, offset + end, keys(word),
                              bool(BARRIER.search(gap)) or not words, "," in gap,
                              bool(words) and bool(QUOTES_ONLY.fullmatch(gap))))
            previous_end = end
        return words


def _restore_case(original: str, word: str) -> str:
    """``word`` written with the capitals of ``original`` ("Немецким" -> "Немецкий")."""
    if "ё" not in original.lower():
        word = word.replace("ё", "е")
    if original.isupper() and len(original) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def _agreeing(parses, number: Optional[str], case: Optional[str], gender: Optional[str] = None):
    return [p for p in parses if p.tag.number == number and p.tag.case in (case, "accs" if case == "nomn" else case)
            and (gender is None or number == "plur" or p.tag.gender in (gender, None))]


def starts_nominative(name: str) -> bool:
    """Whether the first word of a Russian name may be a nominative ("Женщины" may,
    "Социально-экономического" may not)."""
    first = WORD.search(name)
    return first is None or any(p.tag.case == "nomn" or p.tag.POS not in ("NOUN", "ADJF", "PRTF")
                                for p in morph_parses(first.group(0).lower()))


def russian_nominative(name: str) -> str:
    """A Russian noun phrase in the nominative, the way natasha's normaliser does it: the
    leading adjectives and the head noun are inflected, in the number the text gives the
    head (plural-only names stay plural), everything after the head stays as written.

    >>> russian_nominative("Консультативного совета европейских судей")
    'Консультативный совет европейских судей'
    >>> russian_nominative("Национальных комиссий по делам ЮНЕСКО")
    'Национальные комиссии по делам ЮНЕСКО'
    """
    tokens = list(WORD.finditer(name))
    adjectives, head = [], None
    for n, token in enumerate(tokens):
        parses = morph_parses(token.group(0).lower())
        if is_abbreviation(token.group(0)):
            return name
        nouns = [p for p in parses if p.tag.POS == "NOUN" and p.is_known]
        adjs = [p for p in parses if p.tag.POS in ("ADJF", "PRTF")]
        following = morph_parses(tokens[n + 1].group(0).lower()) if n + 1 < len(tokens) else ()
        # an adjective, unless it is a noun not followed by a noun it could agree with ("Ученого совета")
        if adjs and (not nouns or any(f.tag.POS == "NOUN" and (f.tag.case, f.tag.number) in
                                      {(a.tag.case, a.tag.number) for a in adjs} for f in following)):
            adjectives.append((token, adjs))
            continue
        if nouns:
            head = (token, nouns)
        break
    if head is None:
        return name
    token, nouns = head
    options = nouns
    for _, adjs in adjectives:
        agreeing = [n for n in options if any(a.tag.number == n.tag.number and a.tag.case == n.tag.case and
                                              (n.tag.number == "plur" or a.tag.gender in (n.tag.gender, None))
                                              for a in adjs)]
        options = agreeing or options
    singular = [p for p in options if p.tag.number == "sing"]
    if any(p.tag.case == "nomn" for p in singular or options):
        return name  # already the dictionary form ("комиссии" is read as a singular genitive)
    plural_only = all(p.tag.number == "plur" or "Pltm" in p.tag for p in options)
    chosen = (singular or options)[0] if not plural_only else options[0]
    number = chosen.tag.number
    target = {"nomn", number} if number else {"nomn"}
    inflected = chosen.inflect(target)
    if inflected is None:
        return name
    replacements = [(token, _restore_case(token.group(0), inflected.word))]
    for adjective, adjs in adjectives:
        match = _agreeing(adjs, number, chosen.tag.case, chosen.tag.gender) or adjs
        form = match[0].inflect({"nomn", "plur"} if number == "plur" else {"nomn", "sing", chosen.tag.gender or "masc"})
        if form is None:
            return name
        replacements.append((adjective, _restore_case(adjective.group(0), form.word)))
    out = name
    for token, word in sorted(replacements, key=lambda r: -r[0].start()):
        out = out[:token.start()] + word + out[token.end():]
    return out


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

    def __init__(self, morphology: Morphology, word_keys: Optional[dict[str, str]] = None):
        self.morphology = morphology
        self.root: dict = {}
        # the trie key of each alias word: the same words recur in thousands of aliases
        self.word_keys = {} if word_keys is None else word_keys

    def add(self, words: tuple[str, ...], candidate: Candidate) -> None:
        """Index an alias given as its words (``WORD.findall`` of the normalised alias)."""
        node = self.root
        for word in words:
            key = self.word_keys.get(word)
            if key is None:
                key = self.word_keys[word] = self.trie_key(word)
            node = node.setdefault(key, {})
        node.setdefault(END, {})[candidate.entry.id] = (candidate, _capitalised(words[0]))

    def trie_key(self, word: str) -> str:
        """The key an alias word is filed under: an alias is written in its dictionary form."""
        keys = self.morphology.keys(word)
        written = word.lower().replace("ё", "е")
        return written if written in keys and not is_abbreviation(word) else keys[0]

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
    """Organisations and places from ``models/kb``, with an alias index per language;
    programmes (``programmes.yaml``) in indexes of their own, since a programme is no
    entity mention."""

    FILES = (("organisations.yaml", "ORG"), ("places.yaml", "LOC"))
    PROGRAMMES = "programmes.yaml"

    def __init__(self, resources):
        self.resources = resources
        self.entries: dict[str, Entry] = {}
        self.programmes: dict[str, Entry] = {}
        self._records: list[tuple[Entry, dict]] = []
        self._programme_records: list[tuple[Entry, dict]] = []
        for file, label in self.FILES + ((self.PROGRAMMES, "PROGRAMME"),):
            entries, records = (self.programmes, self._programme_records) if label == "PROGRAMME" \
                else (self.entries, self._records)
            for record in resources.yaml("kb", file) or []:
                entry = Entry(str(record["id"]), record["name"], record.get("type", ""),
                              record.get("country"), label, record.get("org_id"))
                if entry.id in self.entries or entry.id in self.programmes:
                    raise ValueError(f"models/kb/{file}: duplicate id {entry.id}")
                entries[entry.id] = entry
                records.append((entry, record))
        self._indexes: dict[tuple[str, bool], AliasIndex] = {}
        self._alias_words: dict[bool, list[tuple[tuple[str, ...], Candidate]]] = {}
        self._word_keys: dict[str, tuple[Optional[str], dict[str, str]]] = {}

    def aliases(self, programmes: bool = False) -> Iterable[tuple[Entry, str, bool]]:
        """``(entry, alias, shared)`` for every alias of every language, names included."""
        for entry, record in self._programme_records if programmes else self._records:
            yield entry, entry.name, False
            for shared, field in ((False, "aliases"), (True, "shared")):
                for names in (record.get(field) or {}).values():
                    for alias in names or []:
                        yield entry, str(alias), shared

    def morphology(self, code: str) -> Morphology:
        return self.index(code).morphology

    def alias_words(self, programmes: bool = False) -> list[tuple[tuple[str, ...], Candidate]]:
        """The words of every alias with what it names, split once: the words are the
        same whichever language's index they go into (aliases without words left out)."""
        if programmes not in self._alias_words:
            self._alias_words[programmes] = [
                (words, Candidate(entry, shared)) for entry, alias, shared in self.aliases(programmes)
                if (words := tuple(WORD.findall(normalise(alias))))]
        return self._alias_words[programmes]

    def index(self, code: str, programmes: bool = False) -> AliasIndex:
        """The alias index keyed by ``code``'s morphology: every alias of every language,
        since names cross languages (English names in Russian text, Russian in Kyrgyz);
        with ``programmes``, the index of the programmes."""
        if (code, programmes) not in self._indexes:
            morphology = self._indexes[(code, False)].morphology if (code, False) in self._indexes \
                else Morphology(code, self.resources.lang(code)["entities"])
            if code not in self._word_keys:
                self._word_keys[code] = self._stored_word_keys(morphology)
            stamp, word_keys = self._word_keys[code]
            known = len(word_keys)
            index = AliasIndex(morphology, word_keys)
            for words, candidate in self.alias_words(programmes):
                index.add(words, candidate)
            if stamp and len(word_keys) > known:
                write_cache(f"kb-keys-{code}", stamp, word_keys)
            self._indexes[(code, programmes)] = index
        return self._indexes[(code, programmes)]

    def _stored_word_keys(self, morphology: Morphology) -> tuple[Optional[str], dict[str, str]]:
        """The stamp of ``morphology``'s key function and the alias word keys an earlier
        process worked out with it (none when the stamp differs): analysing every alias
        word, pymorphy3 for Russian, was most of a process's start-up. Words are the
        mapping's keys, so a word a changed knowledge base brings is analysed afresh."""
        stamp = self._stamp(morphology)
        stored = read_cache(f"kb-keys-{morphology.code}", stamp) if stamp else None
        return stamp, stored if isinstance(stored, dict) else {}

    def _stamp(self, morphology: Morphology) -> Optional[str]:
        """A digest of everything an alias word's key depends on besides the word: the
        language's ``entities.yaml``, the source of this module and of ``normalise``, the
        Python version (its Unicode tables), pymorphy3 and its dictionary; None, so no
        cache, when the source or a version cannot be read."""
        parts = [morphology.code, repr(self.resources.lang(morphology.code)["entities"]), sys.version]
        try:
            parts += [Path(module.__file__).read_text(encoding="utf-8") for module in (sys.modules[__name__], segmenting)]
            if morphology.kind == "pymorphy3":
                parts += [metadata.version("pymorphy3"), metadata.version("pymorphy3-dicts-ru")]
        except (OSError, TypeError, metadata.PackageNotFoundError):
            return None
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


_KNOWLEDGE_BASES: "weakref.WeakKeyDictionary[Any, KnowledgeBase]" = weakref.WeakKeyDictionary()


def knowledge_base(resources) -> KnowledgeBase:
    """The knowledge base of one :class:`~pipeline.resources.Resources`, built once."""
    kb = _KNOWLEDGE_BASES.get(resources)
    if kb is None:
        kb = _KNOWLEDGE_BASES[resources] = KnowledgeBase(resources)
    return kb
