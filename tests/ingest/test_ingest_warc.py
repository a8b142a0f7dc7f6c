"""WARC archives built with warcio in the test: pages read, other records skipped, truncation and bombs caught."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsloom.errors import InputError
from newsloom.ingest import read_sources
from newsloom.models import Article
from newsloom.settings import Settings
from tests.ingest.ingest_pages import BRIDGE, LINKED_PAGE, PAGES

PAGE_URLS = {
    "https://meridian.example/bridge": BRIDGE,
    "https://bayside.example/pier": LINKED_PAGE,
    "https://northgate.example/trams": PAGES["sections"][0],
}


def archive(records: list[tuple[str, str, str, bytes]], gzip: bool = True) -> bytes:
    """A WARC of (type, url, HTTP status line, body) records; warcinfo first, as crawlers write it."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "newsloom tests"}))
    for kind, url, status, body in records:
        if kind == "request":
            record = writer.create_warc_record(url, "request", payload=io.BytesIO(body))
        else:
            media_type = "image/png" if body.startswith(b"\x89PNG") else "text/html; charset=utf-8"
            headers = StatusAndHeaders(status, [("Content-Type", media_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def pages(count: int) -> list[tuple[str, str, str, bytes]]:
    return [("response", url, "200 OK", html.encode()) for url, html in list(PAGE_URLS.items())[:count]]


def read(path: Path, data: bytes, settings: Settings | None = None) -> list[Article | InputError]:
    path.write_bytes(data)
    return list(read_sources([str(path)], settings or Settings()))


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_two_pages_among_other_records(tmp_path: Path, compressed: bool) -> None:
    records = [
        ("request", "https://meridian.example/bridge", "", b"GET /bridge HTTP/1.1\r\nHost: meridian.example\r\n\r\n"),
        ("response", "https://meridian.example/bridge", "200 OK", BRIDGE.encode()),
        ("response", "https://meridian.example/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n" + bytes(40)),
        ("response", "https://meridian.example/gone", "404 Not Found", b"<html><body><p>Not found</p></body></html>"),
        ("response", "https://bayside.example/pier", "200 OK", LINKED_PAGE.encode()),
    ]
    name = "crawl.warc.gz" if compressed else "crawl.warc"
    first, second = read(tmp_path / name, archive(records, gzip=compressed))
    assert isinstance(first, Article) and isinstance(second, Article)
    # k counts response records: the image (#2) and the 404 (#3) are responses that are not articles
    assert (first.source, first.url) == (f"{tmp_path}/{name}#1", "https://meridian.example/bridge")
    assert (second.source, second.url) == (f"{tmp_path}/{name}#4", "https://bayside.example/pier")
    assert (first.title, first.outlet, first.media_type) == (
        "Harbour bridge reopens after storm repairs", "The Meridian Courier", "text/html",
    )  # fmt: skip
    assert second.text.startswith("Pier inspection passed\n\nThe rebuilt pier")
    assert (first.raw, second.raw) == (BRIDGE.encode(), LINKED_PAGE.encode())  # the record's payload


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_truncated_warc_keeps_the_complete_records(tmp_path: Path, compressed: bool) -> None:
    data = archive(pages(3), gzip=compressed)
    whole = read(tmp_path / "whole.warc", data)
    assert [type(item) for item in whole] == [Article, Article, Article]
    cut = data[: len(data) - 700]  # inside the third page's record
    *articles, error = read(tmp_path / "cut.warc", cut)
    assert [article.url for article in articles] == list(PAGE_URLS)[:2]
    assert isinstance(error, InputError)
    assert (error.source, error.reason) == (f"{tmp_path}/cut.warc", "truncated WARC after 3 records")


def test_warc_cut_inside_its_headers(tmp_path: Path) -> None:
    data = archive(pages(2), gzip=False)
    third_record = data.rindex(b"WARC/1.")
    *articles, error = read(tmp_path / "cut.warc", data[: third_record + 40])
    assert [article.url for article in articles] == list(PAGE_URLS)[:1]
    assert error.reason == "truncated WARC after 2 records"


def test_gzip_bomb_in_a_warc_is_stopped_at_the_cap(tmp_path: Path) -> None:
    header = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 1000000000\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"
    )
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    chunks = [compressor.compress(header)]
    zeros = bytes(1 << 20)
    chunks += [compressor.compress(zeros) for _ in range(64)]  # 64 MB of zeros: ~64 KB compressed
    bomb = b"".join(chunks) + compressor.flush()
    [error] = read(tmp_path / "bomb.warc.gz", bomb, Settings(max_input_bytes=1_000_000))
    assert isinstance(error, InputError)
    assert error.reason == (
        "decompresses to more than 10.0 MB (10x settings.max_input_bytes): refused as a likely gzip bomb"
    )


def test_plain_gzip_bomb_is_refused_without_decompressing(tmp_path: Path) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join(compressor.compress(bytes(1 << 20)) for _ in range(64)) + compressor.flush()
    [error] = read(tmp_path / "bomb.gz", bomb)
    assert error.reason == "binary file (gzip archive that is not a WARC), not text"


def test_warc_without_pages(tmp_path: Path) -> None:
    data = archive([("response", "https://meridian.example/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n" + bytes(40))])
    [error] = read(tmp_path / "images.warc.gz", data)
    assert error.reason == "no HTML response with status 200 among its 2 records"


def test_page_record_without_text_is_an_error_for_that_record(tmp_path: Path) -> None:
    records = [("response", "https://meridian.example/empty", "200 OK", b"<html><body><script>x()</script></body></html>")]
    records += pages(1)
    error, article = read(tmp_path / "crawl.warc.gz", archive(records))
    assert (error.source, error.reason) == (f"{tmp_path}/crawl.warc.gz#1", "no article text found")
    assert article.source == f"{tmp_path}/crawl.warc.gz#2"
