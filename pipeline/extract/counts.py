"""Counts of people and things, in digits or words, with the counted noun phrase.

The number grammar here (:class:`NumberGrammar`) is shared with the money extractor: both
need the same digits, number words and scales, and the same idea of what comes after a
number. Every word the grammar knows comes from ``models/lang/<code>/numbers.yaml`` (and
the participant nouns of ``facts.yaml``); this module only holds the shape of a count.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from ..offsets import ByPosition
from ..records import Count
from ..text import view
from ..wordlists import WORD_CHARS, compile_lexicon, lexicon_pattern

# Digits with thousands groups ("1 200", "1,200", "45 000") or plain, optionally decimal.
DIGITS = re.compile(
    r"(?<![\w.,+/:'])(?:\d{1,3}(?:[ ,.]\d{3})+(?![\d])|\d+)(?:[.,]\d{1,2}(?!\d))?(?![\d])"
)
YEAR_RANGE = (1900, 2100)


@dataclass(frozen=True)
class Number:
    """A number found in text: where it is, its value, and what it is made of."""

    start: int
    end: int            # end of the number itself (digits, words, scale)
    value: float
    digits: bool        # written in digits (years and phone numbers are digit-only worries)
    decimal: bool
    scaled: bool
    scale: float = 1    # the scale word's value: 1000000 for "10 million"


class NumberGrammar:
    """One language's numbers, compiled once and reused for every segment.

    >>> g = NumberGrammar({"words": {"two": 2, "twenty": 20, "five": 5}, "scales": {"million": 1000000}})
    >>> [(n.value, n.scaled) for n in g.numbers("twenty-five and 2,5 million")]
    [(25, False), (2500000.0, True)]
    """

    def __init__(self, numbers: dict, facts: Optional[dict] = None):
        facts = facts or {}
        self.words = {str(k).lower(): v for k, v in (numbers.get("words") or {}).items()}
        self.scales = {str(k).lower(): v for k, v in (numbers.get("scales") or {}).items()}
        joiners = numbers.get("number_joiners") or []
        suffixes = numbers.get("case_suffixes") or []
        word = _suffixed(lexicon_pattern(list(self.words) + [s for s in self.scales if not s.endswith(".")]), suffixes)
        glue = r"(?:[ -]|\s+(?:" + "|".join(re.escape(j) for j in joiners) + r")\s+)" if joiners else r"[ -]"
        self.word_number = re.compile(word + r"(?:" + glue + word + r")*", re.I)
        self.scale = re.compile(r"\s*(" + _suffixed(lexicon_pattern(self.scales), suffixes) + ")", re.I)
        self.weak = {str(w).lower() for w in numbers.get("weak_words") or []}
        self.attached_scales = {str(k).lower(): v for k, v in (numbers.get("attached_scales") or {}).items()}
        self.attached = re.compile(r"(" + "|".join(map(re.escape, sorted(self.attached_scales, key=len, reverse=True)))
                                   + r")(?!\w)", re.I) if self.attached_scales else re.compile(r"(?!)")
        self.approx_before = re.compile("(?:" + lexicon_pattern(numbers.get("approx_before") or []) + r")\s*$", re.I)
        self.approx_after = re.compile(
            r"\s?-?(?:" + "|".join(map(re.escape, numbers.get("case_suffixes") or ["(?!)"])) + r")?\s+"
            + lexicon_pattern(numbers.get("approx_after") or []), re.I)
        self.not_before = re.compile("(?:" + lexicon_pattern(numbers.get("not_count_before") or []) + r")\W{0,3}$", re.I)
        self.not_after = re.compile(r"\s*-?\s*" + lexicon_pattern(numbers.get("not_count_after") or []), re.I)
        services = lexicon_pattern(numbers.get("service_words") or [])
        self.service_after = re.compile(r"[\s\"'«“]*-?\s*" + services, re.I)
        self.service_before = re.compile("(?:" + services + r")[\s\"'»”:]*$", re.I)
        self.classifier = re.compile(r"\s+" + lexicon_pattern(numbers.get("classifiers") or []), re.I)
        self.partitive = re.compile(r"\s+" + lexicon_pattern(numbers.get("partitives") or []), re.I)
        self.alone = {str(w).lower(): self.scales[str(w).lower()] for w in numbers.get("standalone_scales") or []
                      if str(w).lower() in self.scales}
        # A unit written "-days" follows its number only with a hyphen ("three-days", not "three days").
        units = [str(u) for u in numbers.get("duration_units") or []]
        self.duration_unit = re.compile(r"(?:[ -]" + lexicon_pattern([u for u in units if not u.startswith("-")])
                                        + r"|-" + lexicon_pattern([u[1:] for u in units if u.startswith("-")]) + ")", re.I)
        self.duration_words = {str(k).lower(): v for k, v in (numbers.get("duration_words") or {}).items()}
        self.duration_word = compile_lexicon(self.duration_words)
        self.duration_values = [(compile_lexicon([k]), v) for k, v in self.duration_words.items()]
        self.stop = compile_lexicon(numbers.get("stop_words") or [])
        self.joiners = compile_lexicon(numbers.get("noun_joiners") or [])
        self.adjective = re.compile(r"(?:" + "|".join(map(re.escape, numbers.get("adjective_endings") or ["(?!)"])) + r")$", re.I)
        self.head_final = bool(numbers.get("head_final"))
        self.ablative = re.compile(r"\w{2}(?:" + "|".join(map(re.escape, numbers.get("ablative_endings") or ["(?!)"])) + r")$", re.I)
        self.link = re.compile(r"(?:" + "|".join(map(re.escape, numbers.get("linking_endings") or ["(?!)"])) + r")$", re.I)
        self.people = compile_lexicon(facts.get("participant_nouns") or [])
        self.currency = compile_lexicon(numbers.get("currencies") or {})
        self.currency_codes = [(compile_lexicon([k]), v) for k, v in sorted(
            (numbers.get("currencies") or {}).items(), key=lambda kv: -len(str(kv[0])))]
        self.noun = re.compile(r"\s+(" + WORD_CHARS + r"+)")

    # -- numbers ------------------------------------------------------------------------

    def numbers(self, text: str) -> list[Number]:
        """Every number in ``text``, digits and words, with a following scale folded in."""
        found = []
        for m in DIGITS.finditer(text):
            raw = m.group()
            value, decimal = _digits_value(raw)
            found.append(self._scaled(text, m.start(), m.end(), value, True, decimal))
        digit_spans = ByPosition(found)
        for m in self.word_number.finditer(text):
            if digit_spans.overlapping(m.start(), m.end()):
                continue  # the scale of a digit number: "10 ming"
            alone = m.group().lower() in self.alone
            weak = m.group().lower() in self.weak and not self.duration_unit.match(text, m.end())
            if weak or _words(m.group())[0] in self.scales and not alone:
                continue  # "one" is an article as often as a number (not in "bir haftalik"); "млн" alone follows digits
            value = self._words_value(m.group())
            if value:
                scales = [self.scales[w] for w in _words(m.group()) if w in self.scales]
                found.append(Number(m.start(), m.end(), value, False, False, bool(scales), max(scales, default=1)))
        return _compounds(text, sorted(found, key=lambda n: n.start))

    def _scaled(self, text, start, end, value, digits, decimal) -> Number:
        scale = self.scale.match(text, end)
        if scale:
            factor = self.scales[scale.group(1).lower()]
            return Number(start, scale.end(), value * factor, digits, decimal, True, factor)
        attached = self.attached.match(text, end) if digits else None
        if attached:   # "USD 1.5bn", "EUR 300k"
            factor = self.attached_scales[attached.group(1).lower()]
            return Number(start, attached.end(), value * factor, digits, decimal, True, factor)
        return Number(start, end, value, digits, decimal, False)

    def _words_value(self, phrase: str) -> float:
        total, current = 0, 0
        for word in _words(phrase):
            if word in self.words:
                current += self.words[word]
            elif word in self.scales:
                scale = self.scales[word]
                if scale < 1000:
                    current = max(current, 1) * scale
                else:
                    total += max(current, 1) * scale
                    current = 0
        return total + current

    def currency_at(self, text: str, position: int, *, before: bool) -> Optional[re.Match]:
        """A currency word or symbol right after (or right before) ``position``."""
        if before:
            for m in self.currency.finditer(text, max(0, position - 24), position):
                if not text[m.end():position].strip():
                    return m
            return None
        m = self.currency.match(text, _skip_space(text, position))
        return m if m and text[position:m.start()].strip() == "" and m.start() - position <= 1 else None

    def iso(self, word: str) -> Optional[str]:
        """The ISO code of a currency word as matched."""
        return next((code for pattern, code in self.currency_codes if pattern.fullmatch(word)), None)


def _skip_space(text: str, position: int) -> int:
    """The first offset from ``position`` that is no whitespace (as ``str.lstrip`` sees it),
    without copying the rest of the text."""
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _classifier_is_noun(g: NumberGrammar, text: str, classifier: re.Match, noun) -> bool:
    """Whether a classifier is the counted noun itself: nothing countable follows it, or it
    names people ("адам", "нафар" in ``participant_nouns``) and no participant noun follows."""
    if not noun or not noun.group(1)[0].isalpha() or g.stop.fullmatch(noun.group(1)):
        return True
    word = classifier.group().split()[-1]
    return bool(g.people.fullmatch(word)) and not g.people.fullmatch(noun.group(1))


def _compounds(text: str, numbers: list[Number]) -> list[Number]:
    """"10 миллион 700 миңи", "2 million 500 thousand": scaled numbers of falling scales
    with only a blank between them are one number."""
    out: list[Number] = []
    for n in numbers:
        prev = out[-1] if out else None
        if prev is not None and prev.scaled and n.scaled and n.scale < prev.scale \
                and n.value < prev.scale and re.fullmatch(r"[^\S\n]+", text[prev.end:n.start]):
            out[-1] = Number(prev.start, n.end, prev.value + n.value, prev.digits, prev.decimal, True, prev.scale)
            continue
        out.append(n)
    return out


ELIDED_REACH = 200   # characters back to the sum whose currency a bare "15 million" takes


def number_scan(segment, g: "NumberGrammar") -> tuple[list[Number], dict[int, str]]:
    """A segment's numbers and its sums with an elided currency, found once for the counts
    and money extractors (read-only: both read the same lists)."""
    def scan():
        numbers = g.numbers(segment.text)
        return numbers, elided_currencies(g, segment.text, numbers)

    return view(segment, ("numbers", id(g)), scan)


def elided_currencies(g: "NumberGrammar", text: str, numbers: list[Number]) -> dict[int, str]:
    """Scaled sums whose currency is left out because an earlier sum stated it: "60
    миллионов долларов, а еще 15 миллионов", "74 миллион доллар … 40 миллион аз ин
    маблағ". Such a sum (a number with a scale word, no currency, not counting people)
    takes the currency of the nearest sum before it in its paragraph, within
    ``ELIDED_REACH`` characters. Returns {number start: ISO code}."""
    found: dict[int, str] = {}
    last: Optional[tuple[int, str]] = None   # (end, code) of the latest sum
    for n in numbers:
        after = g.currency_at(text, n.end, before=False)
        before = None if after else g.currency_at(text, n.start, before=True)
        currency = after or before
        code = g.iso(currency.group()) if currency else None
        if code:
            last = (n.end, code)
            continue
        if last is None or not n.scaled or n.scale < 1000000 or "\n" in text[last[0]:n.start] \
                or n.start - last[0] > ELIDED_REACH:
            continue
        noun = g.noun.match(text, n.end)
        if noun and g.people.fullmatch(noun.group(1)):
            continue   # "2 million people"
        found[n.start] = last[1]
        last = (n.end, last[1])
    return found


def _suffixed(pattern: str, suffixes: list[str]) -> str:
    """Let the words of ``pattern`` carry a case ending: "қырықтан астам", "12 мыңнан астам"."""
    if not suffixes:
        return pattern
    ending = r"(?=(?:" + "|".join(map(re.escape, suffixes)) + r")?(?!\w))"
    return pattern.replace(r"(?!\w)|", "|").replace(r"(?!\w))", ")")[:-1] + ")" + ending


def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s-]+", phrase.lower()) if w]


def _digits_value(raw: str) -> tuple[float, bool]:
    """The value of a digit string: 3-digit groups are thousands, a short tail a decimal.

    >>> _digits_value("1 200"), _digits_value("2,5"), _digits_value("45.000")
    ((1200, False), (2.5, True), (45000, False))
    """
    decimal = re.search(r"[.,](\d{1,2})$", raw)
    head = raw[:decimal.start()] if decimal else raw
    whole = int(re.sub(r"[ ,.]", "", head))
    if decimal:
        return whole + int(decimal.group(1)) / 10 ** len(decimal.group(1)), True
    return whole, False


_GRAMMARS: dict[int, NumberGrammar] = {}


def grammar(lang) -> NumberGrammar:
    """The compiled grammar of one language's data, built on first use."""
    key = id(lang)
    if key not in _GRAMMARS:
        _GRAMMARS[key] = NumberGrammar(lang["numbers"], lang["facts"])
    return _GRAMMARS[key]


