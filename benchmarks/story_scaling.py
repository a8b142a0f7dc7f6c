"""Story assignment at scale: `StoryIndex.add` on 25k, 50k and 100k generated articles.

    python benchmarks/story_scaling.py --sizes 25000 50000 100000 --max-seconds 2400   # the issue's sizes (~40 min)
    python benchmarks/story_scaling.py                         # 5k, 10k, 20k (~6 min), a fresh process each
    python benchmarks/story_scaling.py --diagnose              # + similarity pairs and what the index holds, per tenth
    python benchmarks/story_scaling.py --quick                 # smoke run: 150 and 300 articles

The issue's bar: growing from 50k to 100k articles costs at most 2.2x the time (linear is 2.0x).

Each size runs in its own fresh process (`--worker N`), so its peak memory is its own. The articles
are `ArticleFeatures` built directly, shaped as `features_of` builds them from a real document:

- events: about N/8 stories, sizes from a power law (many single articles, a few of hundreds), each of
  one of N/400 event types (look-alike events share a type's vocabulary, not its people);
- words: a title of 5 content words and 12 lines of 18 (~220 tokens, ~150 distinct words), drawn from
  real English words by frequency rank (wordfreq, Zipf), from the event type's words and from the
  story's own; weighted 1 + log(count), title words counted TITLE_WEIGHT more, as `features_of` does;
- lede ("L:"): the title and the first LEDE_LINES lines, counted the same way;
- entities ("E:"): the story's own people and organisations, popular ones shared across stories (a
  president, a ministry) and places ("E:place/..."), popular ones more often; 1 + log(mentions);
- dates: a feed of ARTICLES_PER_DAY articles a day (100k articles span a year), so a larger corpus is a
  longer feed, as a store grows; stories start on any day of it and run for days to weeks (`--days`
  spreads every size over the same span instead); articles are added oldest first, as `cluster` does;
- wire copies: 10% of the articles in multi-article stories republish one of the story's first two
  (its terms with 5% dropped and a few added, its MinHash signature with 5-40% of positions redrawn:
  a Jaccard of 0.6-0.95); other signatures are random (independent reports share almost no 5-word
  shingles).

Articles are generated as they arrive (the corpus is never held in memory) and only `index.add` is
timed. The baseline, timed in the same process on the same articles, is a linear scan: one IDF weight
per term of each article, which any index has to compute. index time / scan time staying flat as N
doubles means linear growth whatever the machine's load; the raw 50k -> 100k ratio is reported too.
`--max-seconds` stops a size that would take too long (the table says where); `--index module:Class`
measures a patched StoryIndex instead of newsloom's (the lead's candidate, say) on the same articles.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import importlib
import inspect
import itertools
import json
import math
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from common import PeakMemory, table

from newsloom.stories.cluster import NUM_PERM, TITLE_WEIGHT, ArticleFeatures, StoryIndex, content_words

STORY_SIZE_EXPONENT = 1.7  # P(size = k) ~ k^-1.7 on 1..MAX_STORY_SIZE: a mean near 8 articles, as the issue assumes
MAX_STORY_SIZE = 300  # the biggest event of a year gets a few hundred articles
ARTICLES_PER_TYPE = 400  # one event type (a capsizing, a strike) per 400 articles: look-alikes are common
TITLE_TOKENS = 5  # content words of a headline
LINES = 12  # body lines (paragraphs) of a 450-word article
LINE_TOKENS = 18  # content words per line after stop words: ~220 tokens, ~150 distinct words
LEDE_LINES = 2  # as cluster.LEDE_LINES: the lede is the title and the first two lines
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
    start: date
    span_days: int
    originals: list[tuple[str, int]] = field(default_factory=list)  # (article id, seed) of its first reports


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
        self.size_pick = Zipf(MAX_STORY_SIZE, STORY_SIZE_EXPONENT)

    def _sample_words(self, count: int, low: int, high: int) -> list[str]:
        return [self.words[self.rng.randrange(low, min(high, len(self.words)))] for _ in range(count)]

    def _story(self, number: int) -> StoryPlan:
        rng = self.rng
        entities = [f"E:person/p{number}-{k}" for k in range(rng.randint(2, 7))]
        entities += [f"E:org/o{number}-{k}" for k in range(rng.randint(1, 4))]
        entities += [f"E:org/popular-{self.popular_entities.draw(rng)}" for _ in range(rng.randint(0, 2))]
        entities += [f"E:place/place-{self.popular_places.draw(rng)}" for _ in range(rng.randint(1, 4))]
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(self.days))
        span = int(rng.expovariate(1 / 4)) + 1  # most events are reported over a few days, some for weeks
        return StoryPlan(self._sample_words(40, 1_000, 60_000), self.kind_pick.draw(rng), entities, start, span)

    def _word(self, story: StoryPlan, rng: random.Random) -> str:
        roll = rng.random()
        if roll < 0.5:
            return self.words[self.general.draw(rng)]
        if roll < 0.8:
            kind = self.kinds[story.kind]
            return kind[int(rng.random() ** 2 * len(kind))]  # an event type's words, its first ones most
        return story.words[int(rng.random() ** 2 * len(story.words))]

    def _terms(self, story: StoryPlan, rng: random.Random) -> dict[str, float]:
        """Terms as `features_of` makes them from a title, lines and entities with their mentions."""
        title = [story.words[int(rng.random() ** 2 * len(story.words))] for _ in range(TITLE_TOKENS)]
        lines = [[self._word(story, rng) for _ in range(LINE_TOKENS)] for _ in range(LINES)]
        counts: dict[str, float] = {}
        lede: dict[str, float] = {}
        for word in title:
            lede[word] = lede.get(word, 0) + 1
        for number, line in enumerate(lines):
            for word in line:
                counts[word] = counts.get(word, 0) + 1
                if number < LEDE_LINES:
                    lede[word] = lede.get(word, 0) + 1
        for word in title:
            counts[word] = counts.get(word, 0) + TITLE_WEIGHT
        terms = {w: 1 + math.log(c) for w, c in counts.items()}
        terms.update({"L:" + w: 1 + math.log(c) for w, c in lede.items()})
        for entity in story.entities:
            if rng.random() < 0.7:
                terms[entity] = 1 + math.log(1 + int(rng.expovariate(1 / 1.5)))  # 1 + log(mentions)
        if rng.random() < 0.3:
            terms[f"E:place/place-{self.popular_places.draw(rng)}"] = 1.0
        return terms

    def _article(self, story: StoryPlan, article_id: str, seed: int, published: str) -> ArticleFeatures:
        rng = random.Random(seed)  # an article is its seed: a copy regenerates its original from it
        signature = tuple(rng.randrange(HASH_RANGE) for _ in range(NUM_PERM))
        return ArticleFeatures(article_id, self._terms(story, rng), published, signature, f"outlet-{rng.randrange(300)}")

    def _copy(self, story: StoryPlan, article_id: str, published: str) -> ArticleFeatures:
        rng = self.rng
        original_id, seed = rng.choice(story.originals)
        original = self._article(story, original_id, seed, published)
        terms = {t: v for t, v in original.terms.items() if rng.random() > 0.05}  # light edits drop a few words
        for _ in range(rng.randint(0, 6)):
            terms[self.words[self.general.draw(rng)]] = 1.0
        jaccard = rng.uniform(0.6, 0.95)
        signature = tuple(v if rng.random() < jaccard else rng.randrange(HASH_RANGE) for v in original.minhash)
        return ArticleFeatures(article_id, terms, published, signature, f"outlet-{rng.randrange(300)}")

    def articles(self) -> Iterator[ArticleFeatures]:
        """Plan every story, spread its articles over its days, and yield them day by day."""
        rng = self.rng
        stories: list[StoryPlan] = []
        sizes: list[int] = []
        planned = 0
        while planned < self.size:
            sizes.append(min(self.size_pick.draw(rng) + 1, self.size - planned))
            stories.append(self._story(len(stories)))
            planned += sizes[-1]
        self.planned_stories = len(stories)
        days: dict[date, list[int]] = {}
        for number, (story, size) in enumerate(zip(stories, sizes, strict=True)):
            for _ in range(size):
                day = story.start + timedelta(days=min(int(rng.expovariate(1 / story.span_days)), 60))
                days.setdefault(day, []).append(number)
        serial = 0
        for day in sorted(days):
            todays = days[day]
            rng.shuffle(todays)
            for number in todays:
                story = stories[number]
                article_id = f"a{serial:07d}"
                published = f"{day.isoformat()}T{rng.randrange(24):02d}:00:00+00:00"
                serial += 1
                if story.originals and rng.random() < COPY_SHARE:
                    yield self._copy(story, article_id, published)
                    continue
                seed = rng.randrange(2**63)
                if len(story.originals) < 2:  # copies are made of the first reports, as wire copy is
                    story.originals.append((article_id, seed))
                yield self._article(story, article_id, seed, published)


def linear_scan(index: StoryIndex, article: ArticleFeatures) -> float:
    """The baseline: one corpus IDF weight per term of the new article, the least any index does.

    Not `_idf`, whose wordfreq look-ups are cached: its cost per article falls as the cache fills,
    and a baseline has to cost the same per article at any size.
    """
    documents, frequency = index.documents + 1, index.document_frequency
    return sum(v * math.log(documents / (frequency[t] + 1)) for t, v in article.terms.items())


class Diagnosis:
    """What each `add` costs beyond the scan, counted by wrapping the index's own steps (where it has them):

    - similarity pairs: rows x columns of every `_similarities` call (the new article against its
      candidates, and the region of stories around it against itself);
    - weighings: `_weights` calls (one per new article; more when older vectors are weighed again as IDF drifts);
    - terms and postings held: `len(term_index)` and the article ids in `postings` (memory that grows).
    """

    def __init__(self, index: StoryIndex) -> None:
        self.index = index
        self.counts = {"pairs": 0, "weighings": 0}
        if hasattr(index, "_similarities"):
            similarities = index._similarities

            def counted_similarities(rows, columns=None, *args, **kwargs):  # type: ignore[no-untyped-def]
                self.counts["pairs"] += len(rows) * len(rows if columns is None else columns)
                return similarities(rows, columns, *args, **kwargs)

            index._similarities = counted_similarities  # type: ignore[method-assign]
        if hasattr(index, "_weights"):
            weights = index._weights

            def counted_weights(*args, **kwargs):  # type: ignore[no-untyped-def]
                self.counts["weighings"] += 1
                return weights(*args, **kwargs)

            index._weights = counted_weights  # type: ignore[method-assign]

    def held(self) -> dict[str, int]:
        postings = getattr(self.index, "postings", {})
        return {"terms": len(getattr(self.index, "term_index", ())), "postings": sum(len(p) for p in postings.values())}


def index_class(spec: str | None) -> type[StoryIndex]:
    """`module:Class` (a patched StoryIndex to compare, importable from here), or newsloom's own."""
    if not spec:
        return StoryIndex
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "StoryIndex")


