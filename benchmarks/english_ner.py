"""English: the whole pipeline's CPU per 1,000 words beside en_core_web_sm's NER alone on
the same texts, in the same process.

The NER alone is the model as the pipeline loads it (its NER component with the tok2vec
it embeds), run on each whole text, tokenizer included: what a user of the model alone
pays. The pipeline is ``Pipeline.extract`` plus writing the record's JSON. Both are timed
``--repeat`` times, interleaved, after a warm-up run, and the median is printed. One BLAS
thread, as a batch worker has. The target is a pipeline at most as costly as the model.

    python benchmarks/english_ner.py
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each (default 5)")
    args = parser.parse_args()

    from pipeline import Pipeline
    from pipeline.extract.entities import _load_spacy
    from pipeline.output.writers import record_json
    from pipeline.tokenizing import make_doc

    paths = sorted(set((REPO / "samples").glob("en/*.txt")) | set((REPO / "samples").glob("*/en/*.txt")))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    pipe = Pipeline()
    nlp = _load_spacy()

    def pipeline_run() -> None:
        for i, text in enumerate(texts):
            record_json(pipe.extract(text, id=f"en-{i}"))

    def model_run() -> None:
        for text in texts:
            nlp(make_doc(nlp, text))

    runs = {"pipeline": pipeline_run, "en_core_web_sm NER alone": model_run}
    for run in runs.values():   # warm-up: models loaded, caches filled
        run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, run in runs.items():
            started = time.process_time()
            run()
            times[name].append(1e6 * (time.process_time() - started) / words)
    print(f"{len(texts)} English releases, {words:,} words; CPU ms per 1,000 words, median of {args.repeat}")
    for name, values in times.items():
        print(f"{name:<26}{statistics.median(values):>8.1f}   runs: " + " ".join(f"{v:.1f}" for v in values))
    ratio = statistics.median(times["pipeline"]) / statistics.median(times["en_core_web_sm NER alone"])
    print(f"pipeline / NER alone: {ratio:.2f} (target <= 1.00: {'holds' if ratio <= 1 else 'does not hold'})")


if __name__ == "__main__":
    main()
