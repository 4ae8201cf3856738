"""Speed and F1 of our date extractor beside dateparser.search_dates, same texts, one process.

Usage: python benchmarks/dates_speed.py [DATA] [--repeat N]   (DATA defaults to ../shared/data)

Texts: the TempEval-3 platinum documents (English) and the project's ``samples/`` releases
in the languages dateparser knows (it has no Tajik), each run with its language given
(``search_dates(text, languages=[lang])``; ours on the same text as one segment of that
language). Times are per text, median over texts of the best of ``--repeat`` runs; the
ratio is of total times. F1 on the same run: TempEval DATE value F1 (as in
``dates_tempeval.py``) and samples date F1 (multiset of normalised start/end, as
``pressfacts eval`` scores dates).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dates_tempeval import REPO, Ours, SearchDates, default_data, load, score  # noqa: E402

DATEPARSER_LANGS = {"en": "en", "ru": "ru", "kk": "kk", "ky": "ky", "uz-Cyrl": "uz-Cyrl", "uz-Latn": "uz-Latn"}


def samples(folder: Path) -> list[tuple[str, str, str, list, dt.date]]:
    """(our language, dateparser language, text, gold dates, reference) of one-language
    samples; the reference is the gold dateline's date (else 1 January 2024) for both."""
    rows = []
    for gold_path in sorted(folder.glob("*/*.gold.json")):
        group = gold_path.parent.name
        if group not in DATEPARSER_LANGS:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        reference = dt.date.fromisoformat((gold.get("dateline") or {}).get("start") or "2024-01-01")
        rows.append((group.split("-")[0], DATEPARSER_LANGS[group], text, gold["dates"], reference))
    return rows


def best_time(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return min(times)


def multiset_f1(predicted: Counter, gold: Counter) -> float:
    tp = sum((predicted & gold).values())
    total = sum(predicted.values()) + sum(gold.values())
    return 2 * tp / total if total else 0.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=default_data())
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    docs = load(args.data, "tempeval")
    if docs is None:
        print(f"skipped: tempeval3_platinum not found under {args.data}")
        return 0
    releases = samples(REPO / "samples")
    ours = {lang: Ours(lang) for lang in {"en"} | {r[0] for r in releases}}
    theirs = {code: SearchDates(code) for code in {"en"} | {r[1] for r in releases}}
    jobs = [(ours["en"], theirs["en"], d.text, d.dct) for d in docs]
    jobs += [(ours[lang], theirs[code], text, ref) for lang, code, text, _, ref in releases]
    for mine, other, text, ref in jobs[:2]:     # warm both up: grammars, dateparser's caches
        mine.mentions(text, ref)
        other.found(text, ref)
    our_times, their_times = [], []
    for mine, other, text, ref in jobs:
        our_times.append(best_time(lambda: mine.mentions(text, ref), args.repeat))
        their_times.append(best_time(lambda: other.found(text, ref), args.repeat))
    words = sum(len(job[2].split()) for job in jobs)

    sample_f1 = {}
    for name, systems in (("pressfacts", ours), ("search_dates", theirs)):
        predicted, gold = Counter(), Counter()
        for lang, code, text, dates, ref in releases:
            system = systems[lang] if name == "pressfacts" else systems[code]
            gold.update((d["start"], d["end"]) for d in dates)
            if name == "pressfacts":
                predicted.update((m.value.start, m.value.end) for m in system.mentions(text, ref) if m.value)
            else:
                predicted.update((v, v) for _, _, v in system(text, ref))
        sample_f1[name] = multiset_f1(predicted, gold)
    tempeval = {"pressfacts": score(docs, ours["en"])["value_f1"],
                "search_dates": score(docs, theirs["en"])["value_f1"]}

    print(f"{len(jobs)} texts ({len(docs)} TempEval-3, {len(releases)} samples), {words} words")
    print(f"{'system':16} {'median ms/text':>14} {'total s':>8} {'ms/1000 words':>14} {'TempEval F1':>11} {'samples F1':>10}")
    for name, times in (("pressfacts", our_times), ("search_dates", their_times)):
        print(f"{name:16} {statistics.median(times) * 1000:14.2f} {sum(times):8.3f} "
              f"{sum(times) / words * 1e6:14.2f} {tempeval[name]:11.4f} {sample_f1[name]:10.4f}")
    print(f"speed ratio (search_dates / ours, total time): {sum(their_times) / sum(our_times):.1f}x; "
          f"median per text: {statistics.median(their_times) / statistics.median(our_times):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
