"""The whole analysis against spaCy's `nlp.pipe` alone on the same paragraphs, in the same run.

    python benchmarks/analysis_vs_spacy.py                      # 200 articles x 2 rounds, 1 and 2 processes
    python benchmarks/analysis_vs_spacy.py --articles 400 --rounds 3 --processes 1 2
    python benchmarks/analysis_vs_spacy.py --profile            # + cProfile hot spots of one 1-process pass
    python benchmarks/analysis_vs_spacy.py --quick              # smoke run: 6 articles, 1 round

Texts: the example corpus (16 articles in five formats) and ../shared/seeds when present (read at run
time, never copied), varied to the requested count (other names, numbers, paragraph order: see
variants.py) so no memoised stage sees the same paragraph twice.

Baseline: `nlp.pipe` over exactly the paragraphs newsloom parses (cleaning decides them, outside the
clock), with the same loaded pipeline (`language.load_pipeline()`: the model plus our gazetteer and
name rulers), the same `batch_size` and the same `n_process`.
Ours: `pipeline.analyze_many(articles, Settings(processes=N))`: cleaning, parsing and every stage (with
N > 1, chunks of articles analysed whole in N worker processes; spaCy alone uses its `n_process`).

The ratio is spaCy time / newsloom time: 1.0 means our own work costs nothing on top of the model,
0.8 (the issue's floor) means it costs 25% more. With 1 process the two alternate chunk by chunk
(`--chunk` articles), so a busy minute on the shared machine slows both; with N processes each streams
all the articles per round (both start their worker processes once), rounds alternating who goes first. The ratio
is given on wall time and on CPU time (this process and spaCy's joined workers): CPU time is what
the work costs, and suffers less from other people's jobs. Peak memory includes the workers (an upper
bound: pages shared after the fork count in each). The per-stage table times each stage function
where the pipeline calls it, in the 1-process runs.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import functools
import inspect
import io
import pstats
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import EXAMPLES, ROOT, SHARED, Clock, PeakMemory, table
from variants import vary_text

from newsloom.errors import InputError
from newsloom.ingest import read_sources
from newsloom.models import Article, content_id
from newsloom.pipeline import analyze_many
from newsloom.settings import Settings
from newsloom.stages import clean, dates, entities, figures, language, places, quotes

FLOOR = 0.8  # the goal: our work on top of the model costs no more than 25%
MEMORY_INTERVAL = 0.1  # seconds between RSS samples: listing worker processes often would cost CPU we measure
STAGES: tuple[tuple[str, Any, str], ...] = (
    ("clean", clean, "clean"),
    ("parse (spaCy)", language, "parse_stream"),
    ("places", places, "find_places"),
    ("entities", entities, "find_entities"),
    ("publication date", dates, "find_publication"),
    ("dates", dates, "find_dates"),
    ("quotes", quotes, "find_quotes"),
    ("figures", figures, "find_figures"),
)


def base_articles(settings: Settings) -> list[Article]:
    """The example corpus and the shared seeds (when checked out), as newsloom reads them."""
    sources = [str(EXAMPLES / "corpus")] + ([str(SHARED / "seeds")] if (SHARED / "seeds").is_dir() else [])
    articles = []
    offline = settings.with_(fetch_linked_pages=False)  # one feed item links to a made-up site: its description is the text
    for item in read_sources(sources, offline):
        if isinstance(item, InputError):
            raise SystemExit(f"cannot read {item}")
        articles.append(item)
    return articles


def varied_articles(bases: list[Article], count: int, seed: int) -> list[Article]:
    """`count` articles cycling through `bases`, each with other names, numbers and paragraph order."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        base = bases[k % len(bases)]
        text = vary_text(base.text, rng)
        title = text.split("\n", 1)[0] if base.title else None  # the title line is varied with the text
        out.append(dataclasses.replace(base, id=content_id(text), text=text, raw=text.encode(), title=title, source=f"{base.source}~{k}"))
    return out


def parsed_paragraphs(articles: list[Article], settings: Settings) -> list[str]:
    """The paragraphs newsloom hands to spaCy: every line cleaning does not call boilerplate."""
    texts = []
    for article in articles:
        for line in clean.clean(article, outlet=settings.outlet).lines:
            if line.role != "boilerplate":
                texts.append(article.text[line.start : line.end])
    return texts


