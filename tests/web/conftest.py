"""A store filled from examples/corpus (plus one hostile article), and a real server over it.

The corpus is analysed once per test session with the library (`newsloom.analyze`, `Store.add`,
`assign_stories`); the browser tests talk to `newsloom serve` running in a subprocess on a free
loopback port.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsloom import Article, Settings, analyze
from newsloom.store import Store
from newsloom.stories.cluster import assign_stories

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
SERVER_START_SECONDS = 60  # importing FastAPI and opening the store takes 1-3 s; a busy 2-core machine, more

# Our own hostile article: every payload sets window.__pwned and opens a dialog if it ever runs.
HOSTILE_OUTLET = 'Quay Gazette <script>window.__pwned = "outlet"; alert("outlet")</script>'
HOSTILE_TEXT = """Harbour board <script>window.__pwned = "title"; alert("title")</script> backs ferry plan <img src=x onerror="window.__pwned='title-img'; alert('title-img')">

PORTO — On 12 March 2024 the Porto harbour board <img src=x onerror="window.__pwned='onerror'; alert('onerror')"> approved 40 new ferries for the river, board chair Rita Vasconcelos said.

"We need boats, not promises <script>window.__pwned='quote'; alert('quote')</script>," Vasconcelos told reporters in Porto.

Details of the plan are at <a href="javascript:window.__pwned='href'; alert('href')">javascript:alert('link')</a> and <svg onload="window.__pwned='svg'; alert('svg')"></svg>.
"""


def hostile_article() -> Article:
    return Article.from_text(HOSTILE_TEXT, source="hostile <script>alert('source')</script>.txt", outlet=HOSTILE_OUTLET, published="2024-03-12")


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary store holding examples/corpus and the hostile article, with stories assigned."""
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    settings = Settings(fetch_linked_pages=False)  # no network in tests: feed teasers stay teasers
    analyses = analyze([str(CORPUS), hostile_article()], settings, on_error=lambda error: None)
    with Store(path) as store:
        added = [a.id for a in analyses if store.add(a)]
        assign_stories(store, added)
    return path


@pytest.fixture(scope="session")
def hostile_id() -> str:
    return hostile_article().id


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`newsloom serve` on a free loopback port over the corpus store; yields its base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "stderr.txt"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "newsloom.cli", "serve", "--db", str(corpus_db), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"newsloom serve exited with {process.returncode}: {log.read_text()}")
            try:
                if httpx.get(f"{base}/api/stories", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"newsloom serve did not answer within {SERVER_START_SECONDS} s: {log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
