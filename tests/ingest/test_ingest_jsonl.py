"""JSON and JSON Lines records: field name variants, bad lines that do not stop the rest, verbatim raw bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.errors import InputError
from newsloom.ingest import read_sources
from newsloom.models import Article
from newsloom.settings import Settings
from tests.ingest.ingest_pages import BRIDGE

BODY = "Ferries to Lintel Island run again from Friday.\n\nTickets for cancelled sailings will be refunded."


def read(path: Path, data: bytes) -> list[Article | InputError]:
    path.write_bytes(data)
    return list(read_sources([str(path)], Settings()))


def test_json_lines_with_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://bayside.example/ferries", "title": "Ferries resume", "text": BODY,
                    "published": "2024-05-09T07:00:00+02:00", "outlet": "Bayside Gazette", "author": "Noor Haddad"}),
        '{"title": "Broken", "text": "never closed',
        "",
        json.dumps({"link": "https://meridian.example/bridge", "html": BRIDGE}),
        json.dumps({"title": "No body at all"}),
        json.dumps(["not", "an", "object"]),
    ]  # fmt: skip
    path = tmp_path / "news.jsonl"
    items = read(path, "\n".join(lines).encode() + b"\n")
    outcome = [(item.source, getattr(item, "reason", "article")) for item in items]
    assert outcome == [
        (f"{path}#1", "article"),
        (f"{path}#2", "invalid JSON on line 2: Unterminated string starting at"),
        (f"{path}#4", "article"),
        (f"{path}#5", "record has no text (none of the fields text, body, content, html, ...)"),
        (f"{path}#6", "record is a JSON list, not an object"),
    ]
    first, page = items[0], items[2]
    assert first.text == f"Ferries resume\n\n{BODY}"
    assert (first.url, first.outlet, first.author, first.published, first.media_type) == (
        "https://bayside.example/ferries", "Bayside Gazette", "Noor Haddad", "2024-05-09T07:00:00+02:00",
        "application/x-ndjson",
    )  # fmt: skip
    assert first.raw == lines[0].encode()
    # an `html` field is extracted like a page, and the page's own metadata fills the gaps
    assert (page.url, page.title, page.outlet) == (
        "https://meridian.example/bridge", "Harbour bridge reopens after storm repairs", "The Meridian Courier",
    )  # fmt: skip
    assert page.text.startswith("Harbour bridge reopens after storm repairs\n\nThe Calder Street bridge")


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"headline": "Ferries resume", "body": BODY, "date": "Thu, 09 May 2024 07:00:00 +0200",
          "source": {"id": "bayside", "name": "Bayside Gazette"}, "authors": ["Noor Haddad", "Rui Almqvist"]},
         ("Ferries resume", "Bayside Gazette", "Noor Haddad, Rui Almqvist", "2024-05-09T07:00:00+02:00")),
        ({"title": "Ferries resume", "content": f"Ferries resume\n\n{BODY}", "publishedAt": "2024-05-09",
          "site_name": "Bayside Gazette", "byline": "By Noor Haddad"},
         ("Ferries resume", "Bayside Gazette", "By Noor Haddad", "2024-05-09")),
        ({"text": BODY, "published_at": 1715230800, "publisher": {"name": "Bayside Gazette"}},
         (None, "Bayside Gazette", None, "2024-05-09T05:00:00+00:00")),
        ({"text": BODY, "published": "last Thursday"}, (None, None, None, None)),
    ],
    ids=["news-api-style", "title-already-in-body", "epoch-date", "unreadable-date"],
)  # fmt: skip
def test_field_name_variants(tmp_path: Path, record: dict, expected: tuple) -> None:
    [article] = read(tmp_path / "one.json", json.dumps(record).encode())
    assert (article.title, article.outlet, article.author, article.published) == expected
    assert article.text == (f"Ferries resume\n\n{BODY}" if expected[0] else BODY)
    assert article.source == str(tmp_path / "one.json")  # one object, one article: no #k


def test_json_list_keeps_each_record_verbatim(tmp_path: Path) -> None:
    data = b'[\n  {"title": "One", "text": "First story."},\n  {"title": "Two",  "text": "Second story."},\n  42\n]\n'
    path = tmp_path / "stories.json"
    one, two, bad = read(path, data)
    assert (one.source, one.text, one.raw) == (f"{path}#1", "One\n\nFirst story.", b'{"title": "One", "text": "First story."}')
    assert (two.source, two.raw) == (f"{path}#2", b'{"title": "Two",  "text": "Second story."}')
    assert (bad.source, bad.reason) == (f"{path}#3", "record is a JSON number, not an object")


def test_news_api_wrapper(tmp_path: Path) -> None:
    data = json.dumps({"status": "ok", "articles": [{"title": "One", "description": "First story."}]}).encode()
    [article] = read(tmp_path / "api.json", data)
    assert (article.source, article.text) == (f"{tmp_path}/api.json#1", "One\n\nFirst story.")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"title": "x", "text": ', "invalid JSON at line 1 column 24: Expecting value"),
        (b"[]", "JSON list is empty: no records"),
        (b'"just a string"', "JSON holds a string, not an object or a list of records"),
        # the C decoder turns its recursion limit into this (misplaced) "Expecting value": still one clean error
        (b"[" * 100_000 + b"]" * 100_000, "invalid JSON at line 1 column 1: Expecting value"),
    ],
    ids=["cut", "empty-list", "string", "deep-nesting"],
)
def test_unreadable_json(tmp_path: Path, data: bytes, reason: str) -> None:
    [error] = read(tmp_path / "bad.json", data)
    assert isinstance(error, InputError)
    assert error.reason == reason


def test_blank_json_lines_file(tmp_path: Path) -> None:
    [error] = read(tmp_path / "blank.jsonl", b"\n  \n\n")
    assert error.reason == "no JSON records (only blank lines)"
