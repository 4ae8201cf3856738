"""The review's charts: Vega-Lite specifications rendered to static SVG by vl-convert.

vl-convert-python runs the Vega and Vega-Lite JavaScript libraries inside its own wheel
(an embedded Deno runtime), so a chart is made offline, with no CDN and no script in the
page: the SVG is inlined in ``index.html``, loads instantly, prints, and shows in a
screenshot. Each bar carries a link (Vega-Lite's ``href`` channel) to the documents
behind it. It is an optional extra: ``pip install "pressfacts[review]"``.
"""

from __future__ import annotations

import threading
from typing import Any

# Vega resolves a relative ``href`` against its loader's base URL, which vl-convert sets
# to the Vega datasets site; the review's links are relative to the page, so it is cut.
_LOADER_BASE = "https://vega.github.io/vega-datasets/"
EVENT_COLOURS = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b",
                 "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#1f77b4", "#8c564b"]


def _converter():
    try:
        import vl_convert
    except ImportError as err:
        raise ImportError('the review\'s charts need vl-convert-python: pip install "pressfacts[review]"') from err
    return vl_convert


def warm_up() -> threading.Thread:
    """Start the converter's JavaScript runtime in a thread (its first chart costs about
    0.4 s), so that it starts while the pages are written; raises ImportError at once
    when the extra is missing, before any page is written."""
    converter = _converter()
    thread = threading.Thread(target=converter.vegalite_to_svg, daemon=True,
                              args=({"data": {"values": [{"x": 1}]}, "mark": "bar",
                                     "encoding": {"x": {"field": "x", "type": "quantitative"}}},))
    thread.start()
    return thread


def render_svg(spec: dict[str, Any]) -> str:
    """A Vega-Lite specification as an SVG string whose links are relative to the page."""
    svg = _converter().vegalite_to_svg(spec)
    return svg.replace(f'xlink:href="{_LOADER_BASE}', 'xlink:href="')


def events_by_month(rows: list[dict[str, Any]], types: list[str]) -> dict[str, Any]:
    """Stacked bars: events per month, coloured by event type.

    ``rows`` are ``{"month": "2023-05", "type": "seminar", "events": 3, "href": ...}``.

    >>> spec = events_by_month([{"month": "2023-05", "type": "seminar", "events": 3, "href": "d.html"}], ["seminar"])
    >>> spec["mark"]["type"], spec["encoding"]["href"]["field"]
    ('bar', 'href')
    """
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": "Events by month and type",
        "width": 820, "height": 220,
        "data": {"values": rows},
        "mark": {"type": "bar", "cursor": "pointer"},
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": "month",
                  "axis": {"format": "%b %Y", "labelAngle": -40}},
            "y": {"field": "events", "type": "quantitative", "aggregate": "sum", "title": "events"},
            "color": {"field": "type", "type": "nominal", "title": "event type",
                      "scale": {"domain": types, "range": EVENT_COLOURS[:len(types)] or EVENT_COLOURS}},
            "href": {"field": "href"},
            "tooltip": [{"field": "month"}, {"field": "type"}, {"field": "events"}],
        },
    }


def events_by_place(rows: list[dict[str, Any]], types: list[str]) -> dict[str, Any]:
    """Horizontal stacked bars: events per place (the busiest first), coloured by type."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": "Events by place and type",
        "width": 560, "height": {"step": 16},
        "data": {"values": rows},
        "mark": {"type": "bar", "cursor": "pointer"},
        "encoding": {
            "y": {"field": "place", "type": "nominal", "title": None,
                  "sort": {"field": "total", "order": "descending"}},
            "x": {"field": "events", "type": "quantitative", "aggregate": "sum", "title": "events"},
            "color": {"field": "type", "type": "nominal", "title": "event type",
                      "scale": {"domain": types, "range": EVENT_COLOURS[:len(types)] or EVENT_COLOURS}},
            "href": {"field": "href"},
            "tooltip": [{"field": "place"}, {"field": "type"}, {"field": "events"}],
        },
    }
