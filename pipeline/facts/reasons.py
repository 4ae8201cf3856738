"""Why the facts stage made each fact: the rule and the sentence, kept outside the contract.

The assemblers hand their reasons to :func:`explain`; they are kept only when the caller
asked for them (``DocumentContext.explanations`` is a list), so an ordinary run pays nothing.
``pressfacts explain FILE`` prints them beside the facts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    """One fact's origin: ``kind`` names the record list ("events", "funding"), ``index`` the
    record in it; ``rule`` says which rule made it, ``start``/``end`` the sentence it read."""

    kind: str
    index: int
    rule: str
    start: int
    end: int


def explain(context, kind: str, reasons: list) -> None:
    """Keep ``reasons`` (one list of ``(rule, (start, end))`` pairs, or one pair, per record of
    ``kind``, in record order) when the caller collects explanations."""
    kept = getattr(context, "explanations", None)
    if kept is None:
        return
    for index, given in enumerate(reasons):
        for rule, (start, end) in (given if isinstance(given, list) else [given]):
            kept.append(Reason(kind, index, rule, start, end))


def format_reasons(record, reasons: list[Reason], text: str) -> list[str]:
    """Lines for a reader: each fact, then each rule that made it and its sentence."""
    lines = []
    for kind in ("events", "funding"):
        for index, fact in enumerate(getattr(record, kind)):
            if kind == "events":
                date = fact.date.start if fact.date else "-"
                counts = ", ".join(f"{p.count} {p.group}" for p in fact.participants) or "-"
                lines.append(f"event {fact.type} {date} at {fact.location or '-'} ({fact.text!r}); participants: {counts}")
            else:
                lines.append(f"funding {fact.role} {fact.name} ({fact.text!r})")
            for r in reasons:
                if r.kind == kind and r.index == index:
                    sentence = " ".join(text[r.start:r.end].split())
                    lines.append(f"    {r.rule}\n      [{r.start}:{r.end}] {sentence}")
    return lines
