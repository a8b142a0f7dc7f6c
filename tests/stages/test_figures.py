"""Figures: our own sentences for every form (value, range, qualifier, unit, counts, claimant), negatives,
the number reader on its own, and the seeds gold with a pinned floor."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from newsloom.models import Entity, Mention, Quote, ReportedSpeech
from newsloom.stages.figures import amounts, find_figures
from newsloom.stages.language import content_spans, parse
from tests.conftest import shared_path

PEOPLE = {
    "Mara Lindqvist": ("PERSON", ["Mara Lindqvist", "Lindqvist"]),
    "Tomas Ferreira": ("PERSON", ["Tomas Ferreira", "Ferreira"]),
    "Velmar": ("GPE", ["Velmar"]),
    "Velmar Health Ministry": ("ORG", ["health ministry"]),
}
"""Fictional people and places; `entities_in` finds their mentions as the entities stage would."""


def entities_in(text: str) -> list[Entity]:
    found = []
    for n, (canonical, (kind, forms)) in enumerate(PEOPLE.items()):
        mentions = sorted(
            (Mention(m.group(), m.start(), m.end()) for form in forms for m in re.finditer(re.escape(form), text)),
            key=lambda m: m.start,
        )
        kept = [m for m in mentions if not any(o.start <= m.start and m.end <= o.end and o != m for o in mentions)]
        if kept:
            found.append(Entity(f"e{n}", canonical, kind, tuple(kept)))
    return found


def figures_of(parse, text: str, quotes=(), speech=()):
    return find_figures(parse(text), entities_in(text), list(quotes), list(speech), text)


def assert_figures(found, expected) -> None:
    """Each expected (text, value, low, high, qualifier, unit, counts, claimed_by) in order."""
    assert [f.text for f in found] == [e[0] for e in expected]
    for figure, (_text, value, low, high, qualifier, unit, counts, claimed_by) in zip(found, expected, strict=True):
        assert (figure.value, figure.low, figure.high) == (
            pytest.approx(value) if value is not None else None,
            low,
            high,
        ), figure
        assert (figure.qualifier, figure.unit, figure.counts, figure.claimed_by) == (
            qualifier,
            unit,
            counts,
            claimed_by,
        )


FORMS = [
    # digits, separators, number words
    ("The storm destroyed 1,250 homes in the coastal town of Tarvik.",
     [("1,250 homes", 1250, None, None, "exact", "homes", "homes", None)]),
    ("Rescuers pulled forty miners from the flooded shaft.",
     [("forty miners", 40, None, None, "exact", "miners", "miners", None)]),
    ("Two ferries sank near the harbour.", [("Two ferries", 2, None, None, "exact", "ferries", "ferries", None)]),
    ("Kherson was one of four Ukrainian regions annexed in September.",
     [("four", 4, None, None, "exact", "regions", "Ukrainian regions", None)]),
    # vague words and fractions
    ("Dozens of protesters gathered outside the council building.",
     [("Dozens", None, None, None, "about", "protesters", "protesters", None)]),
    ("Hundreds of families fled the valley.", [("Hundreds", None, None, None, "about", "families", "families", None)]),
    ("About half of the 3,000 workers joined the strike.",
     [("About half", 0.5, None, None, "about", "fraction", "share of 3,000 workers", None),
      ("3,000 workers", 3000, None, None, "exact", "workers", "workers", None)]),
    ("A third of the budget went to road repairs.",
     [("A third", 0.33, None, None, "exact", "fraction", "share of budget", None)]),
    ("Nearly a quarter of the seats were empty.",
     [("Nearly a quarter", 0.25, None, None, "about", "fraction", "share of seats", None)]),
    # money
    ("The Velmar government approved a $400 million rail loan.",
     [("$400 million", 400_000_000, None, None, "exact", "USD", "rail loan", None)]),
    ("The club paid €40m for the striker and the league earned £2.5bn from television.",
     [("€40m", 40_000_000, None, None, "exact", "EUR", None, None),
      ("£2.5bn", 2_500_000_000, None, None, "exact", "GBP", None, None)]),
    ("Ostrava spent 1.2 billion rubles on the bridge.",
     [("1.2 billion rubles", 1_200_000_000, None, None, "exact", "RUB", None, None)]),
    # percentages
    ("Prices rose 12% while wages rose 3.5 percent.",
     [("12%", 12, None, None, "exact", "percent", "Prices", None),
      ("3.5 percent", 3.5, None, None, "exact", "percent", "wages", None)]),
    # ranges
    ("The clinic treated 20,000-30,000 patients last year.",
     [("20,000-30,000 patients", None, 20000, 30000, "range", "patients", "patients", None)]),
    ("The fire burned between 3,000 and 4,000 hectares.",
     [("between 3,000 and 4,000 hectares", None, 3000, 4000, "range", "hectare", "hectares", None)]),
    ("The flood displaced 3,000 to 4,000 people.",
     [("3,000 to 4,000 people", None, 3000, 4000, "range", "people", "people", None)]),
    ("Three or four ships were seen near the port.",
     [("Three or four ships", None, 3, 4, "range", "ships", "ships seen near the port", None)]),
    # qualifiers
    ("More than 100,000 people signed the petition.",
     [("More than 100,000 people", 100000, 100000, None, "over", "people", "people", None)]),
    ("Well over 500 shops closed.", [("Well over 500 shops", 500, 500, None, "over", "shops", "shops", None)]),
    ("Almost 60 bridges need repairs.", [("Almost 60 bridges", 60, None, None, "about", "bridges", "bridges", None)]),
    ("Around 800 cars were recalled.", [("Around 800 cars", 800, None, None, "about", "cars", "cars recalled", None)]),
    ("Some 70 journalists attended.", [("Some 70 journalists", 70, None, None, "about", "journalists", "journalists", None)]),
    ("Roughly 15,000 tickets were sold.",
     [("Roughly 15,000 tickets", 15000, None, None, "about", "tickets", "tickets sold", None)]),
    ("At least 12 people died in the crash.",
     [("At least 12 people", 12, 12, None, "at_least", "people", "people", None)]),
    ("Up to 300 flights may be cancelled.",
     [("Up to 300 flights", 300, None, 300, "up_to", "flights", "flights cancelled", None)]),
    ("As many as 40 villages lost power.",
     [("As many as 40 villages", 40, None, 40, "up_to", "villages", "villages", None)]),
    ("Fewer than 10 doctors remain in the district.",
     [("Fewer than 10 doctors", 10, None, 10, "under", "doctors", "doctors", None)]),
    ("Less than 5% of the vote went to the incumbent.",
     [("Less than 5%", 5, None, 5, "under", "percent", "share of vote", None)]),
    ("An estimated 9,000 fans travelled to the final.",
     [("An estimated 9,000 fans", 9000, None, None, "about", "fans", "fans", None)]),
    # ages and durations
    ("Tomas Ferreira, a 55-year-old baker, lost his shop.",
     [("55-year-old", 55, None, None, "exact", "years of age", "age of Tomas Ferreira", None)]),
    ("The siege lasted eight months.",
     [("eight months", 8, None, None, "exact", "months", "duration: siege lasted", None)]),
    ("Residents have waited for weeks for clean water.",
     [("weeks", None, None, None, "about", "weeks", "duration: Residents waited for clean water", None)]),
    ("The levy raised £2.5bn over five years.",
     [("£2.5bn", 2_500_000_000, None, None, "exact", "GBP", None, None),
      ("five years", 5, None, None, "exact", "years", "duration: levy raised £2.5bn", None)]),
    # a change is two figures in news, not a range
    ("Fuel prices rose from 5% to 7% last year.",
     [("5%", 5, None, None, "exact", "percent", "Fuel prices", None),
      ("7%", 7, None, None, "exact", "percent", "Fuel prices", None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[f[0][:40] for f in FORMS])
def test_forms(parse, text, expected):
    assert_figures(figures_of(parse, text), expected)


CLAIMS = [
    ("Lindqvist estimated that 2,000 homes were damaged.",
     [("2,000 homes", 2000, None, None, "exact", "homes", "homes damaged", "Mara Lindqvist")]),
    ("At least 14 people were injured, according to the health ministry.",
     [("At least 14 people", 14, 14, None, "at_least", "people", "people injured", "Velmar Health Ministry")]),
    # the innermost claimant of a nested attribution
    ("Ferreira said on Monday that the health ministry estimates that more than 900 patients are waiting.",
     [("more than 900 patients", 900, 900, None, "over", "patients", "patients", "Velmar Health Ministry")]),
    # a figure in a quotation, the attribution in the neighbouring sentence
    ('"We have lost 40 boats this winter," Ferreira said. "Another 15 are damaged."',
     [("40 boats", 40, None, None, "exact", "boats", "lost boats", "Tomas Ferreira"),
      ("15", 15, None, None, "exact", None, None, "Tomas Ferreira")]),
    ("Lindqvist spoke to reporters. She said 70 teachers had resigned.",
     [("70 teachers", 70, None, None, "exact", "teachers", "teachers", "Mara Lindqvist")]),
    ("The repairs could take months, engineers said.",
     [("months", None, None, None, "about", "months", "duration: repairs take", "engineers")]),
    # opinions claim nothing; the speaker's own description is not what they say
    ("Some, like Tomas Ferreira, thought the town had lost 300 jobs.",
     [("300 jobs", 300, None, None, "exact", "jobs", "lost jobs", None)]),
    ("Lindqvist said the town needs 40 more nurses, while Ferreira thought it needed 60.",
     [("40", 40, None, None, "exact", "nurses", "more nurses", "Mara Lindqvist"),
      ("60", 60, None, None, "exact", None, None, None)]),
    ('"The harbour is closed," said Tomas Ferreira, a 61-year-old fisherman.',
     [("61-year-old", 61, None, None, "exact", "years of age", "age of Tomas Ferreira", None)]),
    # a described, unnamed claimant keeps its description (the age too)
    ("A 61-year-old fisherman from Tarvik said a third of the fleet had been lost.",
     [("61-year-old", 61, None, None, "exact", "years of age", "age of fisherman", None),
      ("a third", 0.33, None, None, "exact", "fraction", "share of fleet", "fisherman")]),  # the age is not who speaks
    # what money is for when no noun follows it
    ("The ministry offered farmers €25 million in drought aid on Tuesday.",
     [("€25 million", 25000000, None, None, "exact", "EUR", "drought aid", None)]),
    ("Tarvik raised its flood aid to €40 million.",
     [("€40 million", 40000000, None, None, "exact", "EUR", "its flood aid", None)]),
    # a headline's toll, without a noun; a count as the subject of a passive
    ("Two dead, one missing after ferry sinks off Tarvik",
     [("Two", 2, None, None, "exact", None, "people dead", None), ("one", 1, None, None, "exact", None, "people missing", None)]),
    ("At least nine were rescued by fishermen, the coastguard said.",
     [("At least nine", 9, 9, None, "at_least", None, None, "coastguard")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CLAIMS, ids=[c[0][:40] for c in CLAIMS])
def test_claims(parse, text, expected):
    assert_figures(figures_of(parse, text), expected)


def test_claim_from_records(parse):
    """A quote record's speaker claims the figures inside it, even where the parse finds no cue."""
    text = "Velmar's mayor spoke at length. 'Thirty buses are out of service.'"
    quote_start = text.index("Thirty")
    quote = Quote(
        "Thirty buses are out of service.", "Mara Lindqvist", "e0", "direct", None, quote_start, len(text) - 1
    )
    [figure] = figures_of(parse, text, quotes=[quote])
    assert (figure.text, figure.claimed_by, figure.claimed_by_id) == ("Thirty buses", "Mara Lindqvist", "e0")


