"""What every benchmark here needs: a clock per system, peak memory, and a plain-text table.

Machines here are shared and noisy, so a benchmark never reports absolute times alone: it runs the
baseline and newsloom in the same process, interleaved chunk by chunk (`Clock` adds up each
system's share), so a slow minute slows both and the ratio stays meaningful.

>>> clock = Clock()
>>> with clock("baseline"):
...     _ = sum(range(1000))
>>> sorted(clock.seconds)
['baseline']
>>> print(table(["system", "articles/s"], [["spaCy", 12.5]]))
system  articles/s
------  ----------
spaCy         12.5
"""

from __future__ import annotations

import contextlib
import os
import resource
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SAMPLE_SECONDS = 0.01  # RSS sampled every 10 ms: allocations that live shorter than that do not move a peak we care about


class Clock:
    """Wall time per named system, summed over many `with clock(name):` blocks."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


class PeakMemory:
    """Peak resident memory (MiB) while the block runs, sampled by a thread.

    `resource.getrusage` only knows the peak of the whole process so far; sampling gives the peak
    of one phase, and `start_mib` says what was already resident when it began. With `children`,
    worker processes (spaCy's n_process) count too: pages they share with us after the fork are
    counted in each, so that sum is an upper bound.
    """

    def __init__(self, children: bool = False, interval: float = SAMPLE_SECONDS) -> None:
        self.process = psutil.Process(os.getpid())
        self.children = children
        self.interval = interval
        self.start_mib = self.peak_mib = 0.0
        self._stop = threading.Event()

    def resident_mib(self) -> float:
        total = self.process.memory_info().rss
        if self.children:
            for child in self.process.children(recursive=True):
                with contextlib.suppress(psutil.Error):  # a worker that ended between the listing and the reading
                    total += child.memory_info().rss
        return total / 2**20

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_mib = max(self.peak_mib, self.resident_mib())

    def __enter__(self) -> PeakMemory:
        self.start_mib = self.peak_mib = self.resident_mib()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mib = max(self.peak_mib, self.resident_mib())


def max_rss_mib() -> float:
    """Peak RSS of this process since it started (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: text left-aligned, numbers right-aligned, floats to a sensible precision."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
        if isinstance(value, int):
            return f"{value:,}"
        return str(value)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(isinstance(r[i], (int, float)) or r[i] == "-" for r in rows) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=False)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)])
