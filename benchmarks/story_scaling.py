"""Story assignment at scale: `StoryIndex.add` on 25k, 50k and 100k generated articles.

    python benchmarks/story_scaling.py                         # 25k, 50k, 100k, a fresh process each
    python benchmarks/story_scaling.py --sizes 10000 20000 40000
    python benchmarks/story_scaling.py --diagnose              # + candidate and norm counts per decile
    python benchmarks/story_scaling.py --quick                 # smoke run: 400, 800, seconds

The issue's bar: growing from 50k to 100k articles costs at most 2.2x the time (linear is 2.0x).

Each size runs in its own fresh process (`--worker N`), so its peak memory is its own. The articles
are `ArticleFeatures` built directly, as `features_of` would build them from a real document:

- events: about N/8 stories, sizes from a power law (many single articles, a few of hundreds), each of
  one of N/400 event types (look-alike events share a type's vocabulary, not its people);
- words: ~220 content tokens per article (~100-250 distinct terms, weighted 1 + log(count) like
  `features_of`), drawn from real English words by their frequency rank (wordfreq, Zipf), from the
  event type's words and from the story's own words; five title tokens weigh TITLE_WEIGHT more;
- entities, places, numbers and years as `features_of` names them (E:, P:, N:, Y:), mostly the
  story's own, some popular across stories (a capital, a president), numbers small more often;
- dates: a feed of ARTICLES_PER_DAY articles a day (100k articles span a year), so a larger corpus is a
  longer feed, as a store grows; stories start on any day of it and run for days to weeks (`--days`
  spreads every size over the same span instead); articles are added oldest first, as `cluster` does;
- wire copies: 10% of the articles in multi-article stories republish an earlier one (its terms with a
  few changed, its MinHash signature with 5-40% of positions redrawn: a Jaccard of 0.6-0.95); other
  signatures are random (independent reporting shares almost no 5-word shingles).

Generation happens inside the loop (articles are generated as they arrive, so the corpus is never held
in memory) but only `index.add` is timed. The baseline, timed in the same process on the same
articles, is a linear scan: one IDF weight per term of each article, which any index has to compute.
index time / scan time staying flat as N doubles means linear growth whatever the machine's load;
the raw 50k -> 100k time ratio is reported too. `--max-seconds` stops a size that would take too
long (the table says where), and `--index module:Class` measures a patched StoryIndex instead.
"""

from __future__ import annotations

import argparse
import bisect
import importlib
import itertools
import json
import math
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from common import PeakMemory, table

from newsloom.stories import cluster
from newsloom.stories.cluster import NUM_PERM, TITLE_WEIGHT, ArticleFeatures, StoryIndex, content_words

MEAN_STORY_SIZE = 8  # the guess, and what wire-heavy news feeds show: most events get one article, a few get hundreds
STORY_SIZE_EXPONENT = 1.7  # P(size = k) ~ k^-1.7 on 1..MAX_STORY_SIZE has a mean near 8
MAX_STORY_SIZE = 300
ARTICLES_PER_TYPE = 400  # one event type (a capsizing, a strike) per 400 articles: look-alikes are common
TOKENS = 220  # content tokens of a 450-word article after stop words; ~100-250 distinct terms
TITLE_TOKENS = 5
COPY_SHARE = 0.10  # wire copies among articles of multi-article stories
ARTICLES_PER_DAY = 275  # a desk following a few regions: 100,000 articles in a year
HASH_RANGE = 2**32  # datasketch affine32 signatures hold 32-bit values


@cache
def vocabulary() -> tuple[str, ...]:
    """Real English content words by frequency rank, normalised as `content_words` does."""
    from wordfreq import top_n_list

    seen: dict[str, None] = {}
    for word in top_n_list("en", 60_000):
        for normalised in content_words(word):
            seen.setdefault(normalised)
    return tuple(seen)


class Zipf:
    """Draw ranks 0..n-1 with P(rank) ~ 1/(rank + 1)^exponent, by bisecting the cumulative weights."""

    def __init__(self, n: int, exponent: float = 1.0) -> None:
        self.cumulative = list(itertools.accumulate(1 / (k + 1) ** exponent for k in range(n)))

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])


@dataclass
class StoryPlan:
    words: list[str]
    kind: int
    entities: list[str]
    places: list[str]
    numbers: list[str]
    year: int
    start: date
    span_days: int
    articles: list[ArticleFeatures]


