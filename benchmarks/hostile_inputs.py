"""Hostile inputs at full size in one batch: none may stop it, none may be silently dropped.

A 50 MB file, a file of one 1 MB line, random bytes, deeply nested quotes, 10,000 tiny
files and the faults of issue 15 (a name that is not UTF-8, a FIFO, dangling and looping
symlinks, an upper-case .TXT, a 25,000-character token, a 10 MB one-paragraph release,
homoglyphs, Latin-1, mojibake, a file of two encodings, Kazakh in Latin letters) go
through one ``run_batch``; the script prints what happened to each kind, the wall time and
the workers' peak RSS, and exits non-zero if any input is unaccounted for: every entry
created must be in the manifest, written or failed with a reason. Two folders with the
same file name must be refused before any work. (``tests/test_batch.py`` and
``tests/test_batch_faults.py`` run the same cases at a size CI can afford.)

    python benchmarks/hostile_inputs.py --workers 2 --doc-timeout 60
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.batch import run_batch  # noqa: E402
from pipeline.errors import OutputError  # noqa: E402

NOTE = "The Council of Europe held a seminar in Bishkek on 12 May 2023 for 35 judges."


def build_faults(folder: Path, paragraph_mb: int) -> int:
    """The cases of issue 15; returns how many entries the manifest must account for."""
    faults = folder / "faults"
    faults.mkdir()
    (faults / os.fsdecode(b"cp1251-name-\xcf\xd0\xce\xce\xcd.txt")).write_text(NOTE, encoding="utf-8")
    (faults / "UPPER.TXT").write_text(NOTE, encoding="utf-8")
    os.mkfifo(faults / "fifo.txt")
    (faults / "dangling.txt").symlink_to(faults / "gone.txt")
    (faults / "self-loop.txt").symlink_to(faults / "self-loop.txt")
    (faults / "loop").symlink_to(faults)
    (faults / "base64_token.txt").write_text(f"{NOTE} Photo: {'QUJD' * 6250} UNDP held a workshop in Osh.",
                                             encoding="utf-8")
    words = NOTE.rstrip(".").split()
    rng = random.Random(2)
    with open(faults / "paragraph_10mb.txt", "w", encoding="utf-8") as handle:
        written = 0
        while written < paragraph_mb * 1024 * 1024:
            chunk = " ".join(rng.choice(words) for _ in range(10_000)) + " "
            handle.write(chunk)
            written += len(chunk)
    (faults / "homoglyphs.txt").write_text("ПРOOН при финансовой поддержке Eвропейского сoюза провела семинар "
                                           "в Tаshkеnt.", encoding="utf-8")
    (faults / "latin1.txt").write_bytes("Le Conseil de l'Europe a organisé un séminaire à Bichkek.".encode("latin-1"))
    russian = "Совет Европы провёл семинар для судей в Бишкеке. "
    (faults / "mojibake.txt").write_bytes((russian * 5).encode("utf-8").decode("cp1251").encode("utf-8"))
    (faults / "two_encodings.txt").write_bytes((russian * 5).encode("utf-8") + russian.encode("cp1251"))
    (faults / "kazakh_latin.txt").write_text("Qazaqstan Respublikasy Bilim ministrligi 2023 jylǵy 5 sáýirde "
                                             "seminar ótkizdi.", encoding="utf-8")
    return 13


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
    parser.add_argument("--doc-timeout", type=float, default=300.0)
    parser.add_argument("--paragraph-mb", type=int, default=10)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pressfacts-hostile-"))
    try:
        for sub in ("d1", "d2"):
            (tmp / sub).mkdir()
            (tmp / sub / "a.txt").write_text(NOTE, encoding="utf-8")
        try:
            run_batch([str(tmp / "d1"), str(tmp / "d2")], tmp / "clash", workers=1)
            raise SystemExit("d1/a.txt and d2/a.txt were not refused")
        except OutputError as err:
            print(f"refused before any work: {err}")
        build(tmp / "in", args.tiny)
        expected = 4 + args.tiny + build_faults(tmp / "in", args.paragraph_mb)
        started = time.perf_counter()
        report = run_batch([str(tmp / "in")], tmp / "out", workers=args.workers, doc_timeout=args.doc_timeout)
        seconds = time.perf_counter() - started
        for entry in report.failed:
            if "/tiny/" not in entry["input"]:
                print(f"refused  {Path(entry['input']).name}: {entry['reason']}")
        for entry in report.written:
            if "/tiny/" not in entry["input"]:
                print(f"written  {Path(entry['input']).name}: {entry['n_chars']:,} chars in {entry['seconds']:.1f}s, "
                      f"{entry['warnings']} warnings")
        tiny = Counter("written" for e in report.written if "/tiny/" in e["input"])
        tiny.update("failed" for e in report.failed if "/tiny/" in e["input"])
        print(f"tiny files: {dict(tiny)}")
        print(f"{report.n_done:,} of {expected:,} inputs accounted for ({report.inputs_total:,} found, "
              f"status {report.status}) in {seconds:.0f}s, "
              f"peak RSS per worker {[w['peak_rss_mib'] for w in report.manifest()['worker_stats']]} MiB")
        if not (report.inputs_seen == report.inputs_total == report.n_done == expected
                and report.status == "complete" and all(e["reason"] for e in report.failed)):
            raise SystemExit("some inputs are missing from the manifest")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
