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


# ---------------------------------------------------------------- the review of a thousand documents

N_DOCS = 1_000


@pytest.fixture(scope="module")
def thousand(tmp_path_factory, pipe):
    """The review folder of 1,000+ records: samples/ run once, its records copied under new
    ids (their source files unchanged, so every page still shows its text)."""
    import json
    import time

    folder = tmp_path_factory.mktemp("thousand")
    shutil.copytree(REPO / "samples", folder / "in", ignore=shutil.ignore_patterns("*.json", "*.md"))
    (folder / "in" / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    made = folder / "made"
    started = time.perf_counter()
    report = run_batch([str(folder / "in")], made, pipe=pipe)
    seconds_per_record = (time.perf_counter() - started) / len(report.written)
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(made.rglob("*.json")) if p.name != "_run.json"]
    out = folder / "out"
    for n in range(N_DOCS):
        record = dict(records[n % len(records)], id=f"copy{n // len(records):02d}/{records[n % len(records)]['id']}")
        path = out / f"{record['id']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    shutil.copyfile(made / "_run.json", out / "_run.json")
    builds = []
    for site in ("first", "site"):  # the faster of two builds: the machine is shared
        started = time.perf_counter()
        result = CliRunner().invoke(main, ["review", str(out), "--html", str(folder / site) + "/"])
        builds.append(time.perf_counter() - started)
        assert result.exit_code == 0, result.output
    return folder / "site", min(builds), seconds_per_record * N_DOCS


def test_thousand_pages_are_small_and_quick_to_build(thousand):
    site, build, run = thousand
    pages = list(site.rglob("*.html"))
    assert len(pages) == N_DOCS + 2
    largest = max(pages, key=lambda p: p.stat().st_size)
    print(f"\nreview of {N_DOCS} records built in {build:.2f} s; making them took {run:.1f} s "
          f"(in-process, models loaded); largest page {largest.name}: {largest.stat().st_size:,} bytes")
    assert largest.stat().st_size < 2_000_000
    assert (site / "index.html").stat().st_size < 1_000_000
    assert build < 0.10 * run


def test_overview_lists_failed_inputs_and_links_only_inside_the_folder(thousand):
    site, _, _ = thousand
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "broken.txt" in index and "binary" in index
    for href in re.findall(r'(?:href|src)="([^"#?]+)', index):
        assert not href.startswith(("http:", "https:", "//")), href
        assert (site / href.replace("%20", " ")).exists(), href


class Chromium:
    """Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
    NUL-terminated JSON on file descriptors 3 and 4), so no driver or client library is needed."""

    def __init__(self, profile: Path):
        import fcntl
        import os

        self._in, to_browser = os.pipe()
        from_browser, self._out = os.pipe()

        def descriptors():
            commands, replies = fcntl.fcntl(self._in, fcntl.F_DUPFD, 10), fcntl.fcntl(self._out, fcntl.F_DUPFD, 10)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--disable-background-networking", "--disable-component-update", "--no-first-run",
             "--hide-scrollbars", f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4), preexec_fn=descriptors, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(self._in)
        os.close(self._out)
        self.writer, self.reader = os.fdopen(to_browser, "wb"), os.fdopen(from_browser, "rb")
        self.buffer, self.next_id = b"", 0
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=1400, height=1000,
                  deviceScaleFactor=1, mobile=False)

    def send(self, method: str, session: bool = False, **params):
        import json

        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.writer.write(json.dumps(message).encode() + b"\0")
        self.writer.flush()
        while True:
            while b"\0" not in self.buffer:
                chunk = self.reader.read1(1 << 16)
                assert chunk, "chromium closed the pipe"
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                assert "error" not in reply, reply["error"]
                return reply["result"]

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                           awaitPromise=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0):
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}")

    def open(self, url: str) -> None:
        self.send("Page.navigate", session=True, url=url)
        self.wait_for(f"document.readyState === 'complete' && location.href.startsWith({url.split('#')[0]!r})")

    def screenshot(self, path: Path) -> Path:
        import base64

        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", session=True, format="png")["data"]))
        return path

    def close(self) -> None:
        self.writer.close()
        self.process.terminate()
        self.process.wait(timeout=20)
        self.reader.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("chromium not installed (apt-get install chromium): browser check skipped")
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


