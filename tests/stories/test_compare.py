"""Claims across outlets: figures that agree or conflict, independent sources, quote drift."""

from __future__ import annotations

import pytest

from newsloom.models import Story
from newsloom.stories import agreement
from newsloom.stories.compare import compare
from newsloom.stories.provenance import provenance
from newsloom.stories.quantities import figure_claims
from newsloom.stories.quotes import quotes_by_speaker
from newsloom.stories.sentences import split_clauses, split_sentences
from newsloom.stories.statements import entity_key, statements, word_keys


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        ({"value": 41, "qualifier": "exact"}, {"value": 40, "low": 40, "qualifier": "over"}, True),  # "41" vs "over 40"
        ({"value": 100000, "low": 100000, "qualifier": "over"}, {"value": 100000, "low": 100000, "qualifier": "over"}, True),
        ({"value": 12, "qualifier": "exact"}, {"value": 19, "qualifier": "exact"}, False),  # a toll that rose
        ({"value": 2000, "qualifier": "about"}, {"value": 1950, "qualifier": "exact"}, True),  # rounding
        ({"value": None, "low": 3000, "high": 4000, "qualifier": "range"}, {"value": 3500, "qualifier": "exact"}, True),
        ({"value": None, "low": 3000, "high": 4000, "qualifier": "range"}, {"value": 5000, "qualifier": "exact"}, False),
        ({"value": None, "qualifier": "about"}, {"value": 12, "qualifier": "exact"}, None),  # "dozens": unknown
        ({"value": 20, "high": 20, "qualifier": "up_to"}, {"value": 25, "qualifier": "exact"}, False),
    ],
)
def test_figures_agree_when_their_intervals_meet(a, b, verdict) -> None:
    assert agreement.agree(a, b) is verdict


def doc(article_id: str, text: str, outlet: str, published: str | None = None, wire=(), figures=(), speech=()) -> dict:
    lines, offset = [], 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            lines.append({"n": n, "start": offset, "end": offset + len(line), "role": "body", "reason": ""})
        offset += len(line) + 1
    located = []
    for figure_text, value, qualifier in figures:
        start = text.index(figure_text)
        located.append({"text": figure_text, "value": value, "low": value if qualifier == "over" else None, "high": None,
                        "qualifier": qualifier, "unit": "people", "counts": "people", "claimed_by": None,
                        "start": start, "end": start + len(figure_text)})  # fmt: skip
    return {
        "id": article_id, "source": f"{article_id}.txt", "outlet": outlet, "wire_agencies": list(wire),
        "published": {"value": published} if published else None, "text": text, "lines": lines,
        "entities": [], "places": [], "quotes": [], "reported_speech": list(speech), "figures": located, "dates": [],
    }  # fmt: skip


DOCUMENTS = [
    doc("a", "At least 12 people died when the ferry capsized on the river, officials said.", "Atlas", "2024-03-05", ["MPA"], [("At least 12 people", 12, "over")]),
    doc("b", "The death toll rose to 19 people on Tuesday evening as divers searched the river.", "Coastline", "2024-03-06", ["MPA"], [("19 people", 19, "exact")]),
    doc("c", "Nineteen people were killed when the ferry capsized, the mayor said.", "Ledger", "2024-03-06", [], [("Nineteen people", 19, "exact")]),
    doc("d", "Harbour cafes stayed closed all week out of respect for the families.", "Ledger", "2024-03-07"),
]


def test_independent_sources_count_wire_and_outlet_once() -> None:
    story = Story("s", tuple(d["id"] for d in DOCUMENTS))
    origin = provenance(DOCUMENTS, story)
    assert origin.count(["a", "b"]) == 1  # both carry the same agency's copy
    assert origin.count(["c", "d"]) == 1  # one outlet
    assert origin.count(["a", "b", "c", "d"]) == 2
    assert origin.names(["a", "c"]) == ["Ledger", "MPA"]


def test_a_rising_toll_is_a_conflict_that_names_the_newer_report() -> None:
    story = Story("s", tuple(d["id"] for d in DOCUMENTS))
    (claim,) = figure_claims(DOCUMENTS, provenance(DOCUMENTS, story))
    assert claim.status == "conflicting"
    assert claim.independent_sources == 2
    assert "newest report" in claim.note
    assert {s.article for s in claim.support} == {"a", "b", "c"}
    for s in claim.support:
        text = next(d["text"] for d in DOCUMENTS if d["id"] == s.article)
        assert text[s.start : s.end] == s.text


