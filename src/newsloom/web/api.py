"""The JSON API, mirroring the pages; its OpenAPI document is at /api/openapi.json.

    GET /api/stories?page=1          story rows, newest first (as `newsloom stories --format json`)
    GET /api/stories/{id}            one story: an item of the brief's `stories` list (CONTRACT.md)
    GET /api/articles/{id}           one article: the analyze document (CONTRACT.md)
    GET /api/search?q=dam+breach     full-text search of the articles
    GET /api/ingest/{job}            progress of an ingest started from the form

Routes are plain `def`: FastAPI runs them in worker threads, each with its own store connection.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from .stories import PAGE_SIZE, brief_of, story_page

ID_PATTERN = r"^[A-Za-z0-9_-]{1,80}$"  # article ids are hex digests, story ids "s-" + one; nothing else is looked up
MAX_SEARCH_RESULTS = 100  # a page of hits is read by a person; more is a job for `newsloom search`

router = APIRouter(prefix="/api", tags=["api"])
StoryId = Annotated[str, Path(pattern=ID_PATTERN, description="a story id, as listed by /api/stories")]
ArticleId = Annotated[str, Path(pattern=ID_PATTERN, description="an article id (content hash)")]


class StoryRow(BaseModel):
    """One story in the list."""

    id: str
    title: str
    articles: int = Field(description="number of articles")
    outlets: list[str]
    independent_sources: int = Field(description="outlets that copy one another or one wire agency count once")
    first_published: str | None
    last_published: str | None
    places: list[str]


class StoryList(BaseModel):
    total: int = Field(description="stories in the store")
    page: int
    page_size: int
    stories: list[StoryRow]


class SearchHit(BaseModel):
    id: str = Field(description="article id")
    title: str | None
    outlet: str | None
    source: str
    published: str | None
    snippet: str = Field(description="matching words between [ and ]")
    story: str | None = Field(description="id of the article's story")


class SearchResults(BaseModel):
    query: str
    hits: list[SearchHit]


def web_of(request: Request) -> Any:
    return request.app.state.web


@router.get("/stories", response_model=StoryList, summary="Stories, newest first")
def list_stories(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> dict[str, Any]:
    rows, total = story_page(web_of(request).store(), page)
    return {"total": total, "page": page, "page_size": PAGE_SIZE, "stories": rows}


@router.get(
    "/stories/{story_id}",
    summary="One story's brief",
    description="An item of the `stories` list of `newsloom brief --format json` (CONTRACT.md): title, summary, "
    "claims with status and supporting spans, quotes by speaker, figures, timeline (TimelineJS events), places (GeoJSON), "
    "outlets compared, wire provenance.",
    response_model=dict[str, Any],
)
def get_story(request: Request, story_id: StoryId) -> dict[str, Any]:
    brief = brief_of(web_of(request).store(), story_id)
    if brief is None:
        raise HTTPException(404, f"no story {story_id}")
    return brief


@router.get(
    "/articles/{article_id}",
    summary="One article's analysis",
    description="The document of `newsloom analyze --format json` (CONTRACT.md): text, lines with roles, entities, "
    "places, quotes, reported speech, figures and dates, each with character offsets into `text`.",
    response_model=dict[str, Any],
)
def get_article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    document = web_of(request).store().document(article_id)
    if document is None:
        raise HTTPException(404, f"no article {article_id}")
    return document


def search_hits(store: Any, query: str, limit: int) -> list[dict[str, Any]]:
    hits = store.search(query, limit=limit)
    story_of = store.stories_of([article.id for article, _ in hits])
    return [
        {"id": a.id, "title": a.title, "outlet": a.outlet, "source": a.source, "published": a.published, "snippet": snippet, "story": story_of.get(a.id)}
        for a, snippet in hits
    ]


@router.get("/search", response_model=SearchResults, summary="Full-text search of the articles")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=500, description="words to find (taken as words, not query syntax)")],
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_RESULTS)] = 20,
) -> dict[str, Any]:
    return {"query": q, "hits": search_hits(web_of(request).store(), q, limit)}


@router.get("/ingest/{job_id}", summary="Progress of an ingest started from the form", response_model=dict[str, Any])
def ingest_progress(request: Request, job_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    job = web_of(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id} (jobs are kept while the server runs)")
    return job.to_dict()
