"""The same pipeline on a Dask cluster, for a corpus that outgrows one machine.

The driver (this process) never reads an input: it lists them, cuts the list into partitions and
sends each partition to a worker process, which reads and analyses it. The driver alone writes the
store (SQLite has one writer), one transaction per article as results come back:

    driver   sources -> inputs (directories listed, not read) -> partitions of inputs
    worker   partition -> ingest.read_sources -> pipeline.analyze_many -> analyses + failures
    driver   analyses, in input order -> chunks of settings.batch_size new articles
    worker   chunk -> stories.link.link (one name per person, dates from story-mates)
    driver   linked chunk -> store.add, one transaction per article -> stories.assign_stories

Linking is why workers return `Analysis` records rather than finished documents: one person's
name is settled across the articles of a chunk, and an undated article is re-parsed with its
story-mates' date. Chunks are cut exactly as `newsloom ingest` cuts them (input order, new
articles only), so a batch stores the same documents as `ingest`, whatever order the workers
finish in. It also means the Store's one write path (`Store.add`) serves both commands.

Failures never stop the batch: an input that cannot be read (or an article that cannot be
analysed) becomes a row of the store's `failures` table; a task whose worker dies is rerun by
Dask (`distributed.scheduler.allowed-failures`) and, when it keeps dying, each input of its
partition becomes a failure row. A second run skips what is stored (ids are content hashes), and
the workers skip it before analysing, so resuming after a crash redoes only what was lost.

>>> from distributed import Client, LocalCluster                     # doctest: +SKIP
>>> with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:  # doctest: +SKIP
...     report = run_batch(["examples/corpus"], Store("news.db"), Settings(), client)
>>> report.stored, report.failed                                    # doctest: +SKIP
(16, 0)
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import InputError, UsageError
from .ingest import read_sources
from .ingest.files import STDIN, walk
from .ingest.web import is_url
from .models import Analysis, Article
from .pipeline import analyze_many
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from distributed import Client, Future

# A few tasks per worker, so one slow partition (a big WARC) does not leave the others idle at the end.
PARTITIONS_PER_WORKER = 4
# Inputs per task at most: a full analyze_many batch (32) for one-article files, and a dead worker loses little.
MAX_PARTITION_INPUTS = 32
# One partition running and one queued per worker, so no worker waits on the driver; the bound keeps the
# driver's memory flat when an early partition is slow and later results wait to be stored in input order.
IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True)
class Failure:
    """One input (or record, `path#k`) that could not be read or analysed, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class PartitionResult:
    """What a worker sends back for a partition: new articles analysed, failures, articles it skipped."""

    analyses: tuple[Analysis, ...]
    failures: tuple[Failure, ...]
    skipped: int


@dataclass(frozen=True)
class BatchReport:
    """What a batch did. `articles_per_second` counts new articles stored over the whole run."""

    stored: int
    skipped: int
    failed: int
    partitions: int
    workers: int
    elapsed_seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.stored / self.elapsed_seconds if self.elapsed_seconds > 0 else 0.0


# --- on the workers -------------------------------------------------------------------------


def analyze_partition(inputs: Sequence[str], settings: Settings, known: frozenset[str]) -> PartitionResult:
    """Read and analyse one partition on a worker, skipping articles already stored (`known` ids).

    The spaCy model is loaded once per worker process (`stages.language.load_pipeline` is cached),
    so only a worker's first task pays for it.
    """
    articles: list[Article] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    skipped = 0
    for item in read_sources(inputs, settings):
        if isinstance(item, InputError):
            failures.append(Failure(item.source, item.reason))
        elif item.id in known or item.id in seen:
            skipped += 1
        else:
            seen.add(item.id)
            articles.append(item)
    try:
        analyses = list(analyze_many(articles, settings))
    except Exception:  # one article broke a stage: analyse one by one to name it, keep the others
        analyses = []
        for article in articles:
            try:
                analyses.extend(analyze_many([article], settings))
            except Exception as error:
                failures.append(Failure(article.source, f"could not be analysed ({type(error).__name__}: {error})"))
    return PartitionResult(tuple(analyses), tuple(failures), skipped)


def link_chunk(analyses: Sequence[Analysis], settings: Settings) -> list[Analysis]:
    """`stories.link.link` on a worker: redating an undated article re-parses it, so it needs the model."""
    from .stories.link import link

    return link(analyses, settings)


# --- on the driver --------------------------------------------------------------------------


