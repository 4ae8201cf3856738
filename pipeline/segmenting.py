"""Paragraphs, their language and script, and the segments the extractors work on.

Paragraphs come from the layout (:func:`layout_paragraphs`): blank lines always separate
them, and so does a single line break, unless the line before it was wrapped. Text saved
from web pages puts one paragraph on each line with no blank line between; hard-wrapped
text breaks a paragraph's lines at a width. CR, CRLF and LF end lines alike.
Adjacent paragraphs of one language and script are merged into one segment. Offsets are
always those of the source text; ``Segment.text`` is a same-length normalised view (NBSP,
zero-width and typographic characters folded one-for-one, CR read as LF) that extractors
match against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from .langid import Guess, LanguageIdentifier

LINE_BREAK = r"(?:\r\n?|\n)"
PARAGRAPH_BREAK = re.compile(rf"{LINE_BREAK}[^\S\r\n]*(?:{LINE_BREAK}[^\S\r\n]*)+")
LINE = re.compile(r"[^\r\n]+")
# A line ending a sentence (a closing quote or bracket may follow the stop).
SENTENCE_END = re.compile(r"[.!?:;…][\"'»”’)\]]*$")
WRAP_MIN = 40        # characters: a wrapped line is at least this long …
WRAP_SHARE = 0.6     # … and at least this share of its block's longest line
# One-for-one folds, so offsets in the normalised view are offsets in the source.
FOLD = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2002": " ", "\u2003": " ", "\u3000": " ", "\t": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u02bb": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'",
    "\r": "\n",
})
FOLDED = re.compile("[" + re.escape("".join(map(chr, FOLD))) + "]")


def normalise(text: str) -> str:
    """The same-length view extractors match against.

    >>> normalise("8\u20139\u00a0June") == "8-9 June"
    True
    """
    folded = FOLDED.sub(lambda m: FOLD[ord(m.group())], text)   # few characters fold: faster than translate
    assert len(folded) == len(text)
    return folded


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    guess: Guess
    lang: str
    script: str


@dataclass
class Segment:
    """A run of paragraphs in one language: what every extractor receives."""

    start: int
    end: int
    lang: str
    script: str
    confidence: float
    raw: str            # source[start:end], exactly
    text: str           # normalise(raw): same length, folded characters
    paragraphs: list[Paragraph] = field(default_factory=list)
    doc: Any = None     # spaCy Doc over ``text``, set by the tokenizing stage
    # what stages derive from ``text`` and ``doc`` once for all (pipeline.text): its sentences
    views: dict = field(default_factory=dict, repr=False, compare=False)

    def span_text(self, start: int, end: int) -> str:
        """Source text for offsets relative to this segment."""
        return self.raw[start:end]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the blank-line separated paragraphs, trimmed of surrounding whitespace:
    the paragraphs of gold annotations (``samples/GOLD.md``).

    >>> paragraph_spans("One.\\n\\n  Two.\\r\\n \\r\\nThree")
    [(0, 4), (8, 12), (17, 22)]
    """
    spans = []
    position = 0
    for brk in list(PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = brk.start() if brk else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped and any(not c.isspace() and c not in "\u200b\u200c\u200d\u2060\ufeff" for c in stripped):
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + lead + len(stripped)))
        if brk:
            position = brk.end()
    return spans


def layout_paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the paragraphs as the layout shows them, trimmed of whitespace.

    The rule: within a block of lines between blank lines, every line starts a paragraph,
    unless the line before it was wrapped: it does not end a sentence (``.``, ``!``,
    ``?``, ``:``, ``;``, perhaps then a closing quote) and it is long (``WRAP_MIN``
    characters and ``WRAP_SHARE`` of the block's longest line), or this line goes on in
    lower case.

    >>> layout_paragraphs("Title\\r\\nBishkek, 5 April 2023\\r\\nToday a seminar opened.")
    [(0, 5), (7, 28), (30, 53)]
    >>> len(layout_paragraphs("A wrapped paragraph whose first line is long and\\nwhich goes on here."))
    1
    """
    spans = []
    for start, end in paragraph_spans(text):
        lines = []
        for m in LINE.finditer(text, start, end):
            chunk = m.group()
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                lines.append((m.start() + lead, m.start() + lead + len(chunk.strip())))
        longest = max(b - a for a, b in lines)
        for i, (a, b) in enumerate(lines):
            if i and _wrapped(text[lines[i - 1][0]:lines[i - 1][1]], text[a:b], longest):
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
    return spans


def _wrapped(last: str, line: str, longest: int) -> bool:
    """Whether ``line`` goes on the paragraph whose last line is ``last`` (see
    :func:`layout_paragraphs`)."""
    if SENTENCE_END.search(last):
        return False
    return len(last) >= WRAP_MIN and len(last) >= WRAP_SHARE * longest or line[:1].islower()


def _smooth(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Weak paragraphs (a dateline, a heading) take the language of a strong neighbour."""
    strong = [i for i, p in enumerate(paragraphs) if not p.guess.weak and p.lang != "und"]
    result = []
    for i, p in enumerate(paragraphs):
        if not p.guess.weak or not strong:
            result.append(p)
            continue
        nearest = min(strong, key=lambda j: (abs(j - i), j > i))
        neighbour = paragraphs[nearest]
        if p.lang == "und" or neighbour.script == p.script:
            result.append(Paragraph(p.start, p.end, p.guess, neighbour.lang,
                                    neighbour.script if p.lang == "und" else p.script))
        else:
            result.append(p)
    return result


def segment(text: str, identifier: LanguageIdentifier, *, merge: bool = True) -> list[Segment]:
    """Split a document into language segments."""
    paragraphs = []
    for start, end in layout_paragraphs(text):
        guess = identifier.identify(text[start:end])
        paragraphs.append(Paragraph(start, end, guess, guess.lang, guess.script))
    paragraphs = _smooth(paragraphs)
    segments: list[Segment] = []
    for p in paragraphs:
        last: Optional[Segment] = segments[-1] if segments else None
        if merge and last and last.lang == p.lang and last.script == p.script:
            last.paragraphs.append(p)
            last.end = p.end
            continue
        segments.append(Segment(p.start, p.end, p.lang, p.script, 0.0, "", "", [p]))
    for s in segments:
        s.raw = text[s.start:s.end]
        s.text = normalise(s.raw)
        weights = [max(1, p.guess.letters) for p in s.paragraphs]
        s.confidence = round(sum(w * p.guess.confidence for w, p in zip(weights, s.paragraphs)) / sum(weights), 4)
    return segments


def document_language(segments: list[Segment]) -> str:
    """The language with the most letters in the document, ``und`` if none."""
    letters: dict[str, int] = {}
    for s in segments:
        if s.lang != "und":
            letters[s.lang] = letters.get(s.lang, 0) + sum(p.guess.letters for p in s.paragraphs)
    if not letters:
        return "und"
    return max(sorted(letters), key=letters.__getitem__)
