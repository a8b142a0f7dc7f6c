"""The pages in Debian's chromium, driven by Playwright, against `newsloom serve` on loopback.

Flow: story list -> story -> claim -> the article with the claim's span highlighted and in view;
the map (SVG country outlines and place markers) and the timeline (slides) render; a hostile
article stays inert text; the ingest form uploads a file and shows its progress to the end.
A screenshot of each page is saved under artifacts/screenshots/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"  # gitignored; kept as test artifacts
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]
WAIT_MS = 30_000  # rendering 177 country outlines or a timeline takes well under a second; a loaded 2-core machine, more
INGEST_WAIT_MS = 180_000  # the server loads the language model for its first upload

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run the browser tests"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.dialogs = []  # every dialog is recorded and dismissed: a script that ran would show here
    opened.console_errors = []

    def on_dialog(dialog):  # type: ignore[no-untyped-def]
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    opened.on("dialog", on_dialog)
    opened.on("console", lambda message: opened.console_errors.append(message.text) if message.type == "error" else None)
    yield opened
    context.close()


def shoot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000, f"{path} looks blank"
    return path


def largest_story(server: str) -> dict:
    rows = httpx.get(f"{server}/api/stories").json()["stories"]
    return max(rows, key=lambda row: row["articles"])


def test_list_story_claim_article(server: str, page) -> None:  # type: ignore[no-untyped-def]
    story = largest_story(server)
    page.goto(server + "/")
    shoot(page, "1-story-list")
    page.click(f"a.story-title[href='/stories/{story['id']}']")
    page.wait_for_url(f"**/stories/{story['id']}")
    assert page.locator("h1").inner_text().strip()

    # the map: Natural Earth outlines and the story's places, as SVG paths drawn by Leaflet
    page.wait_for_selector("#map[data-ready='true']", timeout=WAIT_MS)
    countries = page.locator("#map svg path.country").count()
    markers = page.locator("#map svg path.place-marker").count()
    assert countries > 100, f"{countries} country outlines"
    assert markers >= 1
    # the timeline: TimelineJS slides
    page.wait_for_selector("#timeline .tl-slide", timeout=WAIT_MS)
    assert page.locator("#timeline .tl-slide").count() >= 2
    page.wait_for_timeout(500)  # let the timeline finish its layout animation before the picture
    shoot(page, "2-story")

    # click the first claim of the matrix: its span is highlighted in its article and in view
    brief = httpx.get(f"{server}/api/stories/{story['id']}").json()
    support = brief["claims"][0]["support"][0]
    article = httpx.get(f"{server}/api/articles/{support['article']}").json()
    page.locator("table.matrix a.claim-link").first.click()
    page.wait_for_url(f"**/articles/{support['article']}**")
    target = page.locator("mark#claim-target")
    target.wait_for(timeout=WAIT_MS)
    marked = "".join(page.locator("mark.claim-target").all_inner_texts())
    assert " ".join(marked.split()) == " ".join(article["text"][support["start"] : support["end"]].split())
    box = target.bounding_box()
    height = page.evaluate("window.innerHeight")
    assert box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 50) <= height, f"not in view: {box}, window {height}"
    assert "flash" in (target.get_attribute("class") or "")
    assert page.locator(".article-text span.entity, .article-text span.place").count() > 0
    assert page.locator(".article-text span.figure").count() > 0
    shoot(page, "3-article-claim")
    if page.locator("details.boilerplate").count():
        page.locator("details.boilerplate summary").first.click()
    assert not page.dialogs


def test_search_page(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.fill("header form.search input[name=q]", "capsized")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=capsized")
    assert page.locator("li.hit").count() >= 1
    assert page.locator(".snippet mark").count() >= 1
    shoot(page, "4-search")


def test_hostile_article_is_inert_text(server: str, page, hostile_id: str) -> None:  # type: ignore[no-untyped-def]
    story = httpx.get(f"{server}/api/search", params={"q": "harbour board ferries"}).json()["hits"][0]["story"]
    for path, name in [("/", None), ("/search?q=harbour+board", None), (f"/stories/{story}", "5-hostile-story"), (f"/articles/{hostile_id}?start=0&end=60", "6-hostile-article")]:
        page.goto(server + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # an onerror or onload handler would have fired by now
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("[onerror], [onload], a[href^='javascript:']").count() == 0, path
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0, path
        if name:
            shoot(page, name)
    body = page.locator(".article-text").inner_text()
    assert "<script>" in body and "onerror=" in body and "javascript:" in body, "the payloads are shown as text"
    assert page.dialogs == []


def test_ingest_form_shows_progress(server: str, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    upload = tmp_path / "bridge.txt"
    upload.write_text(
        "Old Minho bridge closes for repairs\n\nVALENÇA — The old iron bridge between Valença and Tui closed on 20 April 2024 "
        "for six months of repairs, the regional roads office said.\n",
        encoding="utf-8",
    )
    page.goto(server + "/ingest")
    shoot(page, "7-ingest-form")
    page.set_input_files("input[name=files]", str(upload))
    page.click("form.ingest button[type=submit]")
    page.wait_for_url("**/ingest/*")
    # (wait_for_function would evaluate a string, which the page's CSP rightly forbids: wait on the text)
    page.locator("#job-phase", has_text=re.compile(r"^(done|failed)$")).wait_for(timeout=INGEST_WAIT_MS)
    assert page.locator("#job-phase").inner_text() == "done", page.locator("#job-errors").inner_text()
    assert page.locator("#job-stories a").count() >= 1
    shoot(page, "8-ingest-done")
    page.locator("#job-stories a").first.click()
    page.wait_for_url("**/stories/*")
    assert "bridge" in page.locator("body").inner_text().lower()