def list_inputs(sources: Iterable[str]) -> tuple[list[str], list[Failure]]:
    """Files and URLs to read, in the order `ingest` reads them; directories are listed, no file is read.

    >>> list_inputs(["https://harbour.example/ferries"])
    (['https://harbour.example/ferries'], [])
    """
    inputs: list[str] = []
    failures: list[Failure] = []
    for source in sources:
        if source == STDIN:
            raise UsageError("the batch mode reads files and URLs; workers cannot read this standard input: save it to a file")
        if is_url(source):
            inputs.append(source)
            continue
        for path in walk(source):
            if isinstance(path, InputError):
                failures.append(Failure(path.source, path.reason))
            else:
                inputs.append(path)
    return inputs, failures


def partition(inputs: Sequence[str], workers: int, size: int | None = None) -> list[list[str]]:
    """Consecutive slices of the inputs: a few per worker, at most MAX_PARTITION_INPUTS each.

    >>> partition(["a", "b", "c", "d", "e"], workers=1)
    [['a', 'b'], ['c', 'd'], ['e']]
    """
    if size is None:
        size = min(MAX_PARTITION_INPUTS, math.ceil(len(inputs) / (max(1, workers) * PARTITIONS_PER_WORKER)))
    size = max(1, size)
    return [list(inputs[start : start + size]) for start in range(0, len(inputs), size)]


def run_batch(
    sources: Iterable[str],
    store: Store,
    settings: Settings,
    client: Client,
    *,
    partition_size: int | None = None,
    on_error: Callable[[InputError], None] | None = None,
    progress: Callable[[Iterable[Analysis]], Iterable[Analysis]] | None = None,
) -> BatchReport:
    """Read, analyse and store `sources` on the cluster behind `client`; return what happened.

    Paths are read by the workers as given: on a cluster of several machines give absolute paths on
    a filesystem they share. `on_error` sees each failure as it is recorded (the CLI prints it);
    `progress` wraps the stream of stored articles (the CLI passes a progress bar).
    """
    started = time.perf_counter()
    # The cluster is the parallelism; and Dask's worker processes are daemonic, so spaCy's n_process > 1 cannot start there.
    settings = settings.with_(processes=1)
    inputs, listing_failures = list_inputs(sources)
    workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
    _check_paths(inputs, client)
    run = _Run(store, settings, client, partition(inputs, workers, partition_size), workers, on_error)
    for failure in listing_failures:
        run.fail(failure)
    for _analysis in (progress or _unchanged)(run.stored_analyses()):
        pass
    from .stories.cluster import assign_stories

    assign_stories(store, run.added)
    return BatchReport(
        stored=len(run.added),
        skipped=run.skipped,
        failed=run.failed,
        partitions=len(run.partitions),
        workers=workers,
        elapsed_seconds=time.perf_counter() - started,
    )


def _unchanged(stream: Iterable[Analysis]) -> Iterable[Analysis]:
    return stream


def _check_paths(inputs: Sequence[str], client: Client) -> None:
    """Relative paths only mean the same files to workers that run in our directory."""
    if not any(not is_url(i) and not os.path.isabs(i) for i in inputs):
        return
    here = os.getcwd()
    elsewhere = {cwd for cwd in client.run(os.getcwd).values() if cwd != here}
    if elsewhere:
        raise UsageError(
            f"relative paths, but the workers run in {sorted(elsewhere)[0]}, not {here}: give absolute paths they can read"
        )


