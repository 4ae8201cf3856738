"""Serialising records: one JSON file per document, or JSON lines.

Output is deterministic: the same record always gives the same bytes (keys in model
order, UTF-8, no ASCII escaping, two-space indent, trailing newline).
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

from ..records import PressRelease

# mkstemp creates files readable by their owner only; outputs are for everyone the umask allows.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def record_json(record: PressRelease, *, indent: int | None = 2) -> str:
    """The record as JSON text (``indent=None`` gives one line, for JSONL).

    pydantic's own encoder writes the bytes of ``json.dumps(..., ensure_ascii=False)`` at
    a fraction of its cost, except for floats Python writes in exponent form below 1e-4
    ("5e-05") and non-finite ones; a record holding such a float takes the slow road.
    """
    if not all(_same_float(m.value) for m in record.money):
        data = record.model_dump(mode="json")
        if indent is None:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
    if indent is None:
        return record.model_dump_json()
    return record.model_dump_json(indent=indent) + "\n"


def _same_float(value) -> bool:
    """Whether both encoders write ``value`` alike (segment confidences, rounded to four
    places, always are)."""
    return not isinstance(value, float) or value == 0 or (1e-4 <= abs(value) and math.isfinite(value))


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_record(record: PressRelease, path: Path) -> None:
    write_atomic(path, record_json(record))
