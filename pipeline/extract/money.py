"""Sums of money (issue #6 builds this extractor)."""

from __future__ import annotations


def extract_money(segment, lang, *, context) -> list:
    """Sums with value and ISO currency; none found yet."""
    return []
