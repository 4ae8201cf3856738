"""The ``pressfacts`` command: thin wrappers over the library, no logic of its own."""

from __future__ import annotations

import io
import json
import os
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from . import __version__
from .errors import PressFactsError
from .reading import DEFAULT_GLOB, DEFAULT_MAX_BYTES


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pressfacts")
def main() -> None:
    """Structured, source-grounded facts from press releases."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for one JSON per input plus _run.json  [default: output, or none with --jsonl].")
@click.option("--glob", default=DEFAULT_GLOB, show_default=True,
              help="Which files to take from folders (recursive, case-insensitive; braces allowed, e.g. '*.{txt,pdf}').")
@click.option("--reference-date", default=None, metavar="YYYY-MM-DD",
              help="Date that relative dates resolve against when a release has no dateline.")
@click.option("--file-dates", is_flag=True, help="Fall back to each file's modification date as reference date.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=int,
              help="Refuse larger files (listed as failed in the manifest).")
@click.option("--models-dir", default=None, type=click.Path(file_okay=False),
              help="A models/ folder other than the shipped one.")
@click.option("--workers", "-j", default=None, type=click.IntRange(min=1),
              help="Worker processes (models load once in each)  [default: all cores].")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: processes on this machine; dask: a Dask distributed cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (without it: a local cluster of --workers).")
@click.option("--resume", is_flag=True,
              help="Keep outputs a previous run wrote from the same bytes with the same pipeline.")
@click.option("--jsonl", "jsonl_path", default=None, metavar="FILE|-",
              help="Also write one record per line to FILE (- for stdout).")
@click.option("--doc-timeout", default=300.0, show_default=True, type=click.FloatRange(min=0),
              help="Give up a document after this many seconds (listed as failed); 0: no limit.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line, failure list or summary on stderr.")
@click.option("--ner", type=click.Choice(["spacy", "stanza", "none"]), default="spacy", show_default=True,
              help="Statistical NER beside the knowledge base: shipped spaCy models, stanza, or none.")
@click.option("--stanza-dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Folder of stanza models, for --ner stanza.")
def run(inputs, out_dir, glob, reference_date, file_dates, max_bytes, models_dir, workers, engine,
        scheduler, resume, jsonl_path, doc_timeout, quiet, ner, stanza_dir):
    """Extract records from INPUTS (files, folders, or - for stdin) into --out."""
    from .batch import MANIFEST_NAME, run_batch
    from .output.progress import summary

    if out_dir is None and jsonl_path is None:
        out_dir = Path("output")
    try:
        with click.open_file(jsonl_path, "w", encoding="utf-8") if jsonl_path else nullcontext() as stream:
            report = run_batch(list(inputs), out_dir, glob=glob, models_dir=models_dir,
                               reference_date=reference_date, ner=ner, stanza_dir=stanza_dir,
                               max_bytes=max_bytes,
                               use_file_dates=file_dates, workers=workers, engine=engine,
                               scheduler=scheduler, resume=resume,
                               jsonl=stream, progress=not quiet, doc_timeout=doc_timeout or None,
                               options={"reference_date": reference_date, "file_dates": file_dates,
                                        "ner": ner, "stanza_dir": stanza_dir})
            if report.status == "aborted" and jsonl_path == "-":
                _silence_stdout()   # a closed pipe would fail once more when stdout is flushed
    except PressFactsError as err:
        raise click.ClickException(str(err)) from err
    except OSError as err:   # the JSONL file cannot be opened
        raise click.ClickException(f"cannot write {jsonl_path}: {err.strerror or err}") from err
    if not quiet:
        for failure in report.failed:
            click.echo(f"failed: {failure['input']}: {failure['reason']}", err=True)
        click.echo(summary(report, str(out_dir / MANIFEST_NAME) if out_dir else jsonl_path), err=True)
    if report.error:
        click.echo(f"Error: {report.error}", err=True)
    sys.exit(report.exit_code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush into a closed pipe
    prints no second error."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--html", "html_path", type=click.Path(), required=True,
              help="A folder (DIR/): an overview, a filterable document list and one page per document; "
                   "or FILE.html: one self-contained page, for a few documents.")
@click.option("--sources", "sources_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Resolve the records' relative source paths here  [default: current folder].")
def review(out_dir, html_path, sources_dir):
    """Write HTML to check OUT_DIR's records by eye: overview, highlighted spans, tables."""
    from .output.review import write_review

    as_folder = html_path.endswith(("/", "\\")) or Path(html_path).suffix.lower() not in (".html", ".htm")
    html_path = Path(html_path)
    skipped: list[dict[str, str]] = []
    if as_folder or html_path.is_dir():
        from .output.site import write_site

        try:
            count = write_site(out_dir, html_path, sources_dir=sources_dir, skipped=skipped)
        except ImportError as err:
            raise click.ClickException(str(err)) from err
        target = html_path / "index.html"
    else:
        count = write_review(out_dir, html_path, sources_dir=sources_dir, skipped=skipped)
        target = html_path
    for item in skipped:
        click.echo(f"skipped: {item['input']}: {item['reason']}", err=True)
    click.echo(f"{count} documents -> {target}", err=True)


