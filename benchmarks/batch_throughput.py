"""Batch mode throughput: `newsloom batch` on 1 and 2 Dask worker processes against `newsloom ingest`.

    python benchmarks/batch_throughput.py                   # 400 articles in 4 rounds
    python benchmarks/batch_throughput.py --articles 120    # a shorter run
    python benchmarks/batch_throughput.py --quick           # smoke run: 14 articles

The corpus is written to a temporary directory: variants of the example .html and .txt pages (other
people, outlets, numbers and paragraph order: see variants.py), so every article has its own content
id. Three systems store the same articles, each into its own SQLite store:

(a) ingest     `newsloom ingest FILES --db ingest.db`, in one long-lived child process (the model is
               loaded once, as in one long ingest): the baseline.
(b) batch x1   `newsloom.batch.run_batch` on a LocalCluster of 1 worker process (1 thread).
(c) batch x2   the same on a LocalCluster of 2 worker processes.

The corpus is cut into rounds, and each round runs the three systems one after the other (in a
rotating order), so a noisy neighbour on the shared machine slows all of them and the ratios hold.
Each system keeps its store across rounds (later rounds skip against a growing store, as a real
batch does). Throughput counts steady state: the clusters are started and every process has its
model loaded before the clock starts; that start-up is reported apart. Ratios are batch articles/s
over ingest articles/s. The driver's peak memory is this process's RSS while the batches run (the
Dask scheduler of a LocalCluster runs in it too; the workers are other processes and not counted).
CPU seconds per article are reported beside the rates: on a machine shared with other jobs, wall time
says how much of the cores we got, CPU time what the work cost (the workers' own, and the driver's).
At the end the stores are compared: the batch should store exactly the documents `ingest` stores.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from common import Clock, PeakMemory, table
from variants import write_corpus

from newsloom.batch import run_batch
from newsloom.settings import Settings
from newsloom.store import Store

ROUNDS = 4  # enough rounds to interleave the systems through a noisy minute, few enough that each round fills every worker


def cpu_seconds() -> float:
    """CPU time (user + system) this process has used: what the work cost, whatever the neighbours did."""
    times = os.times()
    return times.user + times.system


def serve_ingest(connection: Connection, db: str) -> None:
    """The baseline's process: `newsloom ingest` on each list of files it is sent, timed here."""
    from click.testing import CliRunner

    from newsloom.cli import main

    runner = CliRunner()
    while (request := connection.recv()) is not None:
        kind, paths = request
        if kind == "warm":  # the model and every table the stages load lazily, into a scratch store
            runner.invoke(main, ["ingest", *paths, "--db", f"{db}.warm", "--quiet"])
            connection.send(0.0)
            continue
        started, cpu = time.perf_counter(), cpu_seconds()
        result = runner.invoke(main, ["ingest", *paths, "--db", db, "--quiet"])
        elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        if result.exit_code != 0:
            connection.send(f"ingest failed ({result.exit_code}): {result.stderr[-400:]}")
        else:
            connection.send((elapsed, cpu))


