"""Releases as they arrive: each sample as a web page, a PDF and a Word file, read back.

Usage: python benchmarks/formats.py [samples/] [--keep DIR] [--pdf-library pdfminer|pypdf|pypdf-raw]

For every ``.txt`` under the folder it makes an HTML page (menu, cookie banner, related-news
sidebar and footer around the release), a PDF (running header and footer, page numbers,
paragraphs broken by pages, words hyphenated at line ends; DejaVu Sans for Cyrillic) and a
DOCX (header and footer too), reads each back with :func:`pipeline.read_file`, extracts
the facts and compares them with those of the ``.txt``. Prints per format the share of
documents whose facts are all equal, the share of ``.txt`` paragraphs found whole in the
extracted text, and whether every record is grounded in its extracted text.

The makers are imported by tests/test_formats.py.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FONT_PLACES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)


def find_font() -> Path | None:
    """A TTF with Cyrillic and the Kazakh, Kyrgyz, Uzbek and Tajik letters (DejaVu Sans)."""
    for place in FONT_PLACES:
        if Path(place).is_file():
            return Path(place)
    try:
        import matplotlib
        path = Path(matplotlib.__file__).parent / "mpl-data/fonts/ttf/DejaVuSans.ttf"
        return path if path.is_file() else None
    except ImportError:
        return None


def paragraphs_of(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


# -- HTML ------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Press centre</title>
<link rel="stylesheet" href="/static/site.css"></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>This website uses cookies to improve your
experience. By clicking "Accept all" you agree to 3 kinds of cookies.</p>
<button>Accept all</button><button>Settings</button></div>
<header class="site-header"><a class="logo" href="/">Press centre</a>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li>
<li><a href="/news">News</a></li><li><a href="/projects">Projects</a></li>
<li><a href="/vacancies">Vacancies</a></li><li><a href="/contacts">Contacts</a></li></ul></nav>
<form class="search"><input name="q" placeholder="Search"></form></header>
<div class="breadcrumbs"><a href="/">Home</a> / <a href="/news">News</a> / Press releases</div>
<main class="content"><div class="row">
<article class="news-item"><h1>{title}</h1>
<div class="share"><a href="#">Share</a> <a href="#">Print</a></div>
{body}
</article>
<aside class="sidebar"><h3>Related news</h3><ul>
<li><a href="/news/1">12 March 2024 - Regional office opens 3 new centres for 1,200 families</a></li>
<li><a href="/news/2">5 May 2023 - EUR 4 million programme for rural schools launched in Tashkent</a></li>
<li><a href="/news/3">18 October 2022 - 45 mayors meet at a forum on water in Almaty</a></li>
</ul><h3>Subscribe</h3><p>Get our newsletter every Monday.</p></aside>
</div></main>
<footer class="site-footer"><p>&copy; 2024 Press centre. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li>
<li><a href="/sitemap">Sitemap</a></li></ul><p>Phone: +996 312 000 000</p></footer>
</body></html>
"""


def make_html(text: str, lang: str = "en") -> bytes:
    """A saved news page around the release: its first paragraph is the title."""
    paras = paragraphs_of(text)
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
    return PAGE.format(lang=lang, title=html.escape(paras[0]), body=body).encode("utf-8")


# -- PDF -------------------------------------------------------------------------------


