"""The review of a whole batch as a folder of small pages (``review OUT --html DIR/``).

``index.html`` is the overview: totals; funders and implementers with their documents,
events and sums by currency; events by month and by place (tables and charts);
programmes; languages; the inputs that failed, with ``_run.json``'s reasons.
``documents.html`` lists every document and filters and sorts in the browser. Each
document has a page of its own under ``docs/`` (text with its spans highlighted, tables
of the values beside it, previous and next). Every number links to the documents behind
it, every table row to its span (``#money-2``). Style and scripts are written once to
``_assets/``, so no page carries more than its own content; nothing is fetched from the
network. Records are read in one pass: a page is written as soon as its record is read.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import posixpath
import shutil
from pathlib import Path
from typing import Any, Iterable, Optional
from urllib.parse import quote, urlencode

from ..records import EVENT_TYPES
from . import charts
from .manifest import MANIFEST_NAME
from .overview import Group, Overview, distinct_money, document_date, month_of, people
from .review import KINDS, _period, escape, highlight, read_records, source_text
from .writers import write_atomic

ASSETS = "_assets"
STATIC = Path(__file__).parent / "static"
PLACES_CHARTED = 25
LEGEND = ("".join(f'<mark class="{k}">{k}</mark>' for k in dict.fromkeys(KINDS.values()))
          + " · paragraphs by language: "
          + "".join(f'<span class="seg-key lang-{c}">{c}</span>' for c in ("en", "ru", "uz", "ky", "kk", "tg")))


def _href(path: str, **params: Any) -> str:
    """A link to ``path`` (posix, relative), with a query of the non-empty ``params``."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return escape(quote(path) + (f"?{query}" if query else ""))


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _sums(money: dict[str, float]) -> str:
    return " · ".join(f"{currency} {_number(value)}" for currency, value in sorted(money.items()))


def _page(title: str, body: str, *, root: str, script: str = "") -> str:
    tail = f'<script src="{root}{ASSETS}/{script}"></script>' if script else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{escape(title)}</title>'
            f'<link rel="stylesheet" href="{root}{ASSETS}/review.css"></head><body>{body}{tail}</body></html>\n')


def _table(headers: list[str], rows: Iterable[list[str]], *, id: str = "", numeric: Iterable[int] = ()) -> str:
    """A table whose cells are HTML already (escape them before)."""
    numeric = set(numeric)
    head = "".join(f'<th{" class=n" if i in numeric else ""}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{c}</td>' for i, c in enumerate(row))
                   + "</tr>" for row in rows)
    return f'<table{f" id={id}" if id else ""}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class Site:
    """Paths of the pages and the links between them."""

    def __init__(self, records: list[Path], out_dir: Path):
        self.pages = [posixpath.join("docs", p.relative_to(out_dir).with_suffix(".html").as_posix()) for p in records]
        self.ids: list[str] = [""] * len(records)

    def link(self, doc: int, anchor: str = "", *, start: str = "") -> str:
        """The link to a document's page (and span) from the page at ``start``."""
        path = posixpath.relpath(self.pages[doc], posixpath.dirname(start) or ".") if start else self.pages[doc]
        return escape(quote(path) + (f"#{anchor}" if anchor else ""))

    def root(self, doc: int) -> str:
        return "../" * self.pages[doc].count("/")


# ---------------------------------------------------------------- document pages

