"""What every extractor and assembler may read besides its segment: one per document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional

from .resources import Resources


@dataclass
class DocumentContext:
    """Per-document, read-mostly state handed to each stage.

    ``warnings`` is the one thing stages add to: notes on what could not be done, which
    end up in the record's ``warnings``.
    """

    source_text: str
    resources: Resources
    reference_date: Optional[dt.date] = None
    options: dict[str, Any] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    explanations: Optional[list] = None   # a list: the facts stage adds why it made each fact

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
