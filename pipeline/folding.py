"""The matching view of a document: the text the stages read, folded one character for one.

Press releases copied between systems carry look-alike letters: a Latin ``O`` or ``E``
typed inside a Russian word ("ПРOOН", "Eвропейского сoюза"), a Cyrillic ``а`` inside an
English name ("Tаshkеnt"), and Russian spelt with or without ``ё``. To a reader these are
the same words; to a dictionary they are not. The view replaces such letters by the ones
the word's own script uses, and, in Russian segments only, ``ё`` by ``е`` (the knowledge
base folds ``ё`` too), so every stage matches the word a reader sees.

Every fold maps one character to one character, so an offset in the view is an offset in
the source; spans are read back from the original text, which is never changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

# Letters with a twin in the other script, drawn alike in every common font.
# fmt: off
LATIN_TO_CYRILLIC = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М", "O": "О",
    "P": "Р", "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "i": "і", "o": "о",
    "p": "р", "x": "х", "y": "у",
}
# fmt: on
CYRILLIC_TO_LATIN = {cyrillic: latin for latin, cyrillic in LATIN_TO_CYRILLIC.items()}
# A run of letters: the unit whose majority script decides which twin a letter is.
LETTERS = re.compile(r"[^\W\d_]+")
# Letters this Python's Unicode database has no name for (a script newer than it): some
# libraries (pymorphy3's shape checks) call unicodedata.name() on every letter without a
# default and fail. In the view they are U+FFFD, which is no letter.
UNNAMED = "\ufffd"


CYRILLIC = re.compile("[\u0400-\u052f]")
LATIN = re.compile("[\x00-\x7f\u00c0-\u024f\u1e00-\u1eff]")
LETTER = re.compile(r"[^\W\d_]")
# A letter of one script, letters of neither, then a letter of the other (the first one may
# be a sign of the script's block): every run of letters a fold can change holds one. Most
# texts have none, and testing every word cost 1.5 ms per 1,000 words.
_C, _L = "[\u0400-\u052f]", "[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"
_NEITHER = rf"(?:(?!{_C}|{_L})[^\W\d_])"
MIXED = re.compile(rf"{_C}{_NEITHER}*(?=[^\W\d_]){_L}|{_L}{_NEITHER}*(?=[^\W\d_]){_C}")


def _fold_word(word: str) -> str:
    cyrillic = len(CYRILLIC.findall(word))   # counted by the regex engine: every word of every text
    if not cyrillic:
        return word
    latin = len(LATIN.findall(word))
    if not latin or cyrillic == latin:
        return word
    twins = LATIN_TO_CYRILLIC if cyrillic > latin else CYRILLIC_TO_LATIN
    return "".join(twins.get(c, c) for c in word)


def matching_view(text: str) -> str:
    """``text`` with look-alike letters folded to the script of their word and letters
    without a Unicode name to U+FFFD; always the same length as ``text``.

    >>> matching_view("ПРOOН и Eвропейский сoюз в Tаshkеnt")
    'ПРООН и Европейский союз в Tashkent'
    >>> matching_view("Bishkek, KOICA, ПРООН") == "Bishkek, KOICA, ПРООН"
    True
    """
    pieces, position = [], 0
    for m in MIXED.finditer(text):
        if m.start() < position:
            continue   # in a run folded already
        start = m.start() if LETTER.match(text, m.start()) else m.start() + 1
        while start and LETTER.match(text, start - 1):
            start -= 1
        end = LETTERS.match(text, start).end()
        pieces += [text[position:start], _fold_word(text[start:end])]
        position = end
    folded = "".join(pieces) + text[position:] if pieces else text
    unnamed = {c for c in set(folded) if c.isalpha() and not unicodedata.name(c, "")}
    if unnamed:
        folded = folded.translate({ord(c): UNNAMED for c in unnamed})
    assert len(folded) == len(text)
    return folded


def segment_view(text: str, optional_letters: Mapping[str, str]) -> str:
    """A segment's view in its language: letters the language writes either way read as
    one (``optional_letters`` of its ``spelling.yaml``; Russian ё as е).

    >>> segment_view("объединённые", {"ё": "е"}), segment_view("5 ёшгача", {})
    ('объединенные', '5 ёшгача')
    """
    if not optional_letters:
        return text
    pattern, table = _folds(tuple(sorted(optional_letters.items())))
    return pattern.sub(lambda m: table[m.group()], text)   # few letters fold: faster than translate


@lru_cache(maxsize=None)
def _folds(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict[str, str]]:
    """The letters to fold (one character each), as one pattern, and what each becomes."""
    return re.compile("[" + re.escape("".join(a for a, _ in pairs)) + "]"), dict(pairs)
