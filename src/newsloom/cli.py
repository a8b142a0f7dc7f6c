"""The `newsloom` command. Each command is a docstring with an example and a few library calls.

Exit status: 0 when every input was read, 1 when some inputs failed (each named on stderr in one
line), 2 for a usage error. Machine-readable output goes to stdout only; progress and errors to
stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from .errors import InputError, NewsloomError
from .settings import Settings, default_db_path

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class Failures:
    """Counts inputs that failed and prints each as one line on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        click.echo(f"newsloom: error: {error.source}: {error.reason}", err=True)

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.count else EXIT_OK


def progress(items: Iterable[Any], quiet: bool, desc: str, total: int | None = None) -> Iterator[Any]:
    """A progress bar on stderr, silent when stderr is not a terminal or with --quiet."""
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, total=total, unit=" articles", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)


def _settings(outlet: str | None, published: str | None, model: str, processes: int = 1) -> Settings:
    return Settings(outlet=outlet, published=published, model=model, processes=processes)


common_options = [
    click.option("--outlet", help="Outlet of every input (overrides signatures and page metadata)."),
    click.option("--published", help="Publication date of every input, ISO format (e.g. 2022-11-10)."),
    click.option("--model", default="en_core_web_sm", show_default=True, help="spaCy pipeline to use."),
    click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
]

# Not in common_options: `batch` takes those too, and its Dask workers are daemonic processes, which
# may not start worker processes of their own (use its --workers there).
processes_option = click.option(
    "--processes", type=click.IntRange(min=1), default=1, show_default=True,
    help="Worker processes that analyse chunks of articles (parse and every stage) side by side.",
)  # fmt: skip


def with_common(func: Any) -> Any:
    for option in reversed(common_options):
        func = option(func)
    return func


db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=f"SQLite store [default: {default_db_path()}]."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsloom")
def main() -> None:
    """newsloom: many outlets, one sourced story.

    \b
    newsloom brief examples/corpus           # the story brief of a pile of articles
    newsloom ingest examples/corpus          # read, analyse and store articles
    newsloom stories                         # the stories in the store
    newsloom serve                           # browse them at http://127.0.0.1:8000
    """


def _read_and_analyze(sources: tuple[str, ...], settings: Settings, quiet: bool, failures: Failures) -> list[Any]:
    from . import analyze

    return analyze(sources, settings, on_error=failures, progress=lambda stream: progress(stream, quiet, "analysing"))


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True)
@with_common
@processes_option
def analyze(
    sources: tuple[str, ...], fmt: str, outlet: str | None, published: str | None, model: str, quiet: bool, processes: int
) -> None:
    """Analyse articles without storing them; print one CONTRACT.md document per article.

    \b
    newsloom analyze examples/corpus/*.txt --format json > out.json
    cat article.txt | newsloom analyze - --outlet "Daily Ledger" --format jsonl
    """
    failures = Failures()
    analyses = _read_and_analyze(sources, _settings(outlet, published, model, processes), quiet, failures)
    documents = [a.to_dict() for a in analyses]
    if fmt == "json":
        click.echo(json.dumps(documents, ensure_ascii=False, indent=1))
    else:
        for document in documents:
            click.echo(json.dumps(document, ensure_ascii=False))
    sys.exit(failures.exit_code)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@with_common
