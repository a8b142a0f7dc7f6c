"""The web app: `create_app(db_path)` -> a FastAPI app serving the pages and the JSON API of a store.

    newsloom serve --db news.db            # http://127.0.0.1:8000

Safety, since every article is untrusted text:
- Jinja2 autoescapes every template; article text is never marked safe.
- Content-Security-Policy: scripts and styles only from this server (no inline script at all),
  no frames, no plugins; the map and timeline libraries are served from static/vendor.
- Request bodies are capped (`max_upload_bytes`), counted as they arrive, not trusted from headers.
- Ids and spans only ever reach SQL as parameters; static files are served by Starlette, which
  refuses paths outside its folder; uploads are never written under their own names.
- The ingest form carries a per-server token, so another site cannot post to it.
- Bound to loopback, only loopback host names are answered (no DNS rebinding).

>>> app = create_app(":memory:")   # doctest: +SKIP
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import NewsloomError
from ..settings import Settings
from ..store import Store
from . import assets
from .jobs import Jobs

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
MAX_UPLOAD_BYTES = 25 * 1024 * 1024  # a day of articles as HTML, or a small WARC; larger batches: `newsloom ingest`
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class BodyTooLarge(Exception):
    """A request body went past the server's limit."""


class Guard:
    """ASGI middleware: security headers on every response, and a cap on request bodies.

    Each response also says how long the server took to start it (`Server-Timing: app;dur=ms`):
    the page's own time, without the network or the client.

    The cap is checked against Content-Length up front and against the bytes as they arrive
    (a chunked upload has no length to check).
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                timing = (b"server-timing", f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode())
                message["headers"] = list(message.get("headers", [])) + [h for h in SECURITY_HEADERS if h[0] not in names] + [timing]
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _too_large(self.max_body_bytes, send_with_headers)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge
            return message

        await self.app(scope, counted_receive, send_with_headers)


async def _too_large(limit: int, send: Send) -> None:
    body = f"upload too large: at most {limit // (1024 * 1024)} MB per request; use `newsloom ingest` for more".encode()
    await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": body})


@dataclass
class Web:
    """What every route needs: the store (one connection per thread), templates, jobs, limits."""

    db_path: str
    templates: Jinja2Templates
    jobs: Jobs
    max_upload_bytes: int
    form_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    vendor: bool = False
    local: threading.local = field(default_factory=threading.local)

    def store(self) -> Store:
        """This thread's connection (sqlite3 connections are not shared between concurrent requests)."""
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = Store(self.db_path)
        return store


def _templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=environment)


def create_app(db_path: str | Path, *, max_upload_bytes: int = MAX_UPLOAD_BYTES, settings: Settings | None = None, loopback_only: bool = True) -> FastAPI:
    """The app for one store. `loopback_only` answers only requests addressed to a loopback name."""
    Store(db_path).close()  # create or migrate now: a bad path fails at start, not on the first page
    web = Web(
        db_path=str(db_path),
        templates=_templates(),
        jobs=Jobs(str(db_path), settings or Settings()),
        max_upload_bytes=max_upload_bytes,
        vendor=not assets.missing(),
    )
    app = FastAPI(
        title="newsloom",
        version=__version__,
        description="Stories found across outlets, their claims compared, and the analysed articles. "
        "Documents follow CONTRACT.md: a story is one item of the brief's `stories` list, an article is the analyze document.",
        docs_url=None,  # the stock docs pages load their scripts from a CDN: /api lists the endpoints instead
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.web = web
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    from .api import router as api_router
    from .pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return _error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(NewsloomError)
    async def newsloom_error(request: Request, exc: NewsloomError) -> Any:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=500)
        return _error_page(request, 500, str(exc))

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, exc: BodyTooLarge) -> Any:
        return _error_page(request, 413, f"upload too large: at most {web.max_upload_bytes // (1024 * 1024)} MB per request; use `newsloom ingest` for more")

    app.add_middleware(Guard, max_body_bytes=max_upload_bytes)
    if loopback_only:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS)
    return app


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    web: Web = request.app.state.web
    return web.templates.TemplateResponse(request, "error.html", {"status": status, "message": message, "web": web}, status_code=status)
