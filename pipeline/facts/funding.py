"""Funding assembled from extracted spans (issue #6 builds this)."""

from __future__ import annotations


def assemble_funding(segments, found, *, context) -> list:
    """The document's funding; none assembled yet."""
    return []
