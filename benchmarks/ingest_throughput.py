"""Ingest + clean throughput on a generated corpus, as a ratio to trafilatura's extraction alone.

    python benchmarks/ingest_throughput.py                  # 10,000 articles (3-8 min on 2 shared cores)
    python benchmarks/ingest_throughput.py --articles 3000  # a shorter run
    python benchmarks/ingest_throughput.py --quick          # smoke run: 28 articles, seconds

The corpus is written to a temporary directory: variants of the example .html and .txt pages (other
people, outlets, numbers and paragraph order: see variants.py), so every article has its own content id.
Three systems read the same files, interleaved chunk by chunk so a noisy neighbour slows all of them:

(a) trafilatura    `trafilatura.extract(bytes)` with its defaults, on the HTML pages only: the baseline.
(b) read + clean   `newsloom.ingest.read_sources` (read the file, detect the format and encoding,
                   trafilatura with metadata, htmldate, the dek, our text blocks, content id) and
                   `stages.clean.clean` (line roles, outlet, wire agencies, photo credits).
(c) + store        (b), then `Store.has` and `Store.add` into a SQLite file, one transaction per article,
                   as `newsloom ingest` does. `Store.add` needs an Analysis; without the NLP stages it
                   is the Cleaning's lines, title, outlet and credits with no entities, quotes, figures or
                   dates, so the stored JSON document is smaller than a real one and (c) is a lower bound
                   on the store's share. `newsloom ingest` has no mode without the NLP stages.

Not included: the NLP stages (see analysis_vs_spacy.py), linking and story assignment (story_scaling.py),
writing the corpus. Ratios are newsloom articles/s over trafilatura articles/s on the same HTML pages
(>= 1 would mean faster than trafilatura alone; newsloom runs trafilatura inside, so it is below 1).
Peak memory is the process RSS, sampled while each system runs (common.PeakMemory).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import trafilatura
from common import Clock, PeakMemory, max_rss_mib, table
from variants import write_corpus

from newsloom.errors import InputError
from newsloom.ingest import read_sources
from newsloom.models import Analysis
from newsloom.settings import Settings
from newsloom.stages import clean
from newsloom.store import Store

KINDS = (".html", ".txt")


def run_trafilatura(paths: list[Path], clock: Clock) -> None:
    with clock("trafilatura"):
        for path in paths:
            trafilatura.extract(path.read_bytes())


def run_newsloom(paths: list[Path], clock: Clock, settings: Settings, store: Store) -> set[str]:
    """(b) and (c) on `paths`, timing reading, cleaning and storing apart for each kind of file."""
    ids: set[str] = set()
    items = read_sources([str(p) for p in paths], settings)
    while True:
        started = time.perf_counter()
        item = next(items, None)
        read = time.perf_counter() - started
        if item is None:
            return ids
        if isinstance(item, InputError):
            raise SystemExit(f"generated file failed to read: {item}")
        kind = Path(item.source).suffix
        started = time.perf_counter()
        cleaning = clean.clean(item, outlet=settings.outlet)
        cleaned = time.perf_counter()
        if not store.has(item.id):
            store.add(
                Analysis(
                    article=item,
                    lines=cleaning.lines,
                    title=cleaning.title,
                    outlet=cleaning.outlet,
                    wire_agencies=cleaning.wire_agencies,
                    photo_credits=cleaning.photo_credits,
                    notes=cleaning.notes,
                )
            )
        stored = time.perf_counter()
        clock.add(f"read {kind}", read)
        clock.add(f"clean {kind}", cleaned - started)
        clock.add(f"store {kind}", stored - cleaned)
        ids.add(item.id)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the generated corpus [10000]")
    parser.add_argument("--chunk", type=int, default=350, help="files per interleaved chunk [350]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="smoke run: 28 articles in chunks of 14")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.chunk = 28, 14

    settings = Settings()
    clock = Clock()
    peaks = {"trafilatura": 0.0, "newsloom": 0.0}
    with tempfile.TemporaryDirectory(prefix="newsloom-bench-") as tmp:
        started = time.perf_counter()
        paths = write_corpus(Path(tmp) / "corpus", args.articles, args.seed)
        print(f"wrote {len(paths):,} files in {time.perf_counter() - started:.1f} s to {tmp}", file=sys.stderr, flush=True)
        store = Store(Path(tmp) / "bench.db")
        warm = paths[:14]  # imports, compiled patterns and lazy tables load here, outside the clocks
        run_trafilatura([p for p in warm if p.suffix == ".html"], Clock())
        run_newsloom(warm, Clock(), settings, Store(":memory:"))

        ids: set[str] = set()
        chunk_ratios = []
        for number, start in enumerate(range(0, len(paths), args.chunk)):
            chunk = paths[start : start + args.chunk]
            html = [p for p in chunk if p.suffix == ".html"]
            before = dict(clock.seconds)
            # Alternate who goes first, so neither always runs on a cold cache or a quiet minute.
            order = ("trafilatura", "newsloom") if number % 2 == 0 else ("newsloom", "trafilatura")
            for system in order:
                with PeakMemory() as memory:
                    if system == "trafilatura":
                        run_trafilatura(html, clock)
                    else:
                        ids |= run_newsloom(chunk, clock, settings, store)
                peaks[system] = max(peaks[system], memory.peak_mib)
            spent = {k: v - before.get(k, 0.0) for k, v in clock.seconds.items()}
            ours = spent.get("read .html", 0.0) + spent.get("clean .html", 0.0)
            if html and ours:
                chunk_ratios.append(spent["trafilatura"] / ours)
        store_mib = sum(f.stat().st_size for f in Path(tmp).glob("bench.db*")) / 2**20
        stored = store.count()
        store.close()

    counts = {kind: sum(p.suffix == kind for p in paths) for kind in KINDS}
    seconds = clock.seconds
    baseline = counts[".html"] / seconds["trafilatura"]

    def system_rows(label: str, kinds: tuple[str, ...], parts: tuple[str, ...]) -> list[object]:
        n = sum(counts[k] for k in kinds)
        spent = sum(seconds.get(f"{part} {k}", 0.0) for k in kinds for part in parts)
        rate = n / spent
        return [label, n, spent, rate, rate / baseline if kinds == (".html",) else "-"]

    rows = [
        ["(a) trafilatura.extract", counts[".html"], seconds["trafilatura"], baseline, 1.0],
        system_rows("(b) read + clean, HTML", (".html",), ("read", "clean")),
        system_rows("(c) read + clean + store, HTML", (".html",), ("read", "clean", "store")),
        system_rows("(b) read + clean, text", (".txt",), ("read", "clean")),
        system_rows("(c) read + clean + store, text", (".txt",), ("read", "clean", "store")),
        system_rows("(b) read + clean, all", KINDS, ("read", "clean")),
        system_rows("(c) read + clean + store, all", KINDS, ("read", "clean", "store")),
    ]
    print(f"\ningest throughput: {len(paths):,} generated articles ({counts['.html']:,} HTML, {counts['.txt']:,} text), "
          f"{len(ids):,} distinct content ids, {stored:,} stored\n")
    print(table(["system", "articles", "seconds", "articles/s", "ratio to (a)"], rows))
    shares = [[part, *(seconds.get(f"{part} {k}", 0.0) * 1000 / counts[k] for k in KINDS)] for part in ("read", "clean", "store")]
    print("\nwhere newsloom's time goes (ms per article)\n")
    print(table(["step", "HTML", "text"], shares))
    print(f"\nratio (b)/(a) on HTML per chunk of {args.chunk}: median {statistics.median(chunk_ratios):.3f}, "
          f"range {min(chunk_ratios):.3f}-{max(chunk_ratios):.3f} over {len(chunk_ratios)} chunks")
    print(f"peak RSS while running: trafilatura {peaks['trafilatura']:.0f} MiB, newsloom {peaks['newsloom']:.0f} MiB; "
          f"process peak {max_rss_mib():.0f} MiB; store on disk {store_mib:.1f} MiB ({store_mib * 1024 / max(stored, 1):.1f} KiB per article)")


if __name__ == "__main__":
    main()
