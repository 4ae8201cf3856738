"""A record in a Jupyter notebook (``PressRelease._repr_html_``): its text with the spans
highlighted by kind, a legend, and tables of the values, in one HTML fragment whose
style applies to it alone (the notebook's own style is left as it is).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from .review import escape, highlight, source_text
from .site import LEGEND, STATIC, fact_tables

_SCOPE = ".pressfacts-record"
_SHARED = ("mark", ".seg", ".lang-", ".text", "table", "td", "th", "caption", ".legend", ".meta", ".warn")


def _scoped_css() -> str:
    """The review's rules for marks, segments and tables, each under the fragment's class."""
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", (STATIC / "review.css").read_text("utf-8")))
    out = []
    for selectors, body in rules:
        wanted = [s.strip() for s in selectors.split(",") if s.strip().startswith(_SHARED)]
        if wanted:
            out.append(",".join(f"{_SCOPE} {s}" for s in wanted) + "{" + body + "}")
    return "".join(out) + f"{_SCOPE} .text{{max-height:32em;overflow:auto}} {_SCOPE} h3{{margin:.6em 0 .2em}}"


def record_html(record: Any, text: Optional[str] = None) -> str:
    """The HTML of a record (a :class:`~pipeline.PressRelease` or its JSON as a dict);
    ``text`` is its source text, read from ``source.path`` when not given.

    >>> html = record_html({"id": "a", "language": "en", "source": {"sha256": "0", "n_chars": 2}})
    >>> "pressfacts-record" in html and "Text not shown" in html
    True
    """
    data: dict[str, Any] = record if isinstance(record, dict) else record.model_dump(mode="json")
    problem = None
    if text is None:
        text, problem = source_text(data)
    shown = (f'<div class="text">{highlight(text, data)}</div>' if text is not None
             else f"<p class=warn>Text not shown: {escape(problem or '')}</p>")
    warnings = "".join(f"<p class=warn>⚠ {escape(w)}</p>" for w in data.get("warnings", []))
    return (f'<div class="pressfacts-record"><style>{_scoped_css()}</style>'
            f'<p><b>{escape(data.get("id", ""))}</b> <span class=meta>language {escape(data.get("language", ""))}'
            f'</span></p><p class=legend>{LEGEND}</p>{warnings}{shown}{fact_tables(data, links=False)}</div>')
