"""Regexes for the word lists of ``models/lang/<code>/*.yaml``, shared by every stage that
matches them: the list as one alternation (:func:`lexicon_pattern`), and as a trie of
shared prefixes where only whether a word occurs matters (:func:`presence_pattern`)."""

from __future__ import annotations

import re
from typing import Iterable

# Continuation of a word: letters, digits, or an apostrophe inside a word (Uzbek o'quv).
WORD_CHARS = r"(?:\w|'(?=\w))"


def lexicon_pattern(entries: Iterable[str]) -> str:
    """A regex alternation for a word list; ``*`` ending a word lets the word go on.

    Spaces match any whitespace, letters match any case (compile with ``re.I``), and
    longer entries are tried first so that "more than" wins over "more".

    >>> bool(re.fullmatch(lexicon_pattern(["семинар*", "more than"]), "Семинарда", re.I))
    True
    >>> re.findall(lexicon_pattern(["%", "per cent"]), "5% and 6 per cent", re.I)
    ['%', 'per cent']
    """
    # Consecutive entries that start with a letter share one look-behind: the regex engine
    # then tests "(?<!\w)" once per position instead of once per entry, which made a
    # long word list cost a trial at every character of every segment.
    runs: list[tuple[bool, list[str]]] = []
    for entry in sorted({str(e).strip() for e in entries if str(e).strip()}, key=lambda e: (-len(e), e)):
        stem = entry.endswith("*")
        body = entry.rstrip("*")
        words = [re.escape(w).replace("\\*", WORD_CHARS + "*") for w in body.split()]
        pattern = r"\s+".join(words)
        if stem:
            pattern += WORD_CHARS + "*"
        if body[-1].isalnum() and not stem:
            pattern += r"(?!\w)"
        word_initial = body[0].isalnum()
        if runs and runs[-1][0] == word_initial:
            runs[-1][1].append(pattern)
        else:
            runs.append((word_initial, [pattern]))
    parts = [(r"(?<!\w)(?:" if word_initial else "(?:") + "|".join(patterns) + ")"
             for word_initial, patterns in runs]
    return "(?:" + "|".join(parts) + ")" if parts else r"(?!)"


def presence_pattern(entries: Iterable[str]) -> re.Pattern:
    """A pattern that finds whether any entry of a word list occurs, not which: the entries'
    :func:`lexicon_pattern` pieces folded into a trie of shared prefixes, so that a text is
    tested against a few first letters per position instead of every entry (five to eight
    times faster on the role and event word lists). It matches where some entry matches,
    though not always the same text: use it only to ask whether.

    >>> [bool(presence_pattern(["co-fund*", "funded by"]).search(t)) for t in ("Co-funding", "refunded by", "funded")]
    [True, False, False]
    """
    trie: dict = {}
    for entry in {str(e).strip() for e in entries if str(e).strip()}:
        node = trie
        for atom in _atoms(entry):
            node = node.setdefault(atom, {})
        node[""] = {}
    return re.compile(trie_pattern(trie) if trie else r"(?!)", re.I)


def _atoms(entry: str) -> list[str]:
    """The regex pieces :func:`lexicon_pattern` makes of one entry, one per character."""
    body = entry.rstrip("*")
    stem = entry.endswith("*")
    atoms = [r"(?<!\w)"] if body[0].isalnum() else []
    for i, word in enumerate(body.split()):
        atoms += [r"\s+"] if i else []
        atoms += [WORD_CHARS + "*" if c == "*" else re.escape(c) for c in word]
    if stem:
        atoms.append(WORD_CHARS + "*")
    elif body[-1].isalnum():
        atoms.append(r"(?!\w)")
    return atoms


def trie_pattern(node: dict, written=str) -> str:
    """The regex of a trie (``{key: child}``, ``""`` marking a word's end), each key as
    ``written`` gives it; deeper branches first, so a longer word is tried before its prefix."""
    branches = [written(key) + trie_pattern(child, written)
                for key, child in sorted(node.items(), key=lambda kv: (-_depth(kv[1]), kv[0])) if key]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:   # a word ends here, and longer ones go on: try the longer first
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


def _depth(node: dict) -> int:
    return max((1 + _depth(child) for key, child in node.items() if key), default=0)


def compile_lexicon(entries: Iterable[str]) -> re.Pattern:
    """:func:`lexicon_pattern` compiled case-insensitively."""
    return re.compile(lexicon_pattern(entries), re.I)
