"""Story clustering: features, wire copies, look-alike events, incremental assignment, and the
example corpus and the seeds as their gold says.

The articles below are fictional (outlets, ferries, people and places are made up): two ferry
fires a month apart that share their vocabulary but not their ships, people or harbours, a wire
copy of one report, and an unrelated council vote.
"""

from __future__ import annotations

import numpy as np
import pytest

import newsloom
from newsloom.evaluate.articles import article_name
from newsloom.evaluate.ecbplus import bcubed
from newsloom.evaluate.stories import load_story_gold
from newsloom.models import Article
from newsloom.store import Store
from newsloom.stories.cluster import (
    REGION_LIMIT,
    ArticleFeatures,
    StoryIndex,
    assign_stories,
    average_link,
    cluster,
    content_words,
    date_from_url,
    features_of,
    stored_stories,
)
from tests.conftest import EXAMPLES

AURORA = (
    "Fire on ferry Aurora Bay forces 212 passengers into lifeboats off Kestrel Island\n"
    "A fire broke out in the engine room of the ferry Aurora Bay on Tuesday morning as it crossed from "
    "Port Meriden to Kestrel Island, and all 212 passengers were moved into lifeboats, the coastguard said.\n"
    "Captain Halvard Stoke ordered the ship abandoned twenty minutes after smoke reached the car deck.\n"
    "Three crew members were treated for smoke inhalation at Meriden General Hospital.\n"
    "The Tidewater Line, which operates the Aurora Bay, said the cause of the fire was not yet known."
)
AURORA_COPY = (  # the same wire report, lightly edited by a second outlet
    "Fire on ferry Aurora Bay forces 212 passengers into lifeboats\n"
    "A fire broke out in the engine room of the ferry Aurora Bay on Tuesday morning as it crossed from "
    "Port Meriden to Kestrel Island, and all 212 passengers were moved into lifeboats, the coastguard said.\n"
    "Captain Halvard Stoke ordered the ship abandoned twenty minutes after smoke reached the car deck.\n"
    "Three crew members were treated for smoke inhalation at Meriden General Hospital in Port Meriden.\n"
    "The Tidewater Line, which operates the Aurora Bay, said the cause of the fire was not yet known."
)
AURORA_OWN = (
    "Kestrel Island ferry evacuated after engine-room blaze\n"
    "Passengers on the Aurora Bay described thick smoke and calm crew as the Tidewater Line ferry was "
    "evacuated halfway to Kestrel Island on Tuesday.\n"
    "Captain Halvard Stoke said his crew had every lifeboat in the water within half an hour.\n"
    "The coastguard towed the Aurora Bay back to Port Meriden, where investigators boarded it.\n"
    "Tidewater Line suspended its Kestrel Island crossings until Friday."
)
AURORA_FOLLOW = (
    "Investigators blame fuel leak for Aurora Bay fire\n"
    "A leaking fuel line in the engine room started the fire that forced the evacuation of the ferry "
    "Aurora Bay near Kestrel Island, the marine accident board said on Thursday.\n"
    "The board praised Captain Halvard Stoke and said the Tidewater Line had replaced the part on its other ships.\n"
    "Crossings from Port Meriden to Kestrel Island resume on Friday."
)
LARK = (
    "Fire on ferry Northern Lark: 96 passengers rescued near Port Aldous\n"
    "A fire broke out on the car deck of the ferry Northern Lark on Sunday evening as it approached "
    "Port Aldous, and its 96 passengers were taken off by lifeboat, the harbour master said.\n"
    "Captain Ines Ravel ordered the evacuation after a lorry caught fire.\n"
    "Two passengers were treated at Aldous Royal Infirmary.\n"
    "The Greyhaven Ferries company said the Northern Lark would be out of service for a month."
)
LARK_OWN = (
    "Lorry blaze empties Greyhaven ferry off Port Aldous\n"
    "Passengers of the Northern Lark watched from lifeboats as firefighters fought a lorry fire on its "
    "car deck outside Port Aldous on Sunday.\n"
    "Captain Ines Ravel said the ship's sprinklers kept the fire from spreading to the cabins.\n"
    "Greyhaven Ferries cancelled the Northern Lark's crossings for a month."
)
LARK_FOLLOW = (
    "Greyhaven Ferries to check every lorry after Northern Lark fire\n"
    "Greyhaven Ferries will inspect lorries before they board, after the fire that forced 96 passengers "
    "off the Northern Lark near Port Aldous, the company said on Tuesday.\n"
    "Captain Ines Ravel and her crew were commended by the Port Aldous harbour master."
)
COUNCIL = (
    "Wrenfield council approves budget with new library and higher parking fees\n"
    "Wrenfield city council voted 9 to 4 on Monday to approve next year's budget, which funds a new "
    "library in the Marlow district and raises parking fees by a fifth.\n"
    "Mayor Odile Brenner said the library would open in two years.\n"
    "Shop owners on Harrow Street said the parking fees would drive customers away."
)

