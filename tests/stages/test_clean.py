"""Line roles, outlet and wire signatures: tables of lines as real pages print them."""

from __future__ import annotations

import json

import pytest

from newsloom.models import Article
from newsloom.stages.clean import classify_lines, clean, detect_outlet, detect_photo_credits, detect_wire_agencies


@pytest.mark.parametrize(
    ("line", "role", "reason"),
    [
        ("CLICK HERE TO GET THE HARBOUR LEDGER APP", "boilerplate", "app promo"),
        ("Download the Daily Meridian app for breaking news", "boilerplate", "app promo"),
        ("Load more..", "boilerplate", "load more"),
        ("Show more", "boilerplate", "load more"),
        ("Sign up for our free morning newsletter", "boilerplate", "sign-up line"),
        ("Share this article", "boilerplate", "share line"),
        ("Advertisement", "boilerplate", "advertisement"),
        ("Remind me later.", "boilerplate", "appeal"),
        ("© 2024 Continental Observer. All rights reserved.", "boilerplate", "copyright"),
        ("By Ana Ribeiro and Tomas Weller", "boilerplate", "byline"),
        ("Ana Ribeiro is a senior correspondent based in Lisbon.", "boilerplate", "author bio"),
        ("Meridian Press Agency contributed to this report.", "boilerplate", "credit line"),
        ("RIVER FERRY OPERATORS FACE NEW SAFETY RULES AFTER SPRING FLOODS", "boilerplate", "teaser (all caps)"),
        ("Rescuers search the river near Peso da Régua on Tuesday. (Photo by Rui Costa/Meridian Press Agency)", "caption", "photo caption"),
        ("Residents wait outside the town hall. (AP Photo/Lena Marsh)", "caption", "photo caption"),
        ("Photo: Firefighters at the warehouse on Monday night.", "caption", "photo caption"),
        ("Divers prepare to search the river near Corran. Photograph: Ana Reis/Harbour Ledger", "caption", "photo caption"),
    ],
)
def test_furniture_is_named_with_its_reason(line: str, role: str, reason: str) -> None:
    lines = ["Ferry capsizes on the Douro", line, "Rescuers pulled 14 people from the water on Tuesday, officials said."]
    assert classify_lines(lines)[1] == (role, reason)


@pytest.mark.parametrize(
    "line",
    [
        "Rescuers pulled 14 people from the water on Tuesday, officials said.",
        '"We will not stop searching," the mayor said.',
        "The U.S. and the EU issued a joint statement.",
        "Share prices fell sharply after the announcement, traders said.",  # a sentence about shares
        "Signing up for the scheme has been slow, the minister admitted.",
    ],
)
def test_article_sentences_stay_body(line: str) -> None:
    lines = ["Ferry capsizes on the Douro", line, "The search resumed at dawn."]
    assert classify_lines(lines)[1] == ("body", "")


def test_headline_dek_headings_and_trailing_fragments() -> None:
    lines = [
        "Ferry capsizes on the Douro, dozens missing",
        "Rescue teams search the river through the night as families wait on the bank",
        "A river ferry carrying 41 passengers capsized near Peso da Régua on Tuesday, officials said.",
        "What happened?",
        "The vessel struck a submerged rock, according to the harbour master.",
        "Ferries  Portugal  Rivers",
    ]
    assert [role for role, _ in classify_lines(lines)] == ["title", "heading", "body", "heading", "body", "boilerplate"]


def test_a_lede_ending_in_a_period_is_not_a_headline() -> None:
    lines = ["A river ferry carrying 41 passengers capsized near Peso da Régua on Tuesday, officials said.", "The search resumed at dawn."]
    assert [role for role, _ in classify_lines(lines)] == ["body", "body"]


def test_an_appeal_block_is_boilerplate_to_its_end() -> None:
    lines = [
        "The search resumed at dawn, the harbour master said.",
        "A Message from The Harbour Ledger:",
        "Dear readers,",
        "Independent journalism costs money. We rely on readers like you.",
        "Please support us with a monthly contribution.",
    ]
    assert [role for role, _ in classify_lines(lines)] == ["body"] + ["boilerplate"] * 4


