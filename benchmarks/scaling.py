"""Cost by document length: CPU per 1,000 words of every stage, for 1, 4, 16 and 64
releases of one language concatenated into one document.

For each language of ``samples/`` the same releases (cycled to ``--releases`` of them) are
extracted as documents of 1, 4, 16 and 64 releases each (joined by a blank line), so every
size reads the same text. The pipeline's own stage clock (``Pipeline.stage_cpu``) gives
the CPU seconds of each stage; the statistical NER model's share of the entities stage is
shown on its own line (``ner model``). Each size is measured ``--repeat`` times, the sizes
interleaved, and every figure is the median. The last column is the ratio of the cost per 1,000
words at the largest size to that at one release: 1.0 is linear cost, and the target is
at most 1.2 for every stage. One BLAS thread, as a worker of a batch run has.

    python benchmarks/scaling.py                    # every language, 64 releases per size
    python benchmarks/scaling.py --langs en ru --sizes 1 16
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

MODEL = "ner model"


def releases(lang: str) -> list[str]:
    """The sample releases of one language, every sample set."""
    paths = sorted(set((REPO / "samples").glob(f"{lang}/*.txt")) | set((REPO / "samples").glob(f"*/{lang}/*.txt")))
    return [p.read_text(encoding="utf-8").strip() for p in paths]


def languages() -> list[str]:
    return sorted({p.parent.name for p in (REPO / "samples").glob("**/*.txt")} - {"mixed"})


def documents(texts: list[str], per_document: int, total: int) -> list[str]:
    """``total`` releases (``texts`` cycled) in documents of ``per_document`` each."""
    cycled = [texts[i % len(texts)] for i in range(total)]
    return ["\n\n".join(cycled[i:i + per_document]) for i in range(0, total, per_document)]


def measure(pipe, docs: list[str]) -> dict[str, float]:
    """CPU milliseconds per 1,000 words of each stage over ``docs``, and of the whole."""
    from pipeline.extract import entities

    words = sum(len(d.split()) for d in docs)
    pipe.stage_cpu = {}
    model_spans = entities._model_spans
    model_cpu = [0.0]

    def timed_model_spans(*args, **kwargs):
        started = time.process_time()
        try:
            return model_spans(*args, **kwargs)
        finally:
            model_cpu[0] += time.process_time() - started

    entities._model_spans = timed_model_spans
    started = time.process_time()
    try:
        for i, doc in enumerate(docs):
            pipe.extract(doc, id=f"doc-{i}")
    finally:
        entities._model_spans = model_spans
    total = time.process_time() - started
    stages = dict(pipe.stage_cpu)
    pipe.stage_cpu = None
    stages["entities"] = stages.get("entities", 0.0) - model_cpu[0]
    stages[MODEL] = model_cpu[0]
    stages["total"] = total
    return {name: 1e6 * seconds / words for name, seconds in stages.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", nargs="+", default=None, help="languages (default: every one in samples/)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16, 64], help="releases per document")
    parser.add_argument("--releases", type=int, default=None, help="releases per size (default: the largest size)")
    parser.add_argument("--target", type=float, default=1.2, help="largest ratio allowed (default 1.2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each size, interleaved; medians are printed")
    args = parser.parse_args()

    from pipeline import Pipeline
    from pipeline.batch import settle_models

    pipe = Pipeline()
    total = args.releases or max(args.sizes)
    worst: list[tuple[float, str, str]] = []
    for lang in args.langs or languages():
        texts = releases(lang)
        if not texts:
            continue
        for text in texts:   # load the models and warm the caches before the clock starts
            pipe.extract(text)
        settle_models(pipe)   # as a batch worker does once its models are loaded
        runs: dict[int, list[dict[str, float]]] = {n: [] for n in args.sizes}
        for _ in range(args.repeat):   # interleaved: a machine that drifts weighs on every size alike
            for n in args.sizes:
                runs[n].append(measure(pipe, documents(texts, n, total)))
        figures = {n: {name: statistics.median(run[name] for run in runs[n]) for name in runs[n][0]}
                   for n in args.sizes}
        words = sum(len(d.split()) for d in documents(texts, 1, total))
        names = list(figures[args.sizes[0]])
        print(f"\n{lang}: {total} releases, {words:,} words; CPU ms per 1,000 words by releases per document")
        print(f"{'stage':<12}" + "".join(f"{n:>9}" for n in args.sizes) + f"{'ratio':>9}")
        for name in names:
            row = [figures[n].get(name, 0.0) for n in args.sizes]
            ratio = row[-1] / row[0] if row[0] > 0.05 else float("nan")
            if row[0] > 0.05:
                worst.append((ratio, lang, name))
            print(f"{name:<12}" + "".join(f"{v:>9.1f}" for v in row) + f"{ratio:>9.2f}", flush=True)
    if worst:
        ratio, lang, name = max(worst)
        verdict = "holds" if ratio <= args.target else "does not hold"
        print(f"\nlargest ratio {args.sizes[-1]}/{args.sizes[0]}: {ratio:.2f} ({lang}, {name}); "
              f"target <= {args.target}: {verdict}")


if __name__ == "__main__":
    main()
