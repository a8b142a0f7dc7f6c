"""The HTML pages: story list, search, story, article, ingest form and its progress, API index.

Each page reads what it shows through the same functions as the JSON API, then hands plain data to
a template (autoescaped). No page embeds a script: data for the map and the timeline travels in
`<script type="application/json">` blocks (`tojson` escapes `<`, `>`, `&`), read by static scripts.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from .api import ID_PATTERN, search_hits, web_of
from .article import article_lines, runs, valid_span
from .jobs import Upload, safe_name
from .stories import PAGE_SIZE, brief_of, story_page
from .views import claim_rows, map_payload, map_points, quotes_view, snippet_parts, timeline_payload

MAX_FILES = 50  # per upload: more goes through `newsloom ingest`
MAX_URLS = 20  # each is fetched in turn, with the ingest module's timeouts
MAX_URL_CHARS = 2000  # longer than any article URL seen in the wild
CLAIMS_SHOWN = 25  # matrix rows on the story page (the best-supported and conflicting come first); ?all=1 shows every one
FIGURES_SHOWN = 15  # figure rows likewise: a large story has hundreds, which slow the page and bury the rest

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    web = web_of(request)
    return web.templates.TemplateResponse(request, template, dict(context, web=web), status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    rows, total = story_page(web_of(request).store(), page)
    pages = max(1, -(-total // PAGE_SIZE))
    return render(request, "stories.html", rows=rows, total=total, page=page, pages=pages)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    hits = [dict(h, parts=snippet_parts(h["snippet"])) for h in search_hits(web_of(request).store(), q, 50)] if q.strip() else []
    return render(request, "search.html", query=q, hits=hits)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_view(request: Request, story_id: Annotated[str, Path(pattern=ID_PATTERN)], all: bool = False) -> HTMLResponse:
    brief = brief_of(web_of(request).store(), story_id)
    if brief is None:
        raise HTTPException(404, f"no story {story_id}")
    figures = [f for f in brief["figures"] if any(f.get(k) is not None for k in ("value", "low", "high"))]
    return render(
        request,
        "story.html",
        story=brief,
        rows=claim_rows(brief, None if all else CLAIMS_SHOWN),
        figures=figures if all else figures[:FIGURES_SHOWN],
        all_figures=len(figures),
        speakers=quotes_view(brief["quotes_by_speaker"]),
        timeline=timeline_payload(brief),
        places=map_payload(brief["places"]),
        fallback_map=map_points(brief["places"]),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_view(
    request: Request,
    article_id: Annotated[str, Path(pattern=ID_PATTERN)],
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    store = web_of(request).store()
    document = store.document(article_id)
    if document is None:
        raise HTTPException(404, f"no article {article_id}")
    target = valid_span(document, start, end)
    lines = [(line, runs(line)) for line in article_lines(document, target)]
    story_id = store.stories_of([article_id]).get(article_id)
    return render(request, "article.html", document=document, lines=lines, target=target, story_id=story_id)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    return render(request, "ingest.html", error=None, max_mb=web_of(request).max_upload_bytes // (1024 * 1024), max_files=MAX_FILES, max_urls=MAX_URLS)


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_start(request: Request) -> Any:
    web = web_of(request)
    form = await request.form(max_files=MAX_FILES, max_fields=10)
    token = form.get("token")
    if not isinstance(token, str) or not hmac.compare_digest(token, web.form_token):
        raise HTTPException(403, "the form has expired or came from another site: reload the ingest page and try again")
    uploads = []
    for item in form.getlist("files"):
        if isinstance(item, str):
            continue
        data = await item.read()
        if data:
            uploads.append(Upload(safe_name(item.filename or ""), data, item.content_type if item.content_type != "application/octet-stream" else None))
    text = form.get("urls")
    urls = [u.strip() for u in (text if isinstance(text, str) else "").split() if u.strip()]
    problem = None
    if len(urls) > MAX_URLS:
        problem = f"at most {MAX_URLS} URLs at a time"
    elif bad := [u for u in urls if not u.startswith(("http://", "https://")) or len(u) > MAX_URL_CHARS]:
        problem = f"not an http(s) URL: {bad[0][:120]}"
    elif not uploads and not urls:
        problem = "choose files to upload or give URLs"
    if problem:
        return render(request, "ingest.html", status_code=400, error=problem, max_mb=web.max_upload_bytes // (1024 * 1024), max_files=MAX_FILES, max_urls=MAX_URLS)
    job = web.jobs.start(uploads, urls)
    return RedirectResponse(f"/ingest/{job.id}", status_code=303)


@router.get("/ingest/{job_id}", response_class=HTMLResponse)
def ingest_job(request: Request, job_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> HTMLResponse:
    job = web_of(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id} (jobs are kept while the server runs)")
    return render(request, "ingest_job.html", job=job.to_dict())


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""), "description": op.get("description", ""),
         "parameters": [(p["name"], p.get("in"), (p.get("schema") or {}).get("description") or p.get("description") or "") for p in op.get("parameters", [])]}
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    return render(request, "api.html", endpoints=endpoints, description=schema["info"].get("description", ""))

