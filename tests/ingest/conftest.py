"""A real HTTP server on the loopback interface, serving the pages, feeds and failures the ingest tests fetch.

No mocks: httpx talks to a ThreadingHTTPServer on 127.0.0.1 (port chosen by the OS), so timeouts,
redirects, streaming and size caps are exercised for real. `server.requests` records every
(path, user agent) received, so tests can prove a URL was (or was never) fetched.
"""

from __future__ import annotations

import functools
import gzip
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.ingest.ingest_pages import BRIDGE, LINKED_PAGE, feed

SLOW_SECONDS = 30.0  # the /slow page answers after this (or at teardown); its test times out after 0.5 s


@functools.cache
def gzip_bomb() -> bytes:
    """20 MB of spaces in about 20 KB, made once and only if a test asks for it."""
    return gzip.compress(b"<html><body><p>" + b" " * 20_000_000, compresslevel=9)
BIG_BODY = 2_000_000  # bytes streamed by /big; tests cap input at 100,000


@dataclass
class Server:
    base: str
    requests: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    stop = threading.Event()
    state = Server(base="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
            pass

        def send(self, status: int, body: bytes, media_type: str, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("User-Agent", "")))
            path = self.path
            if path == "/article.html":
                self.send(200, BRIDGE.encode(), "text/html; charset=utf-8")
            elif path == "/linked.html":
                self.send(200, LINKED_PAGE.encode(), "text/html; charset=utf-8")
            elif path == "/feed.xml":
                self.send(200, feed(state.base), "application/rss+xml")
            elif path == "/cyrillic.txt":
                text = "Городской совет Приозерска в четверг утвердил бюджет на следующий год."
                self.send(200, text.encode("cp1251"), "text/plain; charset=windows-1251")
            elif path == "/error":
                self.send(500, b"<h1>Internal error</h1>", "text/html")
            elif path.startswith("/redirect/"):
                hops = int(path.rsplit("/", 1)[1])
                target = f"/redirect/{hops - 1}" if hops > 1 else "/article.html"
                self.send(302, b"", "text/html", Location=target)
            elif path == "/image.png":
                self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
            elif path == "/slow":
                stop.wait(SLOW_SECONDS)
                self.send(200, BRIDGE.encode(), "text/html")
            elif path == "/big":  # no Content-Length: the size is only known while streaming
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"Tide tables for the week ahead. " * 300 + b"</p>\n"
                for _ in range(BIG_BODY // len(chunk) + 1):
                    self.wfile.write(chunk)
            elif path == "/big-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "5000000")
                self.end_headers()
                self.wfile.write(b"<html>")
            elif path == "/gzip-bomb":
                self.send(200, gzip_bomb(), "text/html", Content_Encoding="gzip")
            else:
                self.send(404, b"not found", "text/plain")

    class QuietServer(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # clients that gave up (timeouts, size caps) close early: not an error here

    httpd = QuietServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    stop.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL nobody listens on: the OS gave us the port, and we closed it again."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/story.html"
