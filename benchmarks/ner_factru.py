"""Russian NER on factRuEval-2016: our entities beside natasha alone, per type.

Usage: python benchmarks/ner_factru.py [DATA_DIR] [--split testset|devset]

DATA_DIR is the shared data folder (default ``../shared/data`` from the repository root);
without it the script says "skipped" and exits 0. Report ``testset``; tune on ``devset``.

Gold mentions are ``<split>_flat.jsonl`` objects: Person -> PER, Location and LocOrg ->
LOC, Org -> ORG. A prediction counts when its span and type equal a gold mention's
(exact match). Both systems run in this process on the same texts: natasha's
``NewsNERTagger`` alone, and ``Pipeline.extract`` (knowledge base first, then
organisation-head rules, then natasha for what is left). natasha's published figures
(slovnet, factRuEval-2016 test): PER 0.959, LOC 0.915, ORG 0.825.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TYPES = {"Person": "PER", "Location": "LOC", "LocOrg": "LOC", "Org": "ORG"}
LABELS = ("PER", "LOC", "ORG")
PUBLISHED = {"PER": 0.959, "LOC": 0.915, "ORG": 0.825}


def f1(tp: int, predicted: int, gold: int) -> float:
    """Harmonic mean of precision and recall.

    >>> round(f1(8, 10, 16), 3)
    0.615
    """
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def score(predicted: set, gold: set) -> dict[str, tuple[int, int, int]]:
    """``(tp, predicted, gold)`` per label over ``(doc, start, end, label)`` tuples."""
    out = {}
    for label in LABELS:
        p = {x for x in predicted if x[3] == label}
        g = {x for x in gold if x[3] == label}
        out[label] = (len(p & g), len(p), len(g))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--split", default="testset", choices=("testset", "devset"))
    args = parser.parse_args(argv)
    path = Path(args.data) / "factRuEval-2016" / f"{args.split}_flat.jsonl"
    if not path.is_file():
        print(f"skipped: {path} not found (pass the shared data folder as the first argument)")
        return 0

    from natasha import NewsEmbedding, NewsNERTagger

    from pipeline.api import Pipeline

    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = {(d["doc"], o["start"], o["end"], TYPES[o["type"]]) for d in docs for o in d["objects"] if o["type"] in TYPES}

    tagger = NewsNERTagger(NewsEmbedding())
    t0 = time.perf_counter()
    natasha = {(d["doc"], s.start, s.stop, s.type) for d in docs for s in tagger(d["text"]).spans}
    t_natasha = time.perf_counter() - t0

    pipe = Pipeline()
    t0 = time.perf_counter()
    ours = set()
    langs: Counter = Counter()
    for d in docs:
        record = pipe.extract(d["text"], id=d["doc"])
        langs.update(s.lang for s in record.segments)
        ours |= {(d["doc"], e.start, e.end, e.label) for e in record.entities if e.label in LABELS}
    t_ours = time.perf_counter() - t0

    print(f"factRuEval-2016 {args.split}: {len(docs)} documents, {len(gold)} gold mentions "
          f"(segment languages: {dict(langs.most_common())})")
    print(f"{'type':<5} {'ours P':>7} {'R':>6} {'F1':>6}   {'natasha P':>9} {'R':>6} {'F1':>6}   {'published':>9}")
    ours_scores, natasha_scores = score(ours, gold), score(natasha, gold)
    for label in LABELS:
        row = []
        for tp, p, g in (ours_scores[label], natasha_scores[label]):
            row += [tp / p if p else 0.0, tp / g if g else 0.0, f1(tp, p, g)]
        print(f"{label:<5} {row[0]:7.3f} {row[1]:6.3f} {row[2]:6.3f}   {row[3]:9.3f} {row[4]:6.3f} {row[5]:6.3f}   "
              f"{PUBLISHED[label]:9.3f}")
    print(f"time: ours {t_ours:.1f}s (whole pipeline), natasha alone {t_natasha:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
