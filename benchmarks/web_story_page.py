"""How long the server takes to answer the story page with 10,000 articles stored (goal: under 50 ms).

    python benchmarks/web_story_page.py [--articles 10000] [--requests 200] [--keep DB]

The corpus is analysed once (spaCy runs 16 times, not 10,000); the store is then filled with
variations of those analyses: new ids, outlets, publication dates shifted by the variant's number of
days, figures scaled. Each variant group of the corpus's stories becomes stories of its own, so the
store holds thousands of stories of 1-7 articles, plus one large story of 8 groups of the largest
story (56 articles). The page is requested in process (FastAPI's TestClient: routing, store reads,
template rendering, no network); each is timed by the server itself (its Server-Timing header:
from the request reaching the app to the response starting, the whole page rendered):

- cold: the first view of a story, which compares its claims and keeps the brief in the store;
- warm: later views, which read the kept brief (what a reader gets after the first view);
- the story list (30 rows; cold builds each row's summary once) and the JSON of one story.

Not a test: it prints figures; nothing fails when the goal is missed.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import EXAMPLES, table

from newsloom import Settings, analyze
from newsloom.models import Analysis
from newsloom.store import Store
from newsloom.stories.cluster import cluster

GOAL_MS = 50.0
OUTLET_SUFFIXES = ("", " Weekend", " Online", " Regional", " Evening Edition", " International")
BIG_STORY_GROUPS = 8  # groups of the largest story merged into one: a story of 56 articles


def shift(value: str | None, days: int) -> str | None:
    """An ISO date (or datetime) moved by `days`; other values unchanged."""
    if not value or len(value) < 10:
        return value
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


def variant(analysis: Analysis, group: int) -> Analysis:
    """The analysis as if another outlet had published it `group` days later, with other figures."""
    article = analysis.article
    new_id = hashlib.sha256(f"{article.id}:{group}".encode()).hexdigest()[:16]
    days = group % 3650
    scale = 1 + (group % 7) / 10  # figures differ between variants, as tolls differ between reports
    suffix = OUTLET_SUFFIXES[group % len(OUTLET_SUFFIXES)]
    published = analysis.published and dataclasses.replace(
        analysis.published,
        value=shift(analysis.published.value, days),
        earliest=shift(analysis.published.earliest, days),
        latest=shift(analysis.published.latest, days),
    )
    figures = tuple(
        dataclasses.replace(f, value=None if f.value is None else round(f.value * scale), low=None if f.low is None else round(f.low * scale), high=None if f.high is None else round(f.high * scale))
        for f in analysis.figures
    )
    dates = tuple(dataclasses.replace(d, value=shift(d.value, days)) for d in analysis.dates)
    return dataclasses.replace(
        analysis,
        article=dataclasses.replace(article, id=new_id, source=f"{article.source}@{group}", published=shift(article.published, days)),
        outlet=(analysis.outlet or "Unknown Outlet") + suffix,
        published=published,
        figures=figures,
        dates=dates,
    )


def fill(path: Path, articles: int) -> tuple[str, str]:
    """Fill a store with `articles` variants; returns (a typical story id, the large story id)."""
    started = time.perf_counter()
    analyses = analyze([str(EXAMPLES / "corpus")], Settings(fetch_linked_pages=False), on_error=lambda error: None)
    print(f"analysed {len(analyses)} corpus articles once in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    by_id = {a.id: a for a in analyses}
    stories = sorted(cluster([a.to_dict() for a in analyses]), key=lambda s: -len(s.article_ids))
    members: list[tuple[str, str, str | None, float | None]] = []
    started = time.perf_counter()
    with Store(path) as store:
        group, stored = 0, 0
        while stored < articles:
            for index, story in enumerate(stories):
                story_id = "s-big" if index == 0 and group < BIG_STORY_GROUPS else f"s-bench-{group}-{index}"
                for article_id in story.article_ids:
                    if stored >= articles:
                        break
                    copy = variant(by_id[article_id], group)
                    store.add(copy)
                    members.append((copy.id, story_id, None, None))
                    stored += 1
            group += 1
        store.save_story_members(members)
    print(f"stored {stored} article variants in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return f"s-bench-{BIG_STORY_GROUPS}-0", "s-big"


def timed(client, path: str) -> float:  # type: ignore[no-untyped-def]
    """The server's own time for one request, from its Server-Timing header (routing to response)."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return float(response.headers["server-timing"].split("dur=")[1])


def summary(name: str, times: list[float]) -> list[object]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return [name, len(times), f"{statistics.median(times):.1f}", f"{p95:.1f}", f"{max(times):.1f}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="warm requests per page")
    parser.add_argument("--keep", type=Path, help="keep the filled store at this path (reused when it exists)")
    options = parser.parse_args()

    from fastapi.testclient import TestClient

    from newsloom.web.app import create_app

    with tempfile.TemporaryDirectory() as work:
        path = options.keep or Path(work) / "bench.db"
        with Store(path) as store:
            filled = store.count() >= options.articles
        typical, big = ("s-bench-8-0", "s-big") if filled else fill(path, options.articles)
        with Store(path) as store:
            count, stories = store.count(), len({row[1] for row in store.story_members()})
            sizes = {typical: len(store.story_member_ids(typical)), big: len(store.story_member_ids(big))}
        client = TestClient(create_app(path), base_url="http://127.0.0.1")
        cold_ids = [f"s-bench-{g}-{i}" for g in range(20, 40) for i in range(2)]
        rows = [
            summary("story page, cold (builds and keeps the brief)", [timed(client, f"/stories/{s}") for s in cold_ids]),
            summary(f"story page, cold, large story ({sizes[big]} articles)", [timed(client, f"/stories/{big}")]),
        ]
        timed(client, f"/stories/{typical}")
        rows.append(summary(f"story page, warm ({sizes[typical]} articles)", [timed(client, f"/stories/{typical}") for _ in range(options.requests)]))
        rows.append(summary(f"story page, warm, large story ({sizes[big]} articles)", [timed(client, f"/stories/{big}") for _ in range(options.requests)]))
        rows.append(summary("GET /api/stories/{id}, warm", [timed(client, f"/api/stories/{typical}") for _ in range(options.requests)]))
        rows.append(summary("story list, first view (builds 30 row summaries)", [timed(client, "/?page=3")]))
        rows.append(summary("story list, warm", [timed(client, "/?page=3") for _ in range(max(10, options.requests // 10))]))
        print(f"store: {count} articles, {stories} stories ({path})")
        print(table(["request", "n", "median ms", "p95 ms", "max ms"], rows))
        warm = statistics.median(timed(client, f"/stories/{typical}") for _ in range(20))
        print(f"goal: story page under {GOAL_MS:.0f} ms: warm median {warm:.1f} ms -> {'met' if warm < GOAL_MS else 'missed'}")
        print(f"command: python benchmarks/web_story_page.py --articles {options.articles} --requests {options.requests}")


if __name__ == "__main__":
    main()
