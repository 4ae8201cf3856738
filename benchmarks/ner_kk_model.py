"""Kazakh NER on KazNERD test, and organisation finding on our kk/ky/uz/tg samples.

Usage: python benchmarks/ner_kk_model.py [--data ../shared/data] [--variant NAME=MODEL_DIR ...]

1. KazNERD ``IOB2_test.txt`` (never used in training or tuning): exact-span P/R/F1 for
   ORG, LOC, PER of the shipped model (``models/ner/kk``, gold tokens), of the KB+rules
   extractor (``extract_entities`` with ``ner=none``, on the sentence text) and of the two
   merged (KB mentions win, model mentions that overlap none are added), beside
   stanza's published KazNERD figure (94.94, all 25 classes, full train split).
   Also the model's speed in words per second (tokenizing included, one process).
2. ``samples/{kk,ky,uz-Cyrl,tg}``: the gold lists canonical organisation names; the model
   gives surface forms. Each gold name's surface forms come from
   ``samples/ORGANISATIONS-*.md``; their occurrences in the text are the gold mentions.
   An organisation is *detected* when a predicted ORG mention overlaps one of its
   mentions; a predicted ORG mention overlapping none is a false positive (counted once
   per distinct surface form). ``record F1`` is what ``pressfacts eval`` would score:
   canonical names only, so an unlinked model mention can only add false positives.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from pipeline.api import Pipeline  # noqa: E402
from pipeline.context import DocumentContext  # noqa: E402
from pipeline.evaluation import name_key  # noqa: E402
from pipeline.extract.entities import extract_entities  # noqa: E402
from pipeline.ner_models import contract_label  # noqa: E402
from pipeline.segmenting import Segment, normalise, segment  # noqa: E402
from scripts.train_kk_ner import read_iob  # noqa: E402

TYPES = ("ORG", "LOC", "PER")
STANZA_PUBLISHED = 94.94
SAMPLE_FOLDERS = ("kk", "ky", "uz-Cyrl", "tg")


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def gold_spans(words: list[str], tags: list[str]) -> tuple[str, set]:
    """Sentence text (tokens joined by spaces) and its gold (start, end, label) char spans."""
    offsets, position = [], 0
    for word in words:
        offsets.append((position, position + len(word)))
        position += len(word) + 1
    spans, open_span = set(), None
    for i, tag in enumerate(tags + ["O"]):
        if open_span and not tag.startswith("I-"):
            spans.add((offsets[open_span[0]][0], offsets[i - 1][1], open_span[1]))
            open_span = None
        if tag.startswith("B-") or tag.startswith("I-") and open_span is None:
            open_span = (i, tag[2:])
    return " ".join(words), spans


def merged(kb: set, model: set) -> set:
    """KB mentions win; a model mention is added where it overlaps no KB mention."""
    return kb | {m for m in model if not any(m[0] < k[1] and k[0] < m[1] for k in kb)}


def kb_spans(pipe: Pipeline, text: str, lang: str = "kk") -> set:
    seg = Segment(0, len(text), lang, "Cyrl", 1.0, text, normalise(text))
    seg.doc = pipe.tokenizers(seg.text, lang)
    context = DocumentContext(source_text=text, resources=pipe.resources, options={"ner": "none"},
                              models=pipe.models)
    return {(e.start, e.end, e.label) for e in extract_entities(seg, pipe.resources.lang(lang), context=context)}


def kaznerd(pipe: Pipeline, nlp, path: Path) -> None:
    sentences = read_iob(path)
    docs = [Doc(nlp.vocab, words=words) for words, _ in sentences]
    predicted_docs = list(nlp.pipe(docs, batch_size=256))
    tally = {name: defaultdict(lambda: [0, 0, 0]) for name in ("KB+rules", "model", "KB+rules+model")}
    for (words, tags), doc in zip(sentences, predicted_docs):
        text, gold = gold_spans(words, tags)
        model = {(e.start_char, e.end_char, label) for e in doc.ents if (label := contract_label(e.label_))}
        kb = {s for s in kb_spans(pipe, text) if s[2] in TYPES}
        for name, found in (("KB+rules", kb), ("model", model), ("KB+rules+model", merged(kb, model))):
            for label in TYPES:
                g = {s for s in gold if s[2] == label}
                f = {s for s in found if s[2] == label}
                tally[name][label][0] += len(g & f)
                tally[name][label][1] += len(f)
                tally[name][label][2] += len(g)
    print(f"KazNERD test ({len(sentences)} sentences): exact-span F1 (P/R)")
    print(f"{'system':<16}" + "".join(f"{label:>20}" for label in TYPES))
    for name, per_type in tally.items():
        cells = []
        for label in TYPES:
            p, r, f = prf(*per_type[label])
            cells.append(f"{f:.3f} ({p:.2f}/{r:.2f})")
        print(f"{name:<16}" + "".join(f"{c:>20}" for c in cells))
    print(f"{'stanza (publ.)':<16}{'all 25 classes, full train split: ' + str(STANZA_PUBLISHED):>60}")

    texts = [" ".join(words) for words, _ in sentences]
    n_words = sum(len(words) for words, _ in sentences)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=1000):
        pass
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    # CPU time as well: on a shared machine the wall clock measures the neighbours too.
    print(f"speed: {n_words / wall:,.0f} words/s wall clock, {n_words / cpu:,.0f} words/s of CPU time "
          f"({n_words} words, tokenizing included, one process)")


def aliases(samples: Path) -> dict[str, list[str]]:
    """Canonical name -> surface forms, from samples/ORGANISATIONS-*.md."""
    table: dict[str, list[str]] = defaultdict(list)
    for path in sorted(samples.glob("ORGANISATIONS-*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if " | " in line:
                name, forms = line.split(" | ", 1)
                table[name.strip()] += [f.strip() for f in forms.split(";") if f.strip()]
    return table


def sample_orgs(models: dict, samples: Path) -> None:
    table = aliases(samples)
    pipes = {"KB+rules": Pipeline(options={"ner": "none"}), "pipeline": Pipeline()}
    print("\nSamples: organisation detection F1 (P/R) [record F1 as `pressfacts eval` scores names]")
    print("KB+rules = ner=none; pipeline = the default Pipeline (entities.py merges models.yaml's models)")
    header = list(pipes) + list(models) + [f"KB+rules+{n}" for n in models]
    print("rows: all documents, and those whose gold organisations all have surface forms listed")
    print(f"{'folder':<16}{'docs':>5}" + "".join(f"{h:>26}" for h in header))
    for folder in SAMPLE_FOLDERS:
        files = sorted((samples / folder).glob("*.gold.json"))
        if not files:
            continue
        # tp, predicted, gold, record tp, record predicted; for all documents, and for those
        # whose every gold organisation has its surface forms listed (detection is exact there)
        rows = {"all": {h: [0, 0, 0, 0, 0] for h in header}, "listed": {h: [0, 0, 0, 0, 0] for h in header}}
        n_listed = 0
        for gold_path in files:
            text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
            gold_names = json.loads(gold_path.read_text(encoding="utf-8"))["organisations"]
            mentions = [(m.start(), m.end(), name) for name in gold_names for form in table.get(name, [])
                        for m in re.finditer(re.escape(form), text, flags=re.IGNORECASE)]
            found = {name: [(e.start, e.end, e.name) for e in pipe.extract(text).entities if e.label == "ORG"]
                     for name, pipe in pipes.items()}
            kb = found["KB+rules"]
            segments = segment(text, pipes["KB+rules"].identifier)
            for model_name, nlp in models.items():
                spans = [(s.start + e.start_char, s.start + e.end_char, text[s.start + e.start_char:s.start + e.end_char])
                         for s in segments for e in nlp(s.text).ents if contract_label(e.label_) == "ORG"]
                found[model_name] = spans
                found[f"KB+rules+{model_name}"] = kb + [m for m in spans if not any(
                    m[0] < k[1] and k[0] < m[1] for k in kb)]
            listed = all(n in table for n in gold_names)
            n_listed += listed
            for name in header:
                detected, false_surfaces = set(), set()
                for start, end, surface in found[name]:
                    hits = {g for s, e, g in mentions if start < e and s < end}
                    hits |= {g for g in gold_names if name_key(g) == name_key(surface)}
                    detected |= hits
                    if not hits:
                        false_surfaces.add(name_key(surface))
                record_names = {name_key(n) for _, _, n in found[name]}
                for key in ("all", "listed") if listed else ("all",):
                    c = rows[key][name]
                    c[0] += len(detected)
                    c[1] += len(detected) + len(false_surfaces)
                    c[2] += len(gold_names)
                    c[3] += len(record_names & {name_key(g) for g in gold_names})
                    c[4] += len(record_names)
        for key, n_docs in (("all", len(files)), ("listed", n_listed)):
            cells = []
            for name in header:
                tp, predicted, gold, rtp, rpredicted = rows[key][name]
                p, r, f = prf(tp, predicted, gold)
                cells.append(f"{f:.3f} ({p:.2f}/{r:.2f}) [{prf(rtp, rpredicted, gold)[2]:.3f}]")
            print(f"{folder + ' ' + key:<16}{n_docs:>5}" + "".join(f"{c:>26}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--samples", type=Path, default=REPO / "samples")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=MODEL_DIR",
                        help="another spaCy NER model to compare on the samples (e.g. kk+ru)")
    args = parser.parse_args(argv)
    pipe = Pipeline(options={"ner": "none"})
    nlp = spacy.load(pipe.resources.path("ner", "kk"))
    test = args.data / "KazNERD" / "IOB2_test.txt"
    if test.is_file():
        kaznerd(pipe, nlp, test)
    else:
        print(f"skipped: {test} not found")
    models = {"kk": nlp, **{n: spacy.load(p) for n, p in (v.split("=", 1) for v in args.variant)}}
    sample_orgs(models, args.samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
