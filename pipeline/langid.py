"""Paragraph language and script identification for the region's six languages.

Common detectors miss Uzbek, Kyrgyz, Kazakh and Tajik or confuse them (langdetect has no
profiles for them; CLD2 often answers "unknown" on short Russian text). This detector adds
up three kinds of evidence, each from ``models/lang/<code>/langid.yaml``:

* letters: a letter of a language's alphabet that the others lack is a vote for it
  (Uzbek ў, Kazakh ә і ұ, Tajik ҷ ӣ ӯ); a letter the language does not have is a vote
  against it; a long paragraph with none of a language's ``hallmarks`` is a vote against;
* function words (``markers``): each occurrence is a vote;
* CLD2 (pycld2), a compact statistical detector trained on web text, whose share for a
  language is a vote weighted by the paragraph's length.

It is deterministic, needs no network, and returns ``und`` for text without letters.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

import pycld2

APOSTROPHES = re.compile("[‘’ʻʼ`´]")   # written for the apostrophe: one spelling of it
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")

LETTER_VOTE = 1.5
FOREIGN_LETTER_VOTE = -3.0
MISSING_HALLMARK_VOTE = -4.0
HALLMARK_MIN_LETTERS = 30
HALLMARK_LETTERS_PER_VOTE = 60
MARKER_VOTE = 1.0
CLD_VOTE_PER_WORD = 0.6
CLD_VOTE_MIN = 2.0
CONFIDENCE_TEMPERATURE = 2.0
WEAK_CONFIDENCE = 0.75
WEAK_LETTERS = 25


@dataclass(frozen=True)
class Profile:
    code: str
    scripts: frozenset[str]
    alphabet: frozenset[str]
    markers: frozenset[str]
    hallmarks: frozenset[str]

    @classmethod
    def from_data(cls, code: str, data: Mapping) -> "Profile":
        markers = (APOSTROPHES.sub("'", str(w)).lower() for w in data.get("markers", []))
        return cls(
            code=code,
            scripts=frozenset(data.get("scripts", [])),
            alphabet=frozenset(str(data.get("alphabet", "")).lower()),
            markers=frozenset(markers),
            hallmarks=frozenset(str(data.get("hallmarks", "")).lower()),
        )


@dataclass(frozen=True)
class Guess:
    lang: str
    script: str
    confidence: float
    letters: int

    @property
    def weak(self) -> bool:
        """Too little text or too close a call to stand against its neighbours."""
        return self.letters < WEAK_LETTERS or self.confidence < WEAK_CONFIDENCE


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """ISO 15924 code of a letter's script (``Cyrl``, ``Latn``, ``Arab``, …)."""
    if "a" <= char.lower() <= "z":
        return "Latn"
    name = unicodedata.name(char, "")   # letters newer than this Python's Unicode have none
    if not name:
        return "Zyyy"
    first = name.split()[0]
    return {
        "CYRILLIC": "Cyrl", "LATIN": "Latn", "ARABIC": "Arab", "GREEK": "Grek",
        "HEBREW": "Hebr", "ARMENIAN": "Armn", "GEORGIAN": "Geor", "DEVANAGARI": "Deva",
        "CJK": "Hani", "HIRAGANA": "Hira", "KATAKANA": "Kana", "HANGUL": "Hang",
        "THAI": "Thai",
    }.get(first, "Zyyy")


def dominant_script(letters: Iterable[str]) -> str:
    """The script most of ``letters`` (or a ``Counter`` of them) are written in."""
    counts: dict[str, int] = {}
    for char, n in (letters if isinstance(letters, Counter) else Counter(letters)).items():
        script = script_of(char)
        counts[script] = counts.get(script, 0) + n
    if not counts:
        return "Zyyy"
    return max(sorted(counts), key=counts.__getitem__)


def cld_shares(text: str) -> dict[str, float]:
    """CLD2's share (0–1) of the text for each language it names."""
    try:
        _, _, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:
        # CLD2 rejects some invalid UTF-8 sequences (lone surrogates); evidence, not a must.
        return {}
    shares: dict[str, float] = {}
    for _name, code, percent, _score in details:
        if code not in ("un", "xx") and percent > 0:
            shares[code.split("-")[0]] = percent / 100.0
    return shares