class Corpus:
    """A reproducible stream of `size` articles, oldest first."""

    def __init__(self, size: int, seed: int, days: int | None = None) -> None:
        self.size = size
        self.days = days or max(1, round(size / ARTICLES_PER_DAY))
        self.rng = random.Random(seed)
        self.words = vocabulary()
        self.general = Zipf(len(self.words), 1.0)
        self.kinds = [self._sample_words(80, 300, 15_000) for _ in range(max(4, size // ARTICLES_PER_TYPE))]
        self.kind_pick = Zipf(len(self.kinds), 0.7)
        self.popular_entities = Zipf(2_000, 1.1)
        self.popular_places = Zipf(20_000, 1.0)
        self.number_pick = Zipf(5_000, 1.2)
        self.size_pick = Zipf(MAX_STORY_SIZE, STORY_SIZE_EXPONENT)

    def _sample_words(self, count: int, low: int, high: int) -> list[str]:
        return [self.words[self.rng.randrange(low, min(high, len(self.words)))] for _ in range(count)]

    def _story(self, number: int) -> StoryPlan:
        rng = self.rng
        entities = [f"E:person/p{number}-{k}" for k in range(rng.randint(2, 7))]
        entities += [f"E:org/o{number}-{k}" for k in range(rng.randint(1, 4))]
        entities += [f"E:org/popular-{self.popular_entities.draw(rng)}" for _ in range(rng.randint(0, 2))]
        places = [f"P:place-{self.popular_places.draw(rng)}" for _ in range(rng.randint(1, 4))]
        numbers = [f"N:{self.number_pick.draw(rng) + 1}" for _ in range(rng.randint(3, 8))]
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(self.days))
        span = int(rng.expovariate(1 / 4)) + 1  # most events are reported over a few days, some for weeks
        return StoryPlan(self._sample_words(40, 1_000, 60_000), self.kind_pick.draw(rng), entities, places, numbers,
                         2024 if rng.random() < 0.9 else rng.randint(1990, 2023), start, span, [])

    def _terms(self, story: StoryPlan) -> dict[str, float]:
        rng = self.rng
        kind = self.kinds[story.kind]
        counts: dict[str, float] = {}
        for _ in range(TOKENS):
            roll = rng.random()
            if roll < 0.5:
                word = self.words[self.general.draw(rng)]
            elif roll < 0.8:
                word = kind[int(rng.random() ** 2 * len(kind))]  # an event type's words, its first ones most
            else:
                word = story.words[int(rng.random() ** 2 * len(story.words))]
            counts[word] = counts.get(word, 0.0) + 1
        for _ in range(TITLE_TOKENS):
            word = story.words[int(rng.random() ** 2 * len(story.words))]
            counts[word] = counts.get(word, 0.0) + TITLE_WEIGHT
        terms = {w: 1 + math.log(c) for w, c in counts.items()}
        for entity in story.entities:
            if rng.random() < 0.7:
                terms[entity] = cluster.ENTITY_WEIGHT
        for place in story.places:
            if rng.random() < 0.8:
                terms[place] = cluster.ENTITY_WEIGHT
        if rng.random() < 0.3:
            terms[f"P:place-{self.popular_places.draw(rng)}"] = cluster.ENTITY_WEIGHT
        for number in rng.sample(story.numbers, k=max(1, len(story.numbers) // 2)):
            terms[number] = cluster.NUMBER_WEIGHT
        for _ in range(rng.randint(0, 4)):
            terms[f"N:{self.number_pick.draw(rng) + 1}"] = cluster.NUMBER_WEIGHT
        terms[f"Y:{story.year}"] = cluster.YEAR_WEIGHT
        return terms

    def _copy(self, original: ArticleFeatures, article_id: str, published: str) -> ArticleFeatures:
        rng = self.rng
        terms = {t: v for t, v in original.terms.items() if t[:2] == "N:" or rng.random() > 0.05}  # light edits drop a few words
        for _ in range(rng.randint(0, 6)):
            terms[self.words[self.general.draw(rng)]] = 1.0
        jaccard = rng.uniform(0.6, 0.95)
        signature = tuple(v if rng.random() < jaccard else rng.randrange(HASH_RANGE) for v in original.minhash)
        return ArticleFeatures(article_id, terms, published, signature, f"outlet-{rng.randrange(300)}")

    def articles(self) -> Iterator[ArticleFeatures]:
        """Stories are planned in date order of their articles: a heap of (day, story) arrivals."""
        rng = self.rng
        arrivals: list[tuple[date, int, int]] = []  # (day, story number, articles left)
        planned = 0
        number = 0
        stories: dict[int, StoryPlan] = {}
        while planned < self.size:
            size = min(self.size_pick.draw(rng) + 1, self.size - planned)
            stories[number] = self._story(number)
            arrivals.append((stories[number].start, number, size))
            planned += size
            number += 1
        days: dict[date, list[int]] = {}
        for start, story_number, size in arrivals:
            story = stories[story_number]
            for _ in range(size):
                day = start + timedelta(days=min(int(rng.expovariate(1 / story.span_days)), 60))
                days.setdefault(day, []).append(story_number)
        serial = 0
        for day in sorted(days):
            todays = days[day]
            rng.shuffle(todays)
            for story_number in todays:
                story = stories[story_number]
                article_id = f"a{serial:07d}"
                published = f"{day.isoformat()}T{rng.randrange(24):02d}:00:00+00:00"
                serial += 1
                if story.articles and rng.random() < COPY_SHARE:
                    yield self._copy(rng.choice(story.articles), article_id, published)
                    continue
                signature = tuple(rng.randrange(HASH_RANGE) for _ in range(NUM_PERM))
                article = ArticleFeatures(article_id, self._terms(story), published, signature, f"outlet-{rng.randrange(300)}")
                if len(story.articles) < 8:  # copies are made of the first reports, as wire copy is
                    story.articles.append(article)
                yield article


def linear_scan(index: StoryIndex, article: ArticleFeatures) -> float:
    """The baseline: one corpus IDF weight per term of the new article, the least any index does.

    Not `_idf`, whose wordfreq look-ups are cached: its cost per article falls as the cache fills,
    and a baseline has to cost the same per article at any size.
    """
    documents, frequency = index.documents + 1, index.document_frequency
    return sum(v * math.log(documents / (frequency[t] + 1)) for t, v in article.terms.items())


class Diagnosis:
    """Counts what `_rank` does: candidate stories scored (`_time_factor` runs once for each) and the
    terms whose weights `_group_norms` squares (the article's own, and every story norm recomputed)."""

    def __init__(self, index: StoryIndex) -> None:
        self.counts = {"candidates": 0, "norm_terms": 0}
        time_factor, group_norms = index._time_factor, cluster._group_norms

        def counted_time_factor(article: ArticleFeatures, story: object) -> float:
            self.counts["candidates"] += 1
            return time_factor(article, story)  # type: ignore[arg-type]

        def counted_group_norms(weights: dict[str, float]) -> dict[str, float]:
            self.counts["norm_terms"] += len(weights)
            return group_norms(weights)

        index._time_factor = counted_time_factor  # type: ignore[method-assign]
        cluster._group_norms = counted_group_norms  # this process only runs this index


def index_class(spec: str | None) -> type[StoryIndex]:
    """`module:Class` (a patched StoryIndex to compare, importable from here), or newsloom's own."""
    if not spec:
        return StoryIndex
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "StoryIndex")


def worker(size: int, args: argparse.Namespace) -> dict[str, object]:
    """One size in this process: time `add` and the baseline scan per tenth; peak memory."""
    corpus = Corpus(size, args.seed, args.days)
    index = index_class(args.index)()
    diagnosis = Diagnosis(index) if args.diagnose else None
    tenths: list[dict[str, float]] = []
    add_seconds = scan_seconds = 0.0
    step = max(1, size // 10)
    done = copies = 0
    mark: dict[str, float] = {"articles": 0, "add": 0.0, "scan": 0.0, "candidates": 0, "norm_terms": 0}

    def close_tenth() -> None:
        nonlocal mark
        counts = dict(diagnosis.counts) if diagnosis else {}
        n = done - mark["articles"]
        tenths.append({"articles": done, "add_us": 1e6 * (add_seconds - mark["add"]) / n, "scan_us": 1e6 * (scan_seconds - mark["scan"]) / n,
                       **{f"{key}_per_article": (value - mark[key]) / n for key, value in counts.items()}})
        mark = {"articles": done, "add": add_seconds, "scan": scan_seconds, **counts}

    with PeakMemory() as memory:
        for article in corpus.articles():
            started = time.perf_counter()
            linear_scan(index, article)
            scanned = time.perf_counter()
            assignment = index.add(article)
            added = time.perf_counter()
            scan_seconds += scanned - started
            add_seconds += added - scanned
            copies += assignment.copy_of is not None
            done += 1
            if done % step == 0:
                close_tenth()
            if add_seconds + scan_seconds > args.max_seconds:
                break
        if done > mark["articles"]:
            close_tenth()
    return {
        "size": size, "done": done, "add_seconds": add_seconds, "scan_seconds": scan_seconds, "stories": len(index.stories),
        "copies": copies, "postings": sum(len(p) for p in index.postings.values()), "distinct_terms": len(index.postings),
        "story_terms": sum(len(s.term_sums) for s in index.stories.values()), "days": corpus.days,
        "start_mib": memory.start_mib, "peak_mib": memory.peak_mib, "tenths": tenths,
    }


def run_fresh(size: int, args: argparse.Namespace) -> dict[str, object]:
    command = [sys.executable, __file__, "--worker", str(size), "--seed", str(args.seed), "--max-seconds", str(args.max_seconds)]
    command += ["--diagnose"] * args.diagnose + (["--days", str(args.days)] if args.days else [])
    command += ["--index", args.index] if args.index else []
    finished = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(finished.stdout)


def report(results: list[dict], args: argparse.Namespace) -> None:
    rows = []
    for r in results:
        n = r["done"]
        status = "all" if n == r["size"] else f"stopped at {n:,}"
        rows.append([r["size"], status, r["days"], r["stories"], r["copies"], r["add_seconds"], 1e6 * r["add_seconds"] / n,
                     r["add_seconds"] / r["scan_seconds"], r["start_mib"], r["peak_mib"], r["peak_mib"] - r["start_mib"]])
    feed = f"over {args.days} days" if args.days else f"{ARTICLES_PER_DAY} a day"
    print(f"\nstory assignment ({args.index or 'newsloom.stories.cluster:StoryIndex'}.add), generated articles {feed}, "
          f"seed {args.seed}, a fresh process per size, at most {args.max_seconds:.0f} s each\n")
    print(table(["articles", "added", "days", "stories", "copies found", "add s", "µs per article", "add / scan",
                 "RSS before MiB", "peak RSS MiB", "index MiB"], rows))
    complete = [r for r in results if r["done"] == r["size"]]
    for smaller, larger in itertools.pairwise(complete):
        growth = larger["add_seconds"] / smaller["add_seconds"]
        against_scan = (larger["add_seconds"] / larger["scan_seconds"]) / (smaller["add_seconds"] / smaller["scan_seconds"])
        size_ratio = larger["size"] / smaller["size"]
        print(f"{smaller['size']:,} -> {larger['size']:,} articles ({size_ratio:.1f}x): time {growth:.2f}x "
              f"(linear: {size_ratio:.1f}x); against the linear scan in the same runs {against_scan * size_ratio:.2f}x")
    if len(complete) < len(results):
        print(f"{len(results) - len(complete)} run(s) hit --max-seconds {args.max_seconds:.0f}: no growth ratio for them; "
              f"see the per-tenth cost below")
    last = results[-1]
    diagnosed = "candidates_per_article" in last["tenths"][0]
    headers = ["articles so far", "add µs/article", "scan µs/article"] + (["candidate stories", "norm terms"] if diagnosed else [])
    rows = []
    for t in last["tenths"]:
        row = [t["articles"], t["add_us"], t["scan_us"]]
        rows.append(row + ([t["candidates_per_article"], t["norm_terms_per_article"]] if diagnosed else []))
    print(f"\nmarginal cost as the index grows ({last['size']:,} run; per tenth, counts per article)\n")
    print(table(headers, rows))
    print(f"\nindex after {last['done']:,} articles: {last['stories']:,} stories, {last['distinct_terms']:,} distinct terms, "
          f"{last['postings']:,} postings, {last['story_terms']:,} story term sums")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--days", type=int, help=f"spread every size over this many days [size / {ARTICLES_PER_DAY}]")
    parser.add_argument("--max-seconds", type=float, default=100.0, help="stop a size after this much timed work [100]")
    parser.add_argument("--diagnose", action="store_true", help="count candidate stories and norm terms per article")
    parser.add_argument("--index", metavar="MODULE:CLASS", help="a patched StoryIndex to measure instead of newsloom's")
    parser.add_argument("--quick", action="store_true", help="smoke run: 150 and 300 articles")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args)))
        return
    if args.quick:
        args.sizes = [150, 300]
    results = []
    for size in args.sizes:
        print(f"running {size:,} articles in a fresh process", file=sys.stderr, flush=True)
        results.append(run_fresh(size, args))
    report(results, args)


if __name__ == "__main__":
    main()
