"""Paragraph and sentence language ID on public data, ours beside langdetect and CLD2.

Usage: python benchmarks/langid.py [--data ../shared/data]

Test sets (not tuned on): UDHR paragraphs in 7 versions (``udhr_lid/*.xml``) and the
derived ``lid_derived/lid_paragraphs.tsv`` and ``lid_sentences.tsv``. Labels are
``en ru kk ky tg uz-Cyrl uz-Latn``: the language, and for Uzbek the script too. The
baselines get the script from the text's dominant letters, as ours does.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.langid import LanguageIdentifier, cld_shares, dominant_script  # noqa: E402
from pipeline.resources import Resources  # noqa: E402

UDHR = {"eng": "en", "rus": "ru", "kaz": "kk", "kir": "ky", "tgk": "tg",
        "uzn_cyrl": "uz-Cyrl", "uzn_latn": "uz-Latn"}
NS = "{http://www.unhchr.ch/udhr}"


def udhr_paragraphs(folder: Path) -> list[tuple[str, str]]:
    rows = []
    for key, label in UDHR.items():
        root = ET.parse(folder / f"udhr_{key}.xml").getroot()
        for para in root.iter(NS + "para"):
            text = " ".join((para.text or "").split())
            if text:
                rows.append((label, text))
    return rows


def tsv(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [(row[0], row[2]) for row in list(csv.reader(handle, delimiter="\t"))[1:]]


def label(lang: str, text: str) -> str:
    return f"uz-{dominant_script(c for c in text if c.isalpha())}" if lang == "uz" else lang


def make_systems():
    identifier = LanguageIdentifier.from_resources(Resources())
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def ours(text):
        return identifier.identify(text).lang

    def langdetect_alone(text):
        try:
            return detect_langs(text)[0].lang
        except LangDetectException:
            return "und"

    def cld2_alone(text):
        shares = cld_shares(text)
        return max(shares, key=shares.get) if shares else "und"

    return {"ours": ours, "langdetect": langdetect_alone, "pycld2": cld2_alone}


def score(rows, system):
    right, total, times = Counter(), Counter(), []
    for gold, text in rows:
        start = time.perf_counter()
        predicted = label(system(text), text)
        times.append(time.perf_counter() - start)
        total[gold] += 1
        right[gold] += predicted == gold
    per_label = {k: right[k] / total[k] for k in sorted(total)}
    return sum(right.values()) / sum(total.values()), per_label, statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args(argv)
    sets = {}
    if (args.data / "udhr_lid").is_dir():
        sets["udhr paragraphs"] = udhr_paragraphs(args.data / "udhr_lid")
    for name in ("lid_paragraphs", "lid_sentences"):
        path = args.data / "lid_derived" / f"{name}.tsv"
        if path.is_file():
            sets[name] = tsv(path)
    if not sets:
        print(f"skipped: no language-ID data under {args.data}")
        return 0
    systems = make_systems()
    results = defaultdict(dict)
    for set_name, rows in sets.items():
        labels = sorted({g for g, _ in rows})
        print(f"\n{set_name}: {len(rows)} items")
        print(f"{'system':<12}{'overall':>9}" + "".join(f"{lab:>9}" for lab in labels) + f"{'median ms':>11}")
        for sys_name, system in systems.items():
            overall, per_label, median = score(rows, system)
            results[set_name][sys_name] = overall
            print(f"{sys_name:<12}{overall:>9.4f}" + "".join(f"{per_label.get(lab, 0):>9.3f}" for lab in labels)
                  + f"{median * 1000:>11.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