ARTICLES = {
    "aurora.txt": (AURORA, "2031-05-06"),
    "aurora-copy.txt": (AURORA_COPY, "2031-05-06"),
    "aurora-own.txt": (AURORA_OWN, "2031-05-06"),
    "aurora-follow.txt": (AURORA_FOLLOW, "2031-05-08"),
    "lark.txt": (LARK, "2031-06-15"),
    "lark-own.txt": (LARK_OWN, "2031-06-15"),
    "lark-follow.txt": (LARK_FOLLOW, "2031-06-17"),
    "council.txt": (COUNCIL, "2031-05-05"),
}
GOLD = {name: name.split("-")[0].removesuffix(".txt") for name in ARTICLES}


@pytest.fixture(scope="module")
def fictional_documents() -> list[dict]:
    articles = [Article.from_text(text, source=name, published=day) for name, (text, day) in ARTICLES.items()]
    return [a.to_dict() for a in newsloom.analyze(articles)]


def _names(documents: list[dict]) -> dict[str, str]:
    return {d["id"]: d["source"] for d in documents}


DATED_URLS = [
    ("https://news.example/world/2031/may/06/ferry-fire", "2031-05-06"),
    ("https://news.example/2031/05/06/ferry-fire/", "2031-05-06"),
    ("https://news.example/local/20310506/ferry-fire", "2031-05-06"),
    ("https://news.example/articles/2031-05-06/news/12345", "2031-05-06"),
    ("https://news.example/story/19548736-detail/story.html", None),  # an id, not a date
    ("https://news.example/2031/02/30/no-such-day", None),
    ("https://news.example/sport/ferry-fire", None),
    (None, None),
]


@pytest.mark.parametrize(("url", "expected"), DATED_URLS)
def test_date_from_url(url, expected) -> None:
    assert date_from_url(url) == expected


WORDS = [
    ("The ferries caught fire off the island", ["ferrie", "caught", "fire", "island"]),
    ("Crew: 212 passengers, one well-known captain", ["crew", "passenger", "well-known", "captain"]),
    ("It was on them", []),
]


@pytest.mark.parametrize(("text", "expected"), WORDS)
def test_content_words(text, expected) -> None:
    assert content_words(text) == expected


LINKAGE = [
    ([[1, 0.9, 0.1], [0.9, 1, 0.2], [0.1, 0.2, 1]], 0.5, [[0, 1], [2]]),
    ([[1, 0.9, 0.6], [0.9, 1, 0.6], [0.6, 0.6, 1]], 0.5, [[0, 1, 2]]),  # 2 joins the pair: average 0.6
    ([[1, 0.9, 0.7], [0.9, 1, 0.2], [0.7, 0.2, 1]], 0.5, [[0, 1], [2]]),  # 2 is close to 0 only: average 0.45
    ([[1.0]], 0.5, [[0]]),
]


