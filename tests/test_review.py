"""The HTML review page: highlights by kind, segments, tables; rendered in a real headless browser."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import main

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
DOCS = ["en/2019-12-khatlon-irrigation-grant.txt", "ru/2023-12-adb-irrigation-loan.txt",
        "mixed/2023-11-tashkent-prosecutors-seminar.txt"]


@pytest.fixture(scope="module")
def page(tmp_path_factory, pipe):
    folder = tmp_path_factory.mktemp("review")
    for doc in DOCS:
        (folder / "in" / doc).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "samples" / doc, folder / "in" / doc)
    run_batch([str(folder / "in")], folder / "out", pipe=pipe)
    html = folder / "review.html"
    result = CliRunner().invoke(main, ["review", str(folder / "out"), "--html", str(html)])
    assert result.exit_code == 0, result.output
    return folder, html


def test_page_marks_every_kind_the_records_have(page):
    folder, html = page
    text = html.read_text(encoding="utf-8")
    records = [__import__("json").loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "out").rglob("*.json"))
               if p.name != "_run.json"]
    kinds = {"entities": "entity", "dates": "date", "counts": "count", "money": "money",
             "events": "event", "funding": "funding"}
    for field, kind in kinds.items():
        if any(r[field] for r in records):
            assert re.search(rf'<mark class="[^"]*\b{kind}\b', text), kind
    assert text.count('class="seg lang-') == sum(len(r["segments"]) for r in records)
    assert "<caption>Events</caption>" in text or "No events." in text
    assert "<caption>Funding</caption>" in text
    # self-contained: nothing is fetched
    assert not re.search(r"<script|<link|<img|src=|url\(|@import", text)


def test_changed_source_is_not_highlighted(page, tmp_path):
    folder, _ = page
    source = folder / "in" / DOCS[0]
    original = source.read_bytes()
    try:
        source.write_bytes(original + b"\nedited\n")
        html = tmp_path / "r.html"
        CliRunner().invoke(main, ["review", str(folder / "out"), "--html", str(html)])
        assert "has changed since the record was made" in html.read_text(encoding="utf-8")
    finally:
        source.write_bytes(original)


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium): browser check skipped")
def test_browser_renders_highlights(page, tmp_path):
    _, html = page
    dom = _chromium("--dump-dom", html.as_uri(), profile=tmp_path / "profile1").stdout
    marked = set(" ".join(re.findall(r'<mark class="([^"]+)"', html.read_text(encoding="utf-8"))).split())
    assert len(marked) >= 4
    assert marked == set(" ".join(re.findall(r'<mark class="([^"]+)"', dom)).split())
    assert 'data-lang="uz"' in dom and 'data-lang="en"' in dom
    shot = tmp_path / "shot.png"
    _chromium(f"--screenshot={shot}", "--window-size=1200,1600", html.as_uri(), profile=tmp_path / "profile2")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 50_000  # a blank page compresses to a few kB; this one has text and colour


def test_review_command_has_help():
    result = CliRunner().invoke(main, ["review", "--help"])
    assert result.exit_code == 0 and "--html" in result.output
