"""Sums of money: a number with its scale and a currency word, code or symbol.

Numbers and scales come from the shared :class:`~pipeline.extract.counts.NumberGrammar`,
currency words (with their case forms) from ``models/lang/<code>/numbers.yaml``.
"""

from __future__ import annotations

from ..records import Money
from .counts import grammar, integral


def extract_money(segment, lang, *, context) -> list[Money]:
    """Sums with value and ISO currency, currency written before or after the number.

    Args:
        segment: the :class:`~pipeline.segmenting.Segment` to read.
        lang: that language's :class:`~pipeline.resources.LanguageData`.
    Returns:
        :class:`~pipeline.records.Money` records with absolute offsets; "EUR 2.5 million"
        and "1,5 млн сомонӣ" both give the value in units.
    """
    g = grammar(lang)
    text = segment.text
    sums = []
    for n in g.numbers(text):
        after = g.currency_at(text, n.end, before=False)
        before = None if after else g.currency_at(text, n.start, before=True)
        currency = after or before
        code = g.iso(currency.group()) if currency else None
        if not code:
            continue
        start, end = (n.start, after.end()) if after else (before.start(), n.end)
        sums.append(Money(text=segment.raw[start:end], start=segment.start + start,
                          end=segment.start + end, lang=segment.lang,
                          value=integral(n.value), currency=code))
    return sums
