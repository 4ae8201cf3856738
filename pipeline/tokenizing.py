"""spaCy tokenization per segment, so extractors get tokens and sentences with offsets.

spaCy has tokenizers for English, Russian and Kyrgyz; Uzbek, Kazakh and Tajik use the
multi-language (``xx``) tokenizer. Every pipeline gets a rule-based sentencizer.
"""

from __future__ import annotations

import re

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


class Tokenizers:
    """One blank spaCy pipeline per language, built on first use."""

    def __init__(self) -> None:
        self._nlp: dict[str, Language] = {}

    def nlp(self, lang: str) -> Language:
        code = lang if lang in SPACY_LANGUAGES else "xx"
        if code not in self._nlp:
            nlp = spacy.blank(code)
            nlp.max_length = MAX_CHARS
            nlp.add_pipe("sentencizer")
            self._nlp[code] = nlp
        return self._nlp[code]

    def __call__(self, text: str, lang: str):
        """A ``Doc`` over ``text`` (the segment's normalised view)."""
        nlp = self.nlp(lang)
        return nlp(make_doc(nlp, text))