@pytest.mark.parametrize(("links", "threshold", "groups"), LINKAGE)
def test_average_link(links, threshold, groups) -> None:
    assert average_link(np.array(links), threshold) == groups


def test_features_name_words_lede_and_entities(fictional_documents) -> None:
    document = next(d for d in fictional_documents if d["source"] == "aurora.txt")
    terms = features_of(document).terms
    assert "ferry" in terms and "L:ferry" in terms  # a body word, and a lede word
    assert "L:investigator" not in terms
    people = [t for t in terms if t.startswith("E:person/")]
    assert any("stoke" in t for t in people)


def test_features_take_the_url_day_when_undated() -> None:
    document = {"id": "x", "text": "Ferry fire", "lines": [], "url": "https://news.example/2031/05/06/fire", "published": None}
    assert features_of(document).published == "2031-05-06"


def test_look_alike_events_and_a_wire_copy(fictional_documents) -> None:
    names = _names(fictional_documents)
    stories = cluster(fictional_documents)
    found = {names[a]: s.id for s in stories for a in s.article_ids}
    assert bcubed(found, GOLD)["f1"] == 1.0
    copies = {names[c]: names[o] for s in stories for c, o in s.wire_copies.items()}
    assert copies == {"aurora-copy.txt": "aurora.txt"}


def test_stored_stories_grow_incrementally_as_one_batch_would(fictional_documents) -> None:
    """Articles stored in two rounds end in the stories the whole batch forms."""
    by_name = {d["source"]: d for d in fictional_documents}
    analyses = {a.article.source: a for a in newsloom.analyze(
        [Article.from_text(text, source=name, published=day) for name, (text, day) in ARTICLES.items()]
    )}
    first = ["aurora.txt", "lark.txt", "council.txt", "aurora-own.txt"]
    with Store(":memory:") as store:
        for round_names in (first, [n for n in ARTICLES if n not in first]):
            added = [analyses[n].id for n in round_names if store.add(analyses[n])]
            assign_stories(store, added)
        names = {by_name[n]["id"]: n for n in ARTICLES}
        found = {names[a]: s.id for s in stored_stories(store) for a in s.article_ids}
    assert bcubed(found, GOLD)["f1"] == 1.0


def test_a_story_too_large_to_recluster_still_takes_its_articles() -> None:
    """Past REGION_LIMIT articles a story is joined through the new article's neighbours."""
    shared = {w: 1.0 for w in content_words(AURORA)} | {"E:person/halvard-stoke": 1.0, "E:place/kestrel-island": 1.0}
    other = {w: 1.0 for w in content_words(COUNCIL)} | {"E:person/odile-brenner": 1.0}
    index = StoryIndex()
    stories = set()
    for n in range(REGION_LIMIT + 20):
        extra = {f"detail{n}": 1.0, f"detail{n + 1}": 1.0}
        stories.add(index.add(ArticleFeatures(f"a{n}", shared | extra, "2031-05-06")).story_id)
    council = index.add(ArticleFeatures("council", other, "2031-05-06"))
    assert len({index.story_of(f"a{n}") for n in range(REGION_LIMIT + 20)}) == 1
    assert council.story_id != index.story_of("a0")


def test_the_examples_form_their_gold_stories(example_documents) -> None:
    gold_stories = load_story_gold(EXAMPLES / "gold" / "stories.json")
    gold = {a: s["id"] for s in gold_stories for a in s["articles"]}
    names = {d["id"]: article_name(d) for d in example_documents}
    stories = cluster(example_documents)
    found = {names[a]: s.id for s in stories for a in s.article_ids}
    assert bcubed(found, gold)["f1"] == 1.0
    copies = {names[c]: names[o] for s in stories for c, o in s.wire_copies.items()}
    expected = {a: p["copy_of"] for s in gold_stories for a, p in s["wire_provenance"].items() if p.get("copy_of")}
    assert copies == expected


def test_the_seeds_are_one_story(seed_documents) -> None:
    assert [len(s.article_ids) for s in cluster(seed_documents)] == [2]
