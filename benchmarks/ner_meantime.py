"""English NER on MEANTIME: our entities beside en_core_web_sm's NER alone, per type.

Usage: python benchmarks/ner_meantime.py [DATA_DIR]

DATA_DIR is the shared data folder (default ``../shared/data`` from the repository root);
without it the script says "skipped" and exits 0. MEANTIME is a dev set here: it checks
that reading the model only around names nothing else explains (the pipeline's stretches)
loses nothing the model finds when it reads every word.

Gold mentions are the proper-name mentions (``syntactic_type`` NAM) of
``meantime_en_flat.jsonl``: ORG, LOC, PER. A prediction counts when its span and type
equal a gold mention's (exact match). Both systems run in this process on the same texts:
en_core_web_sm's NER on each whole text (labels mapped as the pipeline maps them), and
``Pipeline.extract`` (knowledge base and rules first, the model on the stretches left).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ner_factru import LABELS, f1, score  # noqa: E402  (a sibling script: same scoring)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    args = parser.parse_args(argv)
    path = Path(args.data) / "meantime_en" / "meantime_en_flat.jsonl"
    if not path.is_file():
        print(f"skipped: {path} not found (pass the shared data folder as the first argument)")
        return 0

    from pipeline.api import Pipeline
    from pipeline.extract.entities import SPACY_LABELS, _load_spacy
    from pipeline.tokenizing import make_doc

    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = {(d["doc_id"], m["span"][0], m["span"][1], m["ent_type"]) for d in docs for m in d["entity_mentions"]
            if m["syntactic_type"] == "NAM" and m["ent_type"] in LABELS}

    nlp = _load_spacy()
    t0 = time.process_time()
    model = {(d["doc_id"], e.start_char, e.end_char, SPACY_LABELS[e.label_])
             for d in docs for e in nlp(make_doc(nlp, d["text"])).ents if e.label_ in SPACY_LABELS}
    t_model = time.process_time() - t0

    pipe = Pipeline()
    t0 = time.process_time()
    ours = set()
    for d in docs:
        record = pipe.extract(d["text"], id=d["doc_id"])
        ours |= {(d["doc_id"], e.start, e.end, e.label) for e in record.entities if record.language == "en"}
    t_ours = time.process_time() - t0

    words = sum(len(d["text"].split()) for d in docs)
    print(f"MEANTIME (en), {len(docs)} docs, {words:,} words, {len(gold)} gold name mentions; exact-span P/R/F1")
    print(f"{'system':28}" + "".join(f"{label:>20}" for label in LABELS) + f"{'all F1':>9}{'CPU ms/kw':>11}")
    for name, predicted, seconds in (("en_core_web_sm NER alone", model, t_model), ("pipeline", ours, t_ours)):
        scores = score(predicted, gold)
        cells = "".join(f"{tp / p if p else 0:>8.3f}{tp / g if g else 0:>6.3f}{f1(tp, p, g):>6.3f}"
                        for tp, p, g in scores.values())
        total = [sum(s[i] for s in scores.values()) for i in range(3)]
        print(f"{name:28}{cells}{f1(*total):>9.3f}{1e6 * seconds / words:>11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