def source_digest(cls: type) -> str:
    """The first 12 hex digits of the SHA-256 of the index's module source: which code a run measured."""
    return hashlib.sha256(Path(inspect.getsourcefile(cls) or "").read_bytes()).hexdigest()[:12]


def worker(size: int, args: argparse.Namespace) -> dict[str, object]:
    """One size in this process: time `add` and the baseline scan per tenth; peak memory."""
    corpus = Corpus(size, args.seed, args.days)
    index = index_class(args.index)()
    diagnosis = Diagnosis(index) if args.diagnose else None
    tenths: list[dict[str, float]] = []
    add_seconds = scan_seconds = 0.0
    step = max(1, size // 10)
    done = copies = 0
    mark: dict[str, float] = {"articles": 0, "add": 0.0, "scan": 0.0, "pairs": 0, "weighings": 0}

    def close_tenth() -> None:
        nonlocal mark
        counts = dict(diagnosis.counts) if diagnosis else {}
        n = done - mark["articles"]
        tenths.append({"articles": done, "add_us": 1e6 * (add_seconds - mark["add"]) / n, "scan_us": 1e6 * (scan_seconds - mark["scan"]) / n,
                       **{f"{key}_per_article": (value - mark[key]) / n for key, value in counts.items()},
                       **(diagnosis.held() if diagnosis else {})})
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
        "copies": copies, "postings": sum(len(p) for p in index.postings.values()), "posted_terms": len(index.postings),
        "distinct_terms": len(index.document_frequency), "days": corpus.days, "planned_stories": corpus.planned_stories,
        "source": source_digest(type(index)),
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
        rows.append([r["size"], status, r["days"], r["planned_stories"], r["stories"], r["copies"], r["add_seconds"], 1e6 * r["add_seconds"] / n,
                     r["add_seconds"] / r["scan_seconds"], r["start_mib"], r["peak_mib"], r["peak_mib"] - r["start_mib"]])
    feed = f"over {args.days} days" if args.days else f"{ARTICLES_PER_DAY} a day"
    print(f"\nstory assignment ({args.index or 'newsloom.stories.cluster:StoryIndex'}.add), generated articles {feed}, "
          f"seed {args.seed}, a fresh process per size, at most {args.max_seconds:.0f} s each\n")
    print(table(["articles", "added", "days", "events", "stories found", "copies found", "add s", "µs per article", "add / scan",
                 "RSS before MiB", "peak RSS MiB", "index MiB"], rows))
    sources = {r["source"] for r in results}
    print(f"index source sha256 {', '.join(sorted(sources))}" + ("  WARNING: the code changed between runs" if len(sources) > 1 else ""))
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
    diagnosed = "pairs_per_article" in last["tenths"][0]
    headers = ["articles so far", "add µs/article", "scan µs/article"]
    headers += ["similarity pairs", "weighings", "terms held", "postings held"] if diagnosed else []
    rows = []
    for t in last["tenths"]:
        row = [t["articles"], t["add_us"], t["scan_us"]]
        rows.append(row + ([t["pairs_per_article"], t["weighings_per_article"], t["terms"], t["postings"]] if diagnosed else []))
    print(f"\nmarginal cost as the index grows ({last['size']:,} run; per tenth, counts per article)\n")
    print(table(headers, rows))
    print(f"\nindex after {last['done']:,} articles: {last['stories']:,} stories, {last['distinct_terms']:,} distinct terms, "
          f"{last['postings']:,} postings under {last['posted_terms']:,} terms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 10_000, 20_000], help="articles per run [5000 10000 20000]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--days", type=int, help=f"spread every size over this many days [size / {ARTICLES_PER_DAY}]")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="stop a size after this much timed work [600]")
    parser.add_argument("--diagnose", action="store_true", help="count similarity pairs and weighings per article")
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
