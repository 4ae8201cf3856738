"""Text out of saved web pages, PDFs and Word files, before anything else reads it.

Every reader returns plain text with one paragraph per block and a blank line between
blocks, the layout of a ``.txt`` release, so the stages after reading see the same shape
whatever the input was. The text returned here is what offsets refer to; the batch
writes it beside the record (``source.text_path``).

The libraries are the optional extra ``formats`` (``pip install 'pressfacts[formats]'``);
without them a non-text input fails with :class:`~pipeline.errors.MissingExtraError`.
"""

from __future__ import annotations

import io
import re
import statistics
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import Optional

from .errors import BrokenDocumentError, EncryptedDocumentError, MissingExtraError, NoTextLayerError

FORMATS_BY_SUFFIX = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}
EXTRA = "pip install 'pressfacts[formats]'"
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = tuple(".!?:;»\"”’)")


def format_of(path: Optional[str], data: bytes) -> str:
    """``text``, ``html``, ``pdf`` or ``docx``: a PDF or Word file by its first bytes,
    whatever its name (piped to stdin, or saved as ``.txt``), else by the file's suffix."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]:
        return "docx"
    suffix = PurePath(path).suffix.lower() if path else ""
    return FORMATS_BY_SUFFIX.get(suffix, "text")


def extract_text(data: bytes, fmt: str) -> str:
    """The text of a document in format ``fmt`` (not ``text``), paragraphs apart by blank lines."""
    readers = {"html": html_text, "pdf": pdf_text, "docx": docx_text}
    return readers[fmt](data)


def _paragraphs(blocks) -> str:
    """Blocks joined as paragraphs: inner whitespace runs folded, empty blocks dropped."""
    out = []
    for block in blocks:
        lines = [" ".join(line.split()) for line in block.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            out.append(text)
    return "\n\n".join(out)


# -- HTML ------------------------------------------------------------------------------


def html_text(data: bytes) -> str:
    """The main text of a saved page, menus, banners, sidebars and footers removed.

    trafilatura finds the main content; its blocks (paragraphs, headings, list items,
    table rows) become paragraphs. The page's title, when the content does not open with
    it, and its publication date, when the markup states one, go first, as a saved page
    shows them above the release: the date as a ``DD.MM.YYYY`` line the dateline finder reads.
    """
    try:
        import trafilatura
    except ImportError as err:
        raise MissingExtraError(f"reading HTML needs trafilatura: {EXTRA}") from err
    from .reading import decode_bytes

    page, _ = decode_bytes(data)
    doc = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        deduplicate=False, date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None or doc.body is None:
        raise NoTextLayerError("no main text found in the HTML page")
    blocks = []
    for element in doc.body:
        if element.tag == "list":
            blocks.extend(_element_text(item) for item in element.iter("item"))
        elif element.tag == "table":
            blocks.extend(" ".join(_element_text(cell) for cell in row.iter("cell")) for row in element.iter("row"))
        else:
            blocks.append(_element_text(element))
    opens_with_heading = len(doc.body) and doc.body[0].tag == "head"
    head = []
    if doc.title and not opens_with_heading:
        head.append(doc.title)
    if doc.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date) and _states_date(page):
        year, month, day = doc.date.split("-")
        head.append(f"{day}.{month}.{year}")
    if opens_with_heading:
        blocks[1:1] = head
    else:
        blocks[0:0] = head
    text = _paragraphs(blocks)
    if not text:
        raise NoTextLayerError("no main text found in the HTML page")
    return text


# Markup that states a publication date: meta tags (Open Graph, Dublin Core, schema.org)
# and <time datetime>. A date htmldate guesses from running text or the title is not the
# page's statement, and a date line made from it would only repeat the release's own.
_DATE_MARKUP = re.compile(
    r"<meta\b[^>]*\b(?:property|name|itemprop)\s*=\s*[\"'][^\"']*(?:date|time|published)[^\"']*[\"']"
    r"|<time\b[^>]*\bdatetime\s*=|\bitemprop\s*=\s*[\"']datePublished", re.IGNORECASE)


def _states_date(page: str) -> bool:
    return bool(_DATE_MARKUP.search(page))


def _element_text(element) -> str:
    """An element's text, ``<lb/>`` (a ``<br>``) kept as a line break."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else "".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


# -- PDF -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    page: int
    x0: float
    x1: float
    top: float      # distance from the top of the page
    bottom: float
    text: str


def pdf_text(data: bytes) -> str:
    """The text of a PDF in reading order, paragraphs rebuilt, running heads and page numbers dropped.

    pdfminer.six lays out each page's lines with their positions; lines repeated at the
    top or bottom of most pages (digits ignored) and lone page numbers are dropped; a
    paragraph ends at a wider gap than the line spacing, or at a short line that ends a
    sentence, so one broken by a page goes on; a word hyphenated at a line end is joined.
    """
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psexceptions import PSException
    except ImportError as err:
        raise MissingExtraError(f"reading PDF needs pdfminer.six: {EXTRA}") from err
    lines: list[_Line] = []
    heights: dict[int, float] = {}
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
            heights[number] = page.height
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                for line in box:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        lines.append(_Line(number, line.x0, line.x1, page.height - line.y1,
                                           page.height - line.y0, line.get_text().rstrip("\n")))
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise EncryptedDocumentError(f"encrypted PDF that needs a password: {type(err).__name__}") from err
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as err:
        raise BrokenDocumentError(f"broken PDF: {type(err).__name__}: {err}") from err
    if not heights:
        raise BrokenDocumentError("broken PDF: no pages")
    body = _drop_running_lines(lines, heights)
    if not any(line.text.strip() for line in body):
        raise NoTextLayerError(f"PDF of {len(heights)} page(s) has no text layer (a scan?); OCR it first")
    return _rebuild(body)


