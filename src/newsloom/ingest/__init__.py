"""Sources -> Article records: files, directories, standard input and http(s) URLs, in any format we read.

    read_sources(sources, settings)      the CLI and batch: never raises for a bad input
        files.py     path -> files (directories walked sorted, hidden skipped, loops reported) -> bytes
        web.py       URL -> bytes (user agent, timeouts, redirect and size caps, news types only)
        read_data    bytes -> detect.py (binary? which format? which encoding?) -> one reader:
            text.py   .txt .md and unknown text       one article
            html.py   .html .htm                      one article (trafilatura + metadata)
            feeds.py  .rss .atom .xml                 one per entry: source#k (teasers: the linked page)
            warc.py   .warc .warc.gz                  one per HTML 200 response: source#k
            jsonl.py  .json .jsonl                    one per record: source#k
    read_bytes(data, source, settings)   the web upload form: raises the first InputError

Every article gets `id = content_id(text)`, so reading the same input twice changes nothing
downstream. Every failure is an InputError (FetchError for URLs) naming the input and saying why
in one line; the other inputs are still read. Standard input (`-`) is named `<stdin>`.

>>> from newsloom.settings import Settings
>>> [article.text for article in read_bytes(b"Ferries resume on Friday.\\r\\n", "note.txt", Settings())]
['Ferries resume on Friday.\\n']
>>> [str(item) for item in read_sources(["/no/such/file.txt"], Settings())]
['/no/such/file.txt: no such file or directory']
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Iterator

import httpx

from ..errors import InputError
from ..models import Article
from ..settings import Settings
from .detect import detect_kind
from .feeds import FetchPage, read_feed
from .files import STDIN, STDIN_SOURCE, check_size, read_file, read_stdin, walk
from .html import read_html
from .jsonl import read_json, read_jsonl
from .text import read_text
from .warc import read_warc
from .web import Fetcher, is_url

__all__ = ["read_sources", "read_bytes", "read_data"]


def read_sources(
    sources: Iterable[str], settings: Settings, *, client: httpx.Client | None = None
) -> Iterator[Article | InputError]:
    """One Article per article found, one InputError per input (or record) that failed, in order.

    A source is a file, a directory (read recursively), `-` for standard input, or an http(s) URL.
    `client` is used for every download (tests pass one; by default one is made and closed here).
    """
    with Fetcher(settings, client) as fetcher:
        for source in sources:
            yield from read_source(source, settings, fetcher)


def read_bytes(
    data: bytes,
    source: str,
    settings: Settings,
    media_type: str | None = None,
    *,
    client: httpx.Client | None = None,
) -> list[Article]:
    """The articles in `data` (an upload named `source`); raises the first InputError met.

    Use `read_data` to keep the good records of a container that has some bad ones.
    """
    articles = []
    with contextlib.closing(read_data(data, source, settings, media_type, client=client)) as items:
        for item in items:
            if isinstance(item, InputError):
                raise item
            articles.append(item)
    return articles


def read_data(
    data: bytes,
    source: str,
    settings: Settings,
    media_type: str | None = None,
    *,
    client: httpx.Client | None = None,
) -> Iterator[Article | InputError]:
    """Like `read_sources` for bytes already in memory; `media_type` may carry a charset."""
    with Fetcher(settings, client) as fetcher:
        yield from read_any(data, source, settings, media_type, fetcher)


def read_source(source: str, settings: Settings, fetcher: Fetcher) -> Iterator[Article | InputError]:
    if is_url(source):
        try:
            fetched = fetcher.fetch(source)
        except InputError as error:
            yield error
            return
        yield from read_any(fetched.body, source, settings, fetched.media_type, fetcher, url=fetched.url)
        return
    if source == STDIN:
        try:
            data = read_stdin(settings)
        except InputError as error:
            yield error
            return
        yield from read_any(data, STDIN_SOURCE, settings, None, fetcher)
        return
    for path in walk(source):
        if isinstance(path, InputError):
            yield path
            continue
        try:
            data = read_file(path, settings)
        except InputError as error:
            yield error
            continue
        yield from read_any(data, path, settings, None, fetcher)


def read_any(
    data: bytes,
    source: str,
    settings: Settings,
    media_type: str | None,
    fetcher: Fetcher,
    url: str | None = None,
) -> Iterator[Article | InputError]:
    """Detect the format of `data` and read it; every failure is yielded, never raised."""
    try:
        check_size(source, len(data), settings)
        kind = detect_kind(data, url or source, media_type)
        if kind == "text":
            article = read_text(data, source, settings, media_type)
            yield dataclasses.replace(article, url=url) if url else article
        elif kind == "html":
            yield read_html(data, source, settings, media_type, url=url)
        elif kind == "feed":
            fetch_page = page_fetcher(settings, fetcher)
            yield from read_feed(data, source, settings, url=url, fetch_page=fetch_page, media_type=media_type)
        elif kind == "warc":
            yield from read_warc(data, source, settings)
        elif kind == "json":
            yield from read_json(data, source, settings)
        else:
            yield from read_jsonl(data, source, settings)
    except InputError as error:
        yield error
    except RecursionError:
        yield InputError(source, "nested too deeply to read")
    except Exception as error:  # a library's bug on hostile input must not stop the batch
        yield InputError(source, f"could not be read ({type(error).__name__}: {error})")


def page_fetcher(settings: Settings, fetcher: Fetcher) -> FetchPage:
    """fetch_page(url, source) for feed entries that only carry a teaser."""

    def fetch_page(url: str, source: str) -> Article:
        fetched = fetcher.fetch(url)
        kind = detect_kind(fetched.body, fetched.url, fetched.media_type)
        if kind == "html":
            return read_html(fetched.body, source, settings, fetched.media_type, url=fetched.url)
        if kind == "text":
            return dataclasses.replace(read_text(fetched.body, source, settings, fetched.media_type), url=fetched.url)
        raise InputError(url, f"the linked page is a {kind} file, not an article")

    return fetch_page