@main.command(name="export")
@click.argument("out_dir", type=click.Path(exists=True, path_type=Path))
@click.option("--to", "to_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the tables.")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "xlsx"]), default="csv", show_default=True,
              help="csv and parquet: a file per table; xlsx: one workbook, a sheet per table.")
def export_command(out_dir, to_dir, fmt):
    """Write OUT_DIR's records (a run's folder or a JSONL file) as tables: documents,
    entities, dates, counts, money, events, participants, programmes, funding, …"""
    from .output.export import export

    try:
        written = export(out_dir, to_dir, fmt)
    except ImportError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{len(written)} files -> {to_dir}", err=True)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reference-date", default=None, metavar="YYYY-MM-DD",
              help="Date that relative dates resolve against when the release has no dateline.")
def explain(file, reference_date):
    """Print FILE's events and funding, each with the rules and sentences that made it."""
    from .api import Pipeline
    from .facts.reasons import format_reasons
    from .reading import read_bytes

    reasons: list = []
    try:
        source = read_bytes(file.read_bytes(), id=file.stem, path=file.as_posix())
        record = Pipeline().extract_source(source, reference_date=reference_date, explanations=reasons)
    except PressFactsError as err:
        raise click.ClickException(str(err)) from err
    for line in format_reasons(record, reasons, source.text):
        click.echo(line)


@main.command()
def schema():
    """Print the JSON Schema of the output record."""
    from .records import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@main.command(name="eval")
@click.argument("gold_dirs", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the figures as JSON.")
@click.option("--thresholds", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Fail (exit 1) when a figure is below its threshold in this JSON file.")
@click.option("--summary", is_flag=True, help="Print only the totals: overall and each set's (dev3, heldout, restated_releases, …).")
def evaluate_command(gold_dirs, json_path, thresholds, summary):
    """Score the pipeline against GOLD_DIRS' *.gold.json files and print the table.

    The first folder's groups add up to 'overall'; each further folder is scored in
    columns of its own, named after it (e.g. 'restated_releases', 'restated_releases/en').
    """
    from .api import Pipeline
    from .evaluation import check_thresholds, evaluate, format_table

    pipe = Pipeline()
    evaluation = evaluate(gold_dirs[0], pipe)
    for extra in gold_dirs[1:]:
        evaluate(extra, pipe, prefix=extra.resolve().name, evaluation=evaluation)
    figures = evaluation.figures()
    click.echo(f"{evaluation.documents} documents")
    totals = {"overall"} | {g.split("/")[0] for g in figures if "/" in g}
    shown = {g: row for g, row in figures.items() if not summary or g in totals}
    click.echo(format_table(shown))
    for problem in evaluation.failures:
        click.echo(f"skipped: {problem}", err=True)
    if json_path:
        json_path.write_text(json.dumps({"documents": evaluation.documents, "figures": figures},
                                        ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if thresholds:
        failures = check_thresholds(figures, json.loads(thresholds.read_text(encoding="utf-8")))
        for failure in failures:
            click.echo(f"below threshold: {failure}", err=True)
        if failures:
            sys.exit(1)
        click.echo(f"quality gate: all figures at or above {thresholds}")