@processes_option
def ingest(
    sources: tuple[str, ...], db: Path | None, outlet: str | None, published: str | None, model: str, quiet: bool, processes: int
) -> None:
    """Read, analyse and store articles; articles already stored are skipped.

    \b
    newsloom ingest examples/corpus https://example.org/news/story.html --db news.db
    """
    from .ingest import read_sources
    from .pipeline import analyze_many
    from .store import Store
    from .stories.cluster import assign_stories
    from .stories.link import link

    settings = _settings(outlet, published, model, processes)
    failures = Failures()
    store = Store(db or default_db_path())
    skipped = 0

    def new_articles() -> Iterator[Any]:
        nonlocal skipped
        seen: set[str] = set()
        for item in read_sources(sources, settings):
            if isinstance(item, InputError):
                failures(item)
            elif item.id in seen or store.has(item.id):
                skipped += 1
            else:
                seen.add(item.id)
                yield item

    added: list[str] = []
    chunk: list[Any] = []

    def flush() -> None:
        # Link a chunk (one name per person, dates from story-mates), then one transaction per article:
        # a crash loses at most the chunk in progress, and the next run redoes only that.
        for analysis in link(chunk, settings):
            if store.add(analysis):
                added.append(analysis.id)
        chunk.clear()

    for analysis in progress(analyze_many(new_articles(), settings), quiet, "ingesting"):
        chunk.append(analysis)
        if len(chunk) >= settings.batch_size:
            flush()
    flush()
    assign_stories(store, added)
    click.echo(f"newsloom: stored {len(added)} new articles, {skipped} already stored, {failures.count} failed ({store.path})", err=True)
    sys.exit(failures.exit_code)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Local worker processes [default: one per CPU core].")
@with_common
def batch(
    sources: tuple[str, ...], db: Path | None, scheduler: str | None, workers: int | None,
    outlet: str | None, published: str | None, model: str, quiet: bool,
) -> None:  # fmt: skip
    """Like `ingest`, on a Dask cluster: workers read and analyse, this process stores; failures become rows.

    \b
    newsloom batch examples/corpus --db news.db --workers 2
    newsloom batch /shared/crawl --db news.db --scheduler tcp://10.0.0.5:8786
    """
    import contextlib
    import logging
    import os

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise click.UsageError("the batch mode needs Dask: pip install 'newsloom[batch]'") from None
    from .batch import run_batch
    from .errors import UsageError
    from .store import Store

    if scheduler and workers:
        raise click.UsageError("give --scheduler (an existing cluster) or --workers (a local one), not both")
    if "-" in sources:
        raise click.UsageError("the batch mode reads files and URLs, not standard input (its workers cannot read it): save it to a file")
    failures = Failures()
    store = Store(db or default_db_path())
    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler))
            except OSError as error:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({error}); is `dask scheduler` running there?") from None
        else:
            # One single-threaded process per core: spaCy and our stages hold the GIL, threads would not help.
            # Port 0 for its HTTP server: a fixed port taken by another cluster here would print a warning.
            cluster = stack.enter_context(
                LocalCluster(n_workers=workers or os.cpu_count() or 1, processes=True, threads_per_worker=1,
                             dashboard_address=":0", silence_logs=logging.ERROR)
            )  # fmt: skip
            client = stack.enter_context(Client(cluster))
        report = run_batch(
            sources, store, _settings(outlet, published, model), client,
            on_error=failures, progress=lambda stream: progress(stream, quiet, "batch"),
        )  # fmt: skip
    click.echo(
        f"newsloom: stored {report.stored} new articles, {report.skipped} already stored, {report.failed} failed "
        f"in {report.elapsed_seconds:.1f} s ({report.articles_per_second:.2f} articles/s on {report.workers} workers; {store.path})",
        err=True,
    )
    sys.exit(failures.exit_code)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=int, default=None)
def articles(db: Path | None, fmt: str, limit: int | None) -> None:
    """List stored articles, newest first.

    \b
    newsloom articles --db news.db --format json
    """
    from dataclasses import asdict

    from .store import Store

    rows = Store(db or default_db_path()).articles(limit=limit)
    if fmt == "json":
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return
    for r in rows:
        click.echo(f"{r.id}  {r.published or '          '}  {(r.outlet or '-')[:24]:24}  {r.title or r.source}")


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def search(query: str, db: Path | None, limit: int, fmt: str) -> None:
    """Full-text search of stored articles.

    \b
    newsloom search "dam breach" --db news.db
    """
    from .store import Store

    hits = Store(db or default_db_path()).search(query, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([{"id": a.id, "outlet": a.outlet, "title": a.title, "source": a.source, "snippet": s} for a, s in hits], ensure_ascii=False, indent=1))
        return
    for article, snippet in hits:
        click.echo(f"{article.id}  {(article.outlet or '-')[:24]:24}  {article.title or article.source}\n    {snippet}")


