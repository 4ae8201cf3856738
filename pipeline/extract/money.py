"""Sums of money: a number with its scale and a currency word, code or symbol.

Numbers and scales come from the shared :class:`~pipeline.extract.counts.NumberGrammar`,
currency words (with their case forms) from ``models/lang/<code>/numbers.yaml``.
"""

from __future__ import annotations

from ..records import Money
from .counts import grammar, integral, number_scan


def extract_money(segment, lang, *, context) -> list[Money]:
    """Sums with value and ISO currency, currency written before or after the number.

    Args:
        segment: the :class:`~pipeline.segmenting.Segment` to read.
        lang: that language's :class:`~pipeline.resources.LanguageData`.
    Returns:
        :class:`~pipeline.records.Money` records with absolute offsets; "EUR 2.5 million"
        and "1,5 млн сомонӣ" both give the value in units; a scaled sum without its
        currency takes that of the sum before it (:func:`~pipeline.extract.counts.elided_currencies`).
    """
    g = grammar(lang)
    text = segment.text
    sums = []
    numbers, elided = number_scan(segment, g)
    shared: dict[int, str] = {}   # "15 million va 10 million so'm": the first sum takes the second's currency
    for n, following in reversed(list(zip(numbers, numbers[1:]))):
        if n.scaled and following.scaled and g.joiners.fullmatch(text[n.end:following.start].strip()):
            after = g.currency_at(text, following.end, before=False)
            code = g.iso(after.group()) if after else shared.get(following.start)
            if code:
                shared[n.start] = code
    taken = set()   # currencies written after a number: "300 мың теңгелік 240 грант" gives no 240 KZT
    for n in numbers:
        after = g.currency_at(text, n.end, before=False)
        before = None if after else g.currency_at(text, n.start, before=True)
        if before is not None and before.span() in taken:
            before = None
        if after is not None:
            taken.add(after.span())
        currency = after or before
        code = g.iso(currency.group()) if currency else shared.get(n.start) or elided.get(n.start)
        if not code:
            continue
        start, end = (n.start, after.end()) if after else (before.start(), n.end) if before else (n.start, n.end)
        sums.append(Money(text=segment.raw[start:end], start=segment.start + start,
                          end=segment.start + end, lang=segment.lang,
                          value=integral(n.value), currency=code))
    return sums
