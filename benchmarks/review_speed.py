"""How long the review of a batch takes beside the run that made its records.

Builds ``--docs`` inputs by copying ``samples/**/*.txt`` under new folders, then times, in
fresh processes, wall clock from launch to exit, ``pressfacts run`` over them (default
workers) and ``pressfacts review OUT --html DIR/`` over its output, ``--repeat`` times
interleaved; prints every run's seconds, the medians, their ratio, and the largest page.

    python benchmarks/review_speed.py             # 1,000 documents, 3 repeats
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", *args], check=False, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    samples = sorted((REPO / "samples").rglob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(options.docs):
            source = samples[n % len(samples)]
            target = folder / "in" / f"copy{n // len(samples):02d}" / source.relative_to(REPO / "samples")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        runs, reviews = [], []
        for _ in range(options.repeat):
            shutil.rmtree(folder / "out", ignore_errors=True)
            runs.append(timed(["run", str(folder / "in"), "--out", str(folder / "out"), "--quiet"]))
            shutil.rmtree(folder / "site", ignore_errors=True)
            reviews.append(timed(["review", str(folder / "out"), "--html", f"{folder / 'site'}/"]))
        pages = list((folder / "site").rglob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        run, review = statistics.median(runs), statistics.median(reviews)
        print(f"{options.docs} documents, {len(pages)} pages")
        print(f"pressfacts run:    {run:.2f} s median ({', '.join(f'{s:.2f}' for s in runs)})")
        print(f"pressfacts review: {review:.2f} s median ({', '.join(f'{s:.2f}' for s in reviews)})")
        print(f"review / run: {review / run:.1%}")
        print(f"largest page: {largest.relative_to(folder / 'site')} {largest.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
