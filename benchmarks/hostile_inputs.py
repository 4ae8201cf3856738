"""Hostile inputs at full size in one batch: none may stop it, none may be silently dropped.

A 50 MB file, a file of one 1 MB line, random bytes, deeply nested quotes and 10,000 tiny
files go through one ``run_batch``; the script prints what happened to each kind, the
wall time and the workers' peak RSS, and exits non-zero if any input is unaccounted for.
(``tests/test_batch.py`` runs the same cases at a size CI can afford.)

    python benchmarks/hostile_inputs.py --workers 2 --doc-timeout 60
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.batch import run_batch  # noqa: E402


def build(folder: Path, tiny: int) -> None:
    rng = random.Random(1)
    (folder / "tiny").mkdir(parents=True)
    words = "The Council of Europe held a seminar in Bishkek on 12 May 2023 for 35 judges".split()
    with open(folder / "big_50mb.txt", "w", encoding="utf-8") as handle:
        paragraph = " ".join(words) + "\n\n"
        handle.write(paragraph * (50 * 1024 * 1024 // len(paragraph) + 1))
    (folder / "one_line_1mb.txt").write_text(" ".join(rng.choice(words) for _ in range(200_000))[:1_000_000])
    (folder / "random_bytes.txt").write_bytes(rng.randbytes(1024 * 1024))
    (folder / "nested_quotes.txt").write_text("«“‘\"'" * 4000 + " seminar in Osh " + "'\"’”»" * 4000, encoding="utf-8")
    for i in range(tiny):
        (folder / "tiny" / f"{i:05d}.txt").write_text(f"Note {i}.", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tiny", type=int, default=10_000)
    parser.add_argument("--doc-timeout", type=float, default=60.0)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pressfacts-hostile-"))
    try:
        build(tmp / "in", args.tiny)
        started = time.perf_counter()
        report = run_batch([str(tmp / "in")], tmp / "out", workers=args.workers, doc_timeout=args.doc_timeout)
        seconds = time.perf_counter() - started
        for entry in report.failed:
            if "/tiny/" not in entry["input"]:
                print(f"refused  {Path(entry['input']).name}: {entry['reason']}")
        for entry in report.written:
            if "/tiny/" not in entry["input"]:
                print(f"written  {Path(entry['input']).name}: {entry['n_chars']:,} chars in {entry['seconds']:.1f}s")
        tiny = Counter("written" for e in report.written if "/tiny/" in e["input"])
        tiny.update("failed" for e in report.failed if "/tiny/" in e["input"])
        print(f"tiny files: {dict(tiny)}")
        print(f"{report.inputs_seen:,} of {report.inputs_total:,} inputs accounted for in {seconds:.0f}s, "
              f"peak RSS per worker {[w['peak_rss_mib'] for w in report.manifest()['worker_stats']]} MiB")
        if report.inputs_seen != report.inputs_total or report.n_done != report.inputs_total:
            raise SystemExit("some inputs are missing from the manifest")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