def warm_worker(paths: list[str]) -> None:
    """Analyse and link a few articles: the model and every table the stages load lazily."""
    from newsloom.batch import analyze_partition, link_chunk

    link_chunk(analyze_partition(paths, Settings(), frozenset()).analyses, Settings())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="articles in the generated corpus [400]")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"rounds the systems take turns in [{ROUNDS}]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="14 articles, 2 rounds: checks the script runs")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.rounds = 14, 2
    from distributed import Client, LocalCluster

    settings = Settings()
    clock = Clock()
    counts = {"ingest": 0, "batch x1": 0, "batch x2": 0}
    worker_cpu = dict.fromkeys(counts, 0.0)  # CPU seconds of the processes that analyse (ingest's own process)
    driver_cpu = dict.fromkeys(counts, 0.0)  # CPU seconds of this process (driver and scheduler) during the batches
    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="newsloom-batch-bench-") as tmp:
        paths = [str(p) for p in write_corpus(Path(tmp) / "corpus", args.articles, args.seed)]
        rounds = [paths[r * len(paths) // args.rounds : (r + 1) * len(paths) // args.rounds] for r in range(args.rounds)]
        stores = {name: Store(Path(tmp) / f"{name.replace(' ', '-')}.db") for name in ("batch x1", "batch x2")}
        ingest_db = str(Path(tmp) / "ingest.db")

        started = time.perf_counter()
        parent, child = multiprocessing.get_context("spawn").Pipe()
        baseline = multiprocessing.get_context("spawn").Process(target=serve_ingest, args=(child, ingest_db))
        baseline.start()
        warm = [str(p) for p in write_corpus(Path(tmp) / "warm", 7, args.seed + 1)]  # one of each example page
        parent.send(("warm", warm))
        clusters, clients = {}, {}
        for name, workers in (("batch x1", 1), ("batch x2", 2)):
            clusters[name] = LocalCluster(
                n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.ERROR
            )
            clients[name] = Client(clusters[name])
            clients[name].wait_for_workers(workers)
            clients[name].run(warm_worker, warm)
        parent.recv()
        start_up = time.perf_counter() - started

        driver_start_mib = PeakMemory().resident_mib()
        driver_peak_mib = driver_start_mib
        failed = 0
        try:
            for index, round_paths in enumerate(rounds):
                order = ["ingest", "batch x1", "batch x2"]
                order = order[index % 3 :] + order[: index % 3]
                for name in order:
                    if name == "ingest":
                        parent.send(("ingest", round_paths))
                        reply = parent.recv()
                        if isinstance(reply, str):
                            raise SystemExit(reply)
                        clock.add(name, reply[0])
                        worker_cpu[name] += reply[1]
                        counts[name] += len(round_paths)
                        continue
                    before, driver_before = clients[name].run(cpu_seconds), cpu_seconds()
                    with PeakMemory() as driver, clock(name):
                        report = run_batch(round_paths, stores[name], settings, clients[name])
                    driver_cpu[name] += cpu_seconds() - driver_before
                    worker_cpu[name] += sum(used - before[worker] for worker, used in clients[name].run(cpu_seconds).items())
                    driver_peak_mib = max(driver_peak_mib, driver.peak_mib)
                    counts[name] += report.stored
                    failed += report.failed
                print(f"round {index + 1}/{len(rounds)}: {len(round_paths)} articles, seconds so far {clock.seconds}", file=sys.stderr)
        finally:
            parent.send(None)
            baseline.join()
            for name in clients:
                clients[name].close()
                clusters[name].close()

        ingest_store = Store(ingest_db)
        reference = {i: ingest_store.document(i) for i in ingest_store.article_ids()}
        identical = {
            name: sum(store.document(i) == reference.get(i) for i in store.article_ids()) for name, store in stores.items()
        }

    rate = {name: counts[name] / clock.seconds[name] for name in counts}
    rows = [
        [
            name, counts[name], clock.seconds[name], rate[name], rate[name] / rate["ingest"],
            worker_cpu[name] / counts[name], driver_cpu[name] / counts[name] if name != "ingest" else "-",
            identical.get(name, "-"),
        ]
        for name in counts
    ]  # fmt: skip
    headers = ["system", "articles", "seconds", "articles/s", "x ingest", "worker CPU s/article", "driver CPU s/article", "same as ingest"]
    print(table(headers, rows))
    print(
        f"\nbatch x2 / batch x1: {rate['batch x2'] / rate['batch x1']:.2f}x"
        f"\ndriver peak RSS while batching: {driver_peak_mib:.0f} MiB (resident before the first batch: {driver_start_mib:.0f} MiB)"
        f"\nstart-up (2 clusters, 3 workers, 1 ingest process, models loaded): {start_up:.1f} s, not in the rates"
        f"\nfailures recorded by the batches: {failed}"
        f"\nmachine: {os.cpu_count()} cores, load average {load_at_start:.1f} at the start and {os.getloadavg()[0]:.1f} at the end (shared with other jobs)"
    )


if __name__ == "__main__":
    main()
