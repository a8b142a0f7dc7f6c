"""The batch mode on a real Dask LocalCluster of two worker processes: it stores what `ingest` stores.

No mocks: the workers are real processes that load spaCy, the store is a real SQLite file, and a
crashed task is a worker process killed with SIGKILL while it runs. The cluster lives for the whole
session (starting it and loading the model in each worker costs seconds).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloom.batch import BatchReport, list_inputs, partition, run_batch
from newsloom.cli import main
from newsloom.errors import UsageError
from newsloom.settings import Settings
from newsloom.store import Store

distributed = pytest.importorskip("distributed", reason="the batch extra (dask[distributed]) is not installed")

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.fixture(scope="session")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as local:
        yield local


@pytest.fixture(scope="session")
def client(cluster: distributed.LocalCluster) -> Iterator[distributed.Client]:
    with distributed.Client(cluster) as connected:
        connected.wait_for_workers(2)
        yield connected


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Inputs that cannot be read, by name: their paths, given after the corpus."""
    folder = tmp_path_factory.mktemp("bad")
    warc = (CORPUS / "evening-compass.warc.gz").read_bytes()
    files = {
        "empty.txt": b"",
        "photo.png": PNG,
        # cut inside the gzip member of its second record: the first record (also in the corpus) still reads
        "truncated.warc.gz": warc[:-30],
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: str(folder / name) for name in files}


@pytest.fixture(scope="module")
def sources(bad_inputs: dict[str, str]) -> list[str]:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    return [str(CORPUS), *bad_inputs.values()]


@pytest.fixture(scope="module")
def ingested(sources: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[str]]:
    """What `newsloom ingest` stores for the same sources, and the failures it names on stderr."""
    path = tmp_path_factory.mktemp("ingest") / "ingest.db"
    result = CliRunner().invoke(main, ["ingest", *sources, "--db", str(path), "--quiet"])
    assert result.exit_code == 1, result.stderr
    failed = [line.removeprefix("newsloom: error: ") for line in result.stderr.splitlines() if line.startswith("newsloom: error: ")]
    return Store(path), failed


@pytest.fixture(scope="module")
def batched(sources: list[str], client: distributed.Client, tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, BatchReport]:
    store = Store(tmp_path_factory.mktemp("batch") / "batch.db")
    # two inputs per partition: seven tasks over two workers, so results come back out of order
    return store, run_batch(sources, store, Settings(), client, partition_size=2)


def stored(store: Store) -> dict[str, tuple[dict, bytes | None]]:
    return {article_id: (store.document(article_id), store.raw(article_id)) for article_id in store.article_ids()}


def without_time(store: Store) -> list[tuple]:
    return sorted(dataclasses.astuple(row)[:-1] for row in store.articles())


# --- the driver's plan: listing and partitioning, no worker involved ----------------------


@pytest.mark.parametrize(
    ("count", "workers", "size", "expected"),
    [
        (5, 1, None, [2, 2, 1]),  # four partitions per worker asked, two inputs each
        (14, 2, None, [2, 2, 2, 2, 2, 2, 2]),
        (1000, 2, None, [32] * 31 + [8]),  # never more than 32 inputs a task
        (3, 8, None, [1, 1, 1]),  # more workers than inputs: one input a task
        (5, 2, 5, [5]),  # an explicit size wins
        (0, 2, None, []),
    ],
)
def test_partition_sizes(count: int, workers: int, size: int | None, expected: list[int]) -> None:
    inputs = [f"article-{n}.txt" for n in range(count)]
    partitions = partition(inputs, workers, size)
    assert [len(p) for p in partitions] == expected
    assert [i for p in partitions for i in p] == inputs  # consecutive slices, input order kept


def test_list_inputs_walks_directories_without_reading_them(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "second.txt").write_bytes(PNG)  # not read: a PNG here is the workers' business
    (tmp_path / "a.txt").write_text("Ferries resume on Friday.")
    (tmp_path / ".hidden.txt").write_text("skipped like ingest skips it")
    (tmp_path / "loop").symlink_to(tmp_path)
    inputs, failures = list_inputs([str(tmp_path), "https://harbour.example/ferries", "/no/such/file.txt"])
    assert inputs == [f"{tmp_path}/a.txt", f"{tmp_path}/b/second.txt", "https://harbour.example/ferries", "/no/such/file.txt"]
    assert [(f.source, f.reason.split(":")[0]) for f in failures] == [(f"{tmp_path}/loop", "symbolic link loop")]


def test_standard_input_is_refused() -> None:
    with pytest.raises(UsageError, match="standard input"):
        list_inputs(["examples/corpus", "-"])


# --- the batch on the cluster ---------------------------------------------------------------


def test_batch_stores_what_ingest_stores(batched: tuple[Store, BatchReport], ingested: tuple[Store, list[str]]) -> None:
    batch_store, report = batched
    ingest_store, _ = ingested
    assert batch_store.count() == ingest_store.count() == 16
    assert stored(batch_store) == stored(ingest_store)  # same ids, same documents, same raw bytes
    assert without_time(batch_store) == without_time(ingest_store)
    assert (report.stored, report.skipped, report.partitions, report.workers) == (16, 1, 7, 2)  # skipped: truncated.warc.gz#1


