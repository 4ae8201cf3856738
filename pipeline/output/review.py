"""An HTML page to check records by eye: each document's text with its spans highlighted.

One self-contained file (inline CSS, no script, no fonts or images from the network), so
it can be mailed or opened offline. Spans are coloured by kind, language segments carry
their code, and each document has tables of its events, programmes and funding. The text
comes from the record's ``source.path``, decoded exactly as the pipeline decoded it; when
the file is gone or its bytes changed (``sha256`` differs) the page says so and shows the
tables only, since offsets into other text would mark the wrong words.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional

from ..errors import InputError
from ..reading import read_bytes
from .manifest import MANIFEST_NAME
from .writers import write_atomic


def escape(text: str) -> str:
    """HTML-escaped text, for element content and double-quoted attributes (``html.escape``
    without its single-quote pass: the review writes no single-quoted attribute)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

# Highlighted fields, their kind (CSS class) and how a span's tooltip describes it.
KINDS = {
    "entities": "entity",
    "programmes": "programme",
    "dates": "date",
    "counts": "count",
    "money": "money",
    "events": "event",
    "funding": "funding",
}
COLOURS = {  # later kinds paint over earlier ones where spans overlap; funding underlines
    "entity": "#cfe3ff", "programme": "#e6d7ff", "date": "#c9f0cf", "count": "#ffd9a8",
    "money": "#fff2a0", "event": "#ffc4c4",
}

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em 2em;color:#222}
h1{margin:.2em 0} h2{margin:1.6em 0 .3em;border-top:2px solid #888;padding-top:.6em}
.meta{color:#555;font-size:13px} .warn{color:#a40000}
.legend mark{margin-right:.6em}
.text{white-space:pre-wrap;font:14px/1.6 ui-monospace,monospace;background:#fafafa;border:1px solid #ddd;padding:.8em}
.seg{display:block;border-left:4px solid #999;padding-left:.6em;margin:.3em 0}
.seg::before{content:attr(data-label);display:block;font:11px system-ui,sans-serif;color:#fff;
  background:#666;width:max-content;padding:0 .4em;border-radius:3px}
.seg.lang-en{border-color:#1f77b4}.seg.lang-ru{border-color:#d62728}.seg.lang-uz{border-color:#2ca02c}
.seg.lang-ky{border-color:#ff7f0e}.seg.lang-kk{border-color:#17becf}.seg.lang-tg{border-color:#9467bd}
mark{border-radius:2px;padding:0 1px;color:inherit;background:none}
""" + "".join(f"mark.{kind}{{background:{colour}}}\n" for kind, colour in COLOURS.items()) + """
mark.funding{border-bottom:3px solid #c2185b;font-weight:600}
table{border-collapse:collapse;margin:.5em 0;font-size:13px} td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#eee} nav table{font-size:12px}
"""


def _period(value: Optional[dict[str, str]]) -> str:
    if not value:
        return ""
    return value["start"] if value["start"] == value["end"] else f"{value['start']} – {value['end']}"


def _describe(field: str, span: dict[str, Any]) -> str:
    """The tooltip of one span: its kind and normalised value."""
    if field == "entities":
        return f"entity {span['label']}: {span['name']}" + (f" ({span['kb_id']})" if span.get("kb_id") else "")
    if field == "dates":
        return f"date: {_period(span.get('value')) or 'unresolved'} ({span['granularity']})"
    if field == "counts":
        return f"count: {span['value']} {span['of']}"
    if field == "money":
        return f"money: {span['value']} {span['currency']}"
    if field == "events":
        return f"event trigger: {span['type']}"
    if field == "funding":
        return f"funding {span['role']}: {span['name']}"
    return f"programme ({span['kind']}): {span['name']}"


def _spans(record: dict[str, Any]) -> list[tuple[int, int, str, str, str]]:
    """``(start, end, kind, tooltip, anchor)`` of every highlighted span; the anchor is
    ``field-index`` (``money-2``), the id a page gives the span and its table row links to."""
    return [(s["start"], s["end"], kind, _describe(field, s), f"{field}-{i}")
            for field, kind in KINDS.items() for i, s in enumerate(record.get(field, [])) if s["end"] > s["start"]]


def highlight(text: str, record: dict[str, Any], *, anchors: bool = False) -> str:
    """The document text as HTML: segments as blocks, spans as ``<mark>`` by kind.

    The text is cut at every span and segment boundary; each piece is marked with every
    kind that covers it, so overlapping and nested spans all stay visible. With
    ``anchors``, each span's start carries an empty element whose id is the span's anchor
    and each piece lists in ``data-spans`` the anchors of the spans covering it.

    >>> record = {"segments": [{"start": 0, "end": 14, "lang": "en", "script": "Latn", "confidence": 1.0}],
    ...           "dates": [{"start": 8, "end": 14, "text": "May 13", "granularity": "day",
    ...                      "value": {"start": "2023-05-13", "end": "2023-05-13"}}]}
    >>> highlight("Opened: May 13", record)  # doctest: +NORMALIZE_WHITESPACE
    '<span class="seg lang-en" data-lang="en" data-label="en · Latn · 1.00">Opened: <mark class="date"
    data-kinds="date" title="date: 2023-05-13 (day)">May 13</mark></span>'
    >>> highlight("Opened: May 13", record, anchors=True)  # doctest: +ELLIPSIS
    '...Opened: <span class=anchor id="dates-0"></span><mark class="date" data-kinds="date" data-spans="dates-0" ...'
    """
    spans = _spans(record)
    segments = record.get("segments", [])
    cuts = sorted({0, len(text)} | {p for s in spans for p in s[:2]}
                  | {p for s in segments for p in (s["start"], s["end"])})
    starting: dict[int, list] = {}
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        starting.setdefault(span[0], []).append(span)
    opening = {s["start"]: s for s in segments}
    closing: dict[int, int] = {}
    for s in segments:
        closing[s["end"]] = closing.get(s["end"], 0) + 1
    order = {kind: n for n, kind in enumerate(dict.fromkeys(KINDS.values()))}
    active: list = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        seg = opening.get(a)
        if seg is not None:
            label = f"{seg['lang']} · {seg['script']} · {seg['confidence']:.2f}"
            out.append(f'<span class="seg lang-{escape(seg["lang"])}" data-lang="{escape(seg["lang"])}" '
                       f'data-label="{escape(label)}">')
        new = starting.get(a, [])
        if anchors:
            out.extend(f'<span class=anchor id="{s[4]}"></span>' for s in new)
        active = [s for s in active if s[1] > a] + new
        piece = escape(text[a:b])
        if active:
            kinds = " ".join(sorted({s[2] for s in active}, key=order.__getitem__))
            tip = escape("; ".join(dict.fromkeys(s[3] for s in active)))
            keys = f' data-spans="{" ".join(s[4] for s in active)}"' if anchors else ""
            piece = f'<mark class="{kinds}" data-kinds="{kinds}"{keys} title="{tip}">{piece}</mark>'
        out.append(piece)
        out.extend("</span>" for _ in range(closing.get(b, 0)))
    return "".join(out)


def _table(headers: list[str], rows: Iterable[list[Any]], caption: str) -> str:
    rows = list(rows)
    if not rows:
        return f"<p class=meta>No {escape(caption.lower())}.</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table class={escape(caption.lower())}><caption>{escape(caption)}</caption><tr>{head}</tr>{body}</table>"


def _document(n: int, record: dict[str, Any], text: Optional[str], problem: Optional[str]) -> str:
    reference = record.get("reference_date") or {}
    dateline = record.get("dateline") or {}
    meta = " · ".join(x for x in (
        record.get("source", {}).get("path") or "", f"language {record.get('language', '')}",
        f"reference date {reference.get('value')} ({reference.get('source')})" if reference else "no reference date",
        f"dateline “{dateline.get('text')}”" if dateline else "") if x)
    parts = [f'<article id="doc-{n}"><h2>{escape(record.get("id", ""))}</h2><p class=meta>{escape(meta)}</p>']
    parts += [f"<p class=warn>⚠ {escape(w)}</p>" for w in record.get("warnings", [])]
    if text is None:
        parts.append(f"<p class=warn>Text not shown: {escape(problem or '')}</p>")
    else:
        parts.append(f'<div class="text">{highlight(text, record)}</div>')
    parts.append(_table(
        ["type", "trigger", "title", "date", "location", "participants", "organisers"],
        ([e["type"], e["text"], e.get("title") or "", _period(e.get("date")), e.get("location") or "",
          ", ".join(f"{p['count']} {p['group']}" for p in e.get("participants", [])),
          ", ".join(e.get("organisers", []))] for e in record.get("events", [])), "Events"))
    parts.append(_table(["name", "kind", "period", "text"],
                        ([p["name"], p["kind"], _period(p.get("period")), p["text"]]
                         for p in record.get("programmes", [])), "Programmes"))
    parts.append(_table(["organisation", "role", "kb_id", "text"],
                        ([f["name"], f["role"], f.get("kb_id") or "", f["text"]]
                         for f in record.get("funding", [])), "Funding"))
    parts.append("</article>")
    return "".join(parts)


def render_review(documents: list[tuple[dict[str, Any], Optional[str], Optional[str]]], *, title: str) -> str:
    """The page for ``(record, source text or None, why the text is missing)`` triples.

    >>> page = render_review([({"id": "a", "events": []}, "Hello", None)], title="t")
    >>> page.startswith("<!doctype html>") and "http" not in page
    True
    """
    legend = "".join(f'<mark class="{k}">{k}</mark>' for k in dict.fromkeys(KINDS.values()))
    index = _table(["document", "language", *KINDS, "warnings"],
                   ([d[0].get("id", ""), d[0].get("language", ""), *(len(d[0].get(f, [])) for f in KINDS),
                     len(d[0].get("warnings", []))] for d in documents), "Documents")
    body = "".join(_document(n, *doc) for n, doc in enumerate(documents))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1>"
            f"<p class=legend>{legend}</p>"
            f"<nav>{index}</nav>{body}</body></html>\n")


def source_text(record: dict[str, Any], *, base: Optional[Path] = None,
                out_dir: Optional[Path] = None) -> tuple[Optional[str], Optional[str]]:
    """``(text, None)`` as the pipeline read it, or ``(None, reason)`` when that cannot be had.

    A record of a non-text input (``source.text_path``) points into the text the pipeline
    extracted and wrote beside it under ``out_dir``; that file is read instead.
    """
    source = record.get("source") or {}
    if source.get("text_path") and out_dir is not None:
        file = out_dir / source["text_path"]
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as err:
            return None, f"cannot read {file}: {err}"
        if len(text) != source.get("n_chars"):
            return None, f"{file} has changed since the record was made (length differs)"
        return text, None
    path = source.get("path")
    if not path or path == "-":
        return None, "the record has no source file"
    file = Path(path) if base is None or Path(path).is_absolute() else base / path
    try:
        read = read_bytes(file.read_bytes(), id=record.get("id", ""), max_bytes=float("inf"))
    except (OSError, InputError) as err:
        return None, f"cannot read {file}: {err}"
    if read.sha256 != source["sha256"]:
        return None, f"{file} has changed since the record was made (sha256 differs)"
    return read.text, None


def read_records(out_dir: Path) -> tuple[list[tuple[Path, dict[str, Any]]], list[dict[str, str]]]:
    """The records under ``out_dir`` in path order, and the files that are no record.

    A truncated or foreign ``.json`` file is not allowed to stop the review: it is left out
    and listed, as ``{"input": path, "reason": why}``, like a failed input of the run.
    """
    records, skipped = [], []
    for path in sorted(out_dir.rglob("*.json")):
        if path.name == MANIFEST_NAME:
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            skipped.append({"input": path.as_posix(), "reason": f"not a readable record: {err}"})
            continue
        if not isinstance(record, dict) or "source" not in record:
            skipped.append({"input": path.as_posix(), "reason": "not a pressfacts record"})
            continue
        records.append((path, record))
    return records, skipped


def write_review(out_dir: Path, html_path: Path, *, sources_dir: Optional[Path] = None,
                 skipped: Optional[list[dict[str, str]]] = None) -> int:
    """Write the review page of every record under ``out_dir``; return how many there were.

    Files that are no record are left out and appended to ``skipped`` when it is given.
    """
    documents = []
    records, unreadable = read_records(out_dir)
    if skipped is not None:
        skipped.extend(unreadable)
    for _path, record in records:
        documents.append((record, *source_text(record, base=sources_dir, out_dir=out_dir)))
    write_atomic(html_path, render_review(documents, title=f"pressfacts review: {out_dir}"))
    return len(documents)
