"""Web pages, PDFs and Word files as input: text out of them, failures named, grounding kept."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

import pipeline
from pipeline.batch import run_batch
from pipeline.errors import (
    BrokenDocumentError, EncryptedDocumentError, InputError, MissingExtraError, NoTextLayerError,
)
from pipeline.formats import _is_page_number, _join_lines, _vocabulary, docx_text, format_of, html_text, pdf_text
from pipeline.output.manifest import MANIFEST_NAME
from pipeline.reading import discover, read_document

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("format_makers", REPO / "benchmarks" / "formats.py")
makers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(makers)

FONT = makers.find_font()
needs_font = pytest.mark.skipif(FONT is None, reason="no DejaVu Sans (apt-get install fonts-dejavu-core)")
# One release per language family and script.
SAMPLES = [REPO / "samples" / rel for rel in (
    "heldout/en/2024-02-osh-juvenile-diversion-training.txt",
    *(str(p.relative_to(REPO / "samples")) for p in (
        sorted((REPO / "samples" / "kk").glob("*.txt"))[:1] + sorted((REPO / "samples" / "ky").glob("*.txt"))[:1]
        + sorted((REPO / "samples").glob("*/tg/*.txt"))[:1] + sorted((REPO / "samples").glob("*/ru/*.txt"))[:1])),
)]


def _make(fmt: str, text: str) -> bytes:
    return {"html": lambda: makers.make_html(text), "pdf": lambda: makers.make_pdf(text, FONT),
            "docx": lambda: makers.make_docx(text)}[fmt]()


def _grounded(record, text: str) -> bool:
    return makers.grounded(record, text)


@needs_font
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_made_document_reads_back_as_the_release(pipe, fmt, sample, tmp_path):
    text = sample.read_text(encoding="utf-8")
    path = tmp_path / f"release.{fmt}"
    path.write_bytes(_make(fmt, text))
    source = pipeline.read_file(path)
    assert source.format == fmt
    assert makers.paragraphs_of(source.text) == makers.paragraphs_of(text)
    record = pipe.extract_source(source)
    assert record.source.format == fmt
    assert _grounded(record, source.text)
    assert makers.facts(record) == makers.facts(pipe.extract(text))


# -- HTML --------------------------------------------------------------------------------

PAGE = """<html><head><title>{title}</title>{meta}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
<div class="cookies">We use cookies on this site. <button>Accept</button></div>
<main><article>{h1}
<p>The regional water council met on Tuesday with twelve farmers' associations to agree
the summer irrigation schedule for the valley.</p>
<p>A second round of talks on canal repairs is planned for the autumn, once the harvest is in
and the associations have counted their members.</p>
</article></main>
<footer>Copyright 2022. Contacts and privacy policy.</footer></body></html>"""


@pytest.mark.parametrize("h1, meta, head", [
    ("<h1>Water council agrees irrigation schedule</h1>", "", ["Water council agrees irrigation schedule"]),
    ("", "", ["Water council agrees irrigation schedule"]),
    ("<h1>Water council agrees irrigation schedule</h1>",
     '<meta property="article:published_time" content="2022-08-07T22:02:00+06:00">',
     ["Water council agrees irrigation schedule", "07.08.2022"]),
])
def test_html_keeps_title_and_stated_date_above_the_paragraphs(h1, meta, head):
    page = PAGE.format(title="Water council agrees irrigation schedule", meta=meta, h1=h1)
    paragraphs = html_text(page.encode()).split("\n\n")
    assert paragraphs[:len(head)] == head
    assert paragraphs[len(head)].startswith("The regional water council met on Tuesday")
    assert len(paragraphs) == len(head) + 2
    assert not any(word in html_text(page.encode()) for word in ("cookies", "Copyright", "Home"))


# -- PDF ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lines, expected", [
    (["training on medi-", "ation was held"], "training on mediation was held"),
    (["a three-day training and a three-", "day seminar"], "a three-day training and a three-day seminar"),
    (["from Jalal-", "Abad and Osh"], "from Jalal-Abad and Osh"),
    (["в течение 2023-", "2024 годов"], "в течение 2023-2024 годов"),
    (["семинар по органи-", "зации работы судов"], "семинар по организации работы судов"),
])
def test_pdf_line_ends_join_split_words_and_keep_compounds(lines, expected):
    assert _join_lines(lines, _vocabulary([lines])) == expected


def _scanned_pdf() -> bytes:
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((40, 40), "Seminar for judges in Bishkek, 12 March 2024", fill="black")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    return bytes(pdf.output())


def _encrypted_pdf(user_password: str) -> bytes:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "A seminar for 30 judges took place in Bishkek on 12 March 2024.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_scanned_pdf_without_text_layer_is_refused():
    with pytest.raises(NoTextLayerError, match="no text layer"):
        pdf_text(_scanned_pdf())


def test_encrypted_pdf_that_needs_a_password_is_refused():
    with pytest.raises(EncryptedDocumentError, match="password"):
        pdf_text(_encrypted_pdf("secret"))


def test_pdf_encrypted_without_a_user_password_is_read():
    assert "30 judges" in pdf_text(_encrypted_pdf(""))


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"%PDF-1.4\n" + b"\x00garbage" * 50])
def test_broken_pdf_is_refused(data):
    with pytest.raises((BrokenDocumentError, NoTextLayerError)):
        pdf_text(data)


# -- DOCX --------------------------------------------------------------------------------


def test_docx_keeps_paragraphs_and_tables_in_order_without_header_and_footer():
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Running header"
    document.add_heading("Grants for women farmers", level=1)
    document.add_paragraph("Forty farmers received grants.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Khatlon", "25 grants"
    document.add_paragraph("")
    document.add_paragraph("The next round opens in May.")
    out = io.BytesIO()
    document.save(out)
    assert docx_text(out.getvalue()) == (
        "Grants for women farmers\n\nForty farmers received grants.\n\nKhatlon 25 grants\n\n"
        "The next round opens in May.")


@pytest.mark.parametrize("data", [
    makers.make_docx("Title\n\nBody text of the release.")[:400],   # truncated
    b"PK\x03\x04 not really a zip file at all, word/document.xml",
])
def test_broken_docx_is_refused(data):
    with pytest.raises(BrokenDocumentError, match="broken Word file"):
        docx_text(data)


# -- dispatch, library and batch ----------------------------------------------------------


@pytest.mark.parametrize("name, data, fmt", [
    ("a.html", b"<html>", "html"), ("a.HTM", b"<html>", "html"), ("a.pdf", b"", "pdf"),
    ("a.docx", b"", "docx"), ("a.txt", b"%PDF-1.4", "pdf"), ("-", b"%PDF-1.4", "pdf"),
    ("-", b"Plain text", "text"), (None, makers.make_docx("T\n\nBody."), "docx"),
])
def test_format_by_suffix_then_by_first_bytes(name, data, fmt):
    assert format_of(name, data) == fmt


def test_missing_library_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(MissingExtraError, match=r"pressfacts\[formats\]"):
        read_document(b"<html><body><p>x</p></body></html>", id="x", path="x.html")


def test_read_file_is_exported_and_raises_typed_errors(tmp_path):
    assert "read_file" in pipeline.__all__
    with pytest.raises(InputError):
        pipeline.read_file(tmp_path / "missing.pdf")
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04broken")
    with pytest.raises(BrokenDocumentError):
        pipeline.read_file(tmp_path / "x.docx")


def test_discovery_takes_all_formats_and_glob_narrows(tmp_path):
    for name in ("a.txt", "b.html", "c.htm", "d.pdf", "e.docx", "f.json", "a.pdf"):
        (tmp_path / name).write_bytes(b"x")
    found = {item.relative.as_posix(): item.id for item in discover([str(tmp_path)])}
    assert found == {"a.txt": "a", "a_pdf.pdf": "a_pdf", "b.html": "b", "c.htm": "c", "d.pdf": "d", "e.docx": "e"}
    assert [i.id for i in discover([str(tmp_path)], glob="*.pdf")] == ["a", "d"]


@needs_font
def test_batch_writes_extracted_text_beside_record_and_lists_failures(pipe, tmp_path):
    text = SAMPLES[0].read_text(encoding="utf-8")
    inputs = tmp_path / "in"
    (inputs / "web").mkdir(parents=True)
    (inputs / "web" / "page.html").write_bytes(_make("html", text))
    (inputs / "statement.pdf").write_bytes(_make("pdf", text))
    (inputs / "note.docx").write_bytes(_make("docx", text))
    (inputs / "plain.txt").write_text(text, encoding="utf-8")
    (inputs / "scan.pdf").write_bytes(_scanned_pdf())
    (inputs / "locked.pdf").write_bytes(_encrypted_pdf("secret"))
    (inputs / "broken.docx").write_bytes(b"PK\x03\x04broken")
    out = tmp_path / "out"
    report = run_batch([str(inputs)], out, pipe=pipe)
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    failed = {entry["id"]: entry["error"] for entry in manifest["failed"]}
    assert failed == {"scan": "NoTextLayerError", "locked": "EncryptedDocumentError",
                      "broken": "BrokenDocumentError"}
    assert report.exit_code != 0
    for rel, fmt in (("web/page", "html"), ("statement", "pdf"), ("note", "docx"), ("plain", "text")):
        record = json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
        assert record["source"]["format"] == fmt
        if fmt == "text":
            assert record["source"]["text_path"] is None
            continue
        assert record["source"]["text_path"] == f"{rel}.txt"
        extracted = (out / record["source"]["text_path"]).read_text(encoding="utf-8")
        assert record["source"]["n_chars"] == len(extracted)
        record = pipeline.PressRelease.model_validate(record)
        assert record.entities and _grounded(record, extracted)


@pytest.mark.parametrize("text, pages, expected", [
    ("7", 9, True), ("- 7 -", 9, True), ("7/9", 9, True), ("Page 7 of 9", 9, True), ("Стр. 2", 3, True),
    ("12 March 2024", 3, False), ("Бишкек, 12 марта 2024 г.", 3, False), ("Press release", 3, False),
])
def test_page_number_lines_in_any_language(text, pages, expected):
    assert _is_page_number(text, pages) is expected


def test_html_page_in_a_legacy_code_page_is_decoded_first():
    page = ('<html><head><meta charset="windows-1251"><title>Семинар для судей</title></head><body>'
            '<nav>Главная Новости Контакты</nav><article><h1>Семинар для судей</h1>'
            '<p>В Бишкеке прошёл двухдневный семинар для тридцати судей из всех областей страны, '
            'посвящённый праву на справедливое судебное разбирательство.</p></article>'
            '<footer>Все права защищены</footer></body></html>')
    text = html_text(page.encode("cp1251"))
    assert text.split("\n\n") == ["Семинар для судей", "В Бишкеке прошёл двухдневный семинар для тридцати "
                                  "судей из всех областей страны, посвящённый праву на справедливое "
                                  "судебное разбирательство."]