class LanguageIdentifier:
    """Scores a paragraph against each language profile; see the module docstring."""

    def __init__(self, profiles: Iterable[Profile]):
        self.profiles = {p.code: p for p in profiles}
        self._special: dict[tuple[str, str], frozenset[str]] = {}
        self._foreign: dict[tuple[str, str], frozenset[str]] = {}
        self._hallmarks: dict[tuple[str, str], frozenset[str]] = {}
        for script in {s for p in self.profiles.values() for s in p.scripts}:
            group = [p for p in self.profiles.values() if script in p.scripts]
            alphabets = {p.code: frozenset(c for c in p.alphabet if script_of(c) == script) for p in group}
            common = frozenset.intersection(*alphabets.values())
            union = frozenset.union(*alphabets.values())
            for code, alphabet in alphabets.items():
                self._special[(code, script)] = alphabet - common
                self._foreign[(code, script)] = union - alphabet
                self._hallmarks[(code, script)] = frozenset(
                    c for c in self.profiles[code].hallmarks if script_of(c) == script)

    @classmethod
    def from_resources(cls, resources) -> "LanguageIdentifier":
        profiles = [Profile.from_data(code, resources.lang(code)["langid"])
                    for code in resources.languages() if resources.lang(code)["langid"]]
        return cls(profiles)

    def scores(self, text: str) -> tuple[str, int, dict[str, float]]:
        """``(script, number of letters, {language: score})`` for one paragraph."""
        folded = APOSTROPHES.sub("'", text).lower()
        letter_counts = Counter({c: n for c, n in Counter(folded).items() if c.isalpha()})
        n_letters = sum(letter_counts.values())
        script = dominant_script(letter_counts)
        words = WORD.findall(folded)
        word_counts = Counter(words)
        # Letters are counted once per distinct word: a Kyrgyz term repeated in a Russian
        # paragraph ("айыл өкмөтү" three times) is one piece of evidence, not nine.
        type_letters = Counter("".join(word_counts))
        seen = type_letters.keys()
        cld = cld_shares(text)
        cld_weight = max(CLD_VOTE_MIN, CLD_VOTE_PER_WORD * len(words))
        scores: dict[str, float] = {}
        for code, profile in self.profiles.items():
            if script not in profile.scripts:
                continue
            special = self._special[(code, script)]
            foreign = self._foreign[(code, script)]
            score = 0.0
            score += LETTER_VOTE * sum(type_letters[c] for c in special & seen)
            score += FOREIGN_LETTER_VOTE * sum(type_letters[c] for c in foreign & seen)
            hallmarks = self._hallmarks[(code, script)]
            if hallmarks and n_letters >= HALLMARK_MIN_LETTERS and not any(c in letter_counts for c in hallmarks):
                score += MISSING_HALLMARK_VOTE * n_letters / HALLMARK_LETTERS_PER_VOTE
            score += MARKER_VOTE * sum(word_counts[w] for w in profile.markers & word_counts.keys())
            score += cld_weight * cld.get(code, 0.0)
            scores[code] = score
        # A language outside our profiles (German, Ukrainian, …) that CLD2 is sure of.
        for code, share in cld.items():
            if code not in scores and share >= 0.9:
                scores[code] = cld_weight * share
        return script, n_letters, scores

    def identify(self, text: str) -> Guess:
        """The language of one paragraph.

        >>> ident = LanguageIdentifier.from_resources(__import__("pipeline.resources").resources.Resources())
        >>> ident.identify("Семинар Бишкек шаарында өттү жана ага 30 судья катышты.").lang
        'ky'
        >>> ident.identify("2023 — 12").lang
        'und'
        """
        script, n_letters, scores = self.scores(text)
        if n_letters == 0:
            return Guess("und", "Zyyy", 0.0, 0)
        if not scores:
            return Guess("und", script, 0.0, n_letters)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        best, best_score = ranked[0]
        exps = [math.exp((s - best_score) / CONFIDENCE_TEMPERATURE) for _, s in ranked]
        confidence = 1.0 / sum(exps)
        if best_score <= 0 and len(ranked) > 1 and ranked[1][1] == best_score:
            confidence = min(confidence, 0.5)
        return Guess(best, script, round(confidence, 4), n_letters)
