"""spaCy tokenization per segment, so extractors get tokens and sentences with offsets.

spaCy has tokenizers for English, Russian and Kyrgyz; Uzbek, Kazakh and Tajik use the
multi-language (``xx``) tokenizer. Every pipeline gets a rule-based sentencizer.
"""

from __future__ import annotations

import re
from typing import Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

SPACY_LANGUAGES = frozenset({"en", "ru", "ky"})
# spaCy peels prefixes and suffixes off a blank-free run one at a time, rescanning the rest
# each time: a run of thousands of quotes or brackets took minutes. A run this long is no
# word of a press release; it becomes one token, found in linear time.
LONG_RUN = re.compile(r"\S{256,}")
# spaCy refuses texts over a million characters (E088) to spare a parser's memory; these
# pipelines only tokenize and split sentences, linear in the text, and inputs are already
# bounded by --max-bytes (20 MiB by default), so a one-paragraph release of that size is read.
MAX_CHARS = 64 * 1024 * 1024


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, but each blank-free run of 256+ characters is one token."""
    runs = [m.span() for m in LONG_RUN.finditer(text)]
    if not runs:
        return nlp.make_doc(text)
    pieces, position = [], 0
    for start, end in runs:   # same length, so token offsets hold for the real text
        pieces += [text[position:start], "x" * (end - start)]
        position = end
    doc = nlp.make_doc("".join(pieces) + text[position:])
    return Doc(nlp.vocab, words=[text[t.idx:t.idx + len(t)] for t in doc],
               spaces=[bool(t.whitespace_) for t in doc])


# A blank-free run or a run of blanks, as spaCy's tokenizer splits a text before it looks
# at affixes (``str.isspace`` and ``\s`` agree on what a blank is).
RUN = re.compile(r"\S+|\s+")
# Runs kept per language; past this many the cache starts afresh (a long-running worker).
CACHE_RUNS = 500_000


class Tokenizers:
    """One blank spaCy pipeline per language, built on first use, and the tokens of every
    blank-free run it has seen.

    spaCy caches a run's tokens only until the first special case of a text (a line break,
    "г.", "don't": after one, nothing more of that text is cached) and only for its first
    10,000 runs, so on real text it splits almost every word again: 4-8 ms per 1,000
    words. Here a run is split by spaCy once (the runs a text brings new in one call, a
    line break between each: the same tokens, as its rules look at one run at a time) and
    a text's Doc is made from its runs' tokens. A text with a special case that spans
    blanks ("в т.ч.") goes to spaCy whole.
    """

    def __init__(self) -> None:
        self._nlp: dict[str, Language] = {}
        self._runs: dict[str, dict[str, tuple[str, ...]]] = {}
        self._spanning: dict[str, Optional[re.Pattern]] = {}

    def nlp(self, lang: str) -> Language:
        code = self._code(lang)
        if code not in self._nlp:
            nlp = spacy.blank(code)
            nlp.max_length = MAX_CHARS
            nlp.add_pipe("sentencizer")
            self._nlp[code] = nlp
            self._runs[code] = {}
            keys = [k for k in nlp.tokenizer.rules if k.strip() and RUN.fullmatch(k) is None]
            self._spanning[code] = re.compile("|".join(map(re.escape, keys))) if keys else None
        return self._nlp[code]

    def __call__(self, text: str, lang: str):
        """A ``Doc`` over ``text`` (the segment's normalised view)."""
        nlp = self.nlp(lang)
        code = self._code(lang)
        spanning = self._spanning[code]
        if spanning is not None and spanning.search(text):
            return nlp(make_doc(nlp, text))
        runs = self._runs[code]
        if len(runs) > CACHE_RUNS:
            runs.clear()
        pieces: list[str] = []
        trailing: list[bool] = []   # whether a blank follows the piece's last token
        for run in RUN.findall(text):
            if run[0] == " " and pieces:
                trailing[-1] = True   # the blank after a word is that word's trailing space
                run = run[1:]
                if not run:
                    continue
            pieces.append(run)
            trailing.append(False)
        self._learn(nlp, runs, {p for p in pieces if p not in runs})
        words: list[str] = []
        spaces: list[bool] = []
        for piece, blank in zip(pieces, trailing):
            tokens = runs[piece]
            words += tokens
            spaces += [False] * (len(tokens) - 1) + [blank]
        return nlp(Doc(nlp.vocab, words=words, spaces=spaces))

    @staticmethod
    def _learn(nlp: Language, runs: dict, new: set[str]) -> None:
        """Split runs not seen before: blank-free ones in one call to spaCy, a line break
        between each (a token of its own, so no rule reaches across), blank ones alone."""
        for run in new:
            if run[0].isspace():
                runs[run] = tuple(t.text for t in nlp.tokenizer(run))
            elif len(run) >= 256:
                runs[run] = (run,)   # one token, as make_doc has it
        words = sorted(r for r in new if not r[0].isspace() and len(r) < 256)
        if not words:
            return
        split: list[list[str]] = [[]]
        for token in nlp.tokenizer("\n".join(words)):
            if token.text == "\n":
                split.append([])
            else:
                split[-1].append(token.text)
        for word, tokens in zip(words, split, strict=True):
            runs[word] = tuple(tokens)

    @staticmethod
    def _code(lang: str) -> str:
        return lang if lang in SPACY_LANGUAGES else "xx"