@dataclass
class _Run:
    """The driver's state during one batch: futures in flight, results waiting for their turn.

    Partitions and linked chunks both come back in whatever order the workers finish; each waits in
    a buffer until those before it are done, so chunks are cut, and articles stored, in input order.
    """

    store: Store
    settings: Settings
    client: Client
    partitions: list[list[str]]
    workers: int
    on_error: Callable[[InputError], None] | None
    added: list[str] = field(default_factory=list)
    skipped: int = 0
    failed: int = 0
    _submitted: int = 0  # partitions sent to the cluster
    _chunked: int = 0  # partitions cut into chunks
    _partitions_done: dict[int, PartitionResult] = field(default_factory=dict)
    _chunk: list[Analysis] = field(default_factory=list)
    _chunked_ids: set[str] = field(default_factory=set)
    _chunk_sources: dict[int, list[str]] = field(default_factory=dict)  # the sources of each chunk not yet stored
    _linked: int = 0  # chunks sent to be linked
    _stored_chunks: int = 0
    _chunks_done: dict[int, list[Analysis] | BaseException] = field(default_factory=dict)
    _jobs: dict[str, tuple[str, int]] = field(default_factory=dict)  # future key -> ("analyse" | "link", index)
    _known: Any = None  # the scattered ids of stored articles
    _completed: Any = None  # distributed.as_completed over every future in flight

    def stored_analyses(self) -> Iterator[Analysis]:
        """Drive the cluster to the end, yielding each article as it is stored."""
        from distributed import as_completed

        # Workers skip what is stored before analysing it; the ids go to each worker once, not with every task.
        [self._known] = self.client.scatter([frozenset(self.store.article_ids())], broadcast=True)
        self._completed = as_completed()
        for _ in range(IN_FLIGHT_PER_WORKER * self.workers):
            self._submit_partition()
        for future in self._completed:
            kind, index = self._jobs.pop(future.key)
            error = _task_error(future)
            if kind == "analyse":
                self._partitions_done[index] = future.result() if error is None else self._crashed(index, error)
                self._chunk_partitions_in_order()
            else:
                self._chunks_done[index] = future.result() if error is None else error
                yield from self._store_chunks_in_order()
            future.release()

    def fail(self, failure: Failure) -> None:
        self.store.add_failure(failure.source, failure.reason)
        self.failed += 1
        if self.on_error:
            self.on_error(InputError(failure.source, failure.reason))

    def _submit_partition(self) -> None:
        if self._submitted >= len(self.partitions):
            return
        index = self._submitted
        self._submitted += 1
        future = self.client.submit(analyze_partition, self.partitions[index], self.settings, self._known, pure=False)
        self._jobs[future.key] = ("analyse", index)
        self._completed.add(future)

    def _crashed(self, index: int, error: BaseException) -> PartitionResult:
        """One failure per input of a partition whose task failed on the cluster (KilledWorker, MemoryError)."""
        reason = f"its task failed on the cluster ({type(error).__name__}: {error}); run the batch again to retry it"
        return PartitionResult((), tuple(Failure(source, reason) for source in self.partitions[index]), 0)

    def _chunk_partitions_in_order(self) -> None:
        """Cut the finished partitions into chunks in input order: the chunks `ingest` links."""
        while self._chunked in self._partitions_done:
            index = self._chunked
            result = self._partitions_done.pop(index)
            self._chunked += 1
            self.store.forget_failures(self.partitions[index])  # the inputs were just read again
            for failure in result.failures:
                self.fail(failure)
            self.skipped += result.skipped
            for analysis in result.analyses:
                if analysis.id in self._chunked_ids or self.store.has(analysis.id):
                    self.skipped += 1
                    continue
                self._chunked_ids.add(analysis.id)
                self._chunk.append(analysis)
                if len(self._chunk) >= self.settings.batch_size:
                    self._submit_chunk()
            self._submit_partition()
        if self._chunked == len(self.partitions) and self._chunk:
            self._submit_chunk()

    def _submit_chunk(self) -> None:
        chunk, self._chunk = self._chunk, []
        future = self.client.submit(link_chunk, chunk, self.settings, pure=False)
        index = self._linked
        self._linked += 1
        self._jobs[future.key] = ("link", index)
        self._chunk_sources[index] = [a.article.source for a in chunk]
        self._completed.add(future)

    def _store_chunks_in_order(self) -> Iterator[Analysis]:
        """One transaction per article: a crash of the driver loses none that were stored."""
        while self._stored_chunks in self._chunks_done:
            index = self._stored_chunks
            linked = self._chunks_done.pop(index)
            self._stored_chunks += 1
            sources = self._chunk_sources.pop(index)
            if isinstance(linked, BaseException):
                reason = f"could not be linked with its batch ({type(linked).__name__}: {linked}); run the batch again to retry it"
                for source in sources:
                    self.fail(Failure(source, reason))
                continue
            for analysis in linked:
                if self.store.add(analysis):
                    self.added.append(analysis.id)
                    yield analysis
                else:
                    self.skipped += 1


def _task_error(future: Future) -> BaseException | None:
    """The exception a task ended with (its own, or KilledWorker after repeated worker deaths)."""
    if future.status == "finished":
        return None
    if future.cancelled():
        raise CancelledError(f"task {future.key} was cancelled: the cluster was shut down during the batch")
    return future.exception()
