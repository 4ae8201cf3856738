"""Views of a segment's text that several stages read: its sentences, the quoted spans of
a sentence, word counts between offsets, and a cache for others (the number scan).

Each is computed once (a segment's sentences are kept in its ``views``, a sentence's quotes
in a small cache) instead of by every stage that needs them, and in time linear in the
text: a document of many releases costs as much per word as one release.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

OPENERS = "\u201c\u00ab\u201e\u2018"
CLOSERS = "\u201d\u00bb"
STRAIGHT = "\"'"
# The characters quoted_spans acts on (a right single quote is only ever an apostrophe).
QUOTE_MARKS = re.compile("[\"'\u2018\u201c\u00ab\u201e\u201d\u00bb]")
WORDS = re.compile(r"\w+")


def view(seg, key, compute):
    """What ``compute()`` gives for a segment, computed once and kept in ``seg.views``
    under ``key`` (several stages read it: the number scan of counts and money)."""
    if key not in seg.views:
        seg.views[key] = compute()
    return seg.views[key]


def token_table(doc):
    """A ``Doc``'s token starts, lengths and trailing-space flags as lists of ints, and its
    sentence starts as spaCy's array column (one C call, not a Python object per token):
    what copying a stretch of its tokens into a Doc of their own needs."""
    from spacy.attrs import IDX, LENGTH, SENT_START, SPACY

    table = doc.to_array([IDX, LENGTH, SPACY, SENT_START])
    return table[:, 0].tolist(), table[:, 1].tolist(), table[:, 2].tolist(), table[:, 3:]


def sentences(segments) -> list[tuple[int, int]]:
    """Absolute sentence spans, never crossing a paragraph (headings have no full stop).

    >>> from pipeline.api import Pipeline
    >>> from pipeline.segmenting import segment
    >>> pipe = Pipeline()
    >>> text = "A seminar. It ended.\\n\\nTitle line\\n\\nLast one."
    >>> segs = segment(text, pipe.identifier)
    >>> for s in segs:
    ...     s.doc = pipe.tokenizers(s.text, s.lang)
    >>> [text[a:b] for a, b in sentences(segs)]
    ['A seminar.', 'It ended.', 'Title line', 'Last one.']
    """
    return [span for seg in segments for span in segment_sentences(seg)]


def segment_sentences(seg) -> list[tuple[int, int]]:
    """One segment's sentence spans (absolute), computed on first use and kept in ``seg.views``."""
    found = seg.views.get("sentences")
    if found is None:
        found = seg.views["sentences"] = _sentences(seg)
    return found


def _sentences(seg) -> list[tuple[int, int]]:
    """Each paragraph cut by the sentences that overlap it (found by bisection), trimmed."""
    text = seg.text
    paragraphs = [(p.start - seg.start, p.end - seg.start) for p in seg.paragraphs] or [(0, len(text))]
    cuts = [(s.start_char, s.end_char) for s in seg.doc.sents] if seg.doc is not None else [(0, len(text))]
    ends = [end for _, end in cuts]
    spans = []
    for p_start, p_end in paragraphs:
        i = bisect.bisect_right(ends, p_start)   # the first sentence ending inside or after the paragraph
        while i < len(cuts) and cuts[i][0] < p_end:
            start, end = max(cuts[i][0], p_start), min(cuts[i][1], p_end)
            i += 1
            piece = text[start:end]
            if end > start and piece.strip():
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                spans.append((seg.start + start + lead, seg.start + end - trail))
    return spans


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text (inside the marks), nesting and typographic pairs understood.

    A stray closing mark right after a quote and a colon extends it, so that
    “Янги авлод етакчиларни ўқитиш”: Сиёсий фанлар мактаби” is one title.

    >>> t = 'on “Prevention” and «A «B» C», "D": E"'
    >>> [t[s:e] for s, e in quoted_spans(t)]
    ['Prevention', 'A «B» C', 'B', 'D": E']
    """
    return list(_quoted_spans(text))


@lru_cache(maxsize=2048)   # the events and programmes assemblers read the same sentences
def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    last = len(text) - 1
    for m in QUOTE_MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in "'\u2018" and 0 < i < last and text[i - 1].isalpha() and text[i + 1].isalpha():
            continue  # an apostrophe inside a word: participants', o'quv, Orolbo‘yi
        if ch in STRAIGHT:
            if ch == "'" and i and text[i - 1].isalnum():
                continue  # a closing apostrophe: participants'
            if stack and stack[-1][0] == ch:
                spans.append((stack.pop()[1], i))
            elif ch == '"' or not text[i + 1:i + 2].isspace():
                if ch == '"' and _stray_closer(text, spans, i):
                    continue
                stack.append((ch, i + 1))
        elif ch in OPENERS and not (ch == "\u201c" and stack and stack[-1][0] == "\u201e"):
            stack.append((ch, i + 1))
        elif ch in CLOSERS or ch == "\u201c":
            if stack and stack[-1][0] not in STRAIGHT:
                spans.append((stack.pop()[1], i))
            else:
                _stray_closer(text, spans, i)
    return tuple(sorted(s for s in spans if s[1] > s[0]))


def _stray_closer(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """Extend the last quote over ``: subtitle`` when a closing mark has no opener."""
    if spans and re.fullmatch(r'["\u201d\u00bb]?:[^"\u201c\u201d\u00ab\u00bb\n]{1,80}', text[spans[-1][1]:i]):
        spans[-1] = (spans[-1][0], i)
        return True
    return False


def words_between(text: str, start: int, end: int) -> int:
    """How many words separate two offsets (``-1`` when they are in the wrong order)."""
    return len(WORDS.findall(text[start:end])) if end >= start else -1