def test_every_claim_points_into_its_articles() -> None:
    claims, _ = compare(DOCUMENTS, Story("s", tuple(d["id"] for d in DOCUMENTS)))
    by_id = {d["id"]: d for d in DOCUMENTS}
    assert claims
    for claim in claims:
        for s in claim.support:
            assert by_id[s.article]["text"][s.start : s.end] == s.text
    only = [c for c in claims if "cafes" in c.text]
    assert only and only[0].status == "single_source"


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Gen. Mark Milley spoke. U.S. forces stayed.", ["Gen. Mark Milley spoke.", "U.S. forces stayed."]),
        ('"We will rebuild," she said. Work starts Monday.', ['"We will rebuild," she said.', "Work starts Monday."]),
        ("It rose on Nov. 12 to 19 dead.", ["It rose on Nov. 12 to 19 dead."]),
    ],
)
def test_sentence_splitting_keeps_abbreviations(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == sentences


def test_a_sentence_is_cut_into_what_each_speaker_says() -> None:
    text = "Russia signaled it was open to talks, though the president said he would only talk if troops left."
    speech = [(15, 36, "Russia"), (63, len(text) - 1, "President")]
    pieces = [text[s:e] for s, e in statements(text, 0, len(text), speech)]
    assert pieces == ["it was open to talks", "he would only talk if troops left"]


def test_quotes_with_small_wording_differences_are_one_quote_with_variants() -> None:
    documents = [
        {"id": "a", "source": "a", "outlet": "A", "quotes": [{"text": "The water came out of nowhere and took everything.", "speaker": "Ana Lima", "start": 0, "end": 10}]},
        {"id": "b", "source": "b", "outlet": "B", "quotes": [{"text": "The water came from nowhere and took everything,", "speaker": "Ana Lima", "start": 0, "end": 10}]},
        {"id": "c", "source": "c", "outlet": "C", "quotes": [{"text": "We will rebuild the bridge by summer.", "speaker": "Ana Lima", "start": 0, "end": 10}]},
    ]
    grouped = quotes_by_speaker(documents)["Ana Lima"]
    assert len(grouped) == 2
    assert [v["outlet"] for v in grouped[0]["variants"]] == ["B"]


def test_two_outlets_quoting_one_official_are_one_original_source_reported_twice() -> None:
    said = "the bridge would reopen by the summer"
    documents = []
    for article_id, outlet, lede in (("x", "Atlas", "The mayor said the bridge would reopen by the summer."),
                                     ("y", "Ledger", "The bridge would reopen by the summer, the mayor said.")):  # fmt: skip
        start = lede.lower().index(said)
        speech = {"speaker": "Ana Lima", "content": said, "cue": "said", "start": start, "end": start + len(said)}
        documents.append(doc(article_id, lede, outlet, "2024-05-02", speech=[speech]))
    claims, _ = compare(documents, Story("s", ("x", "y")))
    claim = next(c for c in claims if len(c.support) == 2)
    assert claim.status == "corroborated" and claim.independent_sources == 2
    assert claim.note == "one original source (Ana Lima) reported by 2 independent sources"


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("Crews cleared the road, while engineers inspected the old bridge.", ["Crews cleared the road", "while engineers inspected the old bridge."]),
        # a relative clause at the end is a claim of its own; one in mid-sentence is not cut out
        ("Rebels took the hill villages near Dorvan, where officials had moved families out.",
         ["Rebels took the hill villages near Dorvan", "where officials had moved families out."]),
        ("Farmers from Velm, where quotas were also cut, marched into the capital.", ["Farmers from Velm, where quotas were also cut, marched into the capital."]),
        # events chained by a preposition; a short lead-in ("shortly") joins the clause it opens
        ("Hopes of a deal faded following the collapse of the Marlo coalition government.",
         ["Hopes of a deal faded", "following the collapse of the Marlo coalition government."]),
        ("The port reopened on Monday, shortly after divers cleared the wreck from the channel.",
         ["The port reopened on Monday", "shortly after divers cleared the wreck from the channel."]),
        ("Medics continue to treat the injured and it remains unclear when the ward will reopen.",
         ["Medics continue to treat the injured", "and it remains unclear when the ward will reopen."]),
        ("The ferry sank near Oster, killing three passengers on board.", ["The ferry sank near Oster", "killing three passengers on board."]),
        ("The ferry carried tourists, including children from three schools.", ["The ferry carried tourists, including children from three schools."]),
        ('She said "the plan, while costly, works" and left.', ['She said "the plan, while costly, works" and left.']),  # not inside quotation marks
    ],
)  # fmt: skip
def test_sentences_are_cut_into_clauses(text: str, clauses: list[str]) -> None:
    assert [text[s:e] for s, e in split_clauses(text, 0, len(text))] == clauses


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the militia retreated from the valley", "the withdrawal of the militia from the valley"),
        ("talks were not ruled out", "negotiations could resume"),
        ("two soldiers were wounded", "two troops injured"),
        ("the pullback could be a ruse", "the move was a ploy"),
        ("comparable losses are likely", "probably the same losses"),
        ("the liberation of the town", "troops liberated the town"),  # derivations meet through their stem
    ],
)
def test_news_words_for_one_fact_share_a_key(a: str, b: str) -> None:
    assert {k for k, _ in word_keys(a)} & {k for k, _ in word_keys(b)} - {"town", "militia", "valley"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the plane landed safely", "rebels seized the land"),  # "landed" is no territory
        ("the cut will ruin the harvest", "farmers rejected the cut"),
    ],
)
def test_unrelated_words_do_not_fold_together(a: str, b: str) -> None:
    keys_a, keys_b = {k for k, _ in word_keys(a)}, {k for k, _ in word_keys(b)}
    assert keys_a & keys_b <= {"cut"}


