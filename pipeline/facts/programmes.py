"""Programmes assembled from extracted spans (issue #6 builds this)."""

from __future__ import annotations


def assemble_programmes(segments, found, *, context) -> list:
    """The document's programmes; none assembled yet."""
    return []
