"""Fetching http(s) sources politely and defensively with httpx.

One GET per page with a clear user agent, per-phase timeouts plus a total budget (a server that
trickles bytes cannot hold the batch), at most MAX_REDIRECTS redirects followed by hand (so the
cap holds for a client the caller passes in too), the body streamed and abandoned past
`settings.max_input_bytes`, and only the types a news page comes in. Every failure is a
FetchError naming the URL.

>>> is_url("https://harbour.example/ferries"), is_url("ferries.html")
(True, False)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from types import TracebackType

import httpx

from ..errors import FetchError
from ..settings import Settings
from .detect import media_type_parts

MAX_REDIRECTS = 5  # http -> https -> www -> canonical path is 3 hops on real news sites; past 5 it is a loop
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8"
ACCEPTED_TYPES = frozenset({
    "text/html", "application/xhtml+xml",
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "text/plain",
})  # fmt: skip


@dataclass(frozen=True)
class Fetched:
    """A downloaded body: `url` after redirects, `media_type` as the server sent it (with charset)."""

    url: str
    body: bytes
    media_type: str | None


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def checked_url(url: str) -> httpx.URL:
    """`url` parsed; raises httpx.InvalidURL when it names no usable host (httpx accepts "http://")."""
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https"):
        raise httpx.InvalidURL("only http and https are fetched")
    if not parsed.host or "%" in parsed.host:
        raise httpx.InvalidURL("no valid host name")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise httpx.InvalidURL(f"port {parsed.port} out of range")
    return parsed


class Fetcher:
    """Fetches URLs with `client`, or with a client of its own made on first use and closed by `close()`."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.client = client
        self.owned: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self.owned is not None:
            self.owned.close()
            self.owned = None

    def session(self) -> httpx.Client:
        if self.client is not None:
            return self.client
        if self.owned is None:
            self.owned = httpx.Client(
                headers={"User-Agent": self.settings.user_agent},
                timeout=self.settings.fetch_timeout,
                follow_redirects=False,
            )
        return self.owned

    def fetch(self, url: str) -> Fetched:
        """Download `url`. Raises FetchError: unreachable, timeout, status >= 400, wrong type, too large."""
        settings = self.settings
        client = self.session()
        headers = {"User-Agent": settings.user_agent, "Accept": ACCEPT}
        deadline = time.monotonic() + settings.fetch_timeout
        try:
            current = checked_url(url)
            for _ in range(MAX_REDIRECTS + 1):
                request = client.build_request("GET", current, headers=headers, timeout=settings.fetch_timeout)
                response = client.send(request, stream=True, follow_redirects=False)
                try:
                    if response.has_redirect_location and response.next_request is not None:
                        current = response.next_request.url
                        if current.scheme not in ("http", "https"):
                            raise FetchError(url, f"redirected to a {current.scheme}: URL, only http(s) is fetched")
                        continue
                    return self.read_body(url, response, deadline)
                finally:
                    response.close()
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects (a redirect loop?)")
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s (settings.fetch_timeout)") from None
        except httpx.ConnectError as error:
            raise FetchError(url, f"unreachable ({error or type(error).__name__})") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise FetchError(url, f"not a valid URL ({error})") from None
        except httpx.HTTPError as error:
            raise FetchError(url, f"fetch failed ({type(error).__name__}: {error})") from None

    def read_body(self, url: str, response: httpx.Response, deadline: float) -> Fetched:
        limit = self.settings.max_input_bytes
        if response.status_code >= 400:
            raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
        if response.status_code != 200:
            raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}: no page to read".rstrip())
        essence, _ = media_type_parts(response.headers.get("content-type"))
        if essence and essence not in ACCEPTED_TYPES:
            raise FetchError(url, f"content type {essence} is not a news page (HTML, an RSS/Atom feed or plain text)")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"response is {int(declared):,} bytes, over the {limit:,} limit (settings.max_input_bytes)")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise FetchError(url, f"response is over the {limit:,} byte limit (settings.max_input_bytes); download stopped")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {self.settings.fetch_timeout:g} s (settings.fetch_timeout)")
        if not body:
            raise FetchError(url, "empty response")
        return Fetched(url=str(response.url), body=bytes(body), media_type=response.headers.get("content-type"))