def integral(value: float) -> int | float:
    """``2500000.0`` as ``2500000``; a true fraction stays a float."""
    return int(value) if float(value).is_integer() else round(value, 6)


def extract_counts(segment, lang, *, context) -> list[Count]:
    """Counts with their counted noun, skipping numbers that are not counts.

    Args:
        segment: the :class:`~pipeline.segmenting.Segment` to read.
        lang: that language's :class:`~pipeline.resources.LanguageData`.
    Returns:
        :class:`~pipeline.records.Count` records with absolute offsets.
    """
    g = grammar(lang)
    text = segment.text
    counts = []
    numbers, sums = number_scan(segment, g)
    # A count never runs across a paragraph break ("Aug. 9" then the next line "Trend:").
    breaks = [p.end - segment.start for p in segment.paragraphs[:-1]]
    for n in numbers:
        found = None if n.start in sums else _count(g, text, n)
        if found is None:
            continue
        end, of_start, of_end = found
        after = bisect.bisect_right(breaks, n.start)
        if after < len(breaks) and breaks[after] < end:
            continue
        counts.append(Count(text=segment.raw[n.start:end], start=segment.start + n.start,
                            end=segment.start + end, lang=segment.lang, value=int(n.value),
                            of=segment.raw[of_start:of_end]))
    for m in g.duration_word.finditer(text):
        value = next(v for p, v in g.duration_values if p.fullmatch(m.group()))
        counts.append(Count(text=segment.raw[m.start():m.end()], start=segment.start + m.start(),
                            end=segment.start + m.end(), lang=segment.lang, value=value,
                            of=segment.raw[m.start():m.end()]))
    return sorted(counts, key=lambda c: c.start)