def make_pdf(text: str, font: Path, *, header: str = "Press release") -> bytes:
    """A PDF on small pages so paragraphs break across them, words hyphenated at line ends,
    a running header and footer with the page number."""
    from fpdf import FPDF

    pdf = FPDF(format=(420, 595), unit="pt")  # A5
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_auto_page_break(False)
    pdf.set_margins(50, 60, 50)
    size, leading = 10, 13
    width = pdf.w - 100
    top, bottom = 70, pdf.h - 60
    state = {"y": bottom + 1}

    def new_page():
        pdf.add_page()
        pdf.set_font("DejaVu", size=8)
        pdf.text(50, 35, header)
        pdf.text(50, pdf.h - 30, f"www.example.org   |   Page {pdf.page_no()}")
        pdf.set_font("DejaVu", size=size)
        state["y"] = top

    def put(line: str):
        if state["y"] + leading > bottom:
            new_page()
        pdf.text(50, state["y"] + size, line)
        state["y"] += leading

    for para in paragraphs_of(text):
        pdf.set_font("DejaVu", size=size)
        line = ""
        words = para.split(" ")
        i = 0
        while i < len(words):
            word = words[i]
            trial = f"{line} {word}" if line else word
            if pdf.get_string_width(trial) <= width:
                line, i = trial, i + 1
                continue
            cut = _hyphenation_point(word, line, width, pdf)
            if cut:
                piece = word[:cut] + ("" if word[cut - 1] == "-" else "-")
                put(f"{line} {piece}" if line else piece)
                words[i] = word[cut:]
            elif line:
                put(line)
            else:
                put(word)
                i += 1
            line = ""
        if line:
            put(line)
        state["y"] += leading * 0.8
    return bytes(pdf.output())


def _hyphenation_point(word: str, line: str, width: float, pdf) -> int:
    """Where to split ``word`` so its first part and a hyphen fit on ``line``: after an
    existing hyphen, or between letters leaving three on each side; 0 when none fits."""
    best = 0
    for cut in range(3, len(word) - 2):
        head = word[:cut]
        if not (head[-1].isalpha() and word[cut].isalpha()) and head[-1] != "-":
            continue
        if pdf.get_string_width(f"{line} {head}-") <= width:
            best = cut
    return best


# -- DOCX ------------------------------------------------------------------------------


def make_docx(text: str, *, header: str = "Press release") -> bytes:
    """A Word file: the title as a heading, the paragraphs, a header and a footer."""
    import io

    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = "www.example.org | Contacts: +996 312 000 000"
    paras = paragraphs_of(text)
    document.add_heading(paras[0], level=1)
    for para in paras[1:]:
        document.add_paragraph(para)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- comparison ------------------------------------------------------------------------


def facts(record) -> dict:
    """What a reader takes from a record, without offsets (they differ between formats)."""
    r = record.model_dump()
    dateline = r["dateline"]
    return {
        "dateline": dateline and (dateline["text"], dateline["place"], str(dateline["date"])),
        "dates": Counter((d["text"], str(d["value"])) for d in r["dates"]),
        "counts": Counter((c["value"], c["of"]) for c in r["counts"]),
        "money": Counter((m["value"], m["currency"]) for m in r["money"]),
        "organisations": Counter(e["name"] for e in r["entities"] if e["label"] == "ORG"),
        "events": Counter((e["type"], str(e["date"]), e["location"],
                           tuple(sorted(str(p["count"]) for p in e["participants"]))) for e in r["events"]),
        "funding": Counter((f["name"], f["role"]) for f in r["funding"]),
    }