def fact_tables(record: dict[str, Any], *, links: bool = True) -> str:
    """Tables of the values beside the text; with ``links``, each row's first cell links to its span."""
    def rows(field: str, cells) -> list[list[str]]:
        return [[f'<a href="#{field}-{i}">{escape(item["text"])}</a>' if links and item["end"] > item["start"]
                 else escape(item["text"]), *(escape(str(c)) if c is not None else "" for c in cells(item))]
                for i, item in enumerate(record.get(field, []))]

    sections = [
        ("funding", "Funding", ["text", "organisation", "role", "kb_id", "org_id"],
         lambda f: [f["name"], f["role"], f.get("kb_id"), f.get("org_id")]),
        ("events", "Events", ["trigger", "type", "date", "place", "participants", "organisers", "title"],
         lambda e: [e["type"], _period(e.get("date")), e.get("location"),
                    ", ".join(f"{p['count']} {p['group']}" for p in e.get("participants", [])),
                    ", ".join(e.get("organisers", [])), e.get("title")]),
        ("programmes", "Programmes", ["text", "name", "kind", "period", "kb_id"],
         lambda p: [p["name"], p["kind"], _period(p.get("period")), p.get("kb_id")]),
        ("money", "Money", ["text", "value", "currency"], lambda m: [_number(m["value"]), m["currency"]]),
        ("counts", "Counts", ["text", "value", "of"], lambda c: [c["value"], c["of"]]),
        ("dates", "Dates", ["text", "value", "granularity"],
         lambda d: [_period(d.get("value")) or "unresolved", d["granularity"]]),
        ("entities", "Entities", ["text", "label", "canonical name", "kb_id", "org_id"],
         lambda e: [e["label"], e["name"], e.get("kb_id"), e.get("org_id")]),
    ]
    out = []
    for field, caption, headers, cells in sections:
        items = rows(field, cells)
        out.append(f"<h3>{caption} ({len(items)})</h3>" + (_table(headers, items) if items else "<p class=meta>none</p>"))
    return "".join(out)


def document_page(doc: int, record: dict[str, Any], text: Optional[str], problem: Optional[str],
                  site: Site) -> str:
    """The page of one document: navigation, metadata, highlighted text, value tables."""
    root = site.root(doc)
    here = site.pages[doc]
    total = len(site.pages)
    prev_link = (f'<a rel="prev" href="{site.link(doc - 1, start=here)}">← previous</a>'
                 if doc > 0 else "<span class=meta>← previous</span>")
    next_link = (f'<a rel="next" href="{site.link(doc + 1, start=here)}">next →</a>'
                 if doc + 1 < total else "<span class=meta>next →</span>")
    reference = record.get("reference_date") or {}
    dateline = record.get("dateline") or {}
    source = record.get("source") or {}
    meta = " · ".join(x for x in (
        source.get("path") or "", f"language {record.get('language', '')}",
        f"reference date {reference.get('value')} ({reference.get('source')})" if reference else "no reference date",
        f"dateline “{dateline.get('text')}”" if dateline else "") if x)
    parts = [f'<nav class="top">{prev_link}<a href="{root}index.html">overview</a>'
             f'<a href="{root}documents.html">all documents</a>{next_link}'
             f'<span class="pos">document {doc + 1} of {total}</span></nav>',
             f'<h1>{escape(record.get("id", ""))}</h1><p class=meta>{escape(meta)}</p>',
             f"<p class=legend>{LEGEND}</p>"]
    parts += [f"<p class=warn>⚠ {escape(w)}</p>" for w in record.get("warnings", [])]
    shown = (f'<div class="text">{highlight(text, record, anchors=True)}</div>' if text is not None
             else f"<p class=warn>Text not shown: {escape(problem or '')}</p>")
    parts.append(f'<div class="doc">{shown}<div class="facts">{fact_tables(record)}</div></div>')
    return _page(record.get("id", ""), "".join(parts), root=root, script="document.js")


# ---------------------------------------------------------------- the document list

