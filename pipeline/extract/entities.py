"""Organisations, places and people (issue #5 builds this extractor)."""

from __future__ import annotations


def extract_entities(segment, lang, *, context) -> list:
    """Entity mentions linked to the knowledge base; none found yet."""
    return []
