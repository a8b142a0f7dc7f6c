"""The example corpus (examples/corpus: text, HTML, RSS, WARC, JSON Lines) reads without a single error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.errors import InputError
from newsloom.ingest import read_sources
from newsloom.models import Article
from newsloom.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
GOLD = CORPUS.parent / "gold"

# What a reader sees at the top of each page: its headline and the outlet's own name (og:site_name).
HTML_METADATA = {
    "alentejo-protest-iberiaherald.html": (
        "Thousands of farmers drive tractors into Évora to protest water cuts", "Iberia Herald"),
    "douro-capsize-coastlinetoday.html": ("Death toll in Douro river boat disaster climbs to 19", "Coastline Today"),
    "douro-capsize-iberiaherald.html": (
        "Douro tragedy: 12 dead and nine missing after tourist boat overturns near Régua", "Iberia Herald"),
    "minho-capsize-coastlinetoday.html": (
        "Third body recovered as Portugal and Spain mourn Minho boat victims", "Coastline Today"),
    "evening-compass.warc.gz#1": ("Nineteen dead after cruise boat capsizes on Portugal's Douro", "The Evening Compass"),
    "evening-compass.warc.gz#2": (
        "Portugal raises drought aid to €40m after farmers' tractor protests", "The Evening Compass"),
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article | InputError]:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    # linked pages live on .example hosts that do not exist: feed teasers are read as they are
    settings = Settings(fetch_linked_pages=False)
    return {item.source.removeprefix(f"{CORPUS}/"): item for item in read_sources([str(CORPUS)], settings)}


def test_whole_corpus_reads_without_errors(corpus: dict[str, Article | InputError]) -> None:
    assert [str(item) for item in corpus.values() if isinstance(item, InputError)] == []
    assert len(corpus) >= 15
    assert all(item.text.strip() and item.id for item in corpus.values())


@pytest.mark.parametrize("source", sorted(HTML_METADATA))
def test_html_title_and_outlet(corpus: dict[str, Article | InputError], source: str) -> None:
    article = corpus[source]
    assert isinstance(article, Article)
    assert (article.title, article.outlet) == HTML_METADATA[source]
    assert article.text.startswith(f"{article.title}\n\n")
    assert article.url and article.url.startswith("https://")
    assert article.published and article.published.startswith("2024-")


def test_every_format_is_represented(corpus: dict[str, Article | InputError]) -> None:
    media_types = {item.media_type for item in corpus.values() if isinstance(item, Article)}
    assert {"text/plain", "text/html", "application/rss+xml", "application/x-ndjson"} <= media_types
    assert any(source.endswith(".warc.gz#1") for source in corpus)


def test_paragraphs_against_the_corpus_gold(corpus: dict[str, Article | InputError]) -> None:
    """Every title, body and heading block of the gold (examples/gold `paragraph_roles`) is a line of our text,
    and so is every photo caption (the cleaning stage labels it; its credit names the photographer).

    Measured: 120/120 content blocks and 7/7 captions kept; 16 of 185 boilerplate blocks reach the text
    (in-body promos like "DOWNLOAD THE ... APP", "This story will be updated", feed teasers that repeat
    the lede), which the cleaning stage marks as boilerplate.
    """
    kept = content = leaked = furniture = captions = captions_kept = 0
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = corpus.get(path.name.removesuffix(".json"))
        if "paragraph_roles" not in gold or not isinstance(article, Article):
            continue
        lines = {" ".join(line.split()) for line in article.text.split("\n")}
        for block in gold["paragraph_roles"]:
            present = " ".join(block["text"].split()) in lines
            if block["role"] in ("title", "body", "heading"):
                content, kept = content + 1, kept + present
            elif block["role"] == "caption":
                captions, captions_kept = captions + 1, captions_kept + present
            else:
                furniture, leaked = furniture + 1, leaked + present
    if not content:
        pytest.skip("no gold with paragraph_roles yet")
    assert kept / content >= 0.99, f"{kept}/{content} content blocks kept"
    assert captions_kept == captions, f"{captions_kept}/{captions} captions kept"
    assert leaked / furniture <= 0.09, f"{leaked}/{furniture} boilerplate blocks in the text"
