"""Kazakh NER on KazNERD test: what the knowledge base and the head rules reach alone.

Usage: python benchmarks/ner_kaznerd.py [DATA_DIR] [--file IOB2_test.txt] [--limit N]

DATA_DIR is the shared data folder (default ``../shared/data`` from the repository root);
without it the script says "skipped" and exits 0. Report ``IOB2_test.txt``; tune on
``IOB2_valid.txt``.

Each IOB2 sentence is joined with single spaces and run through the entities extractor
as Kazakh, with no statistical model (``ner=none``): knowledge-base aliases and
organisation-head rules only. Gold types: ORGANISATION -> ORG, GPE and LOCATION -> LOC,
PERSON -> PER; exact span match. PER is expected near zero: without a model nothing
finds people. Published for comparison: stanza's Kazakh NER, F1 94.94 over all 25
classes, trained on the full KazNERD train split (not included here).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TYPES = {"ORGANISATION": "ORG", "GPE": "LOC", "LOCATION": "LOC", "PERSON": "PER"}
LABELS = ("ORG", "LOC", "PER")


def read_iob2(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences as ``(text, [(start, end, label)])`` with tokens joined by spaces."""
    sentences, tokens = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            token, _, tag = line.rpartition(" ")
            tokens.append((token, tag))
            continue
        if tokens:
            sentences.append(spans_of(tokens))
            tokens = []
    return sentences


def spans_of(tokens: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """Text and labelled spans of one IOB2 sentence.

    >>> spans_of([("Астана", "B-GPE"), ("қаласы", "O"), ("ЕҚЫҰ", "B-ORGANISATION")])
    ('Астана қаласы ЕҚЫҰ', [(0, 6, 'LOC'), (14, 18, 'ORG')])
    """
    text, spans, open_span = "", [], None
    for token, tag in tokens:
        start = len(text) + (1 if text else 0)
        text = f"{text} {token}" if text else token
        kind = TYPES.get(tag[2:]) if tag != "O" else None
        if open_span and (tag.startswith("B-") or kind != open_span[2] or tag == "O"):
            spans.append(tuple(open_span))
            open_span = None
        if kind and (tag.startswith("B-") or open_span is None):
            open_span = [start, len(text), kind]
        elif kind:
            open_span[1] = len(text)
    if open_span:
        spans.append(tuple(open_span))
    return text, spans


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--file", default="IOB2_test.txt")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    args = parser.parse_args(argv)
    path = Path(args.data) / "KazNERD" / args.file
    if not path.is_file():
        print(f"skipped: {path} not found (pass the shared data folder as the first argument)")
        return 0

    from pipeline.api import Pipeline
    from pipeline.context import DocumentContext
    from pipeline.extract.entities import extract_entities
    from pipeline.segmenting import Segment, normalise

    sentences = read_iob2(path)
    if args.limit:
        sentences = sentences[:args.limit]
    pipe = Pipeline(options={"ner": "none"})
    lang = pipe.resources.lang("kk")
    counts = {label: [0, 0, 0] for label in LABELS}  # tp, predicted, gold
    t0 = time.perf_counter()
    for text, gold in sentences:
        seg = Segment(0, len(text), "kk", "Cyrl", 1.0, text, normalise(text))
        context = DocumentContext(source_text=text, resources=pipe.resources, options=pipe.options, models=pipe.models)
        predicted = {(e.start, e.end, e.label) for e in extract_entities(seg, lang, context=context)}
        gold_set = set(gold)
        for label in LABELS:
            p = {x for x in predicted if x[2] == label}
            g = {x for x in gold_set if x[2] == label}
            counts[label][0] += len(p & g)
            counts[label][1] += len(p)
            counts[label][2] += len(g)
    seconds = time.perf_counter() - t0

    print(f"KazNERD {args.file}: {len(sentences)} sentences; knowledge base + head rules, no Kazakh model")
    print(f"{'type':<5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>7}")
    for label in LABELS:
        tp, p, g = counts[label]
        f1 = 2 * tp / (p + g) if p + g else 0.0
        print(f"{label:<5} {tp / p if p else 0:6.3f} {tp / g if g else 0:6.3f} {f1:6.3f} {g:7d}")
    print(f"time: {seconds:.1f}s ({len(sentences) / seconds:.0f} sentences/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