def test_failures_are_rows(batched: tuple[Store, BatchReport], ingested: tuple[Store, list[str]], bad_inputs: dict[str, str]) -> None:
    batch_store, report = batched
    _, ingest_failed = ingested
    rows = {row.source: row.reason for row in batch_store.failures()}
    assert rows[bad_inputs["empty.txt"]] == "empty file"
    assert rows[bad_inputs["photo.png"]] == "binary file (PNG image), not text"
    assert rows[bad_inputs["truncated.warc.gz"]] == "truncated WARC after 1 records"
    # the same failures `ingest` names (here also the feed entry whose linked page is on a host that does not exist)
    assert sorted(f"{source}: {reason}" for source, reason in rows.items()) == sorted(ingest_failed)
    assert report.failed == len(rows) >= 3


def test_stories_assigned_as_ingest_assigns_them(batched: tuple[Store, BatchReport], ingested: tuple[Store, list[str]]) -> None:
    batch_store, _ = batched
    ingest_store, _ = ingested
    members = sorted(batch_store.story_members())
    assert [article for article, *_ in members] == sorted(batch_store.article_ids())
    assert members == sorted(ingest_store.story_members())  # same stories, same ids, same wire copies


def test_second_run_stores_nothing_new(batched: tuple[Store, BatchReport], sources: list[str], client: distributed.Client) -> None:
    batch_store, first = batched
    before = stored(batch_store), batch_store.failures()
    again = run_batch(sources, batch_store, Settings(), client, partition_size=2)
    assert (again.stored, again.skipped, again.failed) == (0, 17, first.failed)
    assert stored(batch_store) == before[0]
    assert [row.source for row in batch_store.failures()] == [row.source for row in before[1]]  # replaced, not added


def test_articles_are_stored_in_input_order(client: distributed.Client, tmp_path: Path) -> None:
    """Six one-input partitions and two chunks of four and two, finishing in any order, stored in input order."""
    inputs = sorted(str(p) for p in CORPUS.iterdir() if p.name.startswith(("douro", "minho")))
    store = Store(tmp_path / "ordered.db")
    report = run_batch(inputs, store, Settings(batch_size=4), client, partition_size=1)
    assert (report.stored, report.partitions) == (6, 6)
    by_time = sorted(store.articles(), key=lambda row: row.ingested_at)
    assert [row.source for row in by_time] == inputs


def test_nothing_to_read(client: distributed.Client, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    report = run_batch([str(tmp_path / "empty")], Store(tmp_path / "empty.db"), Settings(), client)
    assert (report.stored, report.skipped, report.failed, report.partitions) == (0, 0, 0, 0)


# --- a worker killed while it runs a task ---------------------------------------------------


def kill_worker_during_task(client: distributed.Client, done: threading.Event) -> None:
    """SIGKILL the worker process that runs the first partition, while it runs it."""
    while not done.is_set():
        busy = {worker: keys for worker, keys in client.processing().items() if any("analyze_partition" in str(k) for k in keys)}
        if busy:
            worker = next(iter(busy))
            os.kill(client.run(os.getpid, workers=[worker])[worker], signal.SIGKILL)
            return
        time.sleep(0.02)


def batch_with_a_kill(client: distributed.Client, store: Store, inputs: list[str]) -> BatchReport:
    done = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        killer = pool.submit(kill_worker_during_task, client, done)
        try:
            return run_batch(inputs, store, Settings(), client, partition_size=len(inputs))
        finally:
            done.set()
            killer.result()
            client.wait_for_workers(2)  # the nanny restarts the killed worker for the next test


@pytest.fixture
def two_texts() -> list[str]:
    return [str(CORPUS / "douro-capsize-harbourledger.txt"), str(CORPUS / "minho-capsize-harbourledger.txt")]


def test_killed_task_is_retried_by_dask(client: distributed.Client, tmp_path: Path, two_texts: list[str]) -> None:
    store = Store(tmp_path / "retried.db")
    report = batch_with_a_kill(client, store, two_texts)
    assert (report.stored, report.failed) == (2, 0)
    assert store.failures() == []


def test_task_that_keeps_crashing_fails_its_partition(
    client: distributed.Client, cluster: distributed.LocalCluster, tmp_path: Path, two_texts: list[str]
) -> None:
    store = Store(tmp_path / "crashed.db")
    allowed = cluster.scheduler.allowed_failures
    cluster.scheduler.allowed_failures = 0  # the first death is final, as after repeated deaths
    try:
        report = batch_with_a_kill(client, store, two_texts)
    finally:
        cluster.scheduler.allowed_failures = allowed
    assert (report.stored, report.failed) == (0, 2)
    assert [row.source for row in store.failures()] == two_texts
    assert all("KilledWorker" in row.reason and "run the batch again" in row.reason for row in store.failures())