def test_browser_overview_filters_and_span_links(thousand, browser, tmp_path_factory):
    site, _, _ = thousand
    shots = tmp_path_factory.mktemp("screenshots")
    browser.open((site / "index.html").as_uri())
    assert browser.evaluate("document.querySelectorAll('#funders tbody tr').length") > 10
    assert browser.evaluate("document.querySelectorAll('#events-chart svg a path').length") > 10  # bars with links
    assert browser.evaluate("document.querySelector('#events-chart svg').getBoundingClientRect().height") > 100
    funder, documents = browser.evaluate(
        "(() => { const r = document.querySelector('#funders tbody tr');"
        " return [r.cells[0].textContent, Number(r.cells[3].textContent)]; })()")
    print(f"\nscreenshot of the overview: {browser.screenshot(shots / 'index.png')}")

    # the document list, filtered by the browser: by language, then by the first funder
    browser.open((site / "documents.html").as_uri())
    shown = "Array.from(document.querySelectorAll('#documents tbody tr')).filter(r => !r.hidden).length"
    assert browser.evaluate(shown) == N_DOCS
    browser.evaluate("(() => { const s = document.querySelector('select[name=lang]'); s.value = 'tg';"
                     " s.dispatchEvent(new Event('input', {bubbles: true})); })()")
    n_tajik = browser.evaluate(shown)
    assert 0 < n_tajik < N_DOCS
    assert browser.evaluate("Array.from(document.querySelectorAll('#documents tbody tr')).filter(r => !r.hidden)"
                            ".every(r => r.dataset.lang.split(' ').includes('tg'))")
    assert browser.evaluate("document.getElementById('shown').textContent") == str(n_tajik)
    browser.evaluate("document.querySelector('form.filters').reset()")
    browser.wait_for(f"{shown} === {N_DOCS}")
    # the overview's number of documents for a funder is the list's, followed from its link
    link = f"documents.html?org={funder.lower().replace(' ', '+')}&role=funder"
    browser.open((site / link.split("?")[0]).as_uri() + "?" + link.split("?")[1])
    assert browser.evaluate(shown) == documents

    # a span link in the funders table opens the document page showing that span
    browser.open((site / "index.html").as_uri())
    target, text = browser.evaluate(
        "(() => { const a = document.querySelector('#funders tbody tr details a');"
        " const href = a.getAttribute('href'); a.click(); return [href, a.textContent]; })()")
    browser.wait_for(f"location.href.endsWith({target!r}) && document.readyState === 'complete'")
    anchor = target.split("#")[1]
    assert anchor.startswith("funding-")
    marked = browser.wait_for(
        "(() => { const m = document.querySelectorAll('mark.target'); if (!m.length) return null;"
        " const r = m[0].getBoundingClientRect(), box = document.querySelector('.doc .text').getBoundingClientRect();"
        " return [Array.from(m, x => x.textContent).join(''), r.top >= box.top && r.bottom <= box.bottom,"
        " getComputedStyle(m[0]).outlineStyle]; })()")
    assert marked[0] in text and marked[1] and marked[2] == "solid"
    assert browser.evaluate(f"document.getElementById({anchor!r}) !== null")
    assert browser.evaluate("document.querySelector('a[rel=next]') !== null")
    assert browser.evaluate("document.querySelectorAll('.facts table').length") >= 3
    print(f"screenshot of a document page: {browser.screenshot(shots / 'document.png')}")


# ---------------------------------------------------------------- notebook display

@pytest.mark.parametrize("doc", DOCS)
def test_record_shows_itself_in_a_notebook(pipe, doc):
    text = (REPO / "samples" / doc).read_text(encoding="utf-8")
    record = pipe.extract(text, id=doc)
    html = record._repr_html_()
    shown = re.sub(r"<[^>]+>", "", html.split('<div class="text">')[1].split("</div>")[0])
    assert __import__("html").unescape(shown) == text  # the whole text, marks only added around it
    for field, kind in {"entities": "entity", "dates": "date", "money": "money", "funding": "funding"}.items():
        if getattr(record, field):
            assert re.search(rf'<mark class="[^"]*\b{kind}\b', html), kind
    for entity in record.entities:
        assert f"<td>{__import__('html').escape(entity.name, quote=False)}</td>" in html.replace('&quot;', '"')
    assert html.count("<table>") >= 3 and ".pressfacts-record mark.money" in html


def test_record_read_back_from_json_shows_its_source_file(page):
    from pipeline.records import PressRelease

    folder, _ = page
    path = next((folder / "out").rglob("*khatlon*.json"))
    record = PressRelease.model_validate_json(path.read_text(encoding="utf-8"))
    assert "Text not shown" not in record._repr_html_() and "<mark" in record._repr_html_()


def test_records_module_imports_no_stage():
    import sys

    code = "import pipeline.records, sys; print(sorted(m for m in sys.modules if m.startswith('pipeline.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                            env={**__import__("os").environ, "PYTHONPATH": str(REPO)}).stdout
    assert loaded.strip() == "['pipeline.errors', 'pipeline.records']"


def test_review_folder_without_the_chart_extra_says_what_to_install(page, tmp_path, monkeypatch):
    folder, _ = page
    monkeypatch.setitem(__import__("sys").modules, "vl_convert", None)  # as if not installed
    result = CliRunner().invoke(main, ["review", str(folder / "out"), "--html", f"{tmp_path / 'site'}/"])
    assert result.exit_code == 1 and 'pip install "pressfacts[review]"' in result.output
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("target", ["one.html", "site/"])
def test_a_corrupt_json_in_the_folder_is_skipped_and_named(page, tmp_path, target):
    """A truncated record (a full disk, a copy cut short) costs only itself, never the review."""
    folder, _html = page
    out = tmp_path / "out"
    shutil.copytree(folder / "out", out)
    (out / "broken.json").write_text('{"schema_version": "1.1", "id": ', encoding="utf-8")
    written = sorted(p for p in out.rglob("*.json") if p.name not in ("_run.json", "broken.json"))
    result = CliRunner().invoke(main, ["review", str(out), "--html", str(tmp_path / target)])
    assert result.exit_code == 0, result.output
    assert "skipped: " in result.output and "broken.json" in result.output
    assert f"{len(written)} documents" in result.output
