"""The app over a real store, through its HTTP interface (in process): pages, API, safety, ingest."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.store import Store
from newsloom.stories.brief import story_brief
from newsloom.stories.cluster import stored_stories
from newsloom.web.app import CONTENT_SECURITY_POLICY, create_app
from newsloom.web.stories import BRIEF, brief_of, members_key

INGEST_SECONDS = 120  # one short article through the language model: seconds, more on a busy machine


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> TestClient:
    return TestClient(create_app(corpus_db), base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def largest_story(corpus_db: Path) -> str:
    with Store(corpus_db) as store:
        return max(stored_stories(store), key=lambda s: len(s.article_ids)).id


def page_paths(story: str, article: str) -> list[str]:
    return ["/", "/?page=1", "/search?q=ferries", f"/stories/{story}", f"/articles/{article}", f"/articles/{article}?start=0&end=10", "/ingest", "/api"]


def test_every_page_has_the_security_headers(client: TestClient, largest_story: str, hostile_id: str) -> None:
    for path in [*page_paths(largest_story, hostile_id), "/api/stories", "/static/app.css", "/stories/unknown-story"]:
        response = client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert response.headers["x-content-type-options"] == "nosniff", path
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "payload",
    [
        '<script>window.__pwned = "title"',
        "<img src=x onerror=\"window.__pwned='onerror'",
        "<a href=\"javascript:window.__pwned='href'",
        "<svg onload=",
        '<script>window.__pwned = "outlet"',
    ],
)
def test_hostile_text_is_escaped_on_every_page(client: TestClient, hostile_id: str, payload: str) -> None:
    story = client.get(f"/api/articles/{hostile_id}").json()
    assert payload.split("=")[0].split(" ")[0] in story["text"] + (story["outlet"] or "")  # the payload really is in the article
    with Store(client.app.state.web.db_path) as store:
        story_id = store.stories_of([hostile_id])[hostile_id]
    for path in ["/", "/search?q=harbour+board", f"/stories/{story_id}", f"/articles/{hostile_id}", f"/articles/{hostile_id}?start=0&end=40"]:
        html = client.get(path).text
        assert payload not in html, path
        assert "<script>window" not in html and "onerror=\"window" not in html, path
    assert "&lt;script&gt;" in client.get(f"/articles/{hostile_id}").text


def test_timeline_payload_escapes_article_text(client: TestClient, hostile_id: str) -> None:
    from newsloom.web.views import timeline_payload

    with Store(client.app.state.web.db_path) as store:
        brief = brief_of(store, store.stories_of([hostile_id])[hostile_id])
    payload = timeline_payload(brief)
    assert payload["events"], "the hostile article's dated sentence makes a timeline event"
    for event in payload["events"]:
        assert "<img" not in event["text"]["text"] and "<script" not in event["text"]["text"]
        assert "&lt;img" in event["text"]["text"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/stories/s-0000000000000000", 404),
        ("/articles/0000000000000000", 404),
        ("/api/stories/s-0000000000000000", 404),
        ("/api/articles/0000000000000000", 404),
        ("/api/ingest/0000", 404),
        ("/ingest/0000", 404),
        ("/articles/..%2F..%2Fetc%2Fpasswd", 404),
        ("/api/articles/..%2F..%2Fetc%2Fpasswd", 404),
        ("/articles/abc;drop", 422),
        ("/static/../../../../etc/passwd", 404),
        ("/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 404),
        ("/static/..%2f..%2f..%2fstore.py", 404),
        ("/static/vendor/../../app.py", 404),
        ("/api/search?q=" + "x" * 600, 422),
        ("/?page=0", 422),
    ],
)
def test_unknown_and_traversing_paths_are_refused(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert "root:" not in response.text and "import " not in response.text


def test_other_host_names_are_refused_on_loopback(client: TestClient) -> None:
    assert client.get("http://rebound.example/").status_code == 400
    assert client.get("http://localhost/").status_code == 200


def test_api_story_is_the_brief_item(client: TestClient, corpus_db: Path, largest_story: str) -> None:
    with Store(corpus_db) as store:
        story = next(s for s in stored_stories(store) if s.id == largest_story)
        expected = story_brief(store.documents(list(story.article_ids)), story)
    got = client.get(f"/api/stories/{largest_story}").json()
    assert got == expected
    assert {"title", "summary", "claims", "quotes_by_speaker", "timeline", "places", "outlets_compared"} <= set(got)


def test_api_lists_search_and_articles(client: TestClient, corpus_db: Path, largest_story: str) -> None:
    listing = client.get("/api/stories").json()
    with Store(corpus_db) as store:
        assert listing["total"] == len(stored_stories(store))
        first = listing["stories"][0]
        assert client.get(f"/api/articles/{store.articles(limit=1)[0].id}").json() == store.document(store.articles(limit=1)[0].id)
    dates = [row["last_published"] or "" for row in listing["stories"]]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert {"id", "title", "outlets", "independent_sources", "places"} <= set(first)
    hits = client.get("/api/search", params={"q": "capsized boat"}).json()["hits"]
    assert hits and all(h["story"] for h in hits)
    assert client.get("/api/search", params={"q": '"unbalanced AND ('}).status_code == 200
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/search"} <= set(paths)


def test_story_page_shows_matrix_map_and_timeline(client: TestClient, largest_story: str) -> None:
    html = client.get(f"/stories/{largest_story}").text
    for fragment in ['class="matrix"', "mark-agree", "mark-conflict", "mark-only", 'id="places-data"', 'id="timeline-data"',
                     'class="place-marker"', 'class="timeline-list"', "#claim-target", "Quotes by speaker"]:
        assert fragment in html, fragment


def test_pages_work_without_the_vendor_files(corpus_db: Path, largest_story: str) -> None:
    app = create_app(corpus_db)
    app.state.web.vendor = False
    html = TestClient(app, base_url="http://127.0.0.1").get(f"/stories/{largest_story}").text
    assert "/static/vendor/" not in html
    assert 'class="place-marker"' in html and 'class="timeline-list"' in html and "/static/story.js" in html


def test_brief_is_built_once_and_rebuilt_when_members_change(tmp_path: Path, corpus_db: Path, largest_story: str) -> None:
    copy = tmp_path / "copy.db"
    with Store(corpus_db) as source:
        source.db.execute("VACUUM INTO ?", (str(copy),))
    with Store(copy) as store:
        members = store.story_member_ids(largest_story)
        brief_of(store, largest_story)
        assert store.cached_brief(largest_story, BRIEF, members_key(members)) is not None
        moved = next(row[0] for row in store.story_members() if row[0] not in {m for m, _ in members})
        store.save_story_members([(moved, largest_story, None, 0.5)])
        grown = store.story_member_ids(largest_story)
        assert store.cached_brief(largest_story, BRIEF, members_key(grown)) is None
        assert moved in brief_of(store, largest_story)["articles"]
        assert store.cached_brief(largest_story, BRIEF, members_key(grown)) is not None


@pytest.mark.parametrize(
    ("form", "status", "message"),
    [
        ({"urls": "https://example.org/a.html"}, 403, "expired"),
        ({"token": "wrong", "urls": "https://example.org/a.html"}, 403, "expired"),
        ({"urls": "file:///etc/passwd"}, 400, "not an http(s) URL"),
        ({"urls": "ftp://example.org/a"}, 400, "not an http(s) URL"),
        ({"urls": ""}, 400, "choose files"),
        ({"urls": " ".join(f"https://example.org/{i}" for i in range(21))}, 400, "at most 20 URLs"),
    ],
)
def test_ingest_form_refuses(client: TestClient, form: dict[str, str], status: int, message: str) -> None:
    if "token" not in form and status != 403:
        form = dict(form, token=client.app.state.web.form_token)
    response = client.post("/ingest", data=form)
    assert response.status_code == status
    assert message in response.text


def test_uploads_over_the_limit_are_refused(corpus_db: Path) -> None:
    app = create_app(corpus_db, max_upload_bytes=2000)
    small = TestClient(app, base_url="http://127.0.0.1")
    token = app.state.web.form_token
    response = small.post("/ingest", data={"token": token}, files={"files": ("big.txt", b"Boats sank. " * 400, "text/plain")})
    assert response.status_code == 413

    def chunks():  # no Content-Length: the cap counts the bytes as they arrive
        yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n"
        for _ in range(10):
            yield b"x" * 1000

    response = small.post("/ingest", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413
    assert "upload too large" in response.text


def test_ingest_form_stores_an_upload(tmp_path: Path, corpus_db: Path) -> None:
    db = tmp_path / "ingest.db"
    with Store(corpus_db) as source:
        source.db.execute("VACUUM INTO ?", (str(db),))
    app = create_app(db)
    client = TestClient(app, base_url="http://127.0.0.1")
    text = b"Ferry strike halts Tagus crossings\n\nLISBON - Ferry crews on the Tagus walked out on 2 May 2024, stranding 30,000 commuters, union leader Marta Sousa said.\n"
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Teaser</title><link>http://127.0.0.1:9/never-fetched</link><description>Short.</description></item></channel></rss>'
    response = client.post(
        "/ingest",
        data={"token": app.state.web.form_token},
        files=[("files", ("../../strike.txt", text, "text/plain")), ("files", ("feed.rss", feed, "application/rss+xml"))],
        follow_redirects=False,
    )
    assert response.status_code == 303
    job_path = response.headers["location"]
    deadline = time.monotonic() + INGEST_SECONDS
    while (job := client.get("/api" + job_path).json())["phase"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert job["phase"] == "done", job
    assert job["stored"] >= 1 and job["stories"]
    assert client.get(job_path).status_code == 200
    with Store(db) as store:
        sources = {a.source for a in store.articles()}
    assert "strike.txt" in sources, "the upload is named by its base name only"
    assert not any("never-fetched" in s for s in sources)
    assert any("Tagus" in client.get(f"/stories/{story}").text for story in job["stories"])
