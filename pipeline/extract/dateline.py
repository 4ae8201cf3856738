"""The dateline: place and date at the top or bottom of a release (issue #4 builds this)."""

from __future__ import annotations


def find_dateline(segments, *, context):
    """The release's dateline record, or None; not detected yet."""
    return None
