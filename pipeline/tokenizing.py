"""spaCy tokenization per segment, so extractors get tokens and sentences with offsets.

spaCy has tokenizers for English, Russian and Kyrgyz; Uzbek, Kazakh and Tajik use the
multi-language (``xx``) tokenizer. Every pipeline gets a rule-based sentencizer.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

SPACY_LANGUAGES = frozenset({"en", "ru", "ky"})


class Tokenizers:
    """One blank spaCy pipeline per language, built on first use."""

    def __init__(self) -> None:
        self._nlp: dict[str, Language] = {}

    def nlp(self, lang: str) -> Language:
        code = lang if lang in SPACY_LANGUAGES else "xx"
        if code not in self._nlp:
            nlp = spacy.blank(code)
            nlp.add_pipe("sentencizer")
            self._nlp[code] = nlp
        return self._nlp[code]

    def __call__(self, text: str, lang: str):
        """A ``Doc`` over ``text`` (the segment's normalised view)."""
        return self.nlp(lang)(text)
