"""The ingest form's work: read uploads and URLs, analyse, store, assign stories, in a thread.

A job runs beside the server (the language model takes seconds per article) and reports its
progress in a record the progress page polls. Jobs run one at a time: one model in memory, one
writer on the store.

Uploads are read with `fetch_linked_pages` off: an uploaded feed must not make the server fetch the
URLs it names. URLs typed in the form are fetched by the ingest module's client (timeouts, size cap,
news media types only).

>>> safe_name("../../etc/passwd"), safe_name("C:\\\\news\\\\a.html"), safe_name("")
('passwd', 'a.html', 'upload')
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Article
from ..settings import Settings

KEPT_JOBS = 50  # finished jobs remembered for their progress pages; older ones are forgotten
MAX_NAME_CHARS = 120  # an upload's name is only a label (the article's source); long names are cut


def safe_name(filename: str) -> str:
    """An upload's file name reduced to a label: no folders, no control characters."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip(". ")
    return base[:MAX_NAME_CHARS] or "upload"


@dataclass
class Upload:
    name: str
    data: bytes
    media_type: str | None = None


@dataclass
class Job:
    """What the progress page shows: the phase, counts, failures and the stories touched."""

    id: str
    phase: str = "queued"  # queued | reading | analysing | stories | done | failed
    inputs: int = 0
    articles: int = 0
    analysed: int = 0
    stored: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    started_at: float = field(default_factory=time.time)
    finished_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Jobs:
    """Ingest jobs of one server: started by the form, run in order in one worker thread each."""

    def __init__(self, db_path: str, settings: Settings) -> None:
        self.db_path = db_path
        self.settings = settings
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()  # one job at a time (one model, one writer)
        self.threads: list[threading.Thread] = []

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def start(self, uploads: Sequence[Upload], urls: Sequence[str]) -> Job:
        job = Job(secrets.token_hex(8), inputs=len(uploads) + len(urls))
        self.jobs[job.id] = job
        while len(self.jobs) > KEPT_JOBS:
            self.jobs.popitem(last=False)
        thread = threading.Thread(target=self._run, args=(job, list(uploads), list(urls)), name=f"ingest-{job.id}", daemon=True)
        self.threads = [t for t in self.threads if t.is_alive()] + [thread]
        thread.start()
        return job

    def _run(self, job: Job, uploads: list[Upload], urls: list[str]) -> None:
        with self.lock:
            try:
                run_job(job, self.db_path, self.settings, uploads, urls)
            except Exception as exc:  # the boundary: a failed job says why on its page
                job.errors.append(f"ingest failed: {type(exc).__name__}: {exc}")
                job.phase = "failed"
            finally:
                job.finished_at = time.time()


def _read(job: Job, settings: Settings, uploads: list[Upload], urls: list[str]) -> Iterator[Article]:
    from ..ingest import read_data, read_sources

    upload_settings = settings.with_(fetch_linked_pages=False)
    items: list[Iterator[Article | InputError]] = [read_data(u.data, u.name, upload_settings, u.media_type) for u in uploads]
    if urls:
        items.append(read_sources(urls, settings))
    for stream in items:
        for item in stream:
            if isinstance(item, InputError):
                job.errors.append(str(item))
            else:
                yield item


def run_job(job: Job, db_path: str | Path, settings: Settings, uploads: list[Upload], urls: list[str]) -> None:
    """Read, analyse (chunk by chunk, linked), store and assign stories, updating `job` as it goes."""
    from ..pipeline import analyze_many
    from ..store import Store
    from ..stories.cluster import assign_stories
    from ..stories.link import link

    store = Store(db_path)
    try:
        job.phase = "reading"
        fresh: list[Article] = []
        seen: set[str] = set()
        for article in _read(job, settings, uploads, urls):
            if article.id in seen or store.has(article.id):
                job.skipped += 1
                continue
            seen.add(article.id)
            fresh.append(article)
        job.articles = len(fresh)
        job.phase = "analysing"
        added: list[str] = []
        chunk = []

        def flush() -> None:
            for analysis in link(chunk, settings):
                if store.add(analysis):
                    added.append(analysis.id)
            job.stored = len(added)
            chunk.clear()

        for analysis in analyze_many(iter(fresh), settings):
            chunk.append(analysis)
            job.analysed += 1
            if len(chunk) >= settings.batch_size:
                flush()
        flush()
        job.phase = "stories"
        if added:
            assignments = assign_stories(store, added)
            touched = {a.story_id for a in assignments if a.article_id in set(added)}
            job.stories = sorted(touched)
            store.drop_stale_briefs()
        job.phase = "done"
    finally:
        store.close()