class Names:
    """Organisation and programme names as small numbers, so the list's rows stay short;
    ``documents.html`` carries the table once and its script matches names against it."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def __call__(self, names: Iterable[str]) -> str:
        return " ".join(str(self.codes.setdefault(n.lower(), len(self.codes))) for n in sorted(set(names)) if n)

    def json(self) -> str:
        return json.dumps(list(self.codes), ensure_ascii=False).replace("</", "<\\/")


def _tokens(names: Iterable[str]) -> str:
    return escape("|".join(sorted({n.lower().replace("|", " ") for n in names if n})))


def list_row(doc: int, record: dict[str, Any], site: Site, names: Names) -> str:
    """One row of ``documents.html``; its data attributes are what the filters read."""
    funding = record.get("funding", [])
    events = record.get("events", [])
    funders = sorted({f["name"] for f in funding if f["role"] == "funder"})
    implementers = sorted({f["name"] for f in funding if f["role"] == "implementer"})
    orgs = [f["name"] for f in funding] + [e["name"] for e in record.get("entities", []) if e["label"] == "ORG"]
    languages = sorted({record.get("language", "und")} | {s["lang"] for s in record.get("segments", [])})
    places = sorted({e["location"] for e in events if e.get("location")})
    types = sorted({e["type"] for e in events})
    date = document_date(record)
    money = distinct_money(record)
    has = " ".join(f for f in ("events", "funding", "money", "programmes", "warnings") if record.get(f))
    attrs = {
        "n": doc, "lang": " ".join(languages), "date": date, "has": has,
        "events": " ".join(sorted({f"{e['type']}@{month_of(e.get('date'))}" for e in events})),
        "n_events": len(events), "n_funding": len(funding), "n_money": len(money),
        "people": sum(people(e) for e in events),
    }
    data = "".join(f' data-{k.replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    data += (f' data-orgs="{names(orgs)}" data-funders="{names(funders)}"'
             f' data-implementers="{names(implementers)}" data-places="{_tokens(places)}"'
             f' data-programmes="{names(p["name"] for p in record.get("programmes", []))}"')
    cells = [f'<a href="{site.link(doc)}">{escape(record.get("id", ""))}</a>', escape(date), escape(" ".join(languages)),
             escape(", ".join(funders)), escape(", ".join(implementers)),
             escape(", ".join(types)) + (f" ({len(events)})" if events else ""), escape(", ".join(places)),
             escape(_sums(money)), str(len(record.get("warnings", [])) or "")]
    return f"<tr{data}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def documents_page(rows: list[str], overview: Overview, names: Names) -> str:
    def options(values: Iterable[str]) -> str:
        return '<option value="">any</option>' + "".join(
            f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)

    organisations = sorted({g.name for g in (*overview.funders.values(), *overview.implementers.values())})
    form = (
        '<form class="filters">'
        f'<label>language<select name="lang">{options(sorted(overview.languages))}</select></label>'
        '<label>organisation<input name="org" list="orgs" size="22" placeholder="name, or part of one"></label>'
        f'<datalist id="orgs">{"".join(f"<option value={chr(34)}{escape(o)}{chr(34)}>" for o in organisations)}</datalist>'
        '<label>as<select name="role"><option value="">any mention</option><option value="funder">funder</option>'
        '<option value="implementer">implementer</option></select></label>'
        f'<label>event type<select name="type">{options(t for t in EVENT_TYPES if overview.event_types[t])}</select></label>'
        '<label>from<input name="from" type="month"></label><label>to<input name="to" type="month"></label>'
        f'<label>event place<select name="place">{options(g.name for g in sorted(overview.places.values(), key=lambda g: g.name.lower()))}</select></label>'
        '<label>programme<input name="programme" size="18"></label>'
        f'<label>with<select name="has">{options(("events", "funding", "money", "programmes", "warnings"))}</select></label>'
        '<label>sort<select name="sort"><option value="id">by id</option><option value="date">date ↑</option>'
        '<option value="date:desc">date ↓</option><option value="n-events:desc">events ↓</option>'
        '<option value="n-funding:desc">funding ↓</option><option value="people:desc">people ↓</option></select></label>'
        '<button type="reset">clear</button>'
        f'<span><b id="shown">{len(rows)}</b> of {len(rows)} documents</span></form>')
    head = "".join(f"<th>{h}</th>" for h in ("document", "date", "languages", "funders", "implementers",
                                              "events", "places", "money", "warnings"))
    body = (f'<nav class="top"><a href="index.html">overview</a><b>documents</b></nav><h1>Documents</h1>'
            "<p class=meta>A document's date is its reference date (dateline), else its first event's. "
            "An event type or date range keeps documents with an event of that type in that range "
            "(without a type: a document or event date in range).</p>"
            f'<script type="application/json" id="names">{names.json()}</script>'
            f'{form}<table id="documents"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return _page("pressfacts review: documents", body, root="", script="documents.js")


# ---------------------------------------------------------------- the overview

def _mentions(group: Group, site: Site) -> str:
    links = "".join(f'<a href="{site.link(doc, anchor)}">{escape(site.ids[doc])}: “{escape(text[:60])}”</a>'
                    for doc, anchor, text in group.mentions)
    more = f" … {group.n_mentions - len(group.mentions)} more in the list" if group.n_mentions > len(group.mentions) else ""
    return f"<details><summary>{group.n_mentions} spans</summary>{links}{more}</details>"


def _organisations(table: dict[str, Group], role: str, site: Site) -> str:
    groups = sorted(table.values(), key=lambda g: (-len(g.documents), g.name))
    if not groups:
        return f"<p class=meta>No {role}s found.</p>"
    rows = []
    for g in groups:
        link = _href("documents.html", org=g.name, role=role)
        rows.append([escape(g.name), escape(g.kb_id or ""), escape(g.org_id or ""),
                     f'<a href="{link}">{len(g.documents)}</a>',
                     f'<a href="{_href("documents.html", org=g.name, role=role, has="events")}">{g.events}</a>',
                     f'<a href="{_href("documents.html", org=g.name, role=role, sort="people:desc")}">{g.people:,}</a>',
                     f'<a href="{_href("documents.html", org=g.name, role=role, has="money")}">{escape(_sums(g.money))}</a>'
                     if g.money else "",
                     _mentions(g, site)])
    return _table(["organisation", "kb_id", "org_id", "documents", "events", "people", "money in their documents",
                   "where"], rows, id=f"{role}s", numeric=(3, 4, 5))


def _events_over_time(overview: Overview, types: list[str]) -> tuple[str, str]:
    data = [{"month": f"{month}-01", "type": etype, "events": g.events,
             "href": _href("documents.html", type=etype, **{"from": month, "to": month})}
            for (month, etype), g in sorted(overview.months.items())]
    chart = charts.render_svg(charts.events_by_month(data, types)) if data else ""
    by_month: dict[str, dict[str, Group]] = {}
    for (month, etype), g in overview.months.items():
        by_month.setdefault(month, {})[etype] = g
    rows = []
    for month in sorted(by_month):
        cells = by_month[month]
        link = _href("documents.html", **{"from": month, "to": month})
        rows.append([f'<a href="{link}">{month}</a>', *(
            f'<a href="{_href("documents.html", type=t, **{"from": month, "to": month})}">{cells[t].events}</a>'
            if t in cells else "" for t in types)])
    table = _table(["month", *types], rows, numeric=range(1, len(types) + 1))
    return chart, table


def _places(overview: Overview, types: list[str]) -> tuple[str, str]:
    groups = sorted(overview.places.values(), key=lambda g: (-g.events, g.name))
    data = [{"place": g.name, "type": t, "events": n, "total": g.events, "href": _href("documents.html", place=g.name)}
            for g in groups[:PLACES_CHARTED] for t, n in sorted(g.types.items())]
    chart = charts.render_svg(charts.events_by_place(data, types)) if data else ""
    rows = [[escape(g.name), f'<a href="{_href("documents.html", place=g.name)}">{g.events}</a>',
             f'<a href="{_href("documents.html", place=g.name)}">{len(g.documents)}</a>', f"{g.people:,}",
             escape(", ".join(f"{t} {n}" for t, n in g.types.most_common()))] for g in groups]
    return chart, _table(["place", "events", "documents", "people", "types"], rows, id="places", numeric=(1, 2, 3))


def index_page(overview: Overview, site: Site, title: str) -> str:
    types = [t for t in EVENT_TYPES if overview.event_types[t]]
    n_docs = overview.documents

    def count(group: Optional[Group]) -> int:
        return len(group.documents) if group else 0

    totals = [
        ("documents", f'<a href="documents.html">{n_docs:,}</a>'),
        ("failed inputs", f'<a href="#failed">{len(overview.failed):,}</a>'),
        ("languages", f'<a href="#languages">{len(overview.languages)}</a>'),
        ("events", f'<a href="{_href("documents.html", has="events")}">{overview.events:,}</a>'
                   f' <small>in {count(overview.with_field.get("events")):,} documents</small>'),
        ("people at events", f'<a href="{_href("documents.html", has="events", sort="people:desc")}">{overview.people:,}</a>'),
        ("funders", f'<a href="#funders">{len(overview.funders)}</a>'),
        ("implementers", f'<a href="#implementers">{len(overview.implementers)}</a>'),
        ("programmes", f'<a href="#programmes">{len(overview.programmes)}</a>'),
        ("money named", f'<a href="{_href("documents.html", has="money")}">{escape(_sums(overview.money)) or "none"}</a>'),
    ]
    parts = [f'<nav class="top"><b>overview</b><a href="documents.html">documents</a>'
             f'<a href="#time">events over time</a><a href="#funders">funders</a><a href="#implementers">implementers</a>'
             f'<a href="#where">events by place</a><a href="#programmes">programmes</a><a href="#languages">languages</a>'
             f'<a href="#failed">failed inputs</a></nav><h1>{escape(title)}</h1>',
             '<ul class="totals">' + "".join(f"<li><b>{v}</b>{escape(k)}</li>" for k, v in totals) + "</ul>",
             "<p class=meta>Every number links to the documents behind it. Money is the distinct amounts each "
             "document names (a sum named twice counts once), added up by currency; people are each event's "
             "largest participant count.</p>"]
    chart, table = _events_over_time(overview, types)
    undated = overview.undated_events
    parts.append(f'<h2 id="time">Events over time</h2><div class="chart" id="events-chart">{chart}</div>'
                 f'<p class=meta>By the month the event starts; <a href="{_href("documents.html", has="events")}">'
                 f'{undated.events}</a> events have no month.</p><details><summary>as a table</summary>{table}</details>')
    parts.append('<h2 id="funders-h">Funders</h2>' + _organisations(overview.funders, "funder", site))
    parts.append('<h2 id="implementers-h">Implementers</h2>' + _organisations(overview.implementers, "implementer", site))
    chart, table = _places(overview, types)
    parts.append(f'<h2 id="where">Events by place</h2><div class="cols"><div class="chart" id="places-chart">{chart}</div>'
                 f"<div>{table}</div></div>")
    programmes = sorted(overview.programmes.values(), key=lambda g: (-len(g.documents), g.name))
    parts.append('<h2 id="programmes">Programmes</h2>' + _table(
        ["programme", "kb_id", "kind", "periods", "documents", "where"],
        ([escape(g.name), escape(g.kb_id or ""), escape(g.kind), escape(", ".join(sorted(g.periods))),
          f'<a href="{_href("documents.html", programme=g.name)}">{len(g.documents)}</a>', _mentions(g, site)]
         for g in programmes), numeric=(4,)))
    parts.append('<h2 id="languages">Languages</h2><p class=meta>Documents whose main language it is, or that '
                 'have a paragraph in it.</p>' + _table(
                     ["language", "documents"],
                     ([escape(lang), f'<a href="{_href("documents.html", lang=lang)}">{len(g.documents)}</a>']
                      for lang, g in sorted(overview.languages.items(), key=lambda x: -len(x[1].documents))),
                     numeric=(1,)))
    parts.append(f'<h2 id="failed">Failed inputs ({len(overview.failed)})</h2>' + (_table(
        ["input", "reason"], ([escape(str(f.get("input", ""))), escape(str(f.get("reason", "")))]
                              for f in overview.failed)) if overview.failed else "<p class=meta>None.</p>"))
    return _page(title, "".join(parts), root="")


def _write_pages(site_dir: Path, site: Site, records: list[dict[str, Any]], docs: range,
                 sources_dir: Optional[Path], out_dir: Path) -> None:
    for doc in docs:
        record = records[doc]
        page = site_dir / site.pages[doc]
        page.parent.mkdir(parents=True, exist_ok=True)
        text, problem = source_text(record, base=sources_dir, out_dir=out_dir)
        page.write_text(document_page(doc, record, text, problem, site), encoding="utf-8")


def _in_processes(n_records: int) -> int:
    """Document pages are written by two forked processes for a large batch (they take
    half the time); where fork is not available, by this one."""
    if n_records < 200 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(2, os.cpu_count() or 1)


def write_site(out_dir: Path, site_dir: Path, *, sources_dir: Optional[Path] = None,
               title: Optional[str] = None, skipped: Optional[list[dict[str, str]]] = None) -> int:
    """Write the review folder of every record under ``out_dir``; return how many there were.

    Files that are no record are left out, listed among the overview's failed inputs and
    appended to ``skipped`` when it is given.
    """
    # Records and pages are trees of dicts and strings, freed by reference counting; the
    # cycle collector would only walk them (and whatever else the process holds, such as
    # a notebook's loaded models) again and again as they pile up.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _write_site(out_dir, site_dir, sources_dir=sources_dir, title=title, skipped=skipped)
    finally:
        if collecting:
            gc.enable()


def _write_site(out_dir: Path, site_dir: Path, *, sources_dir: Optional[Path], title: Optional[str],
                skipped: Optional[list[dict[str, str]]]) -> int:
    charts._converter()  # a missing extra is reported before anything is written
    read, unreadable = read_records(out_dir)
    if skipped is not None:
        skipped.extend(unreadable)
    files = [path for path, _record in read]
    site = Site(files, out_dir)
    records = [record for _path, record in read]
    site.ids = [record.get("id", "") for record in records]
    site_dir.mkdir(parents=True, exist_ok=True)
    workers = _in_processes(len(records))
    if workers > 1:
        context = multiprocessing.get_context("fork")
        processes = [context.Process(target=_write_pages, daemon=True,
                                     args=(site_dir, site, records, range(k, len(records), workers), sources_dir, out_dir))
                     for k in range(workers)]
        for process in processes:
            process.start()
    warm = charts.warm_up()  # after the fork: the converter's runtime stays in this process
    if workers == 1:
        _write_pages(site_dir, site, records, range(len(records)), sources_dir, out_dir)
    overview = Overview()
    manifest = out_dir / MANIFEST_NAME
    if manifest.exists():
        try:
            overview.failed = json.loads(manifest.read_text(encoding="utf-8")).get("failed", [])
        except (OSError, ValueError):
            overview.failed = [{"input": manifest.as_posix(), "reason": "the run manifest is not readable"}]
    overview.failed = overview.failed + unreadable
    names = Names()
    rows = []
    for doc, record in enumerate(records):
        overview.add(doc, record)
        rows.append(list_row(doc, record, site, names))
    assets = site_dir / ASSETS
    assets.mkdir(exist_ok=True)
    for name in ("review.css", "documents.js", "document.js"):
        shutil.copyfile(STATIC / name, assets / name)
    write_atomic(site_dir / "documents.html", documents_page(rows, overview, names))
    warm.join()
    write_atomic(site_dir / "index.html", index_page(overview, site, title or f"pressfacts review: {out_dir}"))
    if workers > 1:
        for process in processes:
            process.join()
        if any(process.exitcode for process in processes):
            raise OSError(f"writing the document pages under {site_dir / 'docs'} failed")
    return len(files)
