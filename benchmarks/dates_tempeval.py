"""TempEval-3 platinum, DATE TIMEX3 only: our date extractor beside dateparser.search_dates.

Usage: python benchmarks/dates_tempeval.py [DATA]   (DATA defaults to ../shared/data)

A test set: nothing was tuned on it (tuning used MEANTIME, the dev set; pass
``--set meantime`` to print the same figures there). Each document's creation time is the
reference date. Scoring, as TempEval-3 scores values: a prediction matches a gold DATE
whose span it overlaps, and is right when its value is the gold value exactly (value F1);
the strict-span figure also needs the exact span. Predictions that overlap only non-DATE
gold (durations, sets, times) are left out of both sides. Our periods become TIMEX
values: one value when start == end, an ISO week for a Monday-Sunday week, a decade
("199") or half-year ("2013-H1") when the text says so, otherwise two predictions (start and end) on the same span, as TempEval annotates "2009-2010" as two.
search_dates returns strings and datetimes; each string is located in the text in order
and given the granularity dateparser's own DateDataParser reports for it.
HeidelTime's published figure (77.61) is value F1 over all TIMEX3 types, not DATE only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.context import DocumentContext  # noqa: E402
from pipeline.extract.dates import extract_dates  # noqa: E402
from pipeline.resources import Resources  # noqa: E402
from pipeline.segmenting import Segment, normalise  # noqa: E402

HEIDELTIME = 77.61


@dataclass
class Doc:
    name: str
    text: str
    dct: dt.date
    gold: list[tuple[int, int, str, str]]   # start, end, type, value
    annotated: int = 10**9                  # predictions after this offset are not scored


def tempeval_docs(folder: Path) -> list[Doc]:
    """Tag-stripped <TEXT> of each .tml file (as the shared converter strips it) and its TIMEX3."""
    docs = []
    for path in sorted((folder / "tml").glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)', raw).group(1)
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
        plain, gold, stack, pos = [], [], [], 0
        for tok in re.finditer(r"<(/?)(\w+)([^>]*)>|([^<]+)", body):
            if tok.group(4) is not None:
                piece = html.unescape(tok.group(4))
                plain.append(piece)
                pos += len(piece)
            elif tok.group(2) == "TIMEX3" and tok.group(1) == "":
                stack.append((pos, dict(re.findall(r'(\w+)="([^"]*)"', tok.group(3)))))
            elif tok.group(2) == "TIMEX3":
                start, attrs = stack.pop()
                gold.append((start, pos, attrs.get("type"), attrs.get("value")))
        docs.append(Doc(path.name, "".join(plain), dt.date.fromisoformat(dct), gold))
    return docs


def meantime_docs(path: Path) -> list[Doc]:
    """MEANTIME (dev): the creation-time TIMEX3 is the reference (and, being in the text,
    scored); MEANTIME annotates only the first sentences, so later text is not scored."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        dct = next((t["value"] for t in row["timex3"] if t.get("functionInDocument") == "CREATION_TIME"), None)
        if not dct or not re.match(r"\d{4}-\d\d-\d\d$", dct):
            continue
        gold = [(t["span"][0], t["span"][1], t["type"], t["value"]) for t in row["timex3"] if t.get("span")]
        # Only the title and first sentences are annotated: score up to the last annotation.
        spans = [m["span"][1] for key in ("timex3", "values", "entity_mentions", "event_mentions")
                 for m in row.get(key) or [] if m.get("span")]
        annotated = row["text"].find("\n", max(spans)) if spans else len(row["text"])
        docs.append(Doc(row["doc_name"], row["text"], dt.date.fromisoformat(dct), gold,
                        annotated if annotated >= 0 else len(row["text"])))
    return docs


class Ours:
    """Our extractor on the whole text as one segment of ``lang``.

    The segment gets no spaCy ``doc``: the date extractor reads only the text, and the
    pipeline tokenizes in a stage of its own, so tokenizing is not timed as date finding.
    """

    name = "pressfacts"

    def __init__(self, lang: str = "en"):
        self.resources = Resources()
        self.lang = lang
        self.data = self.resources.lang(lang)

    def mentions(self, text: str, reference: dt.date) -> list:
        seg = Segment(0, len(text), self.lang, "Latn", 1.0, text, normalise(text))
        context = DocumentContext(source_text=text, resources=self.resources, reference_date=reference)
        return extract_dates(seg, self.data, context=context)

    def __call__(self, text: str, reference: dt.date) -> list[tuple[int, int, str]]:
        out = []
        for m in self.mentions(text, reference):
            if m.value is None:
                continue
            out.extend((m.start, m.end, v) for v in timex_values(m.value.start, m.value.end, m.text))
        return out


DECADE = re.compile(r"\d0'?s\b")


