"""Serialising records: one JSON file per document, or JSON lines.

Output is deterministic: the same record always gives the same bytes (keys in model
order, UTF-8, no ASCII escaping, two-space indent, trailing newline).
"""

from __future__ import annotations

import itertools
import json
import math
import os
from pathlib import Path

from ..records import PressRelease

_TEMPORARIES = itertools.count()


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
    """Write to a temporary file beside ``path``, then rename: never a half-written file.

    The temporary name is this process's (its pid and a count), created exclusively with
    mode 0666 less the umask, as any new file is: ``mkstemp``'s random names, and the
    ``chmod`` its owner-only mode needs, cost more than the write itself.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    while True:
        temporary = os.path.join(path.parent, f".{path.name}.{os.getpid()}.{next(_TEMPORARIES)}.tmp")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
            break
        except FileExistsError:   # left by a killed process that had this pid
            continue
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_record(record: PressRelease, path: Path) -> None:
    write_atomic(path, record_json(record))