def _count(g: NumberGrammar, text: str, n: Number) -> Optional[tuple[int, int, int]]:
    """``(end, of_start, of_end)`` when the number counts a noun, else None."""
    if n.decimal and not n.scaled or not float(n.value).is_integer() or n.value <= 0:
        return None
    if n.digits and re.search(r"\d[^\W\d_]+$", text[n.start:n.end]):
        return None  # an attached scale ("1.5bn", "300k") is money's shorthand; "12m" may be metres
    if n.digits and (text[n.start] == "0" or text[n.start - 1:n.start] in ("-", "+") and n.start
                     and text[n.start - 2:n.start - 1].isdigit()):
        return None
    if n.digits and n.start >= 2 and text[n.start - 1] == "-" and text[n.start - 2].isalpha():
        return None  # a number joined to a name: "COVID-19", "ГЭС-1"
    if n.digits and re.search(r"(?<!\w)[^\W\d_]{2,}[^\S\n]$", text[max(0, n.start - 12):n.start]) \
            and text[max(0, n.start - 12):n.start].split()[-1].isupper() \
            and re.match(r"[^\S\n]+[^\W\d_]", text[n.end:n.end + 2]) and text[n.end:n.end + 2].strip()[:1].isupper():
        return None  # a number inside a name, between an acronym and a capital: "CASA 1000 Power"
    before = text[max(0, n.start - 40):n.start]
    if g.not_before.search(before) or g.currency_at(text, n.start, before=True):
        return None
    if n.digits and (g.service_after.match(text, n.end) or g.service_before.search(before)):
        return None  # a number naming a hotline or service: "111 байланыс орталығы", "горячая линия 1414"
    position = n.end
    if text[position:position + 1] == "-" and text[position + 1:position + 2].isdigit():
        return None  # a range: "2020-2023", "8-9 June"
    duration = g.duration_unit.match(text, position)
    if duration:
        return duration.end(), duration.start() + 1, duration.end()
    approx = g.approx_after.match(text, position)
    if approx:
        position = approx.end()
    elif re.match(r"-?\w", text[position:position + 2]):
        return None  # an ordinal, a case-marked date or article: "5th", "12-мартында", "6-моддаси"
    if g.not_after.match(text, position) or g.currency_at(text, position, before=False):
        return None
    partitive = g.partitive.match(text, position)
    if partitive:
        # "31 of them women", "Twelve of the participants": the count is of the people named after it
        noun = g.noun.match(text, partitive.end())
        if not noun or not g.people.fullmatch(noun.group(1)):
            return None
        return noun.end(1), noun.start(1), noun.end(1)
    classifier = g.classifier.match(text, position)
    if classifier:
        position = classifier.end()
    noun = g.noun.match(text, position)
    if classifier and _classifier_is_noun(g, text, classifier, noun):
        # "54 нафар, аз ҷумла …", "35 адам қатысты": the classifier is the counted noun
        word = re.search(WORD_CHARS + r"+$", classifier.group())
        return classifier.end(), classifier.start() + word.start(), classifier.end()
    if not noun or not noun.group(1)[0].isalpha() or g.stop.fullmatch(noun.group(1)):
        return None
    if not classifier and g.not_after.match(text, position):
        return None  # after a classifier a measure word is an adjective: "140 nafar yosh dasturchi"
    if n.digits and YEAR_RANGE[0] <= n.value <= YEAR_RANGE[1] and not g.people.fullmatch(noun.group(1)):
        return None
    of_start, of_end = noun.start(1), noun.end(1)
    if g.head_final and not g.people.fullmatch(noun.group(1)) and not g.ablative.search(noun.group(1)):
        # head-final groups: "12 nafar maktab direktori", "15 мектеп директоры" count the
        # people named by the last of up to three words ("сув хўжалиги мутахассиси";
        # longer runs are more often a clause than a group)
        position = of_end
        for _ in range(2):
            nxt = g.noun.match(text, position)
            if not nxt or not nxt.group(1)[0].isalpha() or g.stop.fullmatch(nxt.group(1)) \
                    or g.joiners.fullmatch(nxt.group(1)) or g.ablative.search(text[of_start:position].split()[-1]):
                break
            position = nxt.end(1)
            if g.people.fullmatch(nxt.group(1)):
                of_end = position
                break
    for _ in range(3):
        nxt = g.noun.match(text, of_end)
        word = nxt.group(1) if nxt else ""
        current = text[of_start:of_end].split()[-1]
        if nxt and (g.adjective.search(current) or g.link.search(current)) and not g.stop.fullmatch(word):
            of_end = nxt.end(1)
        elif nxt and (g.people.fullmatch(word) or g.people.fullmatch(f"{current} {word}")) \
                and not g.ablative.search(current):   # "8 туманидан ёшлар": youth from 8 districts
            of_end = nxt.end(1)
        elif nxt and g.joiners.fullmatch(word):
            after = g.noun.match(text, nxt.end(1))
            if after and g.people.fullmatch(after.group(1)):
                of_end = after.end(1)
            else:
                break
        else:
            break
    return of_end, of_start, of_end
