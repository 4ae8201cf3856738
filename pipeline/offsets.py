"""Lookups over character offsets, by bisection: which records lie in a stretch of text,
and whether any of many intervals covers a point.

Stages compare every mention with the others around it. Scanning all of them for each
one is quadratic, which a release of a few megabytes turned into minutes; these keep it
to a logarithm per question.
"""

from __future__ import annotations

import bisect


class ByPosition:
    """Records (anything with ``start`` and ``end``) sorted by offset, for the ones within
    or overlapping a stretch of text.

    >>> from types import SimpleNamespace as R
    >>> index = ByPosition([R(start=10, end=20), R(start=0, end=5), R(start=18, end=30)])
    >>> [(r.start, r.end) for r in index.within(0, 20)], [(r.start, r.end) for r in index.overlapping(19, 25)]
    ([(0, 5), (10, 20)], [(10, 20), (18, 30)])
    """

    def __init__(self, records):
        self.records = sorted(records, key=lambda r: (r.start, r.end))
        self.starts = [r.start for r in self.records]
        self.longest = max((r.end - r.start for r in self.records), default=0)

    def within(self, start: int, end: int) -> list:
        """Records inside ``[start, end)``, in text order."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [r for r in self.records[lo:hi] if r.end <= end]

    def overlapping(self, start: int, end: int) -> list:
        """Records sharing a character with ``[start, end)``, in text order."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        return [r for r in self.records[lo:bisect.bisect_left(self.starts, end)] if r.end > start]


class Intervals:
    """Whether any of many ``[start, end)`` intervals covers a point, by bisection over the
    starts and the running maximum of the ends."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach, furthest = [], -1
        for _, b in spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def covers(self, point: int) -> bool:
        """Whether some interval holds ``point``.

        >>> Intervals([(5, 9), (0, 3)]).covers(2), Intervals([(5, 9), (0, 3)]).covers(4)
        (True, False)
        """
        i = bisect.bisect_right(self.starts, point)
        return i > 0 and self.reach[i - 1] > point


class Disjoint:
    """Non-empty ``[start, end)`` spans taken one by one, none overlapping another (touching
    is fine): whether a new span would clash with any, by bisection instead of a scan.

    >>> taken = Disjoint()
    >>> taken.add(10, 20); taken.add(0, 5)
    >>> taken.clashes(4, 10), taken.clashes(5, 10), taken.clashes(19, 30)
    (True, False, True)
    """

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def clashes(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a taken span."""
        i = bisect.bisect_left(self.starts, end)   # the spans beginning before ``end``
        return i > 0 and self.ends[i - 1] > start   # sorted, disjoint: the last reaches furthest

    def add(self, start: int, end: int) -> None:
        """Take ``[start, end)``, which must not clash with a taken span."""
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