def test_a_caption_printed_twice_is_caption_both_times() -> None:
    caption = "Families wait on the river bank on Tuesday. (Photo by Rui Costa/MPA)"
    roles = classify_lines(["Ferry capsizes", "Rescuers searched the river, officials said.", caption, "Divers joined them.", caption])
    assert roles[2][0] == roles[4][0] == "caption"


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (["A Message from The Moscow Times:"], "The Moscow Times"),
        (["CLICK HERE TO GET THE FOX NEWS APP"], "Fox News"),
        (["A Message from The Harbour Ledger:"], "The Harbour Ledger"),
        (["GET THE CONTINENTAL OBSERVER APP"], "Continental Observer"),
        (["© 2024 Daily Meridian. All rights reserved."], "Daily Meridian"),
        (["Nothing here names an outlet."], None),
    ],
)
def test_outlet_signatures(lines: list[str], outlet: str | None) -> None:
    assert detect_outlet(lines) == outlet


@pytest.mark.parametrize(
    ("lines", "agencies"),
    [
        (['"It has become harder," a soldier told AFP in the town.'], ("AFP",)),
        (["LISBON (Reuters) - The central bank raised rates."], ("Reuters",)),
        (["PORTO, Portugal (AP) — A ferry capsized."], ("AP",)),
        (["PORTO, Portugal (MPA) — A ferry capsized."], ("Meridian Press Agency",)),
        (["The minister spoke to reporters."], ()),
    ],
)
def test_wire_signatures(lines: list[str], agencies: tuple[str, ...]) -> None:
    assert detect_wire_agencies(lines) == agencies


def test_photo_credits_are_not_wire_agencies() -> None:
    captions = [
        "People celebrate in the square. (Photo by Ed Lamb/Getty Images)",
        "Crowds gather in the capital. (AP Photo/Lena Marsh)",
    ]
    assert detect_photo_credits(captions) == ("Getty Images", "AP")
    article = Article.from_text("Crowds gather\n\nCrowds gathered on Friday.\n\n" + captions[1])
    assert clean(article).wire_agencies == ()


@pytest.mark.parametrize(
    ("caption", "credits"),
    [
        ("The quay at Corran on Tuesday. (Photo: Ana Reis/Harbour Ledger)", ("Harbour Ledger",)),  # photographer/rights holder
        ("The quay at Corran. Photograph: Ana Reis/Harbour Ledger", ("Harbour Ledger",)),
        ("Rescuers below the bridge on Sunday. (Photo: Ponte Images)", ("Ponte Images",)),
        ("The mayor at the quay. (Photo: Ana Reis)", ()),  # a photographer alone credits no agency
    ],
)
def test_photo_credits_name_who_holds_the_rights(caption: str, credits: tuple[str, ...]) -> None:
    assert detect_photo_credits([caption]) == credits


def test_outlet_option_and_metadata_win_over_signatures() -> None:
    article = Article.from_text("Story\n\nBody text here.\n\nCLICK HERE TO GET THE FOX NEWS APP", outlet="Site Name")
    assert clean(article).outlet == "Site Name"
    assert clean(article, outlet="Given").outlet == "Given"


def test_offsets_point_at_the_line_text() -> None:
    text = "  Ferry capsizes  \n\nRescuers searched the river.\n"
    lines = clean(Article.from_text(text)).lines
    assert [(ln.n, text[ln.start : ln.end]) for ln in lines] == [(1, "Ferry capsizes"), (3, "Rescuers searched the river.")]


@pytest.mark.parametrize("seed", ["000_9fa3f24055475fae.txt", "003_2a9ac05d5c7f9857.txt"])
def test_seed_line_roles_match_gold(seed: str, seeds_dir, gold_dir) -> None:
    text = (seeds_dir / seed).read_text("utf-8")
    gold = json.loads((gold_dir / f"{seed}.json").read_text("utf-8"))
    cleaning = clean(Article.from_text(text, source=seed))
    assert {str(line.n): line.role for line in cleaning.lines} == gold["line_roles"]
    assert cleaning.outlet == gold["outlet"]
    assert list(cleaning.wire_agencies) == gold["wire_agencies"]
    assert sorted(cleaning.photo_credits) == sorted(gold["photo_credits"])
    assert cleaning.title == gold["title"]


@pytest.mark.parametrize(
    ("pattern", "word"),
    [
        (r"\btold (?:the )?AP\b", "told"),  # a group is optional: its words are not required
        (r"(?i)GET THE FOX NEWS APP", "get the fox news app"),  # looked for in the lower-cased text
        (r"\bReuters contributed\b", "Reuters contributed"),
        (r"\bcorrespondents?\b", "correspondent"),  # the optional s is not
        (r"\(AP\)|\bAP\b", None),  # alternatives: nothing is required
        (r"[A-Z][a-z]+ Ledger", "Ledger"),
    ],
)
def test_the_word_a_signature_requires(pattern: str, word: str | None) -> None:
    from newsloom.stages.clean import _required_word

    assert _required_word(pattern) == word
