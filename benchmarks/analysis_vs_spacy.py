"""The whole analysis against spaCy's `nlp.pipe` alone on the same paragraphs, in the same run.

    python benchmarks/analysis_vs_spacy.py                      # 300 articles, 1 and 2 processes, 3 rounds
    python benchmarks/analysis_vs_spacy.py --articles 600 --processes 1 2 --rounds 2
    python benchmarks/analysis_vs_spacy.py --profile            # + cProfile hot spots of one 1-process pass
    python benchmarks/analysis_vs_spacy.py --quick              # smoke run: 6 articles, 1 round

Texts: the example corpus (16 articles in five formats) and ../shared/seeds when present (read at run
time, never copied), varied to the requested count (other names, numbers, paragraph order: see
variants.py) so no memoised stage sees the same paragraph twice.

Baseline: `nlp.pipe` over exactly the paragraphs newsloom parses (cleaning decides them, outside the
clock), with the same loaded pipeline (`language.load_pipeline()`: the model plus our gazetteer and
name rulers), the same `batch_size` and the same `n_process`, in one stream.
Ours: `pipeline.analyze_many(articles, Settings(processes=N))`: cleaning, parsing and every stage.

The ratio is spaCy time / newsloom time: 1.0 means our own work costs nothing on top of the model,
0.8 (the issue's floor) means it costs 25% more. Rounds alternate which system goes first; the median
round is reported. Peak memory includes spaCy's worker processes (an upper bound: shared pages count
in each). The per-stage table times each stage function where the pipeline calls it, in the 1-process runs.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import functools
import io
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
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
STAGES: tuple[tuple[str, Any, str], ...] = (
    ("clean", clean, "clean"),
    ("parse (spaCy)", language, "parse_many"),
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

    Only the outermost stage is timed, so a stage calling another is not counted twice.
    """

    def __init__(self) -> None:
        self.clock = Clock()
        self.active = False
        self.originals: list[tuple[Any, str, Callable[..., Any]]] = []

    def _wrap(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self.active:
                return function(*args, **kwargs)
            self.active = True
            try:
                with self.clock(label):
                    return function(*args, **kwargs)
            finally:
                self.active = False

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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles to analyse per run [300]")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="process counts to compare [1 2]")
    parser.add_argument("--rounds", type=int, default=3, help="repetitions, alternating who goes first [3]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="also profile one 1-process pass (cProfile)")
    parser.add_argument("--top", type=int, default=25, help="rows of the hot-spot tables [25]")
    parser.add_argument("--quick", action="store_true", help="smoke run: 6 articles, 1 round")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.rounds = 6, 1

    settings = Settings()
    language.load_pipeline(settings.model)  # loading the model is the same for both: outside the clocks
    bases = base_articles(settings)
    articles = varied_articles(bases, args.articles, args.seed)
    texts = parsed_paragraphs(articles, settings)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(articles)} articles varied from {len(bases)} ({len(texts):,} parsed paragraphs, {words:,} words)", file=sys.stderr, flush=True)
    warm = articles[: min(6, len(articles))]
    run_newsloom(warm, settings)  # lazy tables (gazetteer, names, patterns) load here, outside the clocks
    run_spacy(parsed_paragraphs(warm, settings), 1, settings)

    rounds: dict[int, list[tuple[float, float]]] = {n: [] for n in args.processes}
    peaks: dict[tuple[str, int], float] = {}
    stages = StageTimer()
    for number in range(args.rounds):
        for processes in args.processes:
            ours_settings = settings.with_(processes=processes)
            order = ("spacy", "newsloom") if (number + processes) % 2 == 0 else ("newsloom", "spacy")
            seconds = {}
            for system in order:
                with PeakMemory(children=True) as memory:
                    started = time.perf_counter()
                    if system == "spacy":
                        run_spacy(texts, processes, settings)
                    elif processes == 1:
                        with stages:
                            run_newsloom(articles, ours_settings)
                    else:
                        run_newsloom(articles, ours_settings)
                    seconds[system] = time.perf_counter() - started
                peaks[system, processes] = max(peaks.get((system, processes), 0.0), memory.peak_mib)
            rounds[processes].append((seconds["spacy"], seconds["newsloom"]))
            print(f"round {number + 1} processes {processes}: spaCy {seconds['spacy']:.1f} s, newsloom {seconds['newsloom']:.1f} s", file=sys.stderr, flush=True)

    def median_round(processes: int) -> tuple[float, float]:
        ratios = sorted(rounds[processes], key=lambda pair: pair[0] / pair[1])
        return ratios[len(ratios) // 2]

    rows = []
    for processes in args.processes:
        spacy_seconds, our_seconds = median_round(processes)
        ratio = spacy_seconds / our_seconds
        all_ratios = [s / o for s, o in rounds[processes]]
        rows.append([processes, len(articles) / spacy_seconds, len(articles) / our_seconds, ratio, f"{min(all_ratios):.3f}-{max(all_ratios):.3f}",
                     "yes" if ratio >= FLOOR else "NO", peaks["spacy", processes], peaks["newsloom", processes]])
    print(f"\nanalysis vs spaCy nlp.pipe: {len(articles)} articles, {len(texts):,} paragraphs, {words:,} words, median of {args.rounds} rounds\n")
    print(table(["processes", "spaCy articles/s", "newsloom articles/s", "ratio spaCy/newsloom", "ratio range", f">= {FLOOR}",
                 "spaCy peak MiB", "newsloom peak MiB"], rows))
    if 1 in rounds and len(args.processes) > 1:
        print()
        for processes in args.processes:
            if processes == 1:
                continue
            spacy_1, ours_1 = (statistics.median(x) for x in zip(*rounds[1], strict=False))
            spacy_n, ours_n = (statistics.median(x) for x in zip(*rounds[processes], strict=False))
            print(f"1-vs-{processes}-process speedup (median times): spaCy {spacy_1 / spacy_n:.2f}x, newsloom {ours_1 / ours_n:.2f}x")

    if 1 in rounds:
        spent = stages.clock.seconds
        total = sum(o for _s, o in rounds[1])
        runs = len(rounds[1])
        stage_rows = [[label, spent.get(label, 0.0) / runs, 1000 * spent.get(label, 0.0) / runs / len(articles), 100 * spent.get(label, 0.0) / total]
                      for label, _module, _name in STAGES]
        rest = total - sum(spent.values())
        stage_rows.append(["other (batching, records)", rest / runs, 1000 * rest / runs / len(articles), 100 * rest / total])
        print(f"\nwhere newsloom's time goes (1 process, mean of {runs} runs)\n")
        print(table(["stage", "seconds", "ms per article", "% of newsloom"], stage_rows))
        parse_share = spent.get("parse (spaCy)", 0.0) / runs
        print(f"spaCy baseline on the same paragraphs: {statistics.median(s for s, _o in rounds[1]):.2f} s; "
              f"newsloom's parse step: {parse_share:.2f} s")

    if args.profile:
        print()
        print(hot_spots(articles, settings, args.top))


if __name__ == "__main__":
    main()