def timex_values(start: str, end: str, text: str = "") -> list[str]:
    """TIMEX3 value(s) of a period: one value, an ISO week, a decade ("the 1990s": 1990-1999
    is TIMEX "199"), a half-year ("the first half of 2013": 2013-01..06 is "2013-H1"), or
    its two ends. Decades and halves are told from "2013-2022"-like ranges by their text."""
    if start == end:
        return [start]
    if len(start) == len(end) == 4 and int(end) - int(start) == 9 and start.endswith("0") and DECADE.search(text):
        return [start[:3]]
    if len(start) == len(end) == 7 and start[:4] == end[:4] and (start[5:], end[5:]) in (("01", "06"), ("07", "12")) \
            and "half" in text.lower():
        return [f"{start[:4]}-H{1 if start[5:] == '01' else 2}"]
    if len(start) == len(end) == 10:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        if first.isoweekday() == 1 and (last - first).days == 6:
            year, week, _ = first.isocalendar()
            return [f"{year}-W{week:02d}"]
    return [start, end]


class SearchDates:
    """dateparser.search_dates with the language given and the creation time as base."""

    name = "dateparser.search_dates"

    def __init__(self, lang: str = "en"):
        from dateparser.date import DateDataParser
        from dateparser.search import search_dates

        self.lang = lang
        self.search_dates = search_dates
        self.parser = DateDataParser(languages=[lang])

    def found(self, text: str, reference: dt.date):
        base = dt.datetime.combine(reference, dt.time(12))
        return self.search_dates(text, languages=[self.lang], settings={"RELATIVE_BASE": base}) or []

    def __call__(self, text: str, reference: dt.date) -> list[tuple[int, int, str]]:
        out, position = [], 0
        for string, when in self.found(text, reference):
            start = text.find(string, position)
            if start < 0:
                continue
            position = start + len(string)
            data = self.parser.get_date_data(string)
            period = data.period if data and data.date_obj else "day"
            out.append((start, position, granular(when, period)))
        return out


def granular(when: dt.datetime, period: str) -> str:
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    return when.date().isoformat()


def score(docs: list[Doc], system) -> dict[str, float]:
    """Value F1 (span overlap, exact value) and strict F1 (exact span and value), DATE only."""
    tp = strict_tp = predicted = 0
    gold_total = sum(1 for d in docs for g in d.gold if g[2] == "DATE")
    for doc in docs:
        used: set[int] = set()
        for start, end, value in system(doc.text, doc.dct):
            if start >= doc.annotated:
                continue
            overlapping = [i for i, g in enumerate(doc.gold) if g[0] < end and start < g[1]]
            if overlapping and all(doc.gold[i][2] != "DATE" for i in overlapping):
                continue
            predicted += 1
            hit = next((i for i in overlapping if i not in used and doc.gold[i][2] == "DATE"
                        and doc.gold[i][3] == value), None)
            if hit is not None:
                used.add(hit)
                tp += 1
                strict_tp += (doc.gold[hit][0], doc.gold[hit][1]) == (start, end)
    return {"value_f1": f1(tp, predicted, gold_total), "strict_f1": f1(strict_tp, predicted, gold_total),
            "precision": tp / predicted if predicted else 0.0, "recall": tp / gold_total if gold_total else 0.0,
            "gold": gold_total, "predicted": predicted}


def f1(tp: int, predicted: int, gold: int) -> float:
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def default_data() -> Path:
    return REPO.parent / "shared" / "data"


def load(data: Path, which: str) -> list[Doc] | None:
    if which == "meantime":
        path = data / "meantime_en" / "meantime_en_flat.jsonl"
        return meantime_docs(path) if path.is_file() else None
    folder = data / "tempeval3_platinum"
    return tempeval_docs(folder) if (folder / "tml").is_dir() else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=default_data())
    parser.add_argument("--set", choices=["tempeval", "meantime"], default="tempeval")
    args = parser.parse_args(argv)
    docs = load(args.data, args.set)
    if docs is None:
        print(f"skipped: {args.set} data not found under {args.data}")
        return 0
    print(f"{args.set}: {len(docs)} documents, {sum(1 for d in docs for g in d.gold if g[2] == 'DATE')} DATE TIMEX3")
    print(f"{'system':28} {'value F1':>9} {'strict F1':>9} {'P':>7} {'R':>7} {'predicted':>9}")
    for system in (Ours(), SearchDates()):
        s = score(docs, system)
        print(f"{system.name:28} {s['value_f1']:9.4f} {s['strict_f1']:9.4f} {s['precision']:7.4f} "
              f"{s['recall']:7.4f} {s['predicted']:9d}")
    print(f"{'HeidelTime (published)':28} {HEIDELTIME / 100:9.4f}   (value F1, all TIMEX3 types)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
