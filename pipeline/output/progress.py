"""Progress on stderr while a batch runs, and the one-line summary at its end.

The live line is redrawn in place (carriage return), so it is shown only on a terminal:
in a log file or a pipe it would be noise.
"""

from __future__ import annotations

import sys
import time
from typing import Optional, TextIO

REDRAW_SECONDS = 0.2


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """Documents done of total, words/s, failures and ETA, redrawn at most 5 times a second.

    >>> import io
    >>> stream = io.StringIO()
    >>> bar = Progress(total=4, stream=stream, enabled=True)
    >>> bar.update(done=2, words=100, failed=1, force=True)
    >>> "2/4 docs" in stream.getvalue() and "1 failed" in stream.getvalue()
    True
    """

    def __init__(self, total: int, *, stream: Optional[TextIO] = None, enabled: Optional[bool] = None):
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.perf_counter()
        self._drawn = 0.0
        self._width = 0

    def update(self, *, done: int, words: int, failed: int, skipped: int = 0, force: bool = False) -> None:
        now = time.perf_counter()
        if not self.enabled or (not force and now - self._drawn < REDRAW_SECONDS):
            return
        self._drawn = now
        elapsed = max(now - self.started, 1e-9)
        processed = done - skipped
        rate = processed / elapsed
        eta = _clock((self.total - done) / rate) if rate > 0 else "?"
        line = (f"{done:,}/{self.total:,} docs  {words / elapsed:,.0f} words/s  "
                f"{failed:,} failed  ETA {eta}")
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)

    def close(self) -> None:
        """Clear the live line so the summary starts on a clean line."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


def summary(report, target: str) -> str:
    """The one line printed when a run ends.

    >>> from pipeline.output.manifest import RunReport
    >>> summary(RunReport(out_dir=None, options={}, status="complete", words=500, seconds=2.0), "out")
    '0 written, 0 failed, 0 seen, 500 words in 2.0s (250 words/s) -> out'
    """
    resumed = f" ({report.n_resumed:,} resumed)" if report.n_resumed else ""
    stopped = (f"; interrupted, next input {report.next_input}" if report.status == "interrupted"
               else f"; aborted, next input {report.next_input}" if report.status == "aborted" else "")
    rate = report.words / report.seconds if report.seconds > 0 else 0.0
    return (f"{len(report.written):,} written{resumed}, {len(report.failed):,} failed, "
            f"{report.inputs_seen:,} seen, {report.words:,} words in {report.seconds:.1f}s "
            f"({rate:,.0f} words/s){stopped} -> {target}")