class StageTimer:
    """Times each stage function where the pipeline calls it (module attributes, as pipeline.py looks them up).

    A stage's time excludes the stages it calls: the parse stream pulls the cleaned articles it parses
    (cleaning runs inside the parse's `next()`), so nested time is handed back to the inner stage.
    A generator stage (`language.parse_stream`) is timed at every `next()`.
    """

    def __init__(self) -> None:
        self.clock = Clock()
        self.inner: list[float] = []  # per running stage: seconds spent in the stages it called
        self.originals: list[tuple[Any, str, Callable[..., Any]]] = []

    def _timed(self, label: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.inner.append(0.0)
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - started
            self.clock.add(label, elapsed - self.inner.pop())
            if self.inner:
                self.inner[-1] += elapsed

    def _wrap(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.isgeneratorfunction(function):

            @functools.wraps(function)
            def timed_stream(*args: Any, **kwargs: Any) -> Iterator[Any]:
                stream = function(*args, **kwargs)
                while True:
                    try:
                        item = self._timed(label, next, stream)
                    except StopIteration:
                        return
                    yield item

            return timed_stream

        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            return self._timed(label, function, *args, **kwargs)

        return timed

    def __enter__(self) -> StageTimer:
        for label, module, name in STAGES:
            original = getattr(module, name)
            self.originals.append((module, name, original))
            setattr(module, name, self._wrap(label, original))
        return self

    def __exit__(self, *exc: object) -> None:
        for module, name, original in reversed(self.originals):
            setattr(module, name, original)
        self.originals.clear()


def run_spacy(texts: list[str], processes: int, settings: Settings) -> int:
    nlp = language.load_pipeline(settings.model)
    return sum(1 for _ in nlp.pipe(texts, n_process=processes, batch_size=settings.batch_size))


def run_newsloom(articles: list[Article], settings: Settings) -> int:
    return sum(1 for _ in analyze_many(articles, settings))


def hot_spots(articles: list[Article], settings: Settings, limit: int) -> str:
    """cProfile of one 1-process pass: the functions with the most own time, ours marked with file:line."""
    profile = cProfile.Profile()
    profile.enable()
    run_newsloom(articles, settings)
    profile.disable()
    stats = pstats.Stats(profile)
    total = sum(entry[2] for entry in stats.stats.values())  # tottime of every function: the profiled run
    rows = []
    for (filename, line, name), (_calls, ncalls, tottime, cumtime, _callers) in stats.stats.items():
        where = f"{Path(filename).relative_to(ROOT)}:{line}" if filename.startswith(str(ROOT)) else f"{Path(filename).name}:{line}"
        rows.append([f"{where}({name})", ncalls, tottime, 100 * tottime / total, cumtime])
    rows.sort(key=lambda row: -row[2])
    ours = [row for row in rows if row[0].startswith("src/")]
    buffer = io.StringIO()
    headers = ["function", "calls", "own s", "own %", "cumulative s"]
    print(f"hot spots by own time (cProfile, 1 process, {len(articles)} articles, {total:.1f} s profiled)\n", file=buffer)
    print(table(headers, rows[:limit]), file=buffer)
    print("\nnewsloom's own functions only\n", file=buffer)
    print(table(headers, ours[:limit]), file=buffer)
    return buffer.getvalue()


@dataclass
class Spent:
    """Wall and CPU seconds one system spent; CPU counts spaCy's worker processes once they are joined."""

    wall: float = 0.0
    cpu: float = 0.0


def cpu_seconds() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


@contextmanager
def spending(spent: Spent) -> Iterator[None]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    yield
    spent.wall += time.perf_counter() - wall
    spent.cpu += cpu_seconds() - cpu


def measure_one_process(articles: list[Article], paragraphs: list[list[str]], settings: Settings, args: argparse.Namespace,
                        stages: StageTimer) -> tuple[dict[str, Spent], list[float], dict[str, float]]:
    """1 process: both systems alternate chunk by chunk (a noisy minute hits both), every round."""
    spent = {"spacy": Spent(), "newsloom": Spent()}
    chunk_ratios, peaks = [], {"spacy": 0.0, "newsloom": 0.0}
    for number in range(args.rounds):
        for k, start in enumerate(range(0, len(articles), args.chunk)):
            chunk = articles[start : start + args.chunk]
            texts = [t for texts in paragraphs[start : start + args.chunk] for t in texts]
            before = {name: dataclasses.replace(value) for name, value in spent.items()}
            for system in ("spacy", "newsloom") if (number + k) % 2 == 0 else ("newsloom", "spacy"):
                with PeakMemory(interval=MEMORY_INTERVAL) as memory, spending(spent[system]):
                    if system == "spacy":
                        run_spacy(texts, 1, settings)
                    else:
                        with stages:
                            run_newsloom(chunk, settings)
                peaks[system] = max(peaks[system], memory.peak_mib)
            chunk_ratios.append((spent["spacy"].wall - before["spacy"].wall) / (spent["newsloom"].wall - before["newsloom"].wall))
        print(f"round {number + 1}, 1 process: spaCy {spent['spacy'].wall:.1f} s, newsloom {spent['newsloom'].wall:.1f} s so far",
              file=sys.stderr, flush=True)
    return spent, chunk_ratios, peaks


def measure_processes(processes: int, articles: list[Article], texts: list[str], settings: Settings,
                      args: argparse.Namespace) -> tuple[dict[str, Spent], list[float], dict[str, float]]:
    """n processes: each system streams everything (worker processes start once for each)."""
    spent = {"spacy": Spent(), "newsloom": Spent()}
    round_ratios, peaks = [], {"spacy": 0.0, "newsloom": 0.0}
    for number in range(args.rounds):
        before = {name: dataclasses.replace(value) for name, value in spent.items()}
        for system in ("spacy", "newsloom") if number % 2 == 0 else ("newsloom", "spacy"):
            with PeakMemory(children=True, interval=MEMORY_INTERVAL) as memory, spending(spent[system]):
                if system == "spacy":
                    run_spacy(texts, processes, settings)
                else:
                    run_newsloom(articles, settings.with_(processes=processes))
            peaks[system] = max(peaks[system], memory.peak_mib)
        round_ratios.append((spent["spacy"].wall - before["spacy"].wall) / (spent["newsloom"].wall - before["newsloom"].wall))
        print(f"round {number + 1}, {processes} processes: spaCy {spent['spacy'].wall:.1f} s, newsloom {spent['newsloom'].wall:.1f} s so far",
              file=sys.stderr, flush=True)
    return spent, round_ratios, peaks


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="articles to analyse per round [200]")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="process counts to compare [1 2]")
    parser.add_argument("--rounds", type=int, default=2, help="repetitions, alternating who goes first [2]")
    parser.add_argument("--chunk", type=int, default=50, help="articles per interleaved chunk with 1 process [50]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="also profile one 1-process pass (cProfile)")
    parser.add_argument("--top", type=int, default=25, help="rows of the hot-spot tables [25]")
    parser.add_argument("--quick", action="store_true", help="smoke run: 6 articles, 1 round")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.rounds, args.chunk = 6, 1, 3

    settings = Settings()
    language.load_pipeline(settings.model)  # loading the model is the same for both: outside the clocks
    bases = base_articles(settings)
    articles = varied_articles(bases, args.articles, args.seed)
    paragraphs = [parsed_paragraphs([article], settings) for article in articles]
    texts = [t for texts in paragraphs for t in texts]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(articles)} articles varied from {len(bases)} ({len(texts):,} parsed paragraphs, {words:,} words)", file=sys.stderr, flush=True)
    warm = articles[: min(6, len(articles))]
    run_newsloom(warm, settings)  # lazy tables (gazetteer, names, patterns) load here, outside the clocks
    run_spacy(parsed_paragraphs(warm, settings), 1, settings)

    stages = StageTimer()
    results = {}
    for processes in args.processes:
        if processes == 1:
            results[1] = measure_one_process(articles, paragraphs, settings, args, stages)
        else:
            results[processes] = measure_processes(processes, articles, texts, settings, args)

    n = len(articles) * args.rounds
    rows = []
    for processes, (spent, ratios, peaks) in results.items():
        ratio = spent["spacy"].wall / spent["newsloom"].wall
        rows.append([processes, n / spent["spacy"].wall, n / spent["newsloom"].wall, ratio, spent["spacy"].cpu / spent["newsloom"].cpu,
                     f"{min(ratios):.2f}-{statistics.median(ratios):.2f}-{max(ratios):.2f}", "yes" if ratio >= FLOOR else "NO",
                     peaks["spacy"], peaks["newsloom"]])
    print(f"\nanalysis vs spaCy nlp.pipe: {len(articles)} articles ({len(texts):,} paragraphs, {words:,} words) x {args.rounds} rounds\n")
    print(table(["processes", "spaCy articles/s", "newsloom articles/s", "ratio (wall)", "ratio (CPU)",
                 "min-median-max", f"wall >= {FLOOR}", "spaCy peak MiB", "newsloom peak MiB"], rows))
    print("ratio = spaCy time / newsloom time; min-median-max over chunks (1 process) or rounds; "
          "CPU includes spaCy's worker processes; peaks include them too")
    if 1 in results:
        for processes in results:
            if processes != 1:
                one, many = results[1][0], results[processes][0]
                print(f"1-vs-{processes}-process speedup (wall): spaCy {one['spacy'].wall / many['spacy'].wall:.2f}x, "
                      f"newsloom {one['newsloom'].wall / many['newsloom'].wall:.2f}x")

        spent_stages = stages.clock.seconds
        total = results[1][0]["newsloom"].wall
        stage_rows = [[label, spent_stages.get(label, 0.0), 1000 * spent_stages.get(label, 0.0) / n, 100 * spent_stages.get(label, 0.0) / total]
                      for label, _module, _name in STAGES]
        rest = total - sum(spent_stages.values())
        stage_rows.append(["other (batching, records)", rest, 1000 * rest / n, 100 * rest / total])
        print(f"\nwhere newsloom's time goes (1 process, {n} articles analysed, wall time)\n")
        print(table(["stage", "seconds", "ms per article", "% of newsloom"], stage_rows))
        print(f"spaCy baseline on the same paragraphs: {results[1][0]['spacy'].wall:.1f} s; "
              f"newsloom's parse step: {spent_stages.get('parse (spaCy)', 0.0):.1f} s")

    if args.profile:
        print()
        print(hot_spots(articles, settings, args.top))


if __name__ == "__main__":
    main()