def _drop_running_lines(lines: list[_Line], heights: dict[int, float]) -> list[_Line]:
    """Lines that are not running headers, footers or page numbers (all in the top or
    bottom eighth of a page)."""
    pages = len(heights)
    body_height = statistics.median(line.bottom - line.top for line in lines) if lines else 0.0
    band = {}
    for line in lines:
        if line.top < 0.12 * heights[line.page] or line.bottom > 0.88 * heights[line.page]:
            band[line] = _DIGITS.sub("#", " ".join(line.text.split())).lower()
    repeats = Counter(key for line, key in band.items())
    kept = []
    for line in lines:
        text = line.text.strip()
        # at the top or bottom: a page number, a line repeated on most pages, or one in
        # smaller type than the body (a running head on a one-page document)
        if line in band and (_is_page_number(text, pages) or line.bottom - line.top < 0.85 * body_height
                             or (pages > 1 and repeats[band[line]] >= max(2, pages // 2))):
            continue
        kept.append(line)
    return kept


def _is_page_number(text: str, pages: int) -> bool:
    """A page-number line in any language: "7", "- 7 -", "7/9", "Page 7 of 9", "Стр. 7":
    a few tokens, at most two words, numbers no higher than the page count (so a date
    such as "12 March 2024" at the top of a page is not one)."""
    tokens = re.findall(r"\w+", text)
    numbers = [int(t) for t in tokens if t.isdigit()]
    return (0 < len(tokens) <= 4 and len(tokens) - len(numbers) <= 2 and bool(numbers)
            and all(n <= pages for n in numbers))


def _rebuild(lines: list[_Line]) -> str:
    """Join lines into paragraphs (see :func:`pdf_text`)."""
    if not lines:
        return ""
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.top]
    spacing = statistics.median(gaps) if gaps else 0.0
    right = max(line.x1 for line in lines)
    sizes = [line.bottom - line.top for line in lines]
    char = statistics.median(sizes) * 0.5 if sizes else 5.0
    paragraphs: list[list[str]] = [[lines[0].text.strip()]]
    for prev, line in zip(lines, lines[1:]):
        text = line.text.strip()
        short = prev.x1 < right - 4 * char
        if line.page == prev.page:
            new = spacing and (line.top - prev.top > 1.4 * spacing or line.top < prev.top)
            new = new or (short and prev.text.rstrip().endswith(_SENTENCE_END) and line.x0 > min(prev.x0, line.x0) + char)
        else:
            # a page break: the paragraph goes on unless the page's last line ends a
            # sentence and is short or the next page opens one with a capital
            new = prev.text.rstrip().endswith(_SENTENCE_END) and (short or text[:1].isupper())
        if new:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
    vocabulary = _vocabulary(paragraphs)
    return "\n\n".join(_join_lines(para, vocabulary) for para in paragraphs)


def _vocabulary(paragraphs: list[list[str]]) -> Counter:
    """Words of the document and the parts of its hyphenated words, lower-cased, leaving out
    both fragments of every word broken by a hyphen at a line end (they are what is asked)."""
    words = []
    for lines in paragraphs:
        broken = False
        for line in lines:
            tokens = re.findall(r"[\w-]+", line)
            if broken and tokens:
                tokens = tokens[1:]
            broken = line.rstrip().endswith(("-", "\u00ad"))
            if broken and tokens:
                tokens = tokens[:-1]
            words.extend(t.lower().strip("-") for t in tokens)
    return Counter(words + [part for w in words if "-" in w for part in w.split("-") if part])


def _join_lines(lines: list[str], vocabulary: Counter) -> str:
    """One paragraph's lines as one line; a hyphen at a line end either joins a split word
    or stays in a compound ("three-day"), as the rest of the document writes the word."""
    out = lines[0]
    for line in lines[1:]:
        head = re.search(r"(\w+)[-\u00ad]$", out)
        tail = re.match(r"\w+", line)
        if head and tail:
            left, right = head.group(1), tail.group(0)
            joined, compound = (left + right).lower(), f"{left}-{right}".lower()
            # "Jalal-|Abad" is a compound, "ЮНИСЕ-|Фнинг" and "ЕҚ-|ЫҰ" are an acronym split
            capitalised = right[:1].isupper() and not left.isupper()
            keep = vocabulary[compound] > 0 or (vocabulary[joined] == 0 and (
                capitalised or right[:1].isdigit() or left[-1:].isdigit()
                or (vocabulary[left.lower()] > 0 and vocabulary[right.lower()] > 0)))
            out = out[:-1] + ("-" if keep and out[-1] == "-" else "") + line
        else:
            out = f"{out} {line}"
    return out


# -- DOCX ------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    """The paragraphs and table rows of a Word file's body, in document order (no headers
    or footers, which repeat on every page and are not the release)."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as err:
        raise MissingExtraError(f"reading Word files needs python-docx: {EXTRA}") from err
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = []
        for item in document.iter_inner_content():
            if hasattr(item, "rows"):
                blocks.extend(" ".join(cell.text for cell in row.cells) for row in item.rows)
            else:
                blocks.append(item.text)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise BrokenDocumentError(f"broken Word file: {type(err).__name__}: {err}") from err
    except Exception as err:  # noqa: BLE001 - malformed XML inside the package, in many shapes
        if type(err).__module__.startswith(("lxml", "docx")):
            raise BrokenDocumentError(f"broken Word file: {type(err).__name__}: {err}") from err
        raise
    text = _paragraphs(blocks)
    if not text:
        raise NoTextLayerError("Word file has no text")
    return text
