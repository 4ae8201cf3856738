"""Tables analysts open: every record's facts as CSV, Parquet or Excel (``pressfacts export``).

One table per list field (documents, segments, entities, dates, counts, money, events,
participants, programmes, funding, warnings), each row with its document id and its
offsets, built by :func:`pipeline.frames.to_dataframe`, so a table read back is the
DataFrame a notebook gets. Parquet keeps the events' lists (``participants``,
``organisers``) as lists; CSV and Excel, which have no lists, hold them as JSON text
(the ``participants`` table has them one per row). CSV and Parquet write a file per
table, Excel one workbook with a sheet per table. pandas, pyarrow (Parquet) and openpyxl
(Excel) are optional extras: ``pip install "pressfacts[export]"``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..frames import TABLES, Records, _records, to_dataframe

FORMATS = {"csv": "pandas", "parquet": "pyarrow", "xlsx": "openpyxl"}


def _require(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    for module in ("pandas", FORMATS[fmt]):
        try:
            __import__(module)
        except ImportError as err:
            raise ImportError(f'export to {fmt} needs {module}: pip install "pressfacts[export]"') from err


def _as_text(frame):
    """Lists as JSON text, for formats without lists."""
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, list)).any():
            frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
    return frame


def export(records: Records, to_dir: Path, fmt: str) -> list[Path]:
    """Write every table of ``records`` (an output folder, a JSONL file or records) to
    ``to_dir`` in ``fmt`` (csv, parquet or xlsx); return the files written.

    >>> import tempfile
    >>> from pipeline import extract
    >>> record = extract("Bishkek, 3 May 2024 - A seminar for 20 judges took place.", id="a")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in export([record], Path(folder), "csv")][:3]
    ['documents.csv', 'segments.csv', 'entities.csv']
    """
    _require(fmt)
    import pandas as pd

    records = list(_records(records))
    to_dir.mkdir(parents=True, exist_ok=True)
    frames = {table: to_dataframe(records, table) for table in TABLES}
    if fmt == "xlsx":
        path = to_dir / "pressfacts.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as workbook:
            for table, frame in frames.items():
                _as_text(frame).to_excel(workbook, sheet_name=table, index=False)
        return [path]
    written = []
    for table, frame in frames.items():
        path = to_dir / f"{table}.{fmt}"
        if fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            _as_text(frame).to_csv(path, index=False)
        written.append(path)
    return written
