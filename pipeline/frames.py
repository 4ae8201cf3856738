"""Records as pandas DataFrames for notebooks: one row per item of a list field.

Every row carries the document ``id`` and the item's offsets, so a row can always be
traced back to its text. Nested values are flattened one level with ``_``
(``value_start``, ``evidence_end``); lists (event participants) stay lists. Columns come
from the contract's models, so a field that is empty everywhere still gives the right
columns. Two tables are not list fields: ``documents`` (one row per record, its scalar
fields flattened: ``source_path``, ``dateline_date_start``) and ``participants`` (one row
per participant count of an event, with the event's index and offsets). pandas is an
optional extra: ``pip install "pressfacts[frames]"``.
"""

from __future__ import annotations

import json
import os
import typing
from pathlib import Path
from typing import Any, Iterable, Union

from pydantic import BaseModel

from .output.manifest import MANIFEST_NAME
from .records import PressRelease

Records = Union[str, os.PathLike, Iterable[Union[PressRelease, dict]]]


def _item_model(field: str):
    return typing.get_args(PressRelease.model_fields[field].annotation)[0]


LIST_FIELDS = tuple(name for name, info in PressRelease.model_fields.items()
                    if typing.get_origin(info.annotation) is list)


TABLES = ("documents", *LIST_FIELDS, "participants")


def _model_of(annotation):
    """The pydantic model inside ``Optional[Model]`` or ``Model``, else None (lists stay whole)."""
    inner = typing.get_args(annotation) if typing.get_origin(annotation) is Union else ()
    for candidate in (annotation, *inner):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def columns(field: str) -> list[str]:
    """The columns :func:`to_dataframe` gives for ``field``.

    >>> columns("dates")
    ['id', 'text', 'start', 'end', 'lang', 'value_start', 'value_end', 'granularity']
    """
    if field not in TABLES:
        raise ValueError(f"{field!r} is not a list field of the record; use one of {', '.join(TABLES)}")
    if field == "documents":
        return _flat_names(PressRelease, skip=LIST_FIELDS)
    if field == "participants":
        return ["id", "event", "event_start", "event_end", "count", "group"]
    item = _item_model(field)
    if not (isinstance(item, type) and issubclass(item, BaseModel)):
        return ["id", field.rstrip("s")]
    names = ["id"]
    for name, info in item.model_fields.items():
        nested = _model_of(info.annotation)
        names += [f"{name}_{sub}" for sub in nested.model_fields] if nested else [name]
    return names


def _flat_names(model, *, skip=(), prefix: str = "") -> list[str]:
    names = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        nested = _model_of(info.annotation)
        names += _flat_names(nested, prefix=f"{prefix}{name}_") if nested else [f"{prefix}{name}"]
    return names


def _flatten(value: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, dict):
            flat.update(_flatten(item, f"{prefix}{key}_"))
        else:
            flat[f"{prefix}{key}"] = item
    return flat


def _records(records: Records) -> Iterable[dict[str, Any]]:
    if isinstance(records, (str, os.PathLike)):
        path = Path(records)
        if path.is_dir():
            for file in sorted(path.rglob("*.json")):
                if file.name != MANIFEST_NAME:
                    yield json.loads(file.read_text(encoding="utf-8"))
        else:
            with path.open(encoding="utf-8") as lines:
                yield from (json.loads(line) for line in lines if line.strip())
        return
    for record in records:
        yield record.model_dump(mode="json") if isinstance(record, PressRelease) else record


def rows(records: Records, field: str) -> list[dict[str, Any]]:
    """The rows of :func:`to_dataframe` as plain dicts (what it builds on; no pandas needed)."""
    names = columns(field)
    out = []
    for record in _records(records):
        if field == "documents":
            flat = _flatten({k: v for k, v in record.items() if k not in LIST_FIELDS})
            out.append({name: flat.get(name) for name in names})
            continue
        if field == "participants":
            out += [{"id": record["id"], "event": n, "event_start": event["start"], "event_end": event["end"],
                     "count": p["count"], "group": p["group"]}
                    for n, event in enumerate(record.get("events", [])) for p in event.get("participants", [])]
            continue
        for item in record.get(field, []):
            if not isinstance(item, dict):
                out.append({"id": record["id"], names[1]: item})
                continue
            row = {"id": record["id"]}
            for key, value in item.items():
                if isinstance(value, dict):
                    row.update({f"{key}_{sub}": v for sub, v in value.items()})
                else:
                    row[key] = value
            out.append({name: row.get(name) for name in names})
    return out


def to_dataframe(records: Records, field: str):
    """A DataFrame of one list field (``"events"``, ``"dates"``, ``"warnings"`` …) of many
    records, or of the ``"documents"`` or ``"participants"`` table.

    ``records`` are :class:`~pipeline.PressRelease` objects, their JSON as dicts, an output
    folder of ``pressfacts run``, or a JSONL file of ``--jsonl``.

    >>> from pipeline import extract
    >>> record = extract("Tashkent, 12 March 2024 - A seminar took place.", id="a")
    >>> frame = to_dataframe([record], "segments")
    >>> frame[["id", "start", "lang"]].values.tolist()
    [['a', 0, 'en']]
    """
    try:
        import pandas as pd
    except ImportError as err:
        raise ImportError('to_dataframe needs pandas: pip install "pressfacts[frames]"') from err
    return pd.DataFrame(rows(records, field), columns=columns(field))
