"""Events assembled from extracted spans (issue #6 builds this)."""

from __future__ import annotations


def assemble_events(segments, found, *, context) -> list:
    """The document's events; none assembled yet."""
    return []
