"""What adds up across a batch of records: the figures of the review's overview page.

Pure data, no HTML: :class:`Overview` takes records one at a time (so a batch is read in
one pass) and keeps, for each organisation, place, month and programme, how many
documents and events stand behind it and which pages and spans to link to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

MENTIONS_SHOWN = 40  # span links listed per row of the overview; the rest are a filtered list away


def month_of(period: Optional[dict[str, str]]) -> str:
    """``YYYY-MM`` of a period's start, or "" when it is coarser than a month.

    >>> month_of({"start": "2023-05-13", "end": "2023-05-14"}), month_of({"start": "2023", "end": "2023"})
    ('2023-05', '')
    """
    start = (period or {}).get("start") or ""
    return start[:7] if len(start) >= 7 and start[4] == "-" and start[5:7].isdigit() else ""


def document_date(record: dict[str, Any]) -> str:
    """The date a document is listed under: its reference date, else its first event's."""
    if record.get("reference_date"):
        return record["reference_date"]["value"]
    dateline = (record.get("dateline") or {}).get("date")
    if dateline:
        return dateline["start"]
    starts = sorted(e["date"]["start"] for e in record.get("events", []) if e.get("date"))
    return starts[0] if starts else ""


def distinct_money(record: dict[str, Any]) -> dict[str, float]:
    """Sums by currency of the distinct amounts a document names (a sum named in the title
    and again in the body counts once)."""
    sums: dict[str, float] = {}
    for value, currency in {(m["value"], m["currency"]) for m in record.get("money", [])}:
        sums[currency] = sums.get(currency, 0) + value
    return sums


def people(event: dict[str, Any]) -> int:
    """How many people an event had: its largest participant count (subgroups are inside it)."""
    return max((p["count"] for p in event.get("participants", [])), default=0)


@dataclass
class Group:
    """One row of an overview table: an organisation, place, programme or language."""

    name: str
    kb_id: Optional[str] = None
    org_id: Optional[str] = None
    kind: str = ""
    documents: list[int] = field(default_factory=list)
    events: int = 0
    people: int = 0
    money: dict[str, float] = field(default_factory=dict)
    periods: set[str] = field(default_factory=set)
    types: Counter = field(default_factory=Counter)
    mentions: list[tuple[int, str, str]] = field(default_factory=list)  # (document, anchor, text)
    n_mentions: int = 0

    def add_document(self, doc: int) -> bool:
        if self.documents and self.documents[-1] == doc:
            return False
        self.documents.append(doc)
        return True

    def mention(self, doc: int, anchor: str, text: str) -> None:
        self.n_mentions += 1
        if len(self.mentions) < MENTIONS_SHOWN:
            self.mentions.append((doc, anchor, text))


def org_key(item: dict[str, Any]) -> str:
    """Organisations are the same when their KB id is, else when their names are."""
    return item.get("kb_id") or item["name"].lower()


@dataclass
class Overview:
    """The batch's figures, filled by :meth:`add` one record at a time.

    >>> overview = Overview()
    >>> overview.add(0, {"id": "a", "language": "en", "segments": [], "money": [],
    ...     "funding": [{"name": "European Union", "kb_id": "Q458", "role": "funder", "text": "EU",
    ...                  "start": 0, "end": 2}],
    ...     "events": [{"type": "seminar", "text": "seminar", "date": {"start": "2023-05-02", "end": "2023-05-02"},
    ...                 "location": "Osh", "participants": [{"count": 20, "group": "judges"}]}]})
    >>> overview.funders["Q458"].documents, overview.months[("2023-05", "seminar")].events, overview.people
    ([0], 1, 20)
    """

    documents: int = 0
    events: int = 0
    people: int = 0
    money: dict[str, float] = field(default_factory=dict)
    undated_events: Group = field(default_factory=lambda: Group("events without a month"))
    funders: dict[str, Group] = field(default_factory=dict)
    implementers: dict[str, Group] = field(default_factory=dict)
    months: dict[tuple[str, str], Group] = field(default_factory=dict)
    places: dict[str, Group] = field(default_factory=dict)
    programmes: dict[str, Group] = field(default_factory=dict)
    languages: dict[str, Group] = field(default_factory=dict)
    event_types: Counter = field(default_factory=Counter)
    with_field: dict[str, Group] = field(default_factory=dict)
    failed: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: int, record: dict[str, Any]) -> None:
        self.documents += 1
        events = record.get("events", [])
        money = distinct_money(record)
        doc_people = sum(people(e) for e in events)
        self.events += len(events)
        self.people += doc_people
        for currency, value in money.items():
            self.money[currency] = self.money.get(currency, 0) + value
        for name in ("events", "funding", "money", "programmes", "warnings"):
            if record.get(name):
                self.with_field.setdefault(name, Group(name)).add_document(doc)
        languages = {record.get("language", "und")} | {s["lang"] for s in record.get("segments", [])}
        for lang in sorted(languages):
            self.languages.setdefault(lang, Group(lang)).add_document(doc)
        for i, item in enumerate(record.get("funding", [])):
            table = self.funders if item["role"] == "funder" else self.implementers
            group = table.setdefault(org_key(item), Group(item["name"], item.get("kb_id"), item.get("org_id")))
            if group.add_document(doc):
                group.events += len(events)
                group.people += doc_people
                for currency, value in money.items():
                    group.money[currency] = group.money.get(currency, 0) + value
            group.mention(doc, f"funding-{i}", item["text"])
        for i, event in enumerate(events):
            self.event_types[event["type"]] += 1
            month = month_of(event.get("date"))
            group = self.months.setdefault((month, event["type"]), Group(month)) if month else self.undated_events
            group.add_document(doc)
            group.events += 1
            group.mention(doc, f"events-{i}", event["text"])
            if event.get("location"):
                place = self.places.setdefault(event["location"].lower(), Group(event["location"]))
                place.add_document(doc)
                place.events += 1
                place.people += people(event)
                place.types[event["type"]] += 1
                place.mention(doc, f"events-{i}", event["text"])
        for i, item in enumerate(record.get("programmes", [])):
            group = self.programmes.setdefault(org_key(item), Group(item["name"], item.get("kb_id"), kind=item["kind"]))
            group.add_document(doc)
            if item.get("period"):
                period = item["period"]
                group.periods.add(period["start"] if period["start"] == period["end"]
                                  else f"{period['start']}–{period['end']}")
            group.mention(doc, f"programmes-{i}", item["text"])
