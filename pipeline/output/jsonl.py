"""JSON lines: one record per line, flushed as it is written, for pipes and loaders."""

from __future__ import annotations

import json
from typing import TextIO


def compact(json_text: str) -> str:
    """The JSONL line of a record stored as indented JSON: the bytes a fresh compact dump gives.

    >>> compact('{\\n  "id": "a",\\n  "n": [1, 2.5]\\n}\\n')
    '{"id":"a","n":[1,2.5]}'
    """
    return json.dumps(json.loads(json_text), ensure_ascii=False, separators=(",", ":"))


class JsonlWriter:
    """Writes lines to a text stream and flushes each, so a reader downstream sees records as they come."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()
