"""Time of one long one-paragraph text, by size: the cost should grow linearly.

The text repeats an English and a Russian paragraph joined by spaces into ONE paragraph
(no line break) of each size, and runs it through ``Pipeline`` once per size. It prints
the seconds and the milliseconds per 1,000 words; a flat last column means linear cost.

    python benchmarks/long_paragraph.py                          # 0.25, 0.5, 1, 2 MB, ner="none"
    python benchmarks/long_paragraph.py --sizes 0.25 1 --ner default
"""

from __future__ import annotations

import argparse
import time

ENGLISH = ("The European Union funded a two-day seminar on water management in Bishkek on "
           "5 March 2024, attended by 30 participants from local government. UNDP provided "
           "a grant of USD 120,000 to support 12 rural communities under the programme. ")
RUSSIAN = ("Европейский союз профинансировал семинар по управлению водными ресурсами в "
           "Бишкеке 5 марта 2024 года, в котором приняли участие 30 специалистов. ПРООН "
           "выделила грант в размере 120 000 долларов США для 12 сельских общин. ")


def one_paragraph(n_bytes: int) -> str:
    """A single paragraph of about ``n_bytes`` UTF-8 bytes."""
    unit = ENGLISH + RUSSIAN
    reps = max(1, n_bytes // len(unit.encode("utf-8")))
    return (unit * reps).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1, 2],
                        help="sizes in MB (default: 0.25 0.5 1 2)")
    parser.add_argument("--ner", default="none", help='"none" (default) or "default"')
    args = parser.parse_args()

    from pipeline import Pipeline
    pipeline = Pipeline(ner=args.ner) if args.ner != "default" else Pipeline()
    pipeline.extract(one_paragraph(20_000))  # load models before the clock starts
    print(f"ner={args.ner}")
    print(f"{'MB':>6} {'chars':>10} {'words':>9} {'seconds':>9} {'ms/1k words':>12}")
    for size in args.sizes:
        text = one_paragraph(int(size * 1_000_000))
        words = len(text.split())
        began = time.perf_counter()
        pipeline.extract(text)
        took = time.perf_counter() - began
        print(f"{size:>6} {len(text):>10,} {words:>9,} {took:>9.1f} {1000 * took / words * 1000:>12.1f}",
              flush=True)


if __name__ == "__main__":
    main()
