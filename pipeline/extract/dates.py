"""Calendar dates and periods (issue #4 builds this extractor)."""

from __future__ import annotations


def extract_dates(segment, lang, *, context) -> list:
    """Every date or period expression in the segment, normalised; none found yet."""
    return []