BRIEF_FORMATS = ("md", "json", "html", "geojson", "timeline")


def _render(brief: dict[str, Any], fmt: str) -> str:
    from .stories import render

    if fmt == "json":
        return json.dumps(brief, ensure_ascii=False, indent=1)
    return {"md": render.to_markdown, "html": render.to_html, "geojson": render.to_geojson, "timeline": render.to_timeline}[fmt](brief)


def _looks_like_sources(arguments: tuple[str, ...]) -> bool:
    return all(a == "-" or a.startswith(("http://", "https://")) or Path(a).exists() for a in arguments)


@main.command()
@click.argument("arguments", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(BRIEF_FORMATS), default="md", show_default=True)
@db_option
@with_common
def brief(arguments: tuple[str, ...], fmt: str, db: Path | None, outlet: str | None, published: str | None, model: str, quiet: bool) -> None:
    """The sourced brief of stories: from files or URLs (no store), or from the store.

    \b
    newsloom brief examples/corpus                      # straight from files
    newsloom brief examples/corpus --format html > brief.html
    newsloom brief --db news.db                         # every story in the store
    newsloom brief s-1f2e3d4c5b6a7980 --format geojson  # one stored story's places
    """
    from .stories.brief import build
    from .stories.cluster import cluster

    failures = Failures()
    if arguments and _looks_like_sources(arguments):
        analyses = _read_and_analyze(arguments, _settings(outlet, published, model), quiet, failures)
        documents = [a.to_dict() for a in analyses]
        stories = cluster(documents)
    else:
        from .store import Store
        from .stories.cluster import stored_stories

        store = Store(db or default_db_path())
        stories = stored_stories(store)
        if arguments:
            wanted = set(arguments)
            stories = [s for s in stories if s.id in wanted]
            missing = wanted - {s.id for s in stories}
            if missing:
                raise click.UsageError(f"no story {', '.join(sorted(missing))} in {store.path} (neither a file nor a stored story id; see `newsloom stories`)")
        documents = store.documents([a for s in stories for a in s.article_ids])
    if not documents:
        raise click.UsageError("no articles to brief: give sources, or ingest some first (newsloom ingest ...)")
    click.echo(_render(build(documents, stories), fmt))
    sys.exit(failures.exit_code)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stories(db: Path | None, fmt: str) -> None:
    """List the stories in the store, newest first, with their outlets and independent sources.

    \b
    newsloom stories --db news.db
    """
    from .store import Store
    from .stories.cluster import stored_stories, summarize

    store = Store(db or default_db_path())
    rows = [summarize(store, s) for s in stored_stories(store)]
    rows.sort(key=lambda r: (r["last_published"] or "", r["articles"]), reverse=True)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        click.echo(f"{r['id']}  {r['last_published'] or '          '}  {r['articles']:3d} articles  {r['independent_sources']:2d} sources  {r['title']}")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; anything but loopback is reachable from other machines.")
@click.option("--port", default=8000, type=click.IntRange(1, 65535), show_default=True)
def serve(db: Path | None, host: str, port: int) -> None:
    """Browse the stored stories in a web page, with a JSON API (/api).

    \b
    newsloom serve --db news.db              # http://127.0.0.1:8000
    """
    try:
        from .web.server import serve as run_server
    except ImportError as exc:
        raise click.UsageError(f"the web page needs the web extra ({exc.name} is missing): pip install 'newsloom[web]'") from exc
    run_server(db or default_db_path(), host, port)


from .evaluate.cli import evaluate  # noqa: E402  (registered below; the module is long enough to stand alone)

main.add_command(evaluate)


def run() -> None:
    """Entry point that turns our named errors into one line and exit status 2."""
    try:
        main(standalone_mode=True)
    except NewsloomError as exc:
        click.echo(f"newsloom: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    run()