def test_opinion_record_claims_nothing(parse):
    text = "Ferreira believes the port lost 200 containers."
    start = text.index("the port")
    speech = ReportedSpeech("Tomas Ferreira", "e1", "the port lost 200 containers", "believes", start, len(text) - 1)
    [figure] = figures_of(parse, text, speech=[speech])
    assert (figure.text, figure.claimed_by) == ("200 containers", None)


NOT_FIGURES = [
    "Velmar joined the alliance in 2014 and hosted its summit on Nov. 12.",
    "The ceasefire began on Feb. 24, 2021, at 10:30 a.m.",
    "No one was hurt and the third round of talks begins.",
    "Leaders met at the G20 summit to discuss the Apollo 11 anniversary.",
    "Call 555-123-4567 for details on Article 5 of the treaty.",
    "She finished 21st and the team won 2-0 on Sunday.",
    "The iPhone 12 Pro sold well in the 1990s.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(parse, text):
    assert figures_of(parse, text) == []


def test_one_of_four_counts_only_four(parse):
    assert [f.text for f in figures_of(parse, "Kherson was one of four regions.")] == ["four regions"]


def test_offsets_point_into_the_article(parse):
    text = "Intro line.\n\nOfficials said 20,000-30,000 people were displaced, and 41 settlements were freed."
    for figure in figures_of(parse, text):
        assert text[figure.start : figure.end] == figure.text


AMOUNTS = [
    ("a $400 million loan", [("$400 million", 4e8, None, None, "money", "USD")]),
    ("US $1.1 million and HK $216,925", [("US $1.1 million", 1.1e6, None, None, "money", "USD"),
                                         ("HK $216,925", 216925, None, None, "money", "HKD")]),
    ("worth $89 to $93 billion", [("$89 to $93 billion", None, 8.9e10, 9.3e10, "money", "USD")]),
    ("1 to 2 thousand people", [("1 to 2 thousand", None, 1000, 2000, "number", None)]),
    ("a 5.5kWh battery and 50mph winds", [("5.5kWh", 5.5, None, None, "measure", "kilowatt hour"),
                                          ("50mph", 50, None, None, "measure", "mile per hour")]),
    ("two-thirds of voters", [("two-thirds", 2 / 3, None, None, "fraction", "fraction")]),
    ("one in five adults", [("one in five", 0.2, None, None, "fraction", "fraction")]),
    ("two dozen eggs and one and a half years", [("two dozen", 24, None, None, "number", None),
                                                 ("one and a half", 1.5, None, None, "number", None)]),
    ("tens of thousands of students", [("tens of thousands", None, None, None, "vague", None)]),
    ("a 400 million-year-old rock", [("400 million-year-old", 4e8, None, None, "age", "years of age")]),
    ("up 9.4 per cent to $84", [("9.4 per cent", 9.4, None, None, "percent", "percent"),
                                ("$84", 84, None, None, "money", "USD")]),
    ("at 10:27 PM on 11/12/2022, the G20 and COVID-19 and the 1990s", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_scan(text, expected):
    found = amounts.scan(text)
    assert [(a.text, a.low, a.high, a.kind, a.unit) for a in found] == [(e[0], *e[2:]) for e in expected]
    assert [a.value for a in found] == [pytest.approx(e[1]) if e[1] is not None else None for e in expected]


def test_newsquant_conventions_read_from_to_as_a_range():
    [amount] = amounts.scan("Horsepower jumped from 240 to 273.", newsquant=True)
    assert (amount.low, amount.high, amount.from_to) == (240, 273, True)


# ----- the seeds gold ---------------------------------------------------------------------------------

SEEDS = ("000_9fa3f24055475fae.txt", "003_2a9ac05d5c7f9857.txt")
SEED_FLOORS = {"figures": 0.95, "claimed_by": 0.95}  # measured 1.00 and 1.00 (21/21 figures, 11/11 claimants)


def _norm(text) -> str:
    """score_seeds.py's folding: case, quote marks, punctuation."""
    folded = unicodedata.normalize("NFKC", str(text or "")).lower()
    folded = re.sub(r"[\"'“”‘’«»]", "", folded)
    folded = re.sub(r"[^\w$%.,-]+", " ", folded)
    return re.sub(r"\s+", " ", folded).strip(" .,")


def _same_figure(gold: dict, figure) -> bool:
    a, b = _norm(gold["text"]), _norm(figure.text)
    if not b or not (a in b or b in a):
        return False
    return all(gold[k] == getattr(figure, k) for k in ("value", "low", "high") if gold.get(k) is not None)


def _same_speaker(a, b) -> bool:
    x, y = _norm(a), _norm(b)
    return bool(x and y) and (x == y or x in y or y in x or x.split()[-1] == y.split()[-1])


def _f1(matched: int, n_system: int, n_gold: int) -> float:
    precision, recall = matched / max(1, n_system), matched / max(1, n_gold)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _match(gold: list[dict], system: list, same) -> int:
    used, matched = set(), 0
    for g in gold:
        i = next((i for i, s in enumerate(system) if i not in used and same(g, s)), None)
        if i is not None:
            used.add(i)
            matched += 1
    return matched


def seed_scores(nlp, records) -> dict[str, float]:
    """Figures and claimants F1 over both seeds, matched as score_seeds.py matches them."""
    counts = {"figures": [0, 0, 0], "claimed_by": [0, 0, 0]}
    for name in SEEDS:
        text = shared_path("seeds", name).read_text(encoding="utf-8")
        gold = json.loads(shared_path("gold", f"{name}.json").read_text(encoding="utf-8"))
        spans = [s for s in content_spans(text) if s[0] not in gold["boilerplate_lines"]]
        paragraphs = parse(nlp, text, spans)
        found = find_figures(paragraphs, *records(paragraphs, text, gold), text)
        counts["figures"] = [
            a + b
            for a, b in zip(
                counts["figures"],
                (_match(gold["figures"], found, _same_figure), len(found), len(gold["figures"])),
                strict=True,
            )
        ]
        claimed_gold = [g for g in gold["figures"] if g["claimed_by"]]
        claimed = _match(
            claimed_gold, found, lambda g, f: _same_figure(g, f) and _same_speaker(g["claimed_by"], f.claimed_by)
        )
        counts["claimed_by"] = [
            a + b
            for a, b in zip(
                counts["claimed_by"], (claimed, sum(1 for f in found if f.claimed_by), len(claimed_gold)), strict=True
            )
        ]
    return {key: _f1(*value) for key, value in counts.items()}


def gold_records(paragraphs, text, gold):
    """The upstream records built by hand from the gold: entities with every occurrence, and quotes."""
    entities = [
        Entity(
            str(n), e["canonical"], e["type"], tuple(Mention(o["text"], o["start"], o["end"]) for o in e["occurrences"])
        )
        for n, e in enumerate(gold["entities"])
    ]
    quotes = [Quote(q["text"], q["speaker"], None, q["kind"], q["cue"], q["start"], q["end"]) for q in gold["quotes"]]
    return entities, quotes, []


def pipeline_records(paragraphs, text, gold):
    """The upstream records as the pipeline makes them (places -> entities -> quotes)."""
    from newsloom.stages import entities, places, quotes

    found_entities, _ = entities.find_entities(paragraphs, text, places.find_places(paragraphs, text))
    found_quotes, speech = quotes.find_quotes(paragraphs, found_entities, text)
    return found_entities, found_quotes, speech


@pytest.fixture(scope="module")
def seeds_with_gold_records(nlp):
    return seed_scores(nlp, gold_records)


@pytest.mark.parametrize("measure", sorted(SEED_FLOORS))
def test_seeds_floor(seeds_with_gold_records, measure):
    assert seeds_with_gold_records[measure] >= SEED_FLOORS[measure]


def test_seeds_with_pipeline_records(nlp):
    """With the entities and quotes stages upstream; floors at the task's targets (measured 1.00 and 1.00)."""
    scores = seed_scores(nlp, pipeline_records)
    assert scores["figures"] >= 0.90
    assert scores["claimed_by"] >= 0.85
