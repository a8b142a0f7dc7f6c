"""URLs fetched for real from a loopback server: pages, redirects, and every way a fetch can fail."""

from __future__ import annotations

import httpx
import pytest

from newsloom.errors import FetchError
from newsloom.ingest import read_sources
from newsloom.models import Article
from newsloom.settings import Settings

SETTINGS = Settings(fetch_timeout=10.0, max_input_bytes=100_000)  # generous: a busy test machine is slow


def fetch_one(url: str, settings: Settings = SETTINGS, client: httpx.Client | None = None) -> Article | FetchError:
    items = list(read_sources([url], settings, client=client))
    assert len(items) == 1, items
    return items[0]


def test_html_page(server) -> None:
    url = server.url("/article.html")
    article = fetch_one(url)
    assert isinstance(article, Article)
    assert (article.source, article.url, article.media_type) == (url, url, "text/html")
    assert (article.title, article.outlet) == ("Harbour bridge reopens after storm repairs", "The Meridian Courier")
    assert article.text.startswith("Harbour bridge reopens after storm repairs\n\nThe Calder Street bridge")
    assert ("/article.html", SETTINGS.user_agent) in server.requests  # a clear user agent


def test_redirect_chain_is_followed(server) -> None:
    url = server.url("/redirect/3")
    article = fetch_one(url)
    assert isinstance(article, Article)
    assert (article.source, article.url) == (url, server.url("/article.html"))


def test_plain_text_with_a_declared_charset(server) -> None:
    article = fetch_one(server.url("/cyrillic.txt"))
    assert isinstance(article, Article)
    assert (article.text, article.encoding, article.media_type) == (
        "Городской совет Приозерска в четверг утвердил бюджет на следующий год.", "cp1251 (declared)", "text/plain",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/error", "HTTP 500 Internal Server Error"),
        ("/missing", "HTTP 404 Not Found"),
        ("/image.png", "content type image/png is not a news page (HTML, an RSS/Atom feed or plain text)"),
        ("/redirect/9", "more than 5 redirects (a redirect loop?)"),
        ("/big", "response is over the 100,000 byte limit (settings.max_input_bytes); download stopped"),
        ("/big-declared", "response is 5,000,000 bytes, over the 100,000 limit (settings.max_input_bytes)"),
        ("/gzip-bomb", "response is over the 100,000 byte limit (settings.max_input_bytes); download stopped"),
    ],
)
def test_fetch_failures_are_one_fetch_error(server, path: str, reason: str) -> None:
    url = server.url(path)
    error = fetch_one(url)
    assert isinstance(error, FetchError)
    assert (error.source, error.reason) == (url, reason)


def test_slow_server_times_out(server) -> None:
    error = fetch_one(server.url("/slow"), SETTINGS.with_(fetch_timeout=0.5))
    assert isinstance(error, FetchError)
    assert error.reason == "timed out after 0.5 s (settings.fetch_timeout)"


def test_unreachable_url(closed_port_url: str) -> None:
    error = fetch_one(closed_port_url)
    assert isinstance(error, FetchError)
    assert error.reason.startswith("unreachable (")
    assert "refused" in error.reason.lower()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://", "not a valid URL (no valid host name)"),
        ("https://news desk.example/", "not a valid URL (no valid host name)"),
        ("https://127.0.0.1:99999/", "not a valid URL (port 99999 out of range)"),
    ],
)
def test_invalid_urls(url: str, reason: str) -> None:
    error = fetch_one(url)
    assert isinstance(error, FetchError)
    assert error.reason == reason


def test_callers_client_is_used_with_our_limits(server) -> None:
    seen: list[str] = []
    client = httpx.Client(event_hooks={"request": [lambda request: seen.append(request.url.path)]}, max_redirects=50)
    with client:
        error = fetch_one(server.url("/redirect/9"), client=client)
        article = fetch_one(server.url("/article.html"), client=client)
    assert isinstance(error, FetchError) and isinstance(article, Article)
    assert seen[:6] == [f"/redirect/{hops}" for hops in range(9, 3, -1)]  # our cap of 5 redirects, not the client's 50
    assert seen[-1] == "/article.html"


def test_bad_url_does_not_stop_the_others(server, closed_port_url: str) -> None:
    sources = [server.url("/error"), closed_port_url, server.url("/article.html")]
    kinds = [type(item).__name__ for item in read_sources(sources, SETTINGS)]
    assert kinds == ["FetchError", "FetchError", "Article"]