@pytest.mark.parametrize(
    ("entity", "mention", "key"),
    [
        ({"canonical": "Velmians", "type": "NORP"}, "Velmian", "Velmians"),  # unknown nationality: kept
        ({"canonical": "Ukrainians", "type": "NORP"}, "Ukrainian", "Ukraine"),
        ({"canonical": "Kherson Oblast", "type": "GPE"}, "Kherson region", "Kherson"),
        ({"canonical": "Kyiv", "type": "GPE", "stands_for": "Ukraine"}, "Kyiv", "Ukraine"),
        ({"canonical": "United States", "type": "GPE"}, "U.S.", "United States"),
    ],
)
def test_statements_compare_entities_by_what_they_stand_for(entity: dict, mention: str, key: str) -> None:
    assert entity_key(entity, mention) == key


def test_relayed_speech_and_a_closing_verdict_are_statements_of_their_own() -> None:
    text = 'Dray echoed officials who warned the pullback could be a trap, and said the hasty retreat from Salka marked "a humiliating defeat for them."'
    outer = (text.index("echoed"), text.index(", and"), "Mina Dray", False)
    inner = (text.index("the pullback"), text.index(", and"), "officials", False)
    said = (text.index("the hasty"), len(text) - 1, "Mina Dray", False)
    verdict = (text.index("a humiliating"), len(text) - 1, "Mina Dray", True)
    pieces = [text[s:e] for s, e in statements(text, 0, len(text), [outer, inner, said, verdict])]
    # "echoed officials who warned" is attribution only; the closing quotation is Dray's own verdict
    assert pieces == ["the pullback could be a trap", "the hasty retreat from Salka marked", "a humiliating defeat for them."]


def _entity(canonical: str, kind: str, text: str, *names: str) -> dict:
    return {"canonical": canonical, "type": kind, "mentions": [{"start": text.index(n), "end": text.index(n) + len(n)} for n in names]}


def test_two_outlets_saying_one_thing_in_other_words_corroborate_it() -> None:
    lede_a = "Dorvan said its militia had begun retreating from the river port of Salka. Heavy rain fell across the north."
    lede_b = "Peace talks stalled again after the withdrawal of Dorvan's militia from Salka. A new bridge opened in the capital."
    a = doc("a", lede_a, "Atlas", "2024-05-02", speech=[{"speaker": "Dorvan", "start": lede_a.index("its"), "end": lede_a.index(". Heavy")}])
    b = doc("b", lede_b, "Ledger", "2024-05-03")
    a["entities"] = [_entity("Dorvan", "GPE", lede_a, "Dorvan"), _entity("Salka", "GPE", lede_a, "Salka")]
    b["entities"] = [_entity("Dorvan", "GPE", lede_b, "Dorvan"), _entity("Salka", "GPE", lede_b, "Salka")]
    claims, _ = compare([a, b], Story("s", ("a", "b")))
    (claim,) = [c for c in claims if len(c.support) == 2]
    assert claim.status == "corroborated"
    assert {s.text for s in claim.support} == {"its militia had begun retreating from the river port of Salka", "after the withdrawal of Dorvan's militia from Salka."}
    assert all(c.status == "single_source" for c in claims if c is not claim)  # rain, talks and the bridge stay apart


@pytest.mark.parametrize(
    ("figure", "key"),
    [
        ({"text": "€25 million", "unit": "EUR", "counts": "emergency drought aid", "start": 0, "end": 11}, "EUR: aid"),
        ({"text": "€300 million", "unit": "EUR", "counts": None, "start": 0, "end": 12}, None),  # money for nothing named
        ({"text": "38%", "unit": "percent", "counts": "share of capacity", "start": 0, "end": 3}, "percent: capacity"),
        ({"text": "15-metre", "unit": "metre", "counts": "metre", "start": 0, "end": 8}, None),  # a size, not a count
    ],
)
def test_quantity_keys(figure, key) -> None:
    from newsloom.stories.quantities import quantity_key

    assert quantity_key(figure, figure["text"] + " boat with 25 passengers on board") == key


def test_a_quantity_claim_points_at_every_sentence_that_repeats_it() -> None:
    first = "Forty people rescued from ferry\nRescuers said 40 people were rescued from the ferry on Tuesday."
    documents = [
        doc("a", first, "Atlas", "2024-03-06", figures=[("Forty people", 40, "exact")]),
        doc("b", "Coastguards said 12 people were rescued from the ferry on Tuesday.", "Ledger", "2024-03-05", figures=[("12 people", 12, "exact")]),
    ]
    again = first.index("40 people")
    documents[0]["figures"].append(dict(documents[0]["figures"][0], text="40 people", start=again, end=again + 9))
    claims = [c for c in figure_claims(documents, provenance(documents, Story("s", ("a", "b")))) if c.kind == "quantity"]
    assert [c.status for c in claims] == ["conflicting"]
    assert {(s.article, s.start) for s in claims[0].support} == {("a", 0), ("a", first.index("Rescuers")), ("b", 0)}