def grounded(record, text: str) -> bool:
    def spans(obj):
        if isinstance(obj, dict):
            if {"text", "start", "end"} <= obj.keys() and isinstance(obj["start"], int):
                yield obj
            for value in obj.values():
                yield from spans(value)
        elif isinstance(obj, list):
            for value in obj:
                yield from spans(value)

    return all(text[s["start"]:s["end"]] == s["text"] for s in spans(record.model_dump()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(REPO / "samples"))
    parser.add_argument("--keep", default=None, help="Also save the made files here.")
    parser.add_argument("--pdf-library", choices=["pdfminer", "pypdf", "pypdf-raw"], default=None,
                        help="Only measure paragraph recovery of this PDF library, raw, without the rest.")
    args = parser.parse_args()

    from pipeline.api import Pipeline
    from pipeline.reading import read_file

    font = find_font()
    if font is None:
        print("no DejaVu Sans found (apt-get install fonts-dejavu-core)", file=sys.stderr)
        return 2
    files = sorted(Path(args.folder).rglob("*.txt"))
    if args.pdf_library:
        return _compare_pdf_libraries(files, font, args.pdf_library)
    pipe = Pipeline()
    makers = {"html": lambda t, lang: make_html(t, lang), "pdf": lambda t, lang: make_pdf(t, font),
              "docx": lambda t, lang: make_docx(t)}
    equal = Counter()
    paras_found, paras_total = Counter(), 0
    ungrounded = Counter()
    misses: dict[str, list[str]] = {fmt: [] for fmt in makers}
    keep = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pressfacts-formats-"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        base = pipe.extract(text, id=path.stem)
        want = facts(base)
        paras = paragraphs_of(text)
        paras_total += len(paras)
        for fmt, make in makers.items():
            made = keep / fmt / path.relative_to(args.folder).with_suffix(f".{fmt}")
            made.parent.mkdir(parents=True, exist_ok=True)
            made.write_bytes(make(text, base.language))
            source = read_file(made)
            record = pipe.extract_source(source)
            got = facts(record)
            extracted = set(paragraphs_of(source.text))
            paras_found[fmt] += sum(p in extracted for p in paras)
            ungrounded[fmt] += not grounded(record, source.text)
            if got == want:
                equal[fmt] += 1
            else:
                diff = [k for k in want if want[k] != got[k]]
                misses[fmt].append(f"{path.relative_to(args.folder)}: {', '.join(diff)}")
    print(f"{len(files)} releases; made files in {keep}")
    print(f"{'format':8} {'facts equal':>14} {'paragraphs whole':>18} {'ungrounded':>11}")
    for fmt in makers:
        print(f"{fmt:8} {equal[fmt]:>4}/{len(files)} {equal[fmt] / len(files):6.1%} "
              f"{paras_found[fmt] / paras_total:17.1%} {ungrounded[fmt]:>11}")
    for fmt, lines in misses.items():
        for line in lines:
            print(f"  {fmt} differs: {line}")
    return 0


def _compare_pdf_libraries(files: list[Path], font: Path, library: str) -> int:
    """The share of ``.txt`` paragraphs found whole in the PDF's text: pdfminer.six as
    :func:`pipeline.formats.pdf_text` reads it, or pypdf's text runs and their positions fed
    to the same header/footer removal and paragraph rebuilding (pypdf gives no run width,
    so a line's end is estimated from its length and font size)."""
    import io

    from pipeline.formats import pdf_text

    found = total = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = make_pdf(text, font)
        if library == "pdfminer":
            got = pdf_text(data)
        elif library == "pypdf":
            got = _pypdf_text(data)
        else:   # pypdf's own text: one line per line, no paragraph breaks, headers kept
            from pypdf import PdfReader

            got = "\n\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        extracted = set(paragraphs_of(got))
        paras = paragraphs_of(text)
        found += sum(p in extracted for p in paras)
        total += len(paras)
    print(f"{library}: {found}/{total} paragraphs whole ({found / total:.1%})")
    return 0


def _pypdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    from pipeline.formats import _drop_running_lines, _Line, _rebuild

    lines, heights = [], {}
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        height = heights[number] = float(page.mediabox.height)
        runs: dict[float, list] = {}

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                scale = cm[0] if cm[0] else 1.0
                x, y, size = tm[4] * scale + cm[4], tm[5] * scale + cm[5], size * (tm[0] or 1.0)
                runs.setdefault(round(y, 1), []).append((x, text.strip("\n"), size))

        page.extract_text(visitor_text=visit)
        for y, parts in sorted(runs.items(), key=lambda kv: -kv[0]):
            parts.sort()
            text = " ".join(t for _, t, _ in parts)
            size = max(sz for _, _, sz in parts)
            x0 = parts[0][0]
            lines.append(_Line(number, x0, x0 + 0.5 * size * len(text), height - y - size, height - y, text))
    return _rebuild(_drop_running_lines(lines, heights))


if __name__ == "__main__":
    sys.exit(main())
